/**
 * @module
 * Pure helpers of the ReplicaSet controller: pod activity, readiness and availability
 * (pkg/api/v1/pod/util.go), the scale-down ranking (`ActivePodsWithRanks` in
 * pkg/controller/controller_utils.go, `getPodsToDelete` in replicaset/replica_set.go), the
 * status (`calculateStatus` in replicaset/replica_set_utils.go), `slowStartBatch` and the pods
 * made from a template (`GetPodFromTemplate`).
 */
import type { Condition, Pod, ReplicaSet, ReplicaSetStatus } from '../api';
import type { OwnerReference } from '../types';
import { SAFE_ALPHANUMS } from './pod-template-hash';

/** Pods a ReplicaSet sync creates or deletes at most (replica_set.go BurstReplicas). */
export const BURST_REPLICAS = 500;
/** First batch size of slowStartBatch (controller.SlowStartInitialBatchSize). */
export const SLOW_START_INITIAL_BATCH_SIZE = 1;
/** Annotation that orders scale-down among otherwise equal pods (PodDeletionCost, GA 1.22+). */
export const POD_DELETION_COST_ANNOTATION = 'controller.kubernetes.io/pod-deletion-cost';
/** ReplicaSet condition type raised when pods cannot be created or deleted. */
export const REPLICA_FAILURE = 'ReplicaFailure';

/** Not Succeeded, not Failed, not being deleted (IsPodActive). */
export function isPodActive(pod: Pod): boolean {
  const phase = pod.status?.phase;
  return phase !== 'Succeeded' && phase !== 'Failed' && !pod.metadata.deletionTimestamp;
}

/** The Ready condition is True (podutil.IsPodReady). */
export function isPodReady(pod: Pod): boolean {
  return pod.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True') ?? false;
}

/** When the pod last became Ready, in epoch ms; undefined when not ready (podReadyTime). */
export function podReadyTime(pod: Pod): number | undefined {
  const ready = pod.status?.conditions?.find((c) => c.type === 'Ready' && c.status === 'True');
  if (!ready?.lastTransitionTime) return undefined;
  return Date.parse(ready.lastTransitionTime);
}

/**
 * Ready for strictly more than minReadySeconds at `now` (podutil.IsPodAvailable, which uses
 * `LastTransitionTime.Add(minReadySeconds).Before(now)`).
 */
export function isPodAvailable(pod: Pod, minReadySeconds: number, now: number): boolean {
  if (!isPodReady(pod)) return false;
  if (minReadySeconds === 0) return true;
  const since = podReadyTime(pod);
  return since !== undefined && since + minReadySeconds * 1000 < now;
}

/** Highest restartCount among the pod's containers (maxContainerRestarts). */
export function maxContainerRestarts(pod: Pod): number {
  return (pod.status?.containerStatuses ?? []).reduce(
    (max, c) => Math.max(max, c.restartCount ?? 0),
    0,
  );
}

/** pod-deletion-cost as an int32; 0 when absent or invalid (GetDeletionCostFromPodAnnotations). */
export function podDeletionCost(pod: Pod): number {
  const text = pod.metadata.annotations?.[POD_DELETION_COST_ANNOTATION];
  if (text === undefined || !/^[+-]?\d+$/.test(text.trim())) return 0;
  const value = Number(text.trim());
  return value >= -2147483648 && value <= 2147483647 ? value : 0;
}

const PHASE_ORDINAL: Readonly<Record<string, number>> = { Pending: 0, Unknown: 1, Running: 2 };

/** What the ranking compares, computed once per pod so that sorting 10k pods stays cheap. */
interface RankFacts {
  readonly pod: Pod;
  readonly index: number;
  readonly unassigned: boolean;
  readonly phase: number;
  readonly ready: boolean;
  readonly cost: number;
  readonly rank: number;
  readonly readyTime: number | undefined;
  readonly restarts: number;
  readonly created: number | undefined;
  readonly uid: string;
}

/**
 * log2 buckets of "how long ago" in nanoseconds, compared (logarithmicRankDiff): with
 * LogarithmicScaleDown (GA in 1.31) pods ready or created within the same power-of-two age
 * are equal, and their UIDs break the tie, so scale-down is semi-random among peers.
 */
export function logarithmicRankDiff(t1: number, t2: number, now: number): number {
  const bucket = (t: number): number => {
    const d = (now - t) * 1e6;
    return d > 0 ? Math.floor(Math.log2(d)) : -1;
  };
  return bucket(t1) - bucket(t2);
}

/** Later first, an unknown time before any known one (afterOrZero). */
function afterOrZero(t1: number | undefined, t2: number | undefined): boolean {
  if (t1 === undefined || t2 === undefined) return t1 === undefined;
  return t1 > t2;
}

/** True when `i` should be deleted before `j` (ActivePodsWithRanks.Less). */
function less(i: RankFacts, j: RankFacts, now: number): boolean {
  // 1. Unassigned < assigned.
  if (i.unassigned !== j.unassigned) return i.unassigned;
  // 2. Pending < Unknown < Running.
  if (i.phase !== j.phase) return i.phase < j.phase;
  // 3. Not ready < ready.
  if (i.ready !== j.ready) return !i.ready;
  // 4. Lower pod-deletion-cost < higher.
  if (i.cost !== j.cost) return i.cost < j.cost;
  // 5. Doubled up (more related pods on the same node) < not doubled up.
  if (i.rank !== j.rank) return i.rank > j.rank;
  // 6. Ready for less time < more time, by log2 bucket; UIDs decide within a bucket.
  if (i.ready && j.ready && i.readyTime !== j.readyTime) {
    if (i.readyTime === undefined || j.readyTime === undefined)
      return afterOrZero(i.readyTime, j.readyTime);
    const diff = logarithmicRankDiff(i.readyTime, j.readyTime, now);
    if (diff === 0) return i.uid < j.uid;
    return diff < 0;
  }
  // 7. More restarts < fewer restarts.
  if (i.restarts !== j.restarts) return i.restarts > j.restarts;
  // 8. Newer < older, by log2 bucket; UIDs decide within a bucket.
  if (i.created !== j.created) {
    if (i.created === undefined || j.created === undefined)
      return afterOrZero(i.created, j.created);
    const diff = logarithmicRankDiff(i.created, j.created, now);
    if (diff === 0) return i.uid < j.uid;
    return diff < 0;
  }
  return false;
}

/**
 * Sorts pods so that the ones to delete first come first: unscheduled < scheduled,
 * Pending < Unknown < Running, not ready < ready, lower deletion cost, more siblings on the same
 * node, ready for less time, more restarts, newer (ActivePodsWithRanks). `relatedPods` are all
 * pods of the same owner's ReplicaSets; their count per node is the "doubled up" rank
 * (getPodsRankedByRelatedPodsOnSameNode). `now` is epoch ms.
 */
export function rankPodsForDeletion(
  pods: readonly Pod[],
  relatedPods: readonly Pod[],
  now: number,
): Pod[] {
  const podsOnNode = new Map<string, number>();
  for (const pod of relatedPods) {
    if (!isPodActive(pod)) continue;
    const node = pod.spec?.nodeName ?? '';
    podsOnNode.set(node, (podsOnNode.get(node) ?? 0) + 1);
  }
  const facts: RankFacts[] = pods.map((pod, index) => {
    const ready = isPodReady(pod);
    const createdAt = Date.parse(pod.metadata.creationTimestamp ?? '');
    return {
      pod,
      index,
      unassigned: !pod.spec?.nodeName,
      phase: PHASE_ORDINAL[pod.status?.phase ?? 'Pending'] ?? 0,
      ready,
      cost: podDeletionCost(pod),
      rank: podsOnNode.get(pod.spec?.nodeName ?? '') ?? 0,
      readyTime: ready ? podReadyTime(pod) : undefined,
      restarts: maxContainerRestarts(pod),
      created: Number.isNaN(createdAt) ? undefined : createdAt,
      uid: pod.metadata.uid ?? '',
    };
  });
  facts.sort((a, b) => (less(a, b, now) ? -1 : less(b, a, now) ? 1 : a.index - b.index));
  return facts.map((f) => f.pod);
}

/** The `diff` pods to delete: all of them, or the first `diff` by rank (getPodsToDelete). */
export function getPodsToDelete(
  filteredPods: readonly Pod[],
  relatedPods: readonly Pod[],
  diff: number,
  now: number,
): Pod[] {
  if (diff >= filteredPods.length) return [...filteredPods];
  return rankPodsForDeletion(filteredPods, relatedPods, now).slice(0, diff);
}

/** Pod counts a ReplicaSet's status is made of. */
export interface ReplicaCounts {
  /** Active pods. */
  readonly replicas: number;
  /** Active pods carrying all the template's labels. */
  readonly fullyLabeledReplicas: number;
  /** Active pods with Ready=True. */
  readonly readyReplicas: number;
  /** Active pods ready for longer than minReadySeconds. */
  readonly availableReplicas: number;
}

/** Counts active pods as calculateStatus does (`now` in epoch ms). */
export function countReplicas(rs: ReplicaSet, pods: readonly Pod[], now: number): ReplicaCounts {
  const templateLabels = rs.spec?.template?.metadata?.labels ?? {};
  const minReadySeconds = rs.spec?.minReadySeconds ?? 0;
  let replicas = 0;
  let fullyLabeledReplicas = 0;
  let readyReplicas = 0;
  let availableReplicas = 0;
  for (const pod of pods) {
    if (!isPodActive(pod)) continue;
    replicas++;
    if (hasAllLabels(pod.metadata.labels, templateLabels)) fullyLabeledReplicas++;
    if (isPodReady(pod)) {
      readyReplicas++;
      if (isPodAvailable(pod, minReadySeconds, now)) availableReplicas++;
    }
  }
  return { replicas, fullyLabeledReplicas, readyReplicas, availableReplicas };
}

/** Every key/value of `wanted` is in `labels`. */
export function hasAllLabels(
  labels: Readonly<Record<string, string>> | undefined,
  wanted: Readonly<Record<string, string>>,
): boolean {
  for (const key in wanted) if (labels?.[key] !== wanted[key]) return false;
  return true;
}

/**
 * The ReplicaSet's next status (calculateStatus in replica_set_utils.go). A failed
 * create/delete raises ReplicaFailure (reason FailedCreate/FailedDelete, the API server's
 * message); the condition is kept as first raised until a sync succeeds.
 */
export function calculateReplicaSetStatus(
  rs: ReplicaSet,
  counts: ReplicaCounts,
  manageReplicasError: string | undefined,
  now: string,
): ReplicaSetStatus {
  const status: ReplicaSetStatus = {
    replicas: counts.replicas,
    fullyLabeledReplicas: counts.fullyLabeledReplicas,
    readyReplicas: counts.readyReplicas,
    availableReplicas: counts.availableReplicas,
    observedGeneration: rs.metadata.generation ?? 1,
  };
  const conditions = (rs.status?.conditions ?? []).map((c) => ({ ...c }));
  const failure = conditions.find((c) => c.type === REPLICA_FAILURE);
  let next: Condition[] = conditions;
  if (manageReplicasError !== undefined && !failure) {
    const diff = counts.replicas - (rs.spec?.replicas ?? 1);
    const reason = diff < 0 ? 'FailedCreate' : diff > 0 ? 'FailedDelete' : '';
    next = [
      ...conditions,
      {
        type: REPLICA_FAILURE,
        status: 'True',
        lastTransitionTime: now,
        reason,
        message: manageReplicasError,
      },
    ];
  } else if (manageReplicasError === undefined && failure) {
    next = conditions.filter((c) => c.type !== REPLICA_FAILURE);
  }
  if (next.length > 0) status.conditions = next;
  return status;
}

/**
 * Calls `fn` `count` times in batches of 1, 2, 4, ... and stops after the first batch with a
 * failure, so a failing create (quota) costs one call, not hundreds (slowStartBatch).
 * Returns the successes and the first error.
 */
export function slowStartBatch(
  count: number,
  initialBatchSize: number,
  fn: () => void,
): { successes: number; error: unknown } {
  let remaining = count;
  let successes = 0;
  let batchSize = Math.min(remaining, initialBatchSize);
  while (batchSize > 0) {
    let error: unknown;
    let failed = false;
    for (let i = 0; i < batchSize; i++) {
      try {
        fn();
        successes++;
      } catch (e) {
        if (!failed) error = e;
        failed = true;
      }
    }
    if (failed) return { successes, error };
    remaining -= batchSize;
    batchSize = Math.min(2 * batchSize, remaining);
  }
  return { successes, error: undefined };
}

/** Longest generateName base: 63 minus the 5 random characters (names.SimpleNameGenerator). */
const MAX_GENERATED_NAME_BASE = 58;

/** `<base><5 safe characters>`, the base cut to 58 characters as the API server does. */
export function generateName(
  base: string,
  random: (length: number, alphabet: string) => string,
): string {
  return base.slice(0, MAX_GENERATED_NAME_BASE) + random(5, SAFE_ALPHANUMS);
}

/** The controllerRef a ReplicaSet puts on its pods (metav1.NewControllerRef). */
export function controllerRefOf(owner: {
  apiVersion: string;
  kind: string;
  metadata: { name: string; uid?: string };
}): OwnerReference {
  return {
    apiVersion: owner.apiVersion,
    kind: owner.kind,
    name: owner.metadata.name,
    uid: owner.metadata.uid ?? '',
    controller: true,
    blockOwnerDeletion: true,
  };
}

/** The owner reference marked controller: true, if any (metav1.GetControllerOf). */
export function getControllerOf(obj: {
  metadata: { ownerReferences?: OwnerReference[] };
}): OwnerReference | undefined {
  return obj.metadata.ownerReferences?.find((ref) => ref.controller === true);
}

/** A pod for the ReplicaSet, named `name` (GetPodFromTemplate). */
export function podFromTemplate(rs: ReplicaSet, name: string): Pod {
  const template = rs.spec?.template;
  const metadata: Pod['metadata'] = {
    name,
    generateName: `${rs.metadata.name}-`,
    namespace: rs.metadata.namespace ?? 'default',
    labels: { ...template?.metadata?.labels },
    ownerReferences: [controllerRefOf(rs)],
  };
  if (template?.metadata?.annotations) metadata.annotations = { ...template.metadata.annotations };
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata,
    spec: copyOf(template?.spec ?? { containers: [] }),
  };
}

/**
 * Each pod gets its own copy of the template's spec (admission defaults it in place). Specs
 * are plain JSON data, and walking one is 4x cheaper than the JSON round trip that was its
 * contract; a template holding anything else (checked once per template object) still gets
 * the round trip.
 */
const plainSpecs = new WeakMap<object, boolean>();
function copyOf<T extends object>(spec: T): T {
  let plain = plainSpecs.get(spec);
  if (plain === undefined) plainSpecs.set(spec, (plain = isPlainJson(spec)));
  return (plain ? clonePlain(spec) : JSON.parse(JSON.stringify(spec))) as T;
}

/** Whether `JSON.parse(JSON.stringify(value))` is `value` with undefined fields dropped. */
function isPlainJson(value: unknown): boolean {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return true;
  if (typeof value === 'number') return Number.isFinite(value);
  if (typeof value !== 'object') return false;
  if (Array.isArray(value)) return value.every((item) => item !== undefined && isPlainJson(item));
  const proto = Object.getPrototypeOf(value) as unknown;
  if (proto !== Object.prototype && proto !== null) return false;
  for (const [key, item] of Object.entries(value)) {
    if (key === '__proto__' || key === 'toJSON') return false;
    if (item !== undefined && !isPlainJson(item)) return false;
  }
  return true;
}

/** A deep copy of plain JSON data (see isPlainJson), undefined fields left out as JSON does. */
function clonePlain(value: unknown): unknown {
  if (typeof value !== 'object' || value === null) return value;
  if (Array.isArray(value)) {
    const out: unknown[] = new Array(value.length);
    for (let i = 0; i < value.length; i++) out[i] = clonePlain(value[i]);
    return out;
  }
  const source = value as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const key in source) {
    const item = source[key];
    if (item !== undefined) out[key] = clonePlain(item);
  }
  return out;
}

/**
 * Why a pod is not ready, in the words `kubectl get pods` shows: a container's waiting or
 * terminated reason (ImagePullBackOff, CrashLoopBackOff, CreateContainerConfigError, ...),
 * `Unschedulable`, `Terminating`, or the pod's phase.
 */
export function podNotReadyReason(pod: Pod): string {
  if (pod.metadata.deletionTimestamp) return 'Terminating';
  const scheduled = pod.status?.conditions?.find((c) => c.type === 'PodScheduled');
  if (scheduled?.status === 'False') return scheduled.reason ?? 'Pending';
  const statuses = [
    ...(pod.status?.initContainerStatuses ?? []),
    ...(pod.status?.containerStatuses ?? []),
  ];
  for (const status of statuses) {
    const reason = status.state?.waiting?.reason ?? status.state?.terminated?.reason;
    if (reason && reason !== 'Completed') return reason;
  }
  if (pod.status?.phase === 'Running') {
    const ready = pod.status.conditions?.find((c) => c.type === 'Ready');
    return ready?.reason ?? 'ContainersNotReady';
  }
  return pod.status?.phase ?? 'Pending';
}
