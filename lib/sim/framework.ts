/**
 * @module
 * The contracts between the simulator's parts, as in the real control plane: a store with
 * watch (API server + etcd), a virtual clock, and controllers that each own one concern.
 * Every component (controllers, scheduler, kubelet, problem detectors) is written against
 * these interfaces only; `cluster.ts` wires the implementations together.
 */
import type { KubeObject, Problem } from './types';

/** A watch event, as the API server's watch stream delivers it. */
export interface WatchEvent<T extends KubeObject = KubeObject> {
  readonly type: 'ADDED' | 'MODIFIED' | 'DELETED';
  readonly object: T;
  /** The object before a MODIFIED event. */
  readonly oldObject?: T;
}

/** Receives watch events; must only enqueue work, never write synchronously. */
export type WatchHandler<T extends KubeObject = KubeObject> = (event: WatchEvent<T>) => void;

/** A rejected write, with the API server's HTTP code and reason (`AlreadyExists`, `Forbidden`, `Invalid`, ...). */
export class ApiError extends Error {
  constructor(
    readonly code: number,
    readonly reason: string,
    message: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/**
 * The API server and etcd. Objects handed out are the store's own: treat them as read-only
 * and `structuredClone` before changing (KC deployment_controller.go: "Deep-copy otherwise we
 * are mutating our cache"). Cluster-scoped kinds ignore `namespace`.
 */
export interface Store {
  /** One object, or undefined. `namespace` defaults to `default` for namespaced kinds. */
  get<T extends KubeObject = KubeObject>(
    kind: string,
    name: string,
    namespace?: string,
  ): T | undefined;
  /** All objects of a kind, optionally in one namespace, in a stable (creation) order. */
  list<T extends KubeObject = KubeObject>(kind: string, namespace?: string): T[];
  /** Pods (or any kind) whose labels match the selector's matchLabels/matchExpressions, via the label index. */
  select<T extends KubeObject = KubeObject>(
    kind: string,
    namespace: string,
    selector: Readonly<Record<string, string>>,
  ): T[];
  /** Objects whose ownerReferences name `ownerUid`. */
  ownedBy<T extends KubeObject = KubeObject>(kind: string, ownerUid: string): T[];
  /** Pods bound to a node (spec.nodeName), via the node index. */
  podsOnNode<T extends KubeObject = KubeObject>(nodeName: string): T[];
  /** Create: sets uid, resourceVersion, generation 1, creationTimestamp; runs admission; throws ApiError. */
  create<T extends KubeObject>(obj: T): T;
  /** Replace metadata and spec (status untouched); bumps generation when spec changed. */
  update<T extends KubeObject>(obj: T): T;
  /** Replace status only (the /status subresource). */
  updateStatus<T extends KubeObject>(obj: T): T;
  /**
   * Delete, then garbage-collect dependents (ownerReferences) as background cascading deletion
   * does. A Pod bound to a node is only marked (metadata.deletionTimestamp,
   * deletionGracePeriodSeconds; a MODIFIED event): its kubelet stops the containers and then
   * deletes it with `gracePeriodSeconds: 0`, which removes it at once. A Pod on an unreachable
   * node therefore stays Terminating, as in Kubernetes.
   */
  delete(kind: string, name: string, namespace?: string, options?: DeleteOptions): void;
  /** Subscribe to one kind's events. */
  watch<T extends KubeObject = KubeObject>(kind: string, handler: WatchHandler<T>): void;
  /** Number of writes so far; converge() uses it to tell whether anything changed. */
  readonly writes: number;
}

/** Options for {@link Store.delete}. */
export interface DeleteOptions {
  /** 0 removes the object at once (kubelet finalizing, `--force`). @default - the pod's terminationGracePeriodSeconds */
  readonly gracePeriodSeconds?: number;
}

/** Options for a scheduled callback. */
export interface ScheduleOptions {
  /**
   * Periodic housekeeping (HPA sync, node heartbeats) that must not by itself keep
   * `converge()` running: converge stops once only background work is left and nothing has
   * been written for the settle window.
   */
  readonly background?: boolean;
}

/** Virtual time. Nothing sleeps; callbacks run in (time, insertion) order. */
export interface Clock {
  /** Virtual seconds since the cluster started. */
  now(): number;
  /** RFC 3339 timestamp for `seconds` (default now) on the simulator's fixed epoch. */
  timestamp(seconds?: number): string;
  /** Run `fn` after `delaySeconds` of virtual time; returns a function that cancels it. */
  after(delaySeconds: number, fn: () => void, options?: ScheduleOptions): () => void;
}

/** A seeded random source: same seed, same run. */
export interface Rng {
  /** A float in [0, 1). */
  next(): number;
  /** An integer in [0, n). */
  int(n: number): number;
  /** `length` characters from `alphabet` (pod name suffixes use k8s' "bcdfghjklmnpqrstvwxz2456789"). */
  string(length: number, alphabet: string): string;
}

/** Records core/v1 Events, aggregating repeats as `kubectl get events` shows them (count, lastTimestamp). */
export interface EventRecorder {
  event(
    involved: KubeObject,
    type: 'Normal' | 'Warning',
    reason: string,
    message: string,
    component: string,
    /** The node of the reporting kubelet (source.host). @default - none */
    host?: string,
  ): void;
}

/** What an image does when the kubelet runs it (CONTRACT.md `images`). */
export interface ImageBehavior {
  /** `'fail'`: the pull fails (ErrImagePull, then ImagePullBackOff). @default 'ok' */
  readonly pull?: 'ok' | 'fail';
  /** The container exits right after starting (CrashLoopBackOff). @default false */
  readonly crash?: boolean;
  /** Exit code when it crashes. @default 1 */
  readonly exitCode?: number;
  /** Seconds from container start until the process answers probes. @default 0 */
  readonly startupSeconds?: number;
  /** `false`: the process never answers its probes (never Ready; a liveness probe kills it). @default true */
  readonly healthy?: boolean;
  /** Memory the process grows to after start (a quantity, `'600Mi'`); a lower memory limit gets it OOMKilled. @default - fits any limit */
  readonly memory?: string;
  /** Env vars the image exits without (its entrypoint checks them). @default - none */
  readonly requiredEnv?: readonly string[];
  /** The image runs as root, the same as `user: 0` (`runAsNonRoot` then fails with CreateContainerConfigError). @default false */
  readonly runsAsRoot?: boolean;
  /** Paths the image writes; with readOnlyRootFilesystem each needs a writable mount or it crashes. @default - none */
  readonly writablePaths?: readonly string[];
  /**
   * The image's user (Dockerfile `USER`): a UID, or a user name the kubelet cannot check
   * (`runAsNonRoot` then fails: "image has non-numeric user"). `0` is root, as for an image with
   * no `USER`. @default - not root (`runsAsRoot` says otherwise)
   */
  readonly user?: number | string;
  /**
   * TCP ports the process listens on as the image configures it. A probe on another port is
   * refused (never ready; a liveness or startup probe kills it), and a port below 1024 needs root
   * with NET_BIND_SERVICE, else the process exits with `logs.bindDenied`.
   * @default - answers probes on any port and binds nothing privileged
   */
  readonly ports?: readonly number[];
  /** Env checks of the image's entrypoint; the first that fails makes it print its message and exit 1. @default - none */
  readonly envRules?: readonly ImageEnvRule[];
  /** Those `writablePaths` that only root may write in the image: another user needs a writable mount there. @default - none */
  readonly rootOwnedPaths?: readonly string[];
  /** Those `writablePaths` first written after the process binds its ports (a pid file). @default - none */
  readonly writtenAfterListen?: readonly string[];
  /**
   * Where the image keeps its configuration: a volume mounted at or under one of these replaces
   * it, so `ports` and `writablePaths` are no longer known and not enforced. @default - none
   */
  readonly configPaths?: readonly string[];
  /** The image's default command exits at once (a shell without a terminal): exit 0, unless `command` or `args` replace it. @default false */
  readonly exitsWithoutCommand?: boolean;
  /** What the process prints before it exits, shown as the container's last `terminated.message`. @default - the simulator's own hint */
  readonly logs?: ImageLogs;
}

/** An env check of an image's entrypoint (docker-library's `docker_verify_minimum_env`). */
export interface ImageEnvRule {
  /** Checked only when one of these holds (`NAME`: set and not empty; `NAME=value`: equal). @default - always */
  readonly when?: readonly string[];
  /** Passes when one of these holds (same forms as `when`); an empty list always fails. */
  readonly anyOf: readonly string[];
  /** What the entrypoint prints before it exits 1. */
  readonly message: string;
}

/** The lines an image prints when it fails; `{port}`, `{errno}` (13, 30) and `{error}` (`Permission denied`, `Read-only file system`) are filled in. */
export interface ImageLogs {
  /** By path in `writablePaths`: printed when it cannot be written. */
  readonly unwritable?: Readonly<Record<string, string>>;
  /** Printed when binding a port below 1024 is denied. */
  readonly bindDenied?: string;
}

/**
 * Whether each node's kubelet is alive and renewing its Lease in `kube-node-lease`. The
 * simulator models the renewals (every 10 s in Kubernetes) without writing them: a node's
 * heartbeat simply beats until a fault stops it (`Cluster.failNode`), and the node lifecycle
 * controller notices only once the grace period has passed without one.
 */
export interface NodeHeartbeats {
  /** True while the node's kubelet runs and posts its heartbeat (every node starts so). */
  isBeating(node: string): boolean;
  /** Calls `handler` each time a node's heartbeat stops (`false`) or comes back (`true`). */
  watch(handler: (node: string, beating: boolean) => void): void;
}

/** Everything a component gets when the cluster starts it. */
export interface SimContext {
  readonly store: Store;
  readonly clock: Clock;
  readonly rng: Rng;
  readonly events: EventRecorder;
  /** Which kubelets are alive (faults stop them). */
  readonly heartbeats: NodeHeartbeats;
  /** How an image behaves; unknown images pull and run. */
  imageBehavior(image: string): ImageBehavior;
  /**
   * `net.ipv4.ip_unprivileged_port_start` that the container runtime sets in every pod sandbox
   * the pod does not set it in itself.
   */
  readonly unprivilegedPortStart: number;
}

/** A control loop (controller, scheduler, kubelet). `start` registers watches and timers. */
export interface Controller {
  /** Name used in Events' source.component, e.g. `deployment-controller`, `default-scheduler`. */
  readonly name: string;
  start(ctx: SimContext): void;
}

/** Looks at the store after converging and names what is not at its desired state. */
export type ProblemDetector = (store: Store, clock: Clock) => Problem[];
