/**
 * @module
 * `WebApp`: a stateless HTTP service as one construct — Deployment, Service, ConfigMap, Secret,
 * HorizontalPodAutoscaler and PodDisruptionBudget, secure (PSS restricted) by default.
 */
import { ApiObject, Duration, JsonPatch } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { k8s } from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { configHash } from './config-hash';
import { checkConnectableDatabase } from './connection';
import type { IConnectableDatabase, IPodSelectable, IServiceTarget } from './connection';
import { BosunValidationError } from './errors';
import { namespaceOf, selectorLabels, standardLabels } from './labels';
import { resolveResources, toKubeResources } from './resources';
import { C_IDENTIFIER, checkObject, quoted } from './validate-shapes';
import {
  restrictedContainerSecurityContextProps,
  restrictedPodSecurityContext,
  restrictedPodSecurityContextProps,
} from './security';
import type { SecurityOverrides } from './security';
import {
  APP_CONTAINER_NAME,
  CONFIG_HASH_ANNOTATION,
  DEFAULT_APP_RESOURCES,
  DEFAULT_CPU_UTILIZATION,
  DEFAULT_MIN_REPLICAS,
  DEFAULT_PORT,
  DEFAULT_REPLICAS,
  DEFAULT_SERVICE_PORT,
  DEFAULT_SIDECAR_RESOURCES,
  DEFAULT_WRITABLE_PATHS,
  HTTP_PORT_NAME,
} from './webapp-defaults';
import { connectionEnvNames, envPrefixFromId } from './webapp-connect';
import type {
  AutoscalingSpec,
  ConnectionEnv,
  ConnectOptions,
  DisruptionBudgetSpec,
  ProbeSpec,
  RolloutSpec,
  SidecarSpec,
  WebAppProps,
} from './webapp-props';
import { validateWebAppProps } from './webapp-validation';

/** The `app.kubernetes.io/component` label of everything a WebApp makes. */
export const WEBAPP_COMPONENT = 'web';

/**
 * A stateless web application: pods behind a Service, configured through env, scaled by
 * replicas or an HPA, protected by a PodDisruptionBudget, and running under the Pod Security
 * Standards *restricted* profile unless a prop relaxes it.
 *
 * Child ids (they set the manifest names, so they never change): `Resource` (Deployment),
 * `Service`, `Config` (ConfigMap), `Secret`, `Autoscaler` (HPA), `DisruptionBudget` (PDB).
 */
export class WebApp extends Construct implements IPodSelectable, IServiceTarget {
  /** The Deployment running the pods. */
  public readonly deployment: kplus.Deployment;
  /** The Service in front of the pods. */
  public readonly service: kplus.Service;
  /** The ConfigMap holding `env`, when `env` is given. */
  public readonly configMap?: kplus.ConfigMap;
  /** The Secret holding `secretEnv`, when `secretEnv` is given. */
  public readonly secret?: kplus.Secret;
  /** The HorizontalPodAutoscaler, when `autoscaling` is given. */
  public readonly autoscaler?: k8s.KubeHorizontalPodAutoscalerV2;
  /** The PodDisruptionBudget, unless `disruptionBudget` is `false`. */
  public readonly disruptionBudget?: k8s.KubePodDisruptionBudget;
  /** The Service's metadata.name. */
  public readonly serviceName: string;
  /** The Service's port. */
  public readonly servicePort: number;
  /** The port the app listens on in the container. */
  public readonly containerPort: number;
  /** Namespace of every object (the chart's, `default` if it sets none). */
  public readonly namespace: string;
  /** Labels every pod carries and the Deployment selects on. */
  public readonly podSelectorLabels: Readonly<Record<string, string>>;

  readonly #appContainer: kplus.Container;
  /** Env names already taken in the app container: `env`, `secretEnv` and each `connectTo`. */
  readonly #envNames = new Set<string>();
  readonly #prefixes = new Set<string>();

  constructor(scope: Construct, id: string, props: WebAppProps) {
    super(scope, id);
    validateWebAppProps(this, props);

    this.namespace = namespaceOf(this);
    this.podSelectorLabels = selectorLabels(this);
    this.containerPort = props.port ?? DEFAULT_PORT;
    this.servicePort = props.servicePort ?? DEFAULT_SERVICE_PORT;
    const labels = standardLabels(this, WEBAPP_COMPONENT);
    for (const name of [...Object.keys(props.env ?? {}), ...Object.keys(props.secretEnv ?? {})]) {
      this.#envNames.add(name);
    }

    this.configMap = hasEntries(props.env)
      ? new kplus.ConfigMap(this, 'Config', {
          metadata: { labels },
          data: sortedRecord(props.env ?? {}),
        })
      : undefined;
    this.secret = hasEntries(props.secretEnv)
      ? new kplus.Secret(this, 'Secret', {
          metadata: { labels },
          stringData: sortedRecord(props.secretEnv ?? {}),
        })
      : undefined;

    this.deployment = this.#createDeployment(props, labels);
    this.#appContainer = this.deployment.containers[0];
    this.service = this.#createService(props, labels);
    this.serviceName = this.service.name;

    this.autoscaler = props.autoscaling ? this.#autoscaler(props.autoscaling, labels) : undefined;
    this.disruptionBudget =
      props.disruptionBudget === false
        ? undefined
        : this.#disruptionBudget(props.disruptionBudget ?? {}, labels);
  }

  /**
   * Points the app at a database: `<PREFIX>_HOST`, `_PORT`, `_NAME`, `_USER` as plain env and
   * `_PASSWORD` from the database's Secret (a secretKeyRef, never the literal), skipping what the
   * database lacks; then lets the app's pods through the database's NetworkPolicy.
   * The prefix is `DB` for the first database and the database's id in upper case for the others
   * (`cache` → `CACHE_HOST`), unless `options.prefix` names it.
   */
  public connectTo(db: IConnectableDatabase, options: ConnectOptions = {}): ConnectionEnv {
    checkConnectableDatabase(this, 'connectTo', db);
    checkObject(this, 'connectTo options', options);
    const prefix = this.#prefixFor(db, options.prefix);
    const names = connectionEnvNames(prefix, db);
    const plain: Array<[string | undefined, string | undefined]> = [
      [names.host, db.host],
      [names.port, String(db.port)],
      [names.database, db.databaseName],
      [names.user, db.username],
    ];
    const all = [...plain.map(([name]) => name), names.password].filter(isDefined);
    const taken = all.filter((name) => this.#envNames.has(name));
    if (taken.length > 0) {
      throw new BosunValidationError(
        `connectTo(${db.node.path}) would set ${taken.join(', ')}, already set by env, secretEnv or another connectTo; pass a different prefix`,
        this,
      );
    }
    for (const [name, value] of plain) {
      if (name !== undefined && value !== undefined) {
        this.#appContainer.env.addVariable(name, kplus.EnvValue.fromValue(value));
      }
    }
    if (names.password !== undefined && db.secretName !== undefined) {
      const secret = kplus.Secret.fromSecretName(this, `${prefix}Secret`, db.secretName);
      this.#appContainer.env.addVariable(
        names.password,
        kplus.EnvValue.fromSecretValue({ secret, key: db.passwordKey }),
      );
    }
    all.forEach((name) => this.#envNames.add(name));
    this.#prefixes.add(prefix);
    db.allowFrom(this);
    return names;
  }

  #prefixFor(db: IConnectableDatabase, given: string | undefined): string {
    if (given !== undefined && (typeof given !== 'string' || !C_IDENTIFIER.test(given))) {
      throw new BosunValidationError(
        `connectTo prefix must be a C identifier ([A-Za-z_][A-Za-z0-9_]*) (got ${quoted(given)})`,
        this,
      );
    }
    const prefix = given ?? (this.#prefixes.size === 0 ? 'DB' : envPrefixFromId(db.node.id));
    if (this.#prefixes.has(prefix)) {
      throw new BosunValidationError(
        `connectTo(${db.node.path}) env prefix '${prefix}' is already used by another database; pass { prefix: '...' }`,
        this,
      );
    }
    return prefix;
  }

  #createDeployment(props: WebAppProps, labels: Record<string, string>): kplus.Deployment {
    const security = props.securityContext ?? {};
    const writablePaths = props.writablePaths ?? DEFAULT_WRITABLE_PATHS;
    const volumes = writableVolumeNames(writablePaths).map((name, i) =>
      kplus.Volume.fromEmptyDir(this, `Writable${i}`, name),
    );
    const mounts = writablePaths.map((path, i) => ({ path, volume: volumes[i] }));

    const deployment = new kplus.Deployment(this, 'Resource', {
      metadata: { labels },
      podMetadata: {
        labels: { ...labels },
        annotations: {
          [CONFIG_HASH_ANNOTATION]: configHash({ configMap: props.env, secret: props.secretEnv }),
        },
      },
      select: false,
      replicas: props.autoscaling ? undefined : (props.replicas ?? DEFAULT_REPLICAS),
      strategy: toStrategy(props.rollout),
      minReady: Duration.seconds(props.minReadySeconds ?? 0),
      progressDeadline: Duration.seconds(props.progressDeadlineSeconds ?? 600),
      automountServiceAccountToken: false,
      securityContext: restrictedPodSecurityContextProps(security),
      volumes,
      containers: [
        {
          name: APP_CONTAINER_NAME,
          image: props.image,
          imagePullPolicy: pullPolicyFor(props.image),
          ports: [{ number: this.containerPort, name: HTTP_PORT_NAME }],
          command: props.command ? [...props.command] : undefined,
          args: props.args ? [...props.args] : undefined,
          envFrom: this.#envFrom(props),
          // Set exactly by a patch below; `{}` keeps cdk8s-plus from adding its 1-CPU default.
          resources: {},
          readiness: toProbe(props.readiness ?? {}, this.containerPort),
          liveness: props.liveness && toProbe(props.liveness, this.containerPort),
          startup: props.startup && toProbe(props.startup, this.containerPort),
          securityContext: restrictedContainerSecurityContextProps(security),
          volumeMounts: mounts,
        },
        ...(props.sidecars ?? []).map((s) => toSidecar(s, security, mounts)),
      ],
    });
    deployment.select(kplus.LabelSelector.of({ labels: { ...this.podSelectorLabels } }));
    if (props.autoscaling) deployment.markHasAutoscaler();
    this.#patchPodSpec(deployment, props, security);
    return deployment;
  }

  #createService(props: WebAppProps, labels: Record<string, string>): kplus.Service {
    const service = new kplus.Service(this, 'Service', {
      metadata: { labels },
      type: props.serviceType as kplus.ServiceType | undefined,
      ports: [
        {
          name: HTTP_PORT_NAME,
          port: this.servicePort,
          targetPort: this.containerPort,
          nodePort: props.nodePort,
        },
      ],
    });
    // Select on our stable labels, not cdk8s-plus's address label, so the Service, the PDB and
    // NetworkPolicies built from `podSelectorLabels` all agree on which pods are the app's.
    for (const [key, value] of Object.entries(this.podSelectorLabels)) {
      service.selectLabel(key, value);
    }
    this.#patchService(service, props);
    return service;
  }

  #envFrom(props: WebAppProps): kplus.EnvFrom[] {
    const sources: kplus.EnvFrom[] = [];
    if (this.configMap) sources.push(kplus.Env.fromConfigMap(this.configMap));
    if (this.secret) sources.push(kplus.Env.fromSecret(this.secret));
    (props.envFromSecrets ?? []).forEach((name, i) => {
      sources.push(
        kplus.Env.fromSecret(kplus.Secret.fromSecretName(this, `EnvFromSecret${i}`, name)),
      );
    });
    return sources;
  }

  /**
   * What cdk8s-plus-28 cannot express: resources as the user wrote them (it rewrites memory in
   * Mi), and a pod-level seccomp profile. JSON patches run after the spec is rendered.
   */
  #patchPodSpec(
    deploymentConstruct: kplus.Deployment,
    props: WebAppProps,
    security: SecurityOverrides,
  ): void {
    const deployment = ApiObject.of(deploymentConstruct);
    const containers = [
      resolveResources(props.resources, DEFAULT_APP_RESOURCES),
      ...(props.sidecars ?? []).map((s) =>
        resolveResources(s.resources, DEFAULT_SIDECAR_RESOURCES),
      ),
    ];
    containers.forEach((resources, i) => {
      deployment.addJsonPatch(
        JsonPatch.add(`/spec/template/spec/containers/${i}/resources`, toKubeResources(resources)),
      );
    });
    deployment.addJsonPatch(
      JsonPatch.add(
        '/spec/template/spec/securityContext/seccompProfile',
        restrictedPodSecurityContext(security).seccompProfile,
      ),
    );
  }

  /** Service fields cdk8s-plus-28 has no props for. */
  #patchService(serviceConstruct: kplus.Service, props: WebAppProps): void {
    const service = ApiObject.of(serviceConstruct);
    // cdk8s-plus always writes `externalIPs: []`; an empty list says nothing.
    service.addJsonPatch(JsonPatch.remove('/spec/externalIPs'));
    if (props.sessionAffinity !== undefined) {
      service.addJsonPatch(JsonPatch.add('/spec/sessionAffinity', props.sessionAffinity));
    }
    if (props.externalTrafficPolicy !== undefined) {
      service.addJsonPatch(
        JsonPatch.add('/spec/externalTrafficPolicy', props.externalTrafficPolicy),
      );
    }
  }

  #autoscaler(
    spec: AutoscalingSpec,
    labels: Record<string, string>,
  ): k8s.KubeHorizontalPodAutoscalerV2 {
    const cpu =
      spec.cpuUtilization ??
      (spec.memoryUtilization === undefined ? DEFAULT_CPU_UTILIZATION : undefined);
    const metrics: k8s.MetricSpecV2[] = [];
    if (cpu !== undefined) metrics.push(utilizationMetric('cpu', cpu));
    if (spec.memoryUtilization !== undefined) {
      metrics.push(utilizationMetric('memory', spec.memoryUtilization));
    }
    return new k8s.KubeHorizontalPodAutoscalerV2(this, 'Autoscaler', {
      metadata: { labels },
      spec: {
        scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: this.deployment.name },
        minReplicas: spec.minReplicas ?? Math.min(DEFAULT_MIN_REPLICAS, spec.maxReplicas),
        maxReplicas: spec.maxReplicas,
        metrics,
      },
    });
  }

  #disruptionBudget(
    spec: DisruptionBudgetSpec,
    labels: Record<string, string>,
  ): k8s.KubePodDisruptionBudget {
    const budget =
      spec.minAvailable !== undefined
        ? { minAvailable: intOrString(spec.minAvailable) }
        : { maxUnavailable: intOrString(spec.maxUnavailable ?? 1) };
    return new k8s.KubePodDisruptionBudget(this, 'DisruptionBudget', {
      metadata: { labels },
      spec: {
        ...budget,
        selector: { matchLabels: { ...this.podSelectorLabels } },
        // Lets a drain evict pods that are not ready anyway, so a crash-looping app cannot
        // block node maintenance (kubernetes.io/docs/tasks/run-application/configure-pdb/).
        unhealthyPodEvictionPolicy: 'AlwaysAllow',
      },
    });
  }
}

function toStrategy(rollout: RolloutSpec | undefined): kplus.DeploymentStrategy {
  if (rollout?.strategy === 'Recreate') return kplus.DeploymentStrategy.recreate();
  return kplus.DeploymentStrategy.rollingUpdate({
    maxSurge: percentOrAbsolute(rollout?.maxSurge ?? '25%'),
    maxUnavailable: percentOrAbsolute(rollout?.maxUnavailable ?? '25%'),
  });
}

function percentOrAbsolute(value: number | string): kplus.PercentOrAbsolute {
  return typeof value === 'number'
    ? kplus.PercentOrAbsolute.absolute(value)
    : kplus.PercentOrAbsolute.percent(parseInt(value, 10));
}

function intOrString(value: number | string): k8s.IntOrString {
  return typeof value === 'number'
    ? k8s.IntOrString.fromNumber(value)
    : k8s.IntOrString.fromString(value);
}

function toProbe(spec: ProbeSpec, defaultPort: number): kplus.Probe {
  const options = {
    port: spec.port ?? defaultPort,
    initialDelaySeconds:
      spec.initialDelaySeconds !== undefined
        ? Duration.seconds(spec.initialDelaySeconds)
        : undefined,
    periodSeconds: Duration.seconds(spec.periodSeconds ?? 10),
    timeoutSeconds: Duration.seconds(spec.timeoutSeconds ?? 1),
    failureThreshold: spec.failureThreshold ?? 3,
  };
  return spec.path !== undefined
    ? kplus.Probe.fromHttpGet(spec.path, options)
    : kplus.Probe.fromTcpSocket(options);
}

function toSidecar(
  spec: SidecarSpec,
  appSecurity: SecurityOverrides,
  mounts: kplus.VolumeMount[],
): kplus.ContainerProps {
  return {
    name: spec.name,
    image: spec.image,
    imagePullPolicy: pullPolicyFor(spec.image),
    ports: spec.port !== undefined ? [{ number: spec.port }] : undefined,
    command: spec.command ? [...spec.command] : undefined,
    args: spec.args ? [...spec.args] : undefined,
    envVariables: spec.env
      ? Object.fromEntries(
          Object.keys(spec.env)
            .sort()
            .map((k) => [k, kplus.EnvValue.fromValue(spec.env?.[k] ?? '')]),
        )
      : undefined,
    resources: {},
    securityContext: restrictedContainerSecurityContextProps({
      ...appSecurity,
      ...spec.securityContext,
    }),
    volumeMounts: mounts,
  };
}

/**
 * Kubernetes' own default, made explicit: `Always` for `:latest` or untagged images (they
 * move), `IfNotPresent` for pinned tags and digests. cdk8s-plus-28 would say `Always` for all.
 */
export function pullPolicyFor(image: string): kplus.ImagePullPolicy {
  if (image.includes('@')) return kplus.ImagePullPolicy.IF_NOT_PRESENT;
  const lastSegment = image.slice(image.lastIndexOf('/') + 1);
  const tag = lastSegment.includes(':')
    ? lastSegment.slice(lastSegment.indexOf(':') + 1)
    : 'latest';
  return tag === 'latest' ? kplus.ImagePullPolicy.ALWAYS : kplus.ImagePullPolicy.IF_NOT_PRESENT;
}

/**
 * Volume names for writable paths: `tmp` for `/tmp`, `var-cache` for `/var/cache`; a name that
 * two paths would share gets the path's index appended, so names stay unique and stable.
 */
export function writableVolumeNames(paths: readonly string[]): string[] {
  const names: string[] = [];
  paths.forEach((path, i) => {
    const slug = path
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .slice(0, 50)
      .replace(/^-+|-+$/g, '');
    const name = slug === '' ? `writable-${i}` : slug;
    names.push(names.includes(name) ? `${name}-${i}` : name);
  });
  return names;
}

function utilizationMetric(name: 'cpu' | 'memory', averageUtilization: number): k8s.MetricSpecV2 {
  return {
    type: 'Resource',
    resource: { name, target: { type: 'Utilization', averageUtilization } },
  };
}

function sortedRecord(record: Readonly<Record<string, string>>): Record<string, string> {
  return Object.fromEntries(
    Object.keys(record)
      .sort()
      .map((k) => [k, record[k]]),
  );
}

function hasEntries(
  record: Readonly<Record<string, string>> | undefined,
): record is Record<string, string> {
  return record !== undefined && Object.keys(record).length > 0;
}

function isDefined<T>(value: T | undefined): value is T {
  return value !== undefined;
}
