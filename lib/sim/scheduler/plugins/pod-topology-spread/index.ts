/**
 * @module
 * PodTopologySpread scoring with the system default constraints, which is how the default
 * scheduler spreads the replicas of one owner: hostname (maxSkew 3) and zone (maxSkew 5), both
 * ScheduleAnyway. Each node scores the owner's pods in its domain,
 * `count * log(domains + 2) + (maxSkew - 1)`, and NormalizeScore turns fewer into better
 * (kubernetes pkg/scheduler/framework/plugins/podtopologyspread/scoring.go; the defaults in
 * plugins.go `systemDefaultConstraints`). Pods are counted per owner UID (the PodsWithOwnerRef
 * shortcut) rather than by the Services/ReplicaSets' selectors. Explicit
 * `topologySpreadConstraints` are not modelled yet.
 */
import { MAX_NODE_SCORE, type Handle, type ScorePlugin } from '../../framework';
import type { NodeInfo } from '../../node-info';
import type { PodInfo } from '../../pod-info';
import { matchesNodeSelectorAndAffinity } from '../node-affinity';

/** Plugin name. */
export const NAME = 'PodTopologySpread';
/** Node label of the hostname domain. */
export const LABEL_HOSTNAME = 'kubernetes.io/hostname';
/** Node label of the zone domain. */
export const LABEL_ZONE = 'topology.kubernetes.io/zone';
/** maxSkew of the system default hostname constraint. */
export const HOSTNAME_MAX_SKEW = 3;
/** maxSkew of the system default zone constraint. */
export const ZONE_MAX_SKEW = 5;

/** Weight of a topology with `size` domains: ln(size + 2). */
export function topologyNormalizingWeight(size: number): number {
  return Math.log(size + 2);
}

/** A domain's raw score: count * weight + (maxSkew - 1). */
export function scoreForCount(count: number, maxSkew: number, weight: number): number {
  return count * weight + (maxSkew - 1);
}

/** Spreads pods of one owner over nodes and zones. */
export class PodTopologySpread implements ScorePlugin {
  readonly name = NAME;
  readonly #handle: Handle;
  #hostnameWeight = 0;
  #zoneWeight = 0;
  readonly #zoneCounts = new Map<string, number>();

  constructor(handle: Handle) {
    this.#handle = handle;
  }

  preScore(pod: PodInfo, nodes: readonly NodeInfo[]): boolean {
    if (pod.ownerId === 0) return false; // no default selector for a bare pod: Skip
    this.#hostnameWeight = topologyNormalizingWeight(nodes.length);
    this.#zoneCounts.clear();
    for (const n of nodes) {
      const zone = n.labels[LABEL_ZONE];
      if (zone !== undefined) this.#zoneCounts.set(zone, 0);
    }
    this.#zoneWeight = topologyNormalizingWeight(this.#zoneCounts.size);
    if (this.#zoneCounts.size > 0) {
      // Zone counts span every node the pod could use (nodeAffinityPolicy: Honor).
      for (const n of this.#handle.nodes()) {
        const zone = n.labels[LABEL_ZONE];
        const count = zone === undefined ? undefined : this.#zoneCounts.get(zone);
        if (count === undefined) continue;
        if (!matchesNodeSelectorAndAffinity(pod.pod, n.labels, n.name)) continue;
        this.#zoneCounts.set(zone as string, count + n.podsOwnedBy(pod.ownerId));
      }
    }
    return true;
  }

  score(pod: PodInfo, node: NodeInfo): number {
    let score = 0;
    if (node.labels[LABEL_HOSTNAME] !== undefined) {
      score += scoreForCount(
        node.podsOwnedBy(pod.ownerId),
        HOSTNAME_MAX_SKEW,
        this.#hostnameWeight,
      );
    }
    const zone = node.labels[LABEL_ZONE];
    const zoneCount = zone === undefined ? undefined : this.#zoneCounts.get(zone);
    if (zoneCount !== undefined) score += scoreForCount(zoneCount, ZONE_MAX_SKEW, this.#zoneWeight);
    return Math.round(score);
  }

  normalize(_pod: PodInfo, scores: Float64Array): void {
    let min = Number.MAX_SAFE_INTEGER;
    let max = 0;
    for (const s of scores) {
      if (s < min) min = s;
      if (s > max) max = s;
    }
    for (let i = 0; i < scores.length; i++) {
      scores[i] =
        max === 0 ? MAX_NODE_SCORE : Math.trunc((MAX_NODE_SCORE * (max + min - scores[i])) / max);
    }
  }
}
