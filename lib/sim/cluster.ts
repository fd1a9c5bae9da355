/**
 * @module
 * The public face of the simulator (CONTRACT.md): a cluster in one process. `apply` takes
 * manifests as `kubectl apply` would, `converge` runs the control plane in virtual time until
 * nothing changes (or the timeout), and the answer names every object that is not at its
 * desired state. Objects come back as copies, with status, as `kubectl get -o json` shows them.
 */
import { threeWayMerge } from './apply-merge';
import { rolloutUndo as undoRollout } from './controllers/deployment-rollback';
import { HPA_SYNC_PERIOD_SECONDS } from './controllers/hpa';
import { ApiError } from './framework';
import type { Controller, ImageBehavior, ProblemDetector } from './framework';
import { canonicalKind, isClusterScoped, resourceName } from './kinds';
import { ManifestError, parseManifests } from './manifests';
import type { ManifestInput, SourcedObject } from './manifests';
import { setCpuUtilization } from './metrics/set-cpu-utilization';
import { postNodeReady, recordNodeStatusChange } from './nodes';
import type { NodeSpec } from './nodes';
import { defaultControllers, defaultProblemDetectors, SIMULATED_KINDS } from './preset';
import { createRuntime } from './runtime';
import { routerFor } from './traffic';
import type { Runtime } from './runtime';
import type { KubeObject, Problem } from './types';
import { detectProblems, notSimulated, STILL_CHANGING } from './verdict';
import type { ConvergeResult } from './verdict';

/** Options of a simulated cluster (CONTRACT.md). */
export interface ClusterOptions {
  /** Node count, or one NodeSpec per node. @default 3 */
  readonly nodes?: number | readonly NodeSpec[];
  /** Allocatable CPU of nodes not given one. @default '4' */
  readonly nodeCpu?: string;
  /** Allocatable memory of nodes not given one. @default '16Gi' */
  readonly nodeMemory?: string;
  /** Pod capacity of nodes not given one. @default 110 */
  readonly nodePods?: number;
  /** Same seed, same run. @default 1 */
  readonly seed?: number;
  /** How images behave, by image (`my-app:1.0`) or repository (`my-app`). @default - all pull and run */
  readonly images?: Readonly<Record<string, ImageBehavior>>;
  /**
   * Whether well-known images (nginx, postgres, mysql, redis, ... see `IMAGE_CATALOGUE`) fail
   * as they really do: as root under runAsNonRoot, without a required env var, on a read-only
   * root filesystem without a writable mount where they write. An `images` entry overrides the
   * catalogue's for its image. @default true
   */
  readonly imageCatalogue?: boolean;
  /**
   * Ports below this need root with NET_BIND_SERVICE, unless the pod sets the sysctl
   * `net.ipv4.ip_unprivileged_port_start` itself. 0 is what containerd 2.x (kind, k3s, minikube)
   * and Docker set in every pod; 1024, the kernel's default, is what CRI-O and containerd 1.x
   * leave, where a non-root nginx cannot bind port 80. @default 0
   */
  readonly unprivilegedPortStart?: number;
  /** The control loops. @default - defaultControllers() */
  readonly controllers?: readonly Controller[];
  /** The judges of the result. @default - defaultProblemDetectors() */
  readonly problemDetectors?: readonly ProblemDetector[];
}

/** Options of {@link Cluster.converge}. */
export interface ConvergeOptions {
  /** Virtual seconds to run at most. @default 600 */
  readonly timeoutSeconds?: number;
  /** Seconds without any write after which only background work is left to run. @default 330 */
  readonly settleSeconds?: number;
}

/** What `apply` did to one object, as `kubectl apply` prints it. */
export interface AppliedObject {
  readonly kind: string;
  readonly name: string;
  readonly namespace: string;
  readonly action: 'created' | 'configured' | 'unchanged';
}

/** A request through the cluster's ingress controller / kube-proxy (CONTRACT.md `request`). */
export interface ClusterRequest {
  readonly host: string;
  readonly path: string;
  readonly clientIp?: string;
  readonly nodePort?: number;
  /** The node whose port receives a `nodePort` request. @default - chosen as TrafficRequest.node says */
  readonly node?: string;
}

/** Where a request landed. */
export interface ClusterResponse {
  readonly status: number;
  readonly service?: string;
  readonly pod?: string;
}

/**
 * Settle window: a full HPA scale-down stabilization window (300 s) plus two syncs, so that
 * background loops have had their say before converge() stops.
 */
export const SETTLE_SECONDS = 330;

const IMMORTAL_NAMESPACES = new Set(['default', 'kube-system', 'kube-public']);

/** Reason of the problem reported when a simulator component threw. */
export const SIMULATOR_ERROR = 'SimulatorError';

/** Apply order: what others depend on first (namespaces, CRDs), the rest in input order. */
function applyRank(kind: string): number {
  if (kind === 'Namespace') return 0;
  if (kind === 'CustomResourceDefinition') return 1;
  return 2;
}

/** A deep copy of a stored object; objects are JSON, and a JSON round trip beats structuredClone. */
function copy<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

/** An in-process Kubernetes cluster on virtual time. */
export class Cluster {
  readonly #runtime: Runtime;
  readonly #detectors: readonly ProblemDetector[];
  /** Each object's last applied configuration (kubectl's last-applied-configuration), by kind/namespace/name. */
  readonly #applied = new Map<string, KubeObject>();
  /** Errors thrown by components during the run, by message. */
  readonly #internalErrors = new Map<string, Problem>();

  constructor(options: ClusterOptions = {}) {
    this.#runtime = createRuntime({
      nodes: options.nodes,
      nodeDefaults: { cpu: options.nodeCpu, memory: options.nodeMemory, pods: options.nodePods },
      seed: options.seed,
      images: options.images,
      imageCatalogue: options.imageCatalogue,
      unprivilegedPortStart: options.unprivilegedPortStart,
    });
    this.#detectors = options.problemDetectors ?? defaultProblemDetectors();
    for (const controller of options.controllers ?? defaultControllers())
      controller.start(this.#runtime.ctx);
  }

  /** Virtual seconds since the cluster started. */
  get now(): number {
    return this.#runtime.clock.now();
  }

  /**
   * Creates or updates objects from YAML text, one object or an array (`kubectl apply`).
   * Namespaces go first, so their order in the input does not matter. An update merges as
   * kubectl's three-way merge does (apply-merge.ts): fields this configuration omits and the
   * previous one did not set either (an HPA's replicas, defaults) keep their live values.
   * Throws ManifestError for bad manifests and for writes the API server rejects, naming
   * `source` and the document.
   */
  apply(input: ManifestInput, source?: string): AppliedObject[] {
    const parsed = parseManifests(input, source);
    const ordered = parsed
      .map((entry, index) => ({ entry, index }))
      .sort(
        (a, b) =>
          applyRank(a.entry.object.kind) - applyRank(b.entry.object.kind) || a.index - b.index,
      )
      .map(({ entry }) => entry);
    return ordered.map((entry) => this.#applyOne(entry));
  }

  #applyOne({ object, source, document }: SourcedObject): AppliedObject {
    const { store } = this.#runtime;
    const kind = object.kind;
    const namespace = store.namespaceFor(kind, object.metadata.namespace);
    const at = { kind, name: object.metadata.name, namespace };
    const key = `${kind}/${namespace}/${at.name}`;
    const applied = copy(object);
    try {
      const existing = store.get(kind, object.metadata.name, namespace);
      if (!existing) {
        store.create(object);
        this.#applied.set(key, applied);
        return { ...at, action: 'created' };
      }
      const before = existing.metadata.resourceVersion;
      // a copy: the merge shares what it keeps with the stored object, and admission defaults in place
      const merged = copy(threeWayMerge(existing, this.#applied.get(key), applied)) as KubeObject;
      merged.metadata.namespace = namespace || undefined;
      const updated = store.update(merged);
      this.#applied.set(key, applied);
      return {
        ...at,
        action: updated.metadata.resourceVersion === before ? 'unchanged' : 'configured',
      };
    } catch (error) {
      if (error instanceof ApiError)
        throw new ManifestError(source, document, error.message, { cause: error });
      throw error;
    }
  }

  /** Deletes an object (`kubectl delete`); its dependents follow (background cascading deletion). */
  delete(kind: string, name: string, namespace?: string): void {
    const k = canonicalKind(kind);
    const { store } = this.#runtime;
    if (!store.get(k, name, namespace)) {
      throw new ApiError(404, 'NotFound', `${resourceName(k)} "${name}" not found`);
    }
    if (k === 'Namespace' && IMMORTAL_NAMESPACES.has(name)) {
      // plugin/pkg/admission/namespace/lifecycle: the system namespaces cannot be deleted
      throw new ApiError(
        403,
        'Forbidden',
        `namespaces "${name}" is forbidden: this namespace may not be deleted`,
      );
    }
    store.delete(k, name, namespace);
  }

  /** Deletes a pod gracefully, as `kubectl delete pod` (its controller replaces it). */
  deletePod(name: string, namespace?: string): void {
    this.delete('Pod', name, namespace);
  }

  /**
   * Runs the control plane until nothing is left to do, or only background work is left and
   * nothing was written for the settle window, or the virtual timeout passes; then asks
   * every problem detector.
   */
  converge(options: ConvergeOptions = {}): ConvergeResult {
    const { clock, store } = this.#runtime;
    const timeout = options.timeoutSeconds ?? 600;
    const settle = options.settleSeconds ?? SETTLE_SECONDS;
    const start = clock.now();
    const deadline = start + timeout;
    let lastWrite = start;
    let writes = store.writes;
    let timedOut = false;
    for (;;) {
      const next = clock.peek();
      if (next === undefined) break;
      if (clock.pendingForeground === 0 && next > lastWrite + settle) break;
      if (next > deadline) {
        timedOut = true;
        break;
      }
      this.#step();
      if (store.writes !== writes) {
        writes = store.writes;
        lastWrite = clock.now();
      }
    }
    const problems = this.problems();
    // Still changing at the timeout: something was written within the settle window, and
    // foreground work is still waiting (an HPA with more to do queues its sync as such) or
    // the background loops have not all looked since the last write. Once the HPA has synced
    // after the last write and queued only background work, that write was its last word.
    const backgroundDone =
      clock.pendingForeground === 0 && deadline - lastWrite >= HPA_SYNC_PERIOD_SECONDS;
    const stillChanging = timedOut && deadline - lastWrite < settle && !backgroundDone;
    if (stillChanging && problems.length === 0)
      problems.push(this.#stillChanging(timeout, lastWrite - start));
    return {
      converged: problems.length === 0,
      seconds: lastWrite - start,
      problems,
      notSimulated: notSimulated(store, SIMULATED_KINDS),
      timedOut: stillChanging,
    };
  }

  #stillChanging(timeout: number, seconds: number): Problem {
    return {
      kind: 'Cluster',
      namespace: '',
      name: 'cluster',
      reason: STILL_CHANGING,
      message: `objects were still changing after ${timeout} virtual seconds (last change at ${seconds} s); raise timeoutSeconds if the rollout is slow`,
    };
  }

  /** What every problem detector reports right now (converge() returns the same after running). */
  problems(): Problem[] {
    const { store, clock } = this.#runtime;
    return [...this.#internalErrors.values(), ...detectProblems(this.#detectors, store, clock)];
  }

  /**
   * Runs the next clock callback. A component that throws is a simulator bug, not the
   * user's: the run goes on and the error becomes a problem, instead of a stack trace.
   */
  #step(): void {
    try {
      this.#runtime.clock.step();
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      if (this.#internalErrors.has(message)) return;
      this.#internalErrors.set(message, {
        kind: 'Simulator',
        namespace: '',
        name: 'simulator',
        reason: SIMULATOR_ERROR,
        message: `a simulator component failed: ${message}`,
      });
    }
  }

  /** Moves virtual time forward by `seconds`, running everything due meanwhile. */
  advance(seconds: number): void {
    const { clock } = this.#runtime;
    const target = clock.now() + Math.max(0, seconds);
    for (let next = clock.peek(); next !== undefined && next <= target; next = clock.peek())
      this.#step();
    clock.runUntil(target);
  }

  /** A copy of the object with its status, or undefined. Kinds may be written as kubectl does (`deploy`, `svc`). */
  get<T extends KubeObject = KubeObject>(
    kind: string,
    name: string,
    namespace = 'default',
  ): T | undefined {
    const obj = this.#runtime.store.get(canonicalKind(kind), name, namespace);
    return obj ? (copy(obj) as T) : undefined;
  }

  /** Copies of all objects of a kind (in one namespace, or all), in creation order. */
  list<T extends KubeObject = KubeObject>(kind: string, namespace?: string): T[] {
    return this.#runtime.store.list(canonicalKind(kind), namespace).map((obj) => copy(obj) as T);
  }

  /** Copies of every object in the cluster (Events only when asked), as `--json` prints them. */
  objects(options: { events?: boolean } = {}): KubeObject[] {
    const { store } = this.#runtime;
    return store
      .kinds()
      .filter((kind) => options.events === true || kind !== 'Event')
      .flatMap((kind) => store.list(kind).map((obj) => copy(obj)));
  }

  /**
   * The node stops responding (its machine or network is lost): its kubelet stops at once,
   * and after the node-monitor grace period (40 s) the node lifecycle controller marks it
   * Ready=Unknown and taints it unreachable; its pods leave the Endpoints then and are evicted
   * 300 s later (their default toleration). Throws ApiError 404 for an unknown node.
   */
  failNode(name: string): void {
    this.#node(name);
    this.#runtime.heartbeats.stop(name);
  }

  /** The node's kubelet is back: it posts Ready, and the node lifecycle controller removes the taints. */
  recoverNode(name: string): void {
    const { store, clock, events, heartbeats } = this.#runtime;
    this.#node(name);
    heartbeats.resume(name);
    // pkg/kubelet/nodestatus/setters.go ReadyCondition: recorded when Ready changes
    if (postNodeReady(store, clock, name))
      recordNodeStatusChange(store, events, name, 'NodeReady', 'kubelet', name);
  }

  #node(name: string): KubeObject {
    const node = this.#runtime.store.get('Node', name);
    if (!node) throw new ApiError(404, 'NotFound', `nodes "${name}" not found`);
    return node;
  }

  /** `kubectl rollout undo deployment/<name> [--to-revision=N]`. */
  rolloutUndo(deploymentName: string, namespace = 'default', toRevision?: number): void {
    const { store, clock } = this.#runtime;
    if (!store.get('Deployment', deploymentName, namespace)) {
      throw new ApiError(404, 'NotFound', `deployments.apps "${deploymentName}" not found`);
    }
    undoRollout(store, clock, deploymentName, namespace, toRevision);
  }

  /** Routes a request as the ingress controller and kube-proxy would (lib/sim/traffic/router.ts). */
  request(request: ClusterRequest): ClusterResponse {
    const { store, clock, heartbeats } = this.#runtime;
    return routerFor(store, clock, heartbeats).request(request);
  }

  /** Sets a workload's load: its CPU demand becomes `percent`% of its pods' CPU requests (CONTRACT.md). */
  setCpuUtilization(kind: string, name: string, percent: number, namespace?: string): void {
    setCpuUtilization(this.#runtime.store, canonicalKind(kind), name, percent, namespace);
  }

  /** Kinds stored but not run by the simulator (see ConvergeResult.notSimulated). */
  static isSimulatedKind(kind: string): boolean {
    return SIMULATED_KINDS.has(kind);
  }

  /** True for cluster-scoped kinds (Node, Namespace, PersistentVolume, ...). */
  static isClusterScoped(kind: string): boolean {
    return isClusterScoped(canonicalKind(kind));
  }
}
