/**
 * @module
 * The ReplicaSet controller, after pkg/controller/replicaset/replica_set.go: level-triggered
 * syncs keyed by `namespace/name`; each sync adopts matching orphan pods (claimPods), creates
 * or deletes at most `burstReplicas` pods in slow-start batches (manageReplicas), ranks pods for
 * deletion as controller_utils.go's ActivePodsWithRanks does, and writes the status
 * (replica_set_utils.go calculateStatus) with a ReplicaFailure condition carrying the API
 * server's message when a create is rejected (quota).
 */
import type { Pod, ReplicaSet } from '../api';
import { ApiError } from '../framework';
import type { Controller, SimContext } from '../framework';
import type { OwnerReference } from '../types';
import { matchesSelector } from '../selector';
import { WorkQueue, keyOf, splitKey } from '../workqueue';
import { ControllerExpectations } from './controller-expectations';
import { ReplicaSetPodCache } from './replicaset-pod-cache';
import { TypedStore, recordEvent } from './typed-store';
import type { ViewEvent } from './typed-store';
import {
  BURST_REPLICAS,
  SLOW_START_INITIAL_BATCH_SIZE,
  calculateReplicaSetStatus,
  controllerRefOf,
  generateName,
  getControllerOf,
  getPodsToDelete,
  isPodActive,
  podFromTemplate,
  slowStartBatch,
} from './replicaset-util';

export { replicaSetProblems } from './replicaset-problems';

/** Tries at a fresh random name when a generated pod name is taken. */
const NAME_RETRIES = 5;

/** Keeps each ReplicaSet's pod count at spec.replicas (KC replica_set.go). */
export class ReplicaSetController implements Controller {
  /** Events' source.component, as kube-controller-manager reports it. */
  readonly name = 'replicaset-controller';
  /** Most pods created or deleted per sync (burstReplicas). */
  readonly burstReplicas: number;
  #ctx: SimContext | undefined;
  #store: TypedStore | undefined;
  #queue: WorkQueue | undefined;
  #epochMs = 0;
  readonly #pods = new ReplicaSetPodCache();
  readonly #expectations = new ControllerExpectations();
  /** ReplicaSets whose pods changed labels: the next sync checks which to release. */
  readonly #relabeled = new Set<string>();
  /** Pending availability rechecks (minReadySeconds), by key, so that each is scheduled once. */
  readonly #availabilityChecks = new Map<string, number>();

  constructor(options: { burstReplicas?: number } = {}) {
    this.burstReplicas = options.burstReplicas ?? BURST_REPLICAS;
  }

  /** Registers the watches and queues every existing ReplicaSet. */
  start(ctx: SimContext): void {
    this.#ctx = ctx;
    const store = (this.#store = new TypedStore(ctx.store));
    this.#epochMs = Date.parse(ctx.clock.timestamp(0));
    // The ReplicaSet controller retries failed syncs without a limit (AddRateLimited).
    this.#queue = new WorkQueue(ctx.clock, (key) => this.syncReplicaSet(key), {
      maxRetries: Number.POSITIVE_INFINITY,
    });
    for (const pod of store.list<Pod>('Pod')) this.#pods.observe({ type: 'ADDED', object: pod });
    store.watch<ReplicaSet>('ReplicaSet', (e) => this.#onReplicaSet(e));
    store.watch<Pod>('Pod', (e) => this.#onPod(e));
    for (const rs of store.list<ReplicaSet>('ReplicaSet')) this.#queue.add(keyOf(rs));
  }

  #onReplicaSet(event: ViewEvent<ReplicaSet>): void {
    const key = keyOf(event.object);
    if (event.type === 'DELETED') {
      this.#expectations.delete(key);
      this.#availabilityChecks.delete(key);
      return;
    }
    const old = event.oldObject;
    // Our own status writes need no sync (updateRS enqueues them; the sync would find nothing to do).
    if (
      old &&
      old.metadata.generation === event.object.metadata.generation &&
      old.metadata.deletionTimestamp === event.object.metadata.deletionTimestamp &&
      sameOwners(old.metadata.ownerReferences, event.object.metadata.ownerReferences)
    ) {
      return;
    }
    this.#queue?.add(key);
  }

  #onPod(event: ViewEvent<Pod>): void {
    this.#pods.observe(event);
    const pod = event.object;
    const podKey = keyOf(pod);
    const ref = getControllerOf(pod);
    const namespace = pod.metadata.namespace ?? 'default';
    const ownerKey = ref?.kind === 'ReplicaSet' ? `${namespace}/${ref.name}` : undefined;
    if (event.type === 'ADDED') {
      if (ownerKey) {
        this.#expectations.creationObserved(ownerKey);
        this.#queue?.add(ownerKey);
      } else if (!ref) {
        this.#enqueueSelecting(pod);
      }
      return;
    }
    if (event.type === 'DELETED') {
      if (ownerKey) {
        this.#expectations.deletionObserved(ownerKey, podKey);
        this.#queue?.add(ownerKey);
      }
      return;
    }
    const old = event.oldObject;
    const oldRef = old ? getControllerOf(old) : undefined;
    if (oldRef && oldRef.uid !== ref?.uid && oldRef.kind === 'ReplicaSet') {
      this.#queue?.add(`${namespace}/${oldRef.name}`);
    }
    if (!ownerKey) {
      if (!ref) this.#enqueueSelecting(pod);
      return;
    }
    if (pod.metadata.deletionTimestamp && !old?.metadata.deletionTimestamp) {
      this.#expectations.deletionObserved(ownerKey, podKey);
    }
    if (old && !sameLabels(old.metadata.labels, pod.metadata.labels)) {
      this.#relabeled.add(ownerKey);
    }
    this.#queue?.add(ownerKey);
  }

  /** An orphan pod changed: wake the ReplicaSets that select it (getPodReplicaSets). */
  #enqueueSelecting(pod: Pod): void {
    if (!isPodActive(pod) || !this.#store) return;
    for (const rs of this.#store.list<ReplicaSet>(
      'ReplicaSet',
      pod.metadata.namespace ?? 'default',
    )) {
      if (matchesSelector(pod.metadata.labels, rs.spec?.selector)) this.#queue?.add(keyOf(rs));
    }
  }

  /** Virtual now in epoch milliseconds (not rounded, unlike timestamps). */
  #nowMs(): number {
    return this.#epochMs + (this.#ctx?.clock.now() ?? 0) * 1000;
  }

  /** One reconcile of the ReplicaSet `namespace/name` (syncReplicaSet). */
  syncReplicaSet(key: string): void {
    const ctx = this.#ctx;
    const store = this.#store;
    if (!ctx || !store) return;
    const { namespace, name } = splitKey(key);
    const live = store.get<ReplicaSet>('ReplicaSet', name, namespace);
    if (!live) {
      this.#expectations.delete(key);
      return; // deleted: nothing to reconcile
    }
    const rs = live; // read-only: the status goes out as a new object
    const rsNeedsSync = this.#expectations.satisfied(key, ctx.clock.now());
    this.#claimPods(rs, key);
    const now = this.#nowMs();
    const counts = this.#pods.counts(rs, now);
    let manageError: unknown;
    if (rsNeedsSync && !rs.metadata.deletionTimestamp) {
      manageError = this.#manageReplicas(rs, key, counts.replicas);
    }
    const status = calculateReplicaSetStatus(
      rs,
      counts,
      manageError === undefined ? undefined : messageOf(manageError),
      ctx.clock.timestamp(),
    );
    store.updateStatus({ ...rs, status });
    if (counts.nextAvailableAt !== undefined)
      this.#recheckAvailability(key, counts.nextAvailableAt, now);
    if (manageError !== undefined) throw manageError;
  }

  /**
   * Requeue when the next ready pod turns available. Kubernetes requeues minReadySeconds + 1 s
   * after a pod turns ready (updatePod); we requeue 1 s after the exact instant.
   */
  #recheckAvailability(key: string, at: number, now: number): void {
    const due = at + 1000;
    const scheduled = this.#availabilityChecks.get(key);
    if (scheduled !== undefined && scheduled <= due && scheduled > now) return;
    this.#availabilityChecks.set(key, due);
    this.#queue?.addAfter(key, (due - now) / 1000);
  }

  /** Adopt matching orphans; release owned pods that stopped matching (claimPods). */
  #claimPods(rs: ReplicaSet, key: string): void {
    const store = this.#store;
    if (!store) return;
    const namespace = rs.metadata.namespace ?? 'default';
    if (!rs.metadata.deletionTimestamp && this.#pods.hasOrphans(namespace)) {
      for (const pod of this.#pods.orphansIn(namespace)) {
        if (!isPodActive(pod) || !matchesSelector(pod.metadata.labels, rs.spec?.selector)) continue;
        const adopted = structuredClone(pod);
        adopted.metadata.ownerReferences = [
          ...(adopted.metadata.ownerReferences ?? []),
          controllerRefOf(rs),
        ];
        store.update(adopted);
      }
    }
    if (this.#relabeled.delete(key)) {
      for (const pod of this.#pods.podsOf(rs.metadata.uid ?? '')) {
        if (matchesSelector(pod.metadata.labels, rs.spec?.selector)) continue;
        const released = structuredClone(pod);
        released.metadata.ownerReferences = released.metadata.ownerReferences?.filter(
          (ref) => ref.uid !== rs.metadata.uid,
        );
        store.update(released);
      }
    }
  }

  /** Create or delete pods towards spec.replicas; returns the first error (manageReplicas). */
  #manageReplicas(rs: ReplicaSet, key: string, active: number): unknown {
    const ctx = this.#ctx;
    const store = this.#store;
    if (!ctx || !store) return undefined;
    const diff = active - (rs.spec?.replicas ?? 1);
    if (diff < 0) {
      const count = Math.min(-diff, this.burstReplicas);
      this.#expectations.expectCreations(key, count, ctx.clock.now());
      const { successes, error } = slowStartBatch(count, SLOW_START_INITIAL_BATCH_SIZE, () =>
        this.#createPod(rs),
      );
      // Pods never created will never be observed.
      for (let i = successes; i < count; i++) this.#expectations.creationObserved(key);
      return error;
    }
    if (diff > 0) {
      const count = Math.min(diff, this.burstReplicas);
      const pods = this.#pods.activePodsOf(rs.metadata.uid ?? '');
      const toDelete = getPodsToDelete(pods, this.#relatedPods(rs), count, this.#nowMs());
      this.#expectations.expectDeletions(key, toDelete.map(keyOf), ctx.clock.now());
      let firstError: unknown;
      for (const pod of toDelete) {
        try {
          store.delete('Pod', pod.metadata.name, pod.metadata.namespace);
          recordEvent(
            ctx.events,
            rs,
            'Normal',
            'SuccessfulDelete',
            `Deleted pod: ${pod.metadata.name}`,
            this.name,
          );
        } catch (error) {
          this.#expectations.deletionObserved(key, keyOf(pod));
          if (error instanceof ApiError && error.code === 404) continue;
          recordEvent(
            ctx.events,
            rs,
            'Warning',
            'FailedDelete',
            `Error deleting: ${messageOf(error)}`,
            this.name,
          );
          firstError ??= error;
        }
      }
      return firstError;
    }
    return undefined;
  }

  /** Pods of every ReplicaSet with the same controller as `rs` (getIndirectlyRelatedPods). */
  #relatedPods(rs: ReplicaSet): Pod[] {
    const ref = getControllerOf(rs);
    const store = this.#store;
    if (!ref || !store) return this.#pods.podsOf(rs.metadata.uid ?? '');
    const siblings = store
      .ownedBy<ReplicaSet>('ReplicaSet', ref.uid)
      .filter((sibling) => getControllerOf(sibling)?.uid === ref.uid);
    return siblings.flatMap((sibling) => this.#pods.podsOf(sibling.metadata.uid ?? ''));
  }

  /** Creates one pod from the template (RealPodControl.CreatePods), recording the event. */
  #createPod(rs: ReplicaSet): void {
    const ctx = this.#ctx;
    const store = this.#store;
    if (!ctx || !store) return;
    for (let attempt = 0; ; attempt++) {
      const name = generateName(`${rs.metadata.name}-`, (n, alphabet) =>
        ctx.rng.string(n, alphabet),
      );
      try {
        store.create(podFromTemplate(rs, name));
        recordEvent(
          ctx.events,
          rs,
          'Normal',
          'SuccessfulCreate',
          `Created pod: ${name}`,
          this.name,
        );
        return;
      } catch (error) {
        if (error instanceof ApiError && error.reason === 'AlreadyExists' && attempt < NAME_RETRIES)
          continue;
        recordEvent(
          ctx.events,
          rs,
          'Warning',
          'FailedCreate',
          `Error creating: ${messageOf(error)}`,
          this.name,
        );
        throw error;
      }
    }
  }
}

/** Same label map (order aside). */
function sameLabels(
  a: Readonly<Record<string, string>> | undefined,
  b: Readonly<Record<string, string>> | undefined,
): boolean {
  if (a === b) return true;
  const ka = Object.keys(a ?? {});
  if (ka.length !== Object.keys(b ?? {}).length) return false;
  return ka.every((k) => a?.[k] === b?.[k]);
}

/** Same owners, by uid and controller flag. */
function sameOwners(
  a: readonly OwnerReference[] | undefined,
  b: readonly OwnerReference[] | undefined,
): boolean {
  if (a === b) return true;
  if ((a?.length ?? 0) !== (b?.length ?? 0)) return false;
  return (a ?? []).every(
    (ref, i) => ref.uid === b?.[i].uid && ref.controller === b?.[i].controller,
  );
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
