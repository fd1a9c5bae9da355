/**
 * @module
 * The RollingUpdate strategy, after pkg/controller/deployment/rolling.go: scale the new
 * ReplicaSet up within spec.replicas + maxSurge, then scale old ones down while keeping
 * spec.replicas − maxUnavailable available, unhealthy old pods first and oldest ReplicaSets
 * first; each pass does one of the two and lets the resulting events drive the next.
 */
import type { Deployment, ReplicaSet } from '../api';
import type { DeploymentSync } from './deployment-sync';
import {
  byCreationTimestamp,
  deploymentComplete,
  filterActiveReplicaSets,
  getAvailableReplicaCountForReplicaSets,
  getReplicaCountForReplicaSets,
  maxUnavailable,
  newRSNewReplicas,
  replicasOf,
} from './deployment-util';

/** One rolling step for `d` (rolloutRolling). */
export function rolloutRolling(
  sync: DeploymentSync,
  d: Deployment,
  rsList: readonly ReplicaSet[],
): void {
  const { newRS: createdRS, oldRSs } = sync.getAllReplicaSetsAndSyncRevision(d, rsList, true);
  const newRS = createdRS as ReplicaSet;
  const allRSs = [...oldRSs, newRS];

  if (reconcileNewReplicaSet(sync, allRSs, newRS, d)) {
    return sync.syncRolloutStatus(allRSs, newRS, d);
  }
  if (reconcileOldReplicaSets(sync, allRSs, filterActiveReplicaSets(oldRSs), newRS, d)) {
    return sync.syncRolloutStatus(allRSs, newRS, d);
  }
  if (deploymentComplete(d, d.status ?? {})) sync.cleanupDeployment(oldRSs, d);
  sync.syncRolloutStatus(allRSs, newRS, d);
}

/** Scale the new ReplicaSet towards its next size; true when it was scaled (reconcileNewReplicaSet). */
export function reconcileNewReplicaSet(
  sync: DeploymentSync,
  allRSs: readonly ReplicaSet[],
  newRS: ReplicaSet,
  d: Deployment,
): boolean {
  const replicas = replicasOf(d);
  if (replicasOf(newRS) === replicas) return false;
  if (replicasOf(newRS) > replicas)
    return sync.scaleReplicaSetAndRecordEvent(newRS, replicas, d).scaled;
  return sync.scaleReplicaSetAndRecordEvent(newRS, newRSNewReplicas(d, allRSs, newRS), d).scaled;
}

/**
 * Scale old ReplicaSets down as far as availability allows: at most
 * allPods − minAvailable − (new pods not yet available), unhealthy replicas first
 * (reconcileOldReplicaSets). Example (rolling.go): 10 replicas, maxUnavailable 2, maxSurge 3,
 * new pods crash-looping: 13 − 8 − 5 = 0, so old pods are never scaled down.
 */
export function reconcileOldReplicaSets(
  sync: DeploymentSync,
  allRSs: readonly ReplicaSet[],
  oldRSs: ReplicaSet[],
  newRS: ReplicaSet,
  d: Deployment,
): boolean {
  const oldPodsCount = getReplicaCountForReplicaSets(oldRSs);
  if (oldPodsCount === 0) return false;
  const allPodsCount = getReplicaCountForReplicaSets(allRSs);
  const minAvailable = replicasOf(d) - maxUnavailable(d);
  const newRSUnavailablePodCount = replicasOf(newRS) - (newRS.status?.availableReplicas ?? 0);
  const maxScaledDown = allPodsCount - minAvailable - newRSUnavailablePodCount;
  if (maxScaledDown <= 0) return false;

  const cleanupCount = cleanupUnhealthyReplicas(sync, oldRSs, d, maxScaledDown);
  const scaledDownCount = scaleDownOldReplicaSetsForRollingUpdate(
    sync,
    [...oldRSs, newRS],
    oldRSs,
    d,
  );
  return cleanupCount + scaledDownCount > 0;
}

/**
 * Scale old ReplicaSets down by their unavailable replicas, oldest first, at most
 * `maxCleanupCount` in all; `oldRSs` is updated in place (cleanupUnhealthyReplicas). The
 * ReplicaSet controller then deletes its not-ready pods first.
 */
export function cleanupUnhealthyReplicas(
  sync: DeploymentSync,
  oldRSs: ReplicaSet[],
  d: Deployment,
  maxCleanupCount: number,
): number {
  oldRSs.sort(byCreationTimestamp);
  let totalScaledDown = 0;
  for (let i = 0; i < oldRSs.length; i++) {
    if (totalScaledDown >= maxCleanupCount) break;
    const target = oldRSs[i];
    const replicas = replicasOf(target);
    const available = target.status?.availableReplicas ?? 0;
    if (replicas === 0 || replicas === available) continue;
    const scaledDownCount = Math.min(maxCleanupCount - totalScaledDown, replicas - available);
    oldRSs[i] = sync.scaleReplicaSetAndRecordEvent(target, replicas - scaledDownCount, d).rs;
    totalScaledDown += scaledDownCount;
  }
  return totalScaledDown;
}

/**
 * Scale old ReplicaSets down, oldest first, by as many pods as are available above
 * spec.replicas − maxUnavailable (scaleDownOldReplicaSetsForRollingUpdate).
 */
export function scaleDownOldReplicaSetsForRollingUpdate(
  sync: DeploymentSync,
  allRSs: readonly ReplicaSet[],
  oldRSs: ReplicaSet[],
  d: Deployment,
): number {
  const minAvailable = replicasOf(d) - maxUnavailable(d);
  const availablePodCount = getAvailableReplicaCountForReplicaSets(allRSs);
  if (availablePodCount <= minAvailable) return 0;
  oldRSs.sort(byCreationTimestamp);
  let totalScaledDown = 0;
  const totalScaleDownCount = availablePodCount - minAvailable;
  for (const target of oldRSs) {
    if (totalScaledDown >= totalScaleDownCount) break;
    const replicas = replicasOf(target);
    if (replicas === 0) continue;
    const scaleDownCount = Math.min(replicas, totalScaleDownCount - totalScaledDown);
    sync.scaleReplicaSetAndRecordEvent(target, replicas - scaleDownCount, d);
    totalScaledDown += scaleDownCount;
  }
  return totalScaledDown;
}
