/**
 * @module
 * One pass of the StatefulSet update algorithm, after kubernetes
 * pkg/controller/statefulset/stateful_set_control.go `updateStatefulSet`: create missing
 * ordinals (OrderedReady: one at a time, each only when every lower ordinal is Running and
 * Ready; Parallel: all at once), recreate failed pods, delete ordinals above `replicas` from the
 * highest down (OrderedReady: one at a time, never past an unhealthy pod), then the update
 * strategy: RollingUpdate deletes the highest ordinal at or above `partition` that is not on
 * the update revision, one at a time, waiting for it to come back healthy; OnDelete does
 * nothing (pods pick up the new template when deleted by hand). Side effects go through
 * {@link StatefulPodControl}, as in stateful_pod_control.go.
 */
import type { Pod, PodTemplateSpec } from '../api';
import type { StatefulSet } from './statefulset-api';
import {
  isFinished,
  isHealthy,
  isRunningAndAvailable,
  isRunningAndReady,
  isTerminating,
  newStatefulSetPod,
  ordinalOf,
  podRevision,
  replicasOf,
  startOrdinal,
} from './statefulset-utils';

/** The writes one pass may make (StatefulPodControl). */
export interface StatefulPodControl {
  /** Creates the pod's missing claims, then the pod; false when it could not (claim terminating, rejected). */
  createStatefulPod(set: StatefulSet, pod: Pod, ordinal: number): boolean;
  /** Deletes a pod (gracefully). */
  deleteStatefulPod(set: StatefulSet, pod: Pod): void;
  /** Sets the retention-policy owner references on the pod's claims. */
  updateClaimOwners(set: StatefulSet, pod: Pod, ordinal: number, scaledDown: boolean): void;
}

/** The two templates a pass works from. */
export interface Revisions {
  readonly current: { readonly name: string; readonly template: PodTemplateSpec };
  readonly update: { readonly name: string; readonly template: PodTemplateSpec };
}

/** What the pass needs to know about time. */
export interface PassClock {
  readonly nowMs: number;
}

/** The result of a pass: seconds until a minReadySeconds recheck is due, when one is. */
export interface PassResult {
  readonly recheckAfterSeconds?: number;
}

/**
 * The pod an ordinal gets (newVersionedStatefulSetPod): ordinals below the partition keep the
 * current revision under RollingUpdate; every other ordinal gets the update revision.
 */
export function versionedPod(set: StatefulSet, revisions: Revisions, ordinal: number): Pod {
  const strategy = set.spec?.updateStrategy;
  const partition = strategy?.rollingUpdate?.partition ?? 0;
  const useCurrent =
    (strategy?.type ?? 'RollingUpdate') === 'RollingUpdate' &&
    ordinal - startOrdinal(set) < partition;
  const rev = useCurrent ? revisions.current : revisions.update;
  return newStatefulSetPod(set, rev.template, rev.name, ordinal);
}

/** Runs one pass of updateStatefulSet over the set's pods. */
export function updateStatefulSet(
  set: StatefulSet,
  pods: readonly Pod[],
  revisions: Revisions,
  control: StatefulPodControl,
  clock: PassClock,
): PassResult {
  const monotonic = (set.spec?.podManagementPolicy ?? 'OrderedReady') !== 'Parallel';
  const minReadySeconds = set.spec?.minReadySeconds ?? 0;
  const start = startOrdinal(set);
  const count = replicasOf(set);
  const replicas: (Pod | undefined)[] = new Array<Pod | undefined>(count).fill(undefined);
  const condemned: { pod: Pod; ordinal: number }[] = [];
  for (const pod of pods) {
    const ordinal = ordinalOf(set.metadata.name, pod.metadata.name);
    if (ordinal < 0) continue;
    const index = ordinal - start;
    if (index >= 0 && index < count) replicas[index] = pod;
    else condemned.push({ pod, ordinal });
  }
  condemned.sort((a, b) => a.ordinal - b.ordinal);
  if (set.metadata.deletionTimestamp) return {};

  const firstUnhealthy =
    replicas.find((p) => p !== undefined && !isHealthy(p)) ??
    condemned.find((c) => !isHealthy(c.pod))?.pod;
  let recheck: number | undefined;

  // living replicas, lowest ordinal first
  for (let i = 0; i < count; i++) {
    const ordinal = start + i;
    let pod = replicas[i];
    if (pod && isFinished(pod) && !isTerminating(pod)) {
      control.deleteStatefulPod(set, pod);
      if (monotonic) return {};
      continue;
    }
    if (!pod) {
      pod = versionedPod(set, revisions, ordinal);
      control.createStatefulPod(set, pod, ordinal);
      if (monotonic) return {};
      continue;
    }
    if (isTerminating(pod)) {
      if (monotonic) return {};
      continue;
    }
    if (!isRunningAndReady(pod)) {
      if (monotonic) return {};
      continue;
    }
    if (!isRunningAndAvailable(pod, minReadySeconds, clock.nowMs)) {
      recheck = minReadySeconds;
      if (monotonic) return { recheckAfterSeconds: recheck };
      continue;
    }
    control.updateClaimOwners(set, pod, ordinal, false);
  }

  // condemned ordinals, highest first
  for (let t = condemned.length - 1; t >= 0; t--) {
    const { pod, ordinal } = condemned[t];
    if (isTerminating(pod)) {
      if (monotonic) return { recheckAfterSeconds: recheck };
      continue;
    }
    if (!isRunningAndReady(pod) && monotonic && pod !== firstUnhealthy) {
      return { recheckAfterSeconds: recheck };
    }
    control.updateClaimOwners(set, pod, ordinal, true);
    control.deleteStatefulPod(set, pod);
    if (monotonic) return { recheckAfterSeconds: recheck };
  }

  const strategy = set.spec?.updateStrategy;
  if ((strategy?.type ?? 'RollingUpdate') === 'OnDelete') return { recheckAfterSeconds: recheck };
  const updateMin = Math.max(0, strategy?.rollingUpdate?.partition ?? 0);
  for (let i = count - 1; i >= updateMin; i--) {
    const pod = replicas[i];
    if (!pod) continue;
    if (podRevision(pod) !== revisions.update.name && !isTerminating(pod)) {
      control.deleteStatefulPod(set, pod);
      return { recheckAfterSeconds: recheck };
    }
    if (!isHealthy(pod)) return { recheckAfterSeconds: recheck };
  }
  return { recheckAfterSeconds: recheck };
}
