/**
 * @module
 * The Recreate strategy, after pkg/controller/deployment/recreate.go: scale every old
 * ReplicaSet to zero, wait until none of their pods is left (terminating ones included), and
 * only then create and scale up the new ReplicaSet.
 */
import type { Deployment, Pod, ReplicaSet } from '../api';
import type { DeploymentSync } from './deployment-sync';
import {
  deploymentComplete,
  filterActiveReplicaSets,
  getActualReplicaCountForReplicaSets,
  replicasOf,
} from './deployment-util';

/** One Recreate step for `d` (rolloutRecreate). */
export function rolloutRecreate(
  sync: DeploymentSync,
  d: Deployment,
  rsList: readonly ReplicaSet[],
): void {
  // Do not create the new ReplicaSet yet, so that nothing scales up before the old ones are down.
  let { newRS, oldRSs } = sync.getAllReplicaSetsAndSyncRevision(d, rsList, false);
  let allRSs: (ReplicaSet | undefined)[] = [...oldRSs, newRS];

  if (scaleDownOldReplicaSetsForRecreate(sync, filterActiveReplicaSets(oldRSs), d)) {
    return sync.syncRolloutStatus(allRSs, newRS, d);
  }
  if (oldPodsRunning(newRS, oldRSs, sync.getPodMap(rsList))) {
    return sync.syncRolloutStatus(allRSs, newRS, d);
  }
  if (!newRS) {
    ({ newRS, oldRSs } = sync.getAllReplicaSetsAndSyncRevision(d, rsList, true));
    allRSs = [...oldRSs, newRS];
  }
  if (newRS) sync.scaleReplicaSetAndRecordEvent(newRS, replicasOf(d), d);
  if (deploymentComplete(d, d.status ?? {})) sync.cleanupDeployment(oldRSs, d);
  sync.syncRolloutStatus(allRSs, newRS, d);
}

/** Scale every active old ReplicaSet to zero; true when any was scaled (scaleDownOldReplicaSetsForRecreate). */
export function scaleDownOldReplicaSetsForRecreate(
  sync: DeploymentSync,
  oldRSs: readonly ReplicaSet[],
  d: Deployment,
): boolean {
  let scaled = false;
  for (const rs of oldRSs) {
    if (replicasOf(rs) === 0) continue;
    if (sync.scaleReplicaSetAndRecordEvent(rs, 0, d).scaled) scaled = true;
  }
  return scaled;
}

/**
 * Whether old pods are still around: an old ReplicaSet reports replicas, or any pod of an old
 * ReplicaSet is neither Succeeded nor Failed, terminating ones included (oldPodsRunning).
 */
export function oldPodsRunning(
  newRS: ReplicaSet | undefined,
  oldRSs: readonly ReplicaSet[],
  podMap: ReadonlyMap<string, readonly Pod[]>,
): boolean {
  if (getActualReplicaCountForReplicaSets(oldRSs) > 0) return true;
  for (const [uid, pods] of podMap) {
    if (newRS && newRS.metadata.uid === uid) continue;
    for (const pod of pods) {
      const phase = pod.status?.phase;
      if (phase !== 'Failed' && phase !== 'Succeeded') return true;
    }
  }
  return false;
}
