/**
 * @module
 * The kube-scheduler as a simulator Controller (kubernetes pkg/scheduler/scheduler.go,
 * eventhandlers.go, schedule_one.go `scheduleOne`): watches Nodes and Pods, keeps the cache
 * incrementally, pops pods from the scheduling queue on the virtual clock, and either binds
 * (spec.nodeName, PodScheduled=True, a `Scheduled` event) or records the failure
 * (PodScheduled=False/Unschedulable with the FitError message, a `FailedScheduling` Warning),
 * running preemption in between. Pods that finished (Succeeded/Failed) leave the cache, as the
 * scheduler's informer excludes them by field selector.
 */
import type { Node, Pod } from '../api';
import { ApiError, type Controller, type SimContext, type WatchEvent } from '../framework';
import { SchedulerCache } from './cache';
import { countReasons, fitErrorMessage } from './fit-error';
import type { Handle } from './framework';
import { PodInfo, podKey } from './pod-info';
import {
  FAILED_SCHEDULING,
  isGated,
  isTerminal,
  REASON_SCHEDULER_ERROR,
  REASON_SCHEDULING_GATED,
  SCHEDULING_GATED_MESSAGE,
  REASON_UNSCHEDULABLE,
  SCHEDULED,
  withPodScheduled,
} from './pod-status';
import { bindingFor } from '../pod-binding';
import { preempt } from './preemption';
import { DEFAULT_PROFILE, defaultRegistry, type Profile, type Registry } from './plugins/registry';
import { ProfileRuntime } from './profile-runtime';
import { FLUSH_UNSCHEDULABLE_PERIOD_SECONDS, SchedulingQueue, type QueuedPod } from './queue';
import { Algorithm } from './schedule-one';
import { asKube, asNode, asPod } from './views';

/** ErrNoNodesAvailable (schedule_one.go): the message when the cluster has no node at all. */
export const ERR_NO_NODES_AVAILABLE = 'no nodes available to schedule pods';

/** PodStatus plus the field preemption sets (status.nominatedNodeName). */
type NominatedStatus = NonNullable<Pod['status']> & { nominatedNodeName?: string };

/** Options for {@link Scheduler}. */
export interface SchedulerOptions {
  /** Plugin factories by name. @default defaultRegistry */
  readonly registry?: Registry;
  /** Enabled plugins, weights and percentageOfNodesToScore. @default DEFAULT_PROFILE */
  readonly profile?: Profile;
}

/** Scheduler counters, for benchmarks and tests. */
export interface SchedulerStats {
  attempts: number;
  bound: number;
  unschedulable: number;
}

/** The default scheduler. */
export class Scheduler implements Controller {
  /** Events' source.component. */
  readonly name = 'default-scheduler';
  /** Counters since start. */
  readonly stats: SchedulerStats = { attempts: 0, bound: 0, unschedulable: 0 };
  readonly #options: SchedulerOptions;
  readonly #cache = new SchedulerCache();
  #ctx?: SimContext;
  #queue?: SchedulingQueue;
  #runtime?: ProfileRuntime;
  #algorithm?: Algorithm;
  #drainScheduled = false;
  #stampAt = -1;
  #stamp = '';

  constructor(options: SchedulerOptions = {}) {
    this.#options = options;
  }

  /** Registers watches, takes in what already exists, and starts the periodic flush. */
  start(ctx: SimContext): void {
    this.#ctx = ctx;
    const cache = this.#cache;
    const handle: Handle = {
      nodes: () => cache.nodes(),
      node: (name) => cache.node(name),
      nodesWithRequiredAntiAffinity: () => cache.nodesWithRequiredAntiAffinity(),
      ownerCounts: (ownerId) => cache.ownerCounts(ownerId),
      store: ctx.store,
      clock: ctx.clock,
    };
    const runtime = new ProfileRuntime(
      this.#options.profile ?? DEFAULT_PROFILE,
      this.#options.registry ?? defaultRegistry,
      handle,
    );
    this.#runtime = runtime;
    this.#algorithm = new Algorithm(runtime, ctx.rng);
    const queue = new SchedulingQueue(ctx.clock, () => this.#scheduleDrain());
    this.#queue = queue;

    ctx.store.watch('Node', (e) => this.#onNode(e));
    ctx.store.watch('Pod', (e) => this.#onPod(e));
    for (const kind of runtime.eventKinds) {
      ctx.store.watch(kind, () => queue.moveAllToActiveOrBackoff());
    }
    for (const n of ctx.store.list('Node')) cache.upsertNode(asNode(n));
    for (const p of ctx.store.list('Pod')) this.#onPod({ type: 'ADDED', object: p });

    const flush = (): void => {
      queue.flushUnschedulableLeftover();
      ctx.clock.after(FLUSH_UNSCHEDULABLE_PERIOD_SECONDS, flush, { background: true });
    };
    ctx.clock.after(FLUSH_UNSCHEDULABLE_PERIOD_SECONDS, flush, { background: true });
  }

  /** clock.timestamp(), formatted once per virtual instant (a drain binds many pods at one). */
  #timestamp(): string {
    const ctx = this.#ctx as SimContext;
    const now = ctx.clock.now();
    if (now !== this.#stampAt) {
      this.#stampAt = now;
      this.#stamp = ctx.clock.timestamp();
    }
    return this.#stamp;
  }

  #isOurs(pod: Pod): boolean {
    const name = pod.spec?.schedulerName;
    return !name || name === (this.#runtime?.profile.schedulerName ?? this.name);
  }

  #onNode(e: WatchEvent): void {
    const node = asNode(e.object);
    if (e.type === 'DELETED') {
      this.#cache.removeNode(node.metadata.name);
      return;
    }
    this.#cache.upsertNode(node);
    if (e.type === 'ADDED' || !e.oldObject || schedulingRelevantChange(asNode(e.oldObject), node)) {
      this.#queue?.moveAllToActiveOrBackoff();
    }
  }

  #onPod(e: WatchEvent): void {
    const pod = asPod(e.object);
    const key = podKey(pod);
    const queue = this.#queue as SchedulingQueue;
    const nodeName = pod.spec?.nodeName;
    if (e.type === 'DELETED' || (nodeName && isTerminal(pod))) {
      if (queue.has(key)) queue.delete(key);
      // Resources freed: parked pods may fit now (AssignedPodDelete).
      if (this.#cache.removePod(key) !== undefined) queue.moveAllToActiveOrBackoff();
      return;
    }
    if (nodeName) {
      // Bound before to the same node: the cache counted it there on that earlier event (the
      // map lookup is skipped for the kubelet's many status writes).
      const before = e.oldObject && asPod(e.oldObject).spec?.nodeName;
      const counted = before === nodeName || this.#cache.nodeOf(key) === nodeName;
      if (counted) {
        // Most events are status updates of a pod already counted where it runs; only the
        // start of its termination matters (preemption waits for terminating victims).
        if (pod.metadata.deletionTimestamp && !e.oldObject?.metadata.deletionTimestamp) {
          this.#cache.removePod(key);
          this.#cache.addPod(new PodInfo(pod), nodeName);
        }
        return;
      }
      if (queue.has(key)) queue.delete(key);
      this.#cache.addPod(new PodInfo(pod), nodeName);
      return;
    }
    if (!this.#isOurs(pod) || isTerminal(pod) || pod.metadata.deletionTimestamp) {
      if (queue.has(key)) queue.delete(key);
      return;
    }
    const old = e.oldObject;
    const known = queue.has(key);
    if (!old || !known || old.metadata.generation !== pod.metadata.generation) {
      queue.add(
        key,
        pod.spec?.priority ?? 0,
        pod.metadata.namespace ?? 'default',
        pod.metadata.name,
      );
    }
  }

  #scheduleDrain(): void {
    if (this.#drainScheduled || !this.#ctx) return;
    this.#drainScheduled = true;
    this.#ctx.clock.after(0, () => {
      this.#drainScheduled = false;
      this.#drain();
    });
  }

  /** Schedules every active pod, one after the other, at this virtual instant. */
  #drain(): void {
    const queue = this.#queue as SchedulingQueue;
    for (let q = queue.pop(); q; q = queue.pop()) {
      try {
        this.#scheduleOne(q);
      } catch (error) {
        if (!(error instanceof Error)) throw error;
        this.#schedulerError(q, error);
      }
    }
  }

  #scheduleOne(q: QueuedPod): void {
    const ctx = this.#ctx as SimContext;
    const queue = this.#queue as SchedulingQueue;
    const live = ctx.store.get('Pod', q.name, q.namespace);
    const pod = live && asPod(live);
    if (
      !pod ||
      podKey(pod) !== q.key ||
      pod.spec?.nodeName ||
      pod.metadata.deletionTimestamp ||
      !this.#isOurs(pod)
    ) {
      queue.delete(q.key);
      return;
    }
    if (isGated(pod)) {
      // Not scheduled until its gates are removed (that spec update brings it back). The API
      // server sets this condition in Kubernetes; the simulator's does not, so it is set here.
      const gated = withPodScheduled(
        pod,
        'False',
        this.#timestamp(),
        REASON_SCHEDULING_GATED,
        SCHEDULING_GATED_MESSAGE,
      );
      if (gated) ctx.store.updateStatus(asKube(gated));
      queue.delete(q.key);
      return;
    }
    this.stats.attempts++;
    const info = new PodInfo(pod);
    const snapshot = this.#cache.snapshot();
    const nodes = snapshot.nodes;
    const result = (this.#algorithm as Algorithm).schedulePod(info, snapshot);
    if (result.node) {
      const status = (this.#runtime as ProfileRuntime).runPreBinds(info, result.node);
      if (status) {
        queue.retryLater(q);
        return;
      }
      this.#bind(q, pod, info, result.node.name);
      return;
    }

    if (result.numAllNodes === 0) {
      this.stats.unschedulable++;
      this.#recordFailure(pod, ERR_NO_NODES_AVAILABLE);
      queue.addUnschedulable(q);
      return;
    }
    const reasons = new Map<string, number>();
    for (const r of result.rejected) countReasons(reasons, r.status.reasons);
    const outcome = preempt(
      info,
      result.rejected,
      result.preFilter,
      nodes,
      this.#runtime as ProfileRuntime,
    );
    const message = fitErrorMessage(result.numAllNodes, {
      reasons,
      preFilterMsg: result.preFilter?.reasons.join(', '),
      postFilterMsg: outcome.message,
    });
    this.stats.unschedulable++;
    this.#recordFailure(pod, message, outcome.nominated?.node.name);
    if (outcome.nominated) {
      for (const victim of outcome.nominated.victims)
        this.#evict(victim, pod, outcome.nominated.node.name);
    }
    queue.addUnschedulable(q);
  }

  /**
   * An unexpected error (e.g. a request quantity that does not parse): the pod is marked
   * PodScheduled=False/SchedulerError with the error, as handleSchedulingFailure does, and parked.
   */
  #schedulerError(q: QueuedPod, error: Error): void {
    const ctx = this.#ctx as SimContext;
    const queue = this.#queue as SchedulingQueue;
    const live = ctx.store.get('Pod', q.name, q.namespace);
    if (live) {
      const pod = asPod(live);
      const updated = withPodScheduled(
        pod,
        'False',
        this.#timestamp(),
        REASON_SCHEDULER_ERROR,
        error.message,
      );
      if (updated) ctx.store.updateStatus(asKube(updated));
      ctx.events.event(asKube(pod), 'Warning', FAILED_SCHEDULING, error.message, this.name);
    }
    queue.addUnschedulable(q);
  }

  #bind(q: QueuedPod, pod: Pod, info: PodInfo, nodeName: string): void {
    const ctx = this.#ctx as SimContext;
    const queue = this.#queue as SchedulingQueue;
    // AssumePod: count it now so the next pod in this drain sees the node's new usage.
    this.#cache.addPod(info, nodeName);
    try {
      // One write, as the binding subresource makes it: nodeName and PodScheduled=True.
      ctx.store.create(bindingFor(pod, nodeName));
      this.stats.bound++;
      queue.delete(q.key);
      ctx.events.event(
        asKube(pod),
        'Normal',
        SCHEDULED,
        `Successfully assigned ${pod.metadata.namespace ?? 'default'}/${pod.metadata.name} to ${nodeName}`,
        this.name,
      );
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      // ForgetPod: the binding did not happen (pod gone, or the write was rejected).
      this.#cache.removePod(q.key);
      queue.retryLater(q);
    }
  }

  #recordFailure(pod: Pod, message: string, nominatedNodeName?: string): void {
    const ctx = this.#ctx as SimContext;
    let updated = withPodScheduled(pod, 'False', this.#timestamp(), REASON_UNSCHEDULABLE, message);
    const status = pod.status as NominatedStatus | undefined;
    if (nominatedNodeName && status?.nominatedNodeName !== nominatedNodeName) {
      const base = updated ?? pod;
      const nominated: NominatedStatus = { ...base.status, nominatedNodeName };
      updated = { ...base, status: nominated };
    }
    // Unchanged status is not rewritten, so a pod that never fits does not count as activity.
    if (updated) ctx.store.updateStatus(asKube(updated));
    ctx.events.event(asKube(pod), 'Warning', FAILED_SCHEDULING, message, this.name);
  }

  #evict(victim: PodInfo, preemptor: Pod, nodeName: string): void {
    const ctx = this.#ctx as SimContext;
    const { name, namespace } = victim.pod.metadata;
    ctx.events.event(
      asKube(victim.pod),
      'Normal',
      'Preempted',
      `Preempted by pod ${preemptor.metadata.uid ?? preemptor.metadata.name} on node ${nodeName}`,
      this.name,
    );
    ctx.store.delete('Pod', name, namespace);
  }
}

/** True when a node change may let parked pods fit (labels, taints, cordon, allocatable). */
export function schedulingRelevantChange(old: Node, node: Node): boolean {
  return (
    JSON.stringify(old.metadata.labels ?? {}) !== JSON.stringify(node.metadata.labels ?? {}) ||
    JSON.stringify(old.spec?.taints ?? []) !== JSON.stringify(node.spec?.taints ?? []) ||
    !!old.spec?.unschedulable !== !!node.spec?.unschedulable ||
    JSON.stringify(old.status?.allocatable ?? {}) !== JSON.stringify(node.status?.allocatable ?? {})
  );
}
