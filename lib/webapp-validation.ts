/**
 * @module
 * Every check on WebApp props, run before anything is built, so bad input fails with a message
 * naming the construct, the prop and the rule rather than an error from inside cdk8s.
 */
import type { IConstruct } from 'constructs';
import { BosunValidationError } from './errors';
import { checkResources } from './resources';
import { checkSecurityOverrides } from './security';
import {
  checkDnsLabel,
  checkDnsSubdomain,
  checkEnvNames,
  checkInteger,
  checkIntOrPercent,
  checkNonEmpty,
  checkOneOf,
  checkPort,
  isZeroIntOrPercent,
} from './validate';
import {
  checkEntryObject,
  checkList,
  checkObject,
  checkPropsObject,
  checkStringList,
  checkStringRecord,
  quoted,
} from './validate-shapes';
import { APP_CONTAINER_NAME, DEFAULT_PORT } from './webapp-defaults';
import { checkWebAppKnownFields } from './webapp-known-fields';
import type { WebAppProps } from './webapp-props';

const SERVICE_TYPES = ['ClusterIP', 'NodePort', 'LoadBalancer'] as const;
const NODE_PORT_MIN = 30000;
const NODE_PORT_MAX = 32767;

/** Throws a BosunValidationError at the first prop that breaks a rule. */
export function validateWebAppProps(scope: IConstruct, props: WebAppProps | undefined): void {
  checkPropsObject(scope, props, ['image']);
  checkShapes(scope, props);
  checkWebAppKnownFields(scope, props);
  checkNonEmpty(scope, 'image', props.image);
  checkPort(scope, 'port', props.port);
  checkPort(scope, 'servicePort', props.servicePort);
  checkInteger(scope, 'replicas', props.replicas, 0);
  checkAutoscaling(scope, props.autoscaling, props.replicas);
  checkEnv(scope, 'env', props.env);
  checkEnv(scope, 'secretEnv', props.secretEnv);
  checkNoSharedKeys(scope, props.env, props.secretEnv);
  checkStringList(scope, 'envFromSecrets', props.envFromSecrets);
  props.envFromSecrets?.forEach((name, i) =>
    checkDnsSubdomain(scope, `envFromSecrets[${i}]`, name),
  );
  checkStringList(scope, 'command', props.command);
  checkStringList(scope, 'args', props.args);
  checkResources(scope, 'resources', props.resources);
  checkProbe(scope, 'liveness', props.liveness);
  checkProbe(scope, 'readiness', props.readiness);
  checkProbe(scope, 'startup', props.startup);
  checkRollout(scope, props.rollout);
  checkDeadlines(scope, props.minReadySeconds, props.progressDeadlineSeconds);
  checkDisruptionBudget(scope, props.disruptionBudget);
  checkService(scope, props);
  checkSidecars(scope, props.sidecars, props.port ?? DEFAULT_PORT);
  checkWritablePaths(scope, props.writablePaths);
  checkSecurityOverrides(scope, 'securityContext', props.securityContext);
}

const OBJECT_PROPS = [
  'env',
  'secretEnv',
  'liveness',
  'readiness',
  'startup',
  'autoscaling',
  'rollout',
] as const;
const LIST_PROPS = ['envFromSecrets', 'command', 'args', 'sidecars', 'writablePaths'] as const;

/**
 * Props of the wrong JSON type (null, a string where an object belongs, ...) fail here with a
 * message, before any later check could trip over them with a TypeError.
 */
function checkShapes(scope: IConstruct, props: WebAppProps): void {
  for (const prop of OBJECT_PROPS) checkObject(scope, prop, props[prop]);
  if (props.disruptionBudget !== false)
    checkObject(scope, 'disruptionBudget', props.disruptionBudget);
  for (const prop of LIST_PROPS) checkList(scope, prop, props[prop]);
  (props.sidecars ?? []).forEach((sidecar, i) =>
    checkEntryObject(scope, `sidecars[${i}]`, sidecar, '{ name, image }'),
  );
}

function checkAutoscaling(
  scope: IConstruct,
  spec: WebAppProps['autoscaling'],
  replicas: number | undefined,
): void {
  if (spec === undefined) return;
  if (replicas !== undefined) {
    throw new BosunValidationError(
      `replicas must not be set together with autoscaling: the HorizontalPodAutoscaler owns the replica count (got replicas ${replicas}); use autoscaling.minReplicas instead`,
      scope,
    );
  }
  checkInteger(scope, 'autoscaling.minReplicas', spec.minReplicas, 1);
  if (spec.maxReplicas === undefined) {
    throw new BosunValidationError('autoscaling.maxReplicas must be given', scope);
  }
  checkInteger(scope, 'autoscaling.maxReplicas', spec.maxReplicas, 1);
  const min = spec.minReplicas ?? Math.min(2, spec.maxReplicas);
  if (min > spec.maxReplicas) {
    throw new BosunValidationError(
      `autoscaling.minReplicas must not exceed autoscaling.maxReplicas (got ${min} > ${spec.maxReplicas})`,
      scope,
    );
  }
  checkInteger(scope, 'autoscaling.cpuUtilization', spec.cpuUtilization, 1, 100);
  checkInteger(scope, 'autoscaling.memoryUtilization', spec.memoryUtilization, 1, 100);
}

function checkEnv(
  scope: IConstruct,
  prop: string,
  env: Readonly<Record<string, string>> | undefined,
): void {
  checkStringRecord(scope, prop, env);
  checkEnvNames(scope, prop, env);
}

function checkNoSharedKeys(
  scope: IConstruct,
  env: Readonly<Record<string, string>> | undefined,
  secretEnv: Readonly<Record<string, string>> | undefined,
): void {
  const shared = Object.keys(env ?? {}).filter((k) => k in (secretEnv ?? {}));
  if (shared.length > 0) {
    throw new BosunValidationError(
      `env and secretEnv must not share names, since only one value can win (got '${shared.join("', '")}' in both)`,
      scope,
    );
  }
}

function checkProbe(scope: IConstruct, prop: string, probe: WebAppProps['liveness']): void {
  if (probe === undefined) return;
  if (probe.path !== undefined && (typeof probe.path !== 'string' || !probe.path.startsWith('/'))) {
    throw new BosunValidationError(
      `${prop}.path must start with '/' (got ${quoted(probe.path)})`,
      scope,
    );
  }
  checkPort(scope, `${prop}.port`, probe.port);
  checkInteger(scope, `${prop}.initialDelaySeconds`, probe.initialDelaySeconds, 0);
  checkInteger(scope, `${prop}.periodSeconds`, probe.periodSeconds, 1);
  checkInteger(scope, `${prop}.timeoutSeconds`, probe.timeoutSeconds, 1);
  checkInteger(scope, `${prop}.failureThreshold`, probe.failureThreshold, 1);
}

function checkRollout(scope: IConstruct, rollout: WebAppProps['rollout']): void {
  if (rollout === undefined) return;
  checkOneOf(scope, 'rollout.strategy', rollout.strategy, ['RollingUpdate', 'Recreate']);
  if (rollout.strategy === 'Recreate') {
    const extra = rollout as { maxSurge?: unknown; maxUnavailable?: unknown };
    if (extra.maxSurge !== undefined || extra.maxUnavailable !== undefined) {
      throw new BosunValidationError(
        "rollout.maxSurge and rollout.maxUnavailable apply only to strategy 'RollingUpdate' (got strategy 'Recreate')",
        scope,
      );
    }
    return;
  }
  checkIntOrPercent(scope, 'rollout.maxSurge', rollout.maxSurge);
  checkIntOrPercent(scope, 'rollout.maxUnavailable', rollout.maxUnavailable);
  // Kubernetes rejects this pair too (apps/validation: "may not be 0 when `maxSurge` is 0").
  if (isZeroIntOrPercent(rollout.maxSurge) && isZeroIntOrPercent(rollout.maxUnavailable)) {
    throw new BosunValidationError(
      'rollout.maxSurge and rollout.maxUnavailable must not both be 0, or a rollout could never replace a pod (got 0 and 0)',
      scope,
    );
  }
}

function checkDeadlines(
  scope: IConstruct,
  minReady: number | undefined,
  deadline: number | undefined,
): void {
  checkInteger(scope, 'minReadySeconds', minReady, 0);
  checkInteger(scope, 'progressDeadlineSeconds', deadline, 1);
  if ((deadline ?? 600) <= (minReady ?? 0)) {
    throw new BosunValidationError(
      `progressDeadlineSeconds must be greater than minReadySeconds (got ${deadline ?? 600} <= ${minReady ?? 0})`,
      scope,
    );
  }
}

function checkDisruptionBudget(scope: IConstruct, budget: WebAppProps['disruptionBudget']): void {
  if (budget === undefined || budget === false) return;
  if (budget.maxUnavailable !== undefined && budget.minAvailable !== undefined) {
    throw new BosunValidationError(
      `disruptionBudget takes maxUnavailable or minAvailable, not both (got ${JSON.stringify(budget)})`,
      scope,
    );
  }
  checkIntOrPercent(scope, 'disruptionBudget.maxUnavailable', budget.maxUnavailable);
  checkIntOrPercent(scope, 'disruptionBudget.minAvailable', budget.minAvailable);
}

function checkService(scope: IConstruct, props: WebAppProps): void {
  checkOneOf(scope, 'serviceType', props.serviceType, SERVICE_TYPES);
  checkOneOf(scope, 'sessionAffinity', props.sessionAffinity, ['ClientIP', 'None']);
  checkOneOf(scope, 'externalTrafficPolicy', props.externalTrafficPolicy, ['Local', 'Cluster']);
  const type = props.serviceType ?? 'ClusterIP';
  if (props.nodePort !== undefined) {
    checkInteger(scope, 'nodePort', props.nodePort, NODE_PORT_MIN, NODE_PORT_MAX);
    if (type === 'ClusterIP') {
      throw new BosunValidationError(
        `nodePort needs serviceType 'NodePort' or 'LoadBalancer' (got serviceType '${type}')`,
        scope,
      );
    }
  }
  if (props.externalTrafficPolicy !== undefined && type === 'ClusterIP') {
    throw new BosunValidationError(
      `externalTrafficPolicy needs serviceType 'NodePort' or 'LoadBalancer' (got serviceType '${type}')`,
      scope,
    );
  }
}

function checkSidecars(
  scope: IConstruct,
  sidecars: WebAppProps['sidecars'],
  appPort: number,
): void {
  if (sidecars === undefined) return;
  const seen = new Set<string>([APP_CONTAINER_NAME]);
  // Containers of a pod share one network namespace: two cannot listen on the same port.
  const ports = new Set<number>([appPort]);
  sidecars.forEach((sidecar, i) => {
    const prop = `sidecars[${i}]`;
    if (sidecar.name === undefined) {
      throw new BosunValidationError(`${prop}.name must be given`, scope);
    }
    checkDnsLabel(scope, `${prop}.name`, sidecar.name);
    if (seen.has(sidecar.name)) {
      throw new BosunValidationError(
        `${prop}.name must be unique in the pod and not '${APP_CONTAINER_NAME}' (got '${sidecar.name}' twice)`,
        scope,
      );
    }
    seen.add(sidecar.name);
    checkNonEmpty(scope, `${prop}.image`, sidecar.image);
    checkPort(scope, `${prop}.port`, sidecar.port);
    if (sidecar.port !== undefined) {
      if (ports.has(sidecar.port)) {
        throw new BosunValidationError(
          `${prop}.port must differ from the app's port and the other sidecars' ports, since containers in a pod share the network (got ${sidecar.port} twice)`,
          scope,
        );
      }
      ports.add(sidecar.port);
    }
    checkEnv(scope, `${prop}.env`, sidecar.env);
    checkStringList(scope, `${prop}.command`, sidecar.command);
    checkStringList(scope, `${prop}.args`, sidecar.args);
    checkResources(scope, `${prop}.resources`, sidecar.resources);
    checkSecurityOverrides(scope, `${prop}.securityContext`, sidecar.securityContext);
  });
}

function checkWritablePaths(scope: IConstruct, paths: readonly string[] | undefined): void {
  if (paths === undefined) return;
  checkStringList(scope, 'writablePaths', paths);
  const seen = new Set<string>();
  for (const path of paths) {
    if (!path.startsWith('/') || path === '/' || path.endsWith('/')) {
      throw new BosunValidationError(
        `writablePaths entries must be absolute paths below '/' without a trailing '/' (got '${path}')`,
        scope,
      );
    }
    if (seen.has(path)) {
      throw new BosunValidationError(
        `writablePaths must not repeat a path (got '${path}' twice)`,
        scope,
      );
    }
    seen.add(path);
  }
}
