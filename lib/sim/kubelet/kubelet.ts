/**
 * @module
 * The kubelets of all nodes as one component. Like pkg/kubelet/kubelet.go, each watches the
 * pods bound to its node (spec.nodeName), runs them through the container lifecycle
 * (lifecycle.ts) on the virtual clock, and writes their status as the status manager does
 * (pkg/kubelet/status/status_manager.go: only when it changed). A pod marked for deletion is
 * stopped and then removed with grace period 0 (kubelet.go `HandlePodRemoves` and the status
 * manager's final delete). A node whose heartbeat stopped (a lost node) or whose Ready condition
 * is not True has no running kubelet: its pods are left as they are, Terminating ones included,
 * until it is back.
 */
import type { DataObject, Node, Pod } from '../api';
import { ApiError, type Controller, type SimContext, type WatchEvent } from '../framework';
import type { KubeObject } from '../types';
import { WorkQueue, keyOf, splitKey } from '../workqueue';
import { Backoff } from './backoff';
import type { ConfigKind } from './config';
import { ImagePuller } from './image-puller';
import {
  defaultWaitingReason,
  nextWake,
  restartChangedContainers,
  syncContainers,
  type LifecycleContext,
} from './lifecycle';
import { NodeStates, type NodeState } from './node-state';
import { newContainerRuntime, runtimeFingerprint, type PodRuntime } from './runtime';
import { qosClass } from './qos';
import { generatePodStatus } from './status';

/** Seconds a stopping pod takes to shut down (never more than its grace period). */
export const SHUTDOWN_SECONDS = 1;

/** Component name in Events. */
const COMPONENT = 'kubelet';

/** The pod a sync is working on. */
interface CurrentPod {
  readonly pod: Pod;
  readonly rt: PodRuntime;
  readonly node: NodeState;
  readonly namespace: string;
}

/** The typed views in api.ts have no index signature; these say "same object, other view". */
function asPod(obj: KubeObject): Pod {
  return obj as unknown as Pod;
}
function asNode(obj: KubeObject): Node {
  return obj as unknown as Node;
}
function asKube(obj: Pod): KubeObject {
  return obj as unknown as KubeObject;
}

/** Virtual time rounded to microseconds, so that planned instants compare exactly. */
function roundTime(seconds: number): number {
  return Math.round(seconds * 1e6) / 1e6;
}

function isTerminal(pod: Pod): boolean {
  return pod.status?.phase === 'Succeeded' || pod.status?.phase === 'Failed';
}

/** Options for {@link Kubelet}. */
export interface KubeletOptions {
  /**
   * Record the Normal `Pulled` ("already present"), `Created` and `Started` Events of every
   * container start, as `kubectl describe pod` lists them. Off by default: at 10,000 pods
   * they would cost more than the rest of the kubelet. Warnings and pulls are always recorded.
   * @default false
   */
  readonly containerEvents?: boolean;
}

/** The kubelets of every node: runs bound pods' containers and reports their status. */
export class Kubelet implements Controller {
  /** Events' source.component. */
  readonly name = COMPONENT;
  readonly #options: KubeletOptions;
  #ctx?: SimContext;
  #queue?: WorkQueue;
  #puller?: ImagePuller;
  readonly #restartBackoff = new Backoff();
  readonly #nodes = new NodeStates();
  readonly #pods = new Map<string, PodRuntime>();
  /** `<kind>/<namespace>/<name>` of a ConfigMap/Secret → keys of pods waiting for it. */
  readonly #waiters = new Map<string, Set<string>>();
  /** Key of the pod whose status is being written, to ignore the write's own watch event. */
  #writing?: string;
  #lifecycleContext?: LifecycleContext;
  #current?: CurrentPod;
  #stampedAt = NaN;
  #stamp = '';

  constructor(options: KubeletOptions = {}) {
    this.#options = options;
  }

  /** Registers the watches on Nodes, Pods, ConfigMaps and Secrets. */
  start(ctx: SimContext): void {
    this.#ctx = ctx;
    this.#puller = new ImagePuller((image) => ctx.imageBehavior(image).pull === 'fail');
    const queue = new WorkQueue(ctx.clock, (key) => this.#sync(key));
    this.#queue = queue;
    ctx.store.watch('Node', (event) => this.#onNode(event));
    ctx.heartbeats.watch((node, beating) => {
      if (beating) this.#resyncNode(node);
    });
    ctx.store.watch('Pod', (event) => this.#onPod(event));
    ctx.store.watch<DataObject>('ConfigMap', (event) => this.#onConfig('ConfigMap', event));
    ctx.store.watch<DataObject>('Secret', (event) => this.#onConfig('Secret', event));
    for (const node of ctx.store.list('Node')) this.#nodes.observe(asNode(node));
    for (const obj of ctx.store.list('Pod')) {
      if (asPod(obj).spec?.nodeName) queue.add(keyOf(obj));
    }
  }

  #onNode(event: WatchEvent): void {
    const name = event.object.metadata.name;
    if (event.type === 'DELETED') {
      this.#nodes.remove(name);
      return;
    }
    if (this.#nodes.observe(asNode(event.object))) this.#resyncNode(name);
  }

  /** The kubelet (re)started: it syncs every pod bound to its node. */
  #resyncNode(name: string): void {
    for (const pod of this.#ctx?.store.podsOnNode(name) ?? []) this.#queue?.add(keyOf(pod));
  }

  #onPod(event: WatchEvent): void {
    const pod = asPod(event.object);
    const key = keyOf(pod);
    if (event.type === 'DELETED') {
      this.#forget(key, pod.metadata.uid);
      return;
    }
    if (!pod.spec?.nodeName || key === this.#writing) return;
    const rt = this.#pods.get(key);
    if (
      rt &&
      rt.uid === pod.metadata.uid &&
      rt.lastResourceVersion === pod.metadata.resourceVersion
    ) {
      return;
    }
    if (!rt && isTerminal(pod)) return;
    this.#queue?.add(key);
  }

  #onConfig(kind: ConfigKind, event: WatchEvent<DataObject>): void {
    if (event.type === 'DELETED') return;
    const id = `${kind}/${event.object.metadata.namespace ?? 'default'}/${event.object.metadata.name}`;
    const waiting = this.#waiters.get(id);
    if (!waiting) return;
    this.#waiters.delete(id);
    for (const key of waiting) this.#queue?.add(key);
  }

  #node(name: string): NodeState | undefined {
    const known = this.#nodes.get(name);
    if (known) return known;
    const node = this.#ctx?.store.get('Node', name);
    if (!node) return undefined;
    this.#nodes.observe(asNode(node));
    return this.#nodes.get(name);
  }

  #sync(key: string): void {
    const ctx = this.#ctx;
    if (!ctx) return;
    const { namespace, name } = splitKey(key);
    const stored = ctx.store.get('Pod', name, namespace);
    const pod = stored && asPod(stored);
    let rt = this.#pods.get(key);
    if (!pod) {
      if (rt) this.#forget(key, rt.uid);
      return;
    }
    if (rt && rt.uid !== pod.metadata.uid) {
      this.#forget(key, rt.uid);
      rt = undefined;
    }
    const nodeName = pod.spec?.nodeName;
    if (!nodeName) return;
    const node = this.#node(nodeName);
    if (!node?.ready || !ctx.heartbeats.isBeating(nodeName)) {
      // No kubelet runs there: whatever was planned waits until it is back.
      if (rt) this.#schedule(rt, Infinity);
      return;
    }
    if (pod.metadata.deletionTimestamp) {
      this.#terminate(pod, rt ?? this.#newRuntime(pod, node));
      return;
    }
    if (!rt) {
      if (isTerminal(pod)) return;
      rt = this.#newRuntime(pod, node);
    }
    if (rt.terminating) return;
    const lifecycle = this.#lifecycle(pod, rt, node);
    if (pod.spec?.containers !== rt.specContainers) {
      rt.specContainers = pod.spec?.containers;
      restartChangedContainers(pod, rt, lifecycle);
    }
    syncContainers(pod, rt, lifecycle);
    this.#write(pod, rt);
    this.#schedule(rt, nextWake(rt));
  }

  #newRuntime(pod: Pod, node: NodeState): PodRuntime {
    const key = keyOf(pod);
    const rt: PodRuntime = {
      key,
      uid: pod.metadata.uid ?? '',
      nodeName: node.name,
      initContainers: (pod.spec?.initContainers ?? []).map((c) => newContainerRuntime(c, true)),
      containers: (pod.spec?.containers ?? []).map((c) => newContainerRuntime(c, false)),
      sandboxReady: false,
      hostIP: node.hostIP,
      startTime: this.#timestamp(),
      terminating: false,
      scheduledAt: Infinity,
      qosClass: pod.status?.qosClass ?? qosClass(pod),
      specContainers: pod.spec?.containers,
    };
    const reason = defaultWaitingReason(rt);
    for (const c of [...rt.initContainers, ...rt.containers]) c.state = { waiting: { reason } };
    this.#pods.set(key, rt);
    return rt;
  }

  /**
   * The lifecycle's view of the kubelet, one object reused for every sync (pods are synced
   * one at a time): `#current` says which pod it serves.
   */
  #lifecycle(pod: Pod, rt: PodRuntime, node: NodeState): LifecycleContext {
    this.#current = { pod, rt, node, namespace: pod.metadata.namespace ?? 'default' };
    if (this.#lifecycleContext) return this.#lifecycleContext;
    const ctx = this.#ctx as SimContext;
    const current = () => this.#current as CurrentPod;
    this.#lifecycleContext = {
      now: () => roundTime(ctx.clock.now()),
      timestamp: (seconds) => this.#timestamp(seconds),
      imageBehavior: (image) => ctx.imageBehavior(image),
      unprivilegedPortStart: ctx.unprivilegedPortStart,
      puller: this.#puller as ImagePuller,
      restartBackoff: this.#restartBackoff,
      containerEvents: this.#options.containerEvents === true,
      lookup: (kind, name) => ctx.store.get<DataObject>(kind, name, current().namespace),
      event: (type, reason, message) =>
        ctx.events.event(
          asKube(current().pod),
          type,
          reason,
          message,
          COMPONENT,
          current().node.name,
        ),
      waitFor: (ref) => {
        const { namespace, rt } = current();
        const id = `${ref.kind}/${namespace}/${ref.name}`;
        let waiting = this.#waiters.get(id);
        if (!waiting) this.#waiters.set(id, (waiting = new Set()));
        waiting.add(rt.key);
      },
      createSandbox: () => {
        const { pod, rt, node } = current();
        if ((pod.spec as { hostNetwork?: boolean } | undefined)?.hostNetwork) {
          rt.podIP = node.hostIP;
          return;
        }
        const ip = node.ips.allocate();
        if (!ip) return;
        rt.podIP = ip;
        rt.releaseIP = () => node.ips.release(ip);
      },
    };
    return this.#lifecycleContext;
  }

  /** RFC 3339 time of `seconds` (default now), memoized for the current instant. */
  #timestamp(seconds?: number): string {
    const ctx = this.#ctx as SimContext;
    const at = seconds ?? ctx.clock.now();
    if (at !== this.#stampedAt) {
      this.#stampedAt = at;
      this.#stamp = ctx.clock.timestamp(at);
    }
    return this.#stamp;
  }

  /** Writes the status generated from the runtime when it differs from the last write. */
  #write(pod: Pod, rt: PodRuntime): void {
    const ctx = this.#ctx as SimContext;
    const fingerprint = runtimeFingerprint(rt);
    const unchanged = fingerprint === rt.lastWritten;
    if (unchanged && pod.metadata.resourceVersion === rt.lastResourceVersion) return;
    const status = generatePodStatus(pod, rt, this.#timestamp());
    this.#writing = rt.key;
    try {
      // updateStatus reads only the kind, name, namespace and status; it ignores no-op writes.
      const { apiVersion, kind, metadata } = pod;
      const written = ctx.store.updateStatus(asKube({ apiVersion, kind, metadata, status }));
      rt.lastWritten = fingerprint;
      rt.lastResourceVersion = written?.metadata?.resourceVersion;
    } catch (error) {
      if (error instanceof ApiError && error.code === 404) this.#forget(rt.key, rt.uid);
      else throw error;
    } finally {
      this.#writing = undefined;
    }
  }

  /** Stops the pod's containers, then deletes it after the modelled shutdown. */
  #terminate(pod: Pod, rt: PodRuntime): void {
    const ctx = this.#ctx as SimContext;
    const now = roundTime(ctx.clock.now());
    if (!rt.terminating) {
      rt.terminating = true;
      const grace =
        (pod.metadata as { deletionGracePeriodSeconds?: number }).deletionGracePeriodSeconds ??
        pod.spec?.terminationGracePeriodSeconds ??
        30;
      rt.deleteAt = now + Math.min(SHUTDOWN_SECONDS, Math.max(0, grace));
      for (const c of [...rt.initContainers, ...rt.containers]) {
        c.wakeAt = Infinity;
        c.ready = false;
        c.started = false;
        if (!c.state.running) continue;
        ctx.events.event(
          asKube(pod),
          'Normal',
          'Killing',
          `Stopping container ${c.spec.name}`,
          COMPONENT,
          rt.nodeName,
        );
        c.state = {
          terminated: {
            exitCode: 0,
            reason: 'Completed',
            startedAt: c.state.running.startedAt,
            finishedAt: ctx.clock.timestamp(now),
            ...(c.containerID ? { containerID: c.containerID } : {}),
          } as NonNullable<typeof c.state.terminated>,
        };
        c.stage = 'exited';
      }
      if (rt.lastWritten !== undefined) this.#write(pod, rt);
    }
    const deleteAt = rt.deleteAt ?? now;
    if (now < deleteAt) {
      this.#schedule(rt, deleteAt);
      return;
    }
    this.#schedule(rt, Infinity);
    try {
      ctx.store.delete('Pod', pod.metadata.name, pod.metadata.namespace, { gracePeriodSeconds: 0 });
    } catch (error) {
      if (!(error instanceof ApiError && error.code === 404)) throw error;
    }
    this.#forget(rt.key, rt.uid);
  }

  /** Runs the pod's sync at virtual instant `at` (one pending timer per pod). */
  #schedule(rt: PodRuntime, at: number): void {
    if (at === rt.scheduledAt) return;
    rt.cancelScheduled?.();
    rt.cancelScheduled = undefined;
    rt.scheduledAt = at;
    if (!Number.isFinite(at)) return;
    const ctx = this.#ctx as SimContext;
    const delay = Math.max(0, at - ctx.clock.now());
    rt.cancelScheduled = ctx.clock.after(delay, () => {
      rt.scheduledAt = Infinity;
      rt.cancelScheduled = undefined;
      this.#queue?.add(rt.key);
    });
  }

  /** Drops everything kept for a pod that is gone. */
  #forget(key: string, uid: string | undefined): void {
    const rt = this.#pods.get(key);
    if (!rt || (uid !== undefined && rt.uid !== uid)) return;
    rt.cancelScheduled?.();
    rt.releaseIP?.();
    for (const c of [...rt.initContainers, ...rt.containers]) {
      this.#restartBackoff.delete(`${rt.uid}_${c.spec.name}`);
      this.#puller?.forget(`${rt.uid}_${c.image}`);
    }
    this.#pods.delete(key);
  }
}
