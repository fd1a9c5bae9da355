/**
 * @module
 * The fields each WebApp struct takes. A misspelt or Kubernetes-shaped field (`replica` for
 * `replicas`, `initialDelay` for `initialDelaySeconds`) would otherwise be ignored without a
 * word and synthesize YAML the user did not ask for. `satisfies` keeps each list complete, as
 * for StatefulDb, RoutedIngress and SecurityOverrides.
 */
import type { IConstruct } from 'constructs';
import { checkKnownKeys } from './validate-shapes';
import type {
  AutoscalingSpec,
  DisruptionBudgetSpec,
  ProbeSpec,
  RollingUpdateSpec,
  SidecarSpec,
  WebAppProps,
} from './webapp-props';

const WEBAPP_PROPS = Object.keys({
  image: true,
  port: true,
  servicePort: true,
  replicas: true,
  env: true,
  secretEnv: true,
  envFromSecrets: true,
  command: true,
  args: true,
  resources: true,
  liveness: true,
  readiness: true,
  startup: true,
  autoscaling: true,
  rollout: true,
  minReadySeconds: true,
  progressDeadlineSeconds: true,
  disruptionBudget: true,
  serviceType: true,
  nodePort: true,
  sessionAffinity: true,
  externalTrafficPolicy: true,
  sidecars: true,
  writablePaths: true,
  securityContext: true,
} satisfies Record<keyof WebAppProps, true>);

const PROBE_FIELDS = Object.keys({
  path: true,
  port: true,
  initialDelaySeconds: true,
  periodSeconds: true,
  timeoutSeconds: true,
  failureThreshold: true,
} satisfies Record<keyof ProbeSpec, true>);

const AUTOSCALING_FIELDS = Object.keys({
  minReplicas: true,
  maxReplicas: true,
  cpuUtilization: true,
  memoryUtilization: true,
} satisfies Record<keyof AutoscalingSpec, true>);

const ROLLING_UPDATE_FIELDS = Object.keys({
  strategy: true,
  maxSurge: true,
  maxUnavailable: true,
} satisfies Record<keyof RollingUpdateSpec, true>);

const DISRUPTION_BUDGET_FIELDS = Object.keys({
  maxUnavailable: true,
  minAvailable: true,
} satisfies Record<keyof DisruptionBudgetSpec, true>);

const SIDECAR_FIELDS = Object.keys({
  name: true,
  image: true,
  port: true,
  env: true,
  command: true,
  args: true,
  resources: true,
  securityContext: true,
} satisfies Record<keyof SidecarSpec, true>);

/** Fails at the first field a WebApp struct does not take; shapes are checked before. */
export function checkWebAppKnownFields(scope: IConstruct, props: WebAppProps): void {
  checkKnownKeys(scope, 'props', props, WEBAPP_PROPS);
  for (const probe of ['liveness', 'readiness', 'startup'] as const)
    checkKnownKeys(scope, probe, props[probe], PROBE_FIELDS);
  checkKnownKeys(scope, 'autoscaling', props.autoscaling, AUTOSCALING_FIELDS);
  // maxSurge/maxUnavailable under Recreate get their own message in checkRollout.
  checkKnownKeys(scope, 'rollout', props.rollout, ROLLING_UPDATE_FIELDS);
  if (props.disruptionBudget !== false)
    checkKnownKeys(scope, 'disruptionBudget', props.disruptionBudget, DISRUPTION_BUDGET_FIELDS);
  (props.sidecars ?? []).forEach((sidecar, i) =>
    checkKnownKeys(scope, `sidecars[${i}]`, sidecar, SIDECAR_FIELDS),
  );
}
