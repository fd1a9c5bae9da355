/**
 * @module
 * The props of `WebApp` and the small structs they are made of, in Kubernetes' own vocabulary
 * (quantities `'250m'`, percentages `'25%'`).
 */
import type { ContainerResources } from './resources';
import type { SecurityOverrides } from './security';

/** A health probe: HTTP GET when `path` is given, a TCP connect otherwise. */
export interface ProbeSpec {
  /** HTTP path to GET, e.g. `/actuator/health/readiness`. @default - a TCP connect to the port */
  readonly path?: string;
  /** Container port to probe. @default - the WebApp's `port` */
  readonly port?: number;
  /** Seconds after the container starts before the first probe. @default 0 */
  readonly initialDelaySeconds?: number;
  /** Seconds between probes. @default 10 */
  readonly periodSeconds?: number;
  /** Seconds before a probe counts as failed. @default 1 */
  readonly timeoutSeconds?: number;
  /** Consecutive failures before the probe gives up. @default 3 */
  readonly failureThreshold?: number;
}

/** Horizontal pod autoscaling (autoscaling/v2) on CPU and/or memory utilization. */
export interface AutoscalingSpec {
  /** Fewest pods. @default - 2, or `maxReplicas` when that is 1 */
  readonly minReplicas?: number;
  /** Most pods. */
  readonly maxReplicas: number;
  /** Target average CPU utilization in percent of the request (1–100). @default - 80 when no memory target is set, none otherwise */
  readonly cpuUtilization?: number;
  /** Target average memory utilization in percent of the request (1–100). @default - none */
  readonly memoryUtilization?: number;
}

/** Replace pods a few at a time, keeping the app available. */
export interface RollingUpdateSpec {
  /** The strategy. */
  readonly strategy: 'RollingUpdate';
  /** Extra pods allowed above the desired count during a rollout: a count or `'25%'`. @default '25%' */
  readonly maxSurge?: number | string;
  /** Pods that may be unavailable during a rollout: a count or `'25%'`. @default '25%' */
  readonly maxUnavailable?: number | string;
}

/** Stop every old pod before starting new ones (for apps that cannot run two versions at once). */
export interface RecreateSpec {
  /** The strategy. */
  readonly strategy: 'Recreate';
}

/** How the Deployment replaces pods. */
export type RolloutSpec = RollingUpdateSpec | RecreateSpec;

/** A container that runs beside the app in every pod, e.g. a log shipper or a proxy. */
export interface SidecarSpec {
  /** Container name, a DNS-1123 label unique in the pod (not `app`). */
  readonly name: string;
  /** Container image. */
  readonly image: string;
  /** Port the sidecar listens on. @default - none */
  readonly port?: number;
  /** Plain environment variables. @default - none */
  readonly env?: Readonly<Record<string, string>>;
  /** Entrypoint override. @default - the image's ENTRYPOINT */
  readonly command?: readonly string[];
  /** Arguments. @default - the image's CMD */
  readonly args?: readonly string[];
  /** CPU and memory. @default - request 50m/64Mi, limit 200m/256Mi */
  readonly resources?: ContainerResources;
  /** Relaxations of the restricted security context for this container, over the WebApp's. @default - the WebApp's `securityContext` */
  readonly securityContext?: SecurityOverrides;
}

/** How a Service is exposed. */
export type ServiceTypeName = 'ClusterIP' | 'NodePort' | 'LoadBalancer';

/** PodDisruptionBudget settings; give exactly one of the two fields. */
export interface DisruptionBudgetSpec {
  /** Pods that voluntary disruptions (drains) may take down at once: a count or `'25%'`. @default 1 */
  readonly maxUnavailable?: number | string;
  /** Pods that must stay up during voluntary disruptions: a count or `'50%'`. @default - none; `maxUnavailable` is used */
  readonly minAvailable?: number | string;
}

/** Props of {@link WebApp}. */
export interface WebAppProps {
  /** Container image, e.g. `ghcr.io/acme/shop:1.4`. */
  readonly image: string;
  /** Port the app listens on in the container. @default 8080 */
  readonly port?: number;
  /** Port of the Service in front of the pods. @default 80 */
  readonly servicePort?: number;
  /** Pods to run. An error together with `autoscaling` (the HPA owns the count then). @default 2 */
  readonly replicas?: number;
  /** Plain configuration, put into a ConfigMap and loaded with `envFrom`. @default - none */
  readonly env?: Readonly<Record<string, string>>;
  /** Secret configuration, put into a Secret and loaded with `envFrom`. @default - none */
  readonly secretEnv?: Readonly<Record<string, string>>;
  /** Names of Secrets made elsewhere, loaded with `envFrom` in this order. @default - none */
  readonly envFromSecrets?: readonly string[];
  /** Entrypoint override. @default - the image's ENTRYPOINT */
  readonly command?: readonly string[];
  /** Arguments. @default - the image's CMD */
  readonly args?: readonly string[];
  /** CPU and memory of the app container. @default - request 100m/128Mi, limit 500m/512Mi */
  readonly resources?: ContainerResources;
  /** Liveness probe: the kubelet restarts the container when it fails. @default - none (a wrong liveness probe restarts healthy apps) */
  readonly liveness?: ProbeSpec;
  /** Readiness probe: the pod gets traffic only while it passes. @default - a TCP connect to `port` every 10s */
  readonly readiness?: ProbeSpec;
  /** Startup probe: liveness and readiness wait until it passes once. @default - none */
  readonly startup?: ProbeSpec;
  /** Scale between bounds on utilization (an HPA). @default - no autoscaling; `replicas` pods */
  readonly autoscaling?: AutoscalingSpec;
  /** How pods are replaced on change. @default - RollingUpdate, maxSurge '25%', maxUnavailable '25%' */
  readonly rollout?: RolloutSpec;
  /** Seconds a new pod must be ready before it counts as available. @default 0 */
  readonly minReadySeconds?: number;
  /** Seconds a rollout may make no progress before it is reported failed. @default 600 */
  readonly progressDeadlineSeconds?: number;
  /** PodDisruptionBudget, or `false` for none. @default - maxUnavailable 1, unhealthyPodEvictionPolicy AlwaysAllow */
  readonly disruptionBudget?: DisruptionBudgetSpec | false;
  /** Service type. @default 'ClusterIP' */
  readonly serviceType?: ServiceTypeName;
  /** Fixed node port (30000–32767), only with NodePort or LoadBalancer. @default - allocated by the cluster */
  readonly nodePort?: number;
  /** Send each client to the same pod (`ClientIP`) or not. @default 'None' */
  readonly sessionAffinity?: 'ClientIP' | 'None';
  /** `Local` keeps the client IP and only uses node-local pods; only with NodePort or LoadBalancer. @default - 'Cluster' (the Kubernetes default) */
  readonly externalTrafficPolicy?: 'Local' | 'Cluster';
  /** Containers run beside the app in every pod. @default - none */
  readonly sidecars?: readonly SidecarSpec[];
  /** Paths that get a writable emptyDir, since the root filesystem is read-only. @default ['/tmp'] */
  readonly writablePaths?: readonly string[];
  /** Relaxations of the PSS-restricted security context, where an image needs them. @default - restricted, running as UID/GID 1000 */
  readonly securityContext?: SecurityOverrides;
}

/** Options of {@link WebApp.connectTo}. */
export interface ConnectOptions {
  /** Prefix of the env names (`<PREFIX>_HOST`, ...). @default - 'DB' for the first database, the database's construct id in upper case (e.g. 'CACHE') for the others */
  readonly prefix?: string;
}

/** Env var names that `connectTo` set; those the database lacks are absent. */
export interface ConnectionEnv {
  /** Name of the host variable, e.g. `DB_HOST`. */
  readonly host: string;
  /** Name of the port variable, e.g. `DB_PORT`. */
  readonly port: string;
  /** Name of the database-name variable, when the database has a name. */
  readonly database?: string;
  /** Name of the user variable, when the database has a user. */
  readonly user?: string;
  /** Name of the password variable (a secretKeyRef), when the database has a Secret. */
  readonly password?: string;
}
