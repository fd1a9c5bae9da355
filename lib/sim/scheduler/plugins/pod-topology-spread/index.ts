/**
 * @module
 * PodTopologySpread scoring with the system default constraints, which is how the default
 * scheduler spreads the replicas of one owner: hostname (maxSkew 3) and zone (maxSkew 5), both
 * ScheduleAnyway. Each node scores the owner's pods in its domain,
 * `count * log(domains + 2) + (maxSkew - 1)`, and NormalizeScore turns fewer into better
 * (kubernetes pkg/scheduler/framework/plugins/podtopologyspread/scoring.go; the defaults in
 * plugins.go `systemDefaultConstraints`). For the defaults, pods are counted per owner UID (the
 * PodsWithOwnerRef shortcut) rather than by the Services/ReplicaSets' selectors.
 *
 * A pod's own `topologySpreadConstraints` replace the defaults: DoNotSchedule ones filter
 * (filtering.go: a node whose domain would exceed maxSkew over the least-loaded domain is
 * rejected; one without the topology key too), ScheduleAnyway ones score the same way as the
 * defaults but counting the pods their selector matches.
 */
import { matchesSelector } from '../../../selector';
import {
  Code,
  MAX_NODE_SCORE,
  newStatus,
  scoreEach,
  SKIP,
  type FilterPlugin,
  type Handle,
  type PreFilterPlugin,
  type ScorePlugin,
  type Status,
} from '../../framework';
import { columnRows } from '../../node-columns';
import { LABEL_HOSTNAME, LABEL_ZONE, type NodeInfo } from '../../node-info';
import type { PodInfo } from '../../pod-info';
import { matchesNodeSelectorAndAffinity } from '../node-affinity';
import {
  constraintsOf,
  countPerDomain,
  globalMin,
  hasAllTopologyKeys,
  type Constraint,
  type DomainCounts,
} from './constraints';

/** Plugin name. */
export const NAME = 'PodTopologySpread';
/** Node labels of the hostname and zone domains. */
export { LABEL_HOSTNAME, LABEL_ZONE };
/** maxSkew of the system default hostname constraint. */
export const HOSTNAME_MAX_SKEW = 3;
/** maxSkew of the system default zone constraint. */
export const ZONE_MAX_SKEW = 5;

/** ErrReasonConstraintsNotMatch. */
export const ERR_REASON_CONSTRAINTS_NOT_MATCH =
  "node(s) didn't match pod topology spread constraints";
/** ErrReasonNodeLabelNotMatch. */
export const ERR_REASON_NODE_LABEL_NOT_MATCH = `${ERR_REASON_CONSTRAINTS_NOT_MATCH} (missing required label)`;

const EMPTY_COUNTS = new Int32Array(0);

/** Weight of a topology with `size` domains: ln(size + 2). */
export function topologyNormalizingWeight(size: number): number {
  return Math.log(size + 2);
}

/** A domain's raw score: count * weight + (maxSkew - 1). */
export function scoreForCount(count: number, maxSkew: number, weight: number): number {
  return count * weight + (maxSkew - 1);
}

/** What Filter checks for one pod: its hard constraints with their domain counts. */
interface FilterState {
  readonly key: string;
  readonly constraints: readonly Constraint[];
  readonly counts: readonly DomainCounts[];
  readonly minimums: readonly number[];
  readonly selfMatch: readonly number[];
}

/** What Score uses for a pod with its own soft constraints. */
interface SoftState {
  readonly constraints: readonly Constraint[];
  readonly counts: readonly DomainCounts[];
  readonly weights: readonly number[];
}

/** Spreads pods over nodes and zones: the owner's pods by default, or as the pod's constraints say. */
export class PodTopologySpread implements PreFilterPlugin, FilterPlugin, ScorePlugin {
  readonly name = NAME;
  readonly #handle: Handle;
  #hostnameWeight = 0;
  #zoneWeight = 0;
  readonly #zoneCounts = new Map<string, number>();
  #filter: FilterState | undefined;
  #soft: SoftState | undefined;
  /** The incoming pod's owner's pods per node index, when the handle keeps them. */
  #ownerCounts: Int32Array | undefined;

  constructor(handle: Handle) {
    this.#handle = handle;
  }

  preFilter(pod: PodInfo): typeof SKIP | undefined {
    this.#filter = undefined;
    const constraints = constraintsOf(pod.pod, 'DoNotSchedule');
    if (constraints.length === 0) return SKIP;
    const counts = countPerDomain(pod.pod, constraints, this.#handle.nodes(), this.#handle);
    const labels = pod.pod.metadata.labels ?? {};
    this.#filter = {
      key: pod.key,
      constraints,
      counts,
      minimums: constraints.map((c, i) => globalMin(counts[i], c.minDomains)),
      selfMatch: constraints.map((c) => (matchesSelector(labels, c.selector) ? 1 : 0)),
    };
    return undefined;
  }

  filter(pod: PodInfo, node: NodeInfo): Status | undefined {
    const s = this.#filter;
    if (!s || s.key !== pod.key) return undefined;
    for (let i = 0; i < s.constraints.length; i++) {
      const c = s.constraints[i];
      const value = node.labels[c.topologyKey];
      if (value === undefined) {
        return newStatus(Code.UnschedulableAndUnresolvable, NAME, ERR_REASON_NODE_LABEL_NOT_MATCH);
      }
      const skew = (s.counts[i].get(value) ?? 0) + s.selfMatch[i] - s.minimums[i];
      if (skew > c.maxSkew) {
        return newStatus(Code.Unschedulable, NAME, ERR_REASON_CONSTRAINTS_NOT_MATCH);
      }
    }
    return undefined;
  }

  preScore(pod: PodInfo, nodes: readonly NodeInfo[], rows?: Int32Array): boolean {
    this.#soft = undefined;
    const spec = pod.pod.spec as { topologySpreadConstraints?: unknown[] } | undefined;
    if ((spec?.topologySpreadConstraints?.length ?? 0) > 0) return this.#preScoreSoft(pod, nodes);
    if (pod.ownerId === 0) return false; // no default selector for a bare pod: Skip
    this.#ownerCounts = this.#handle.ownerCounts?.(pod.ownerId) ?? EMPTY_COUNTS;
    this.#hostnameWeight = topologyNormalizingWeight(nodes.length);
    this.#zoneCounts.clear();
    // No node of the cache has a zone (the columns count them): no need to look at each.
    const zoned = !rows || nodes[0]?.columns?.zonedNodes !== 0;
    for (let i = 0; zoned && i < nodes.length; i++) {
      const zone = nodes[i].zone;
      if (zone !== undefined) this.#zoneCounts.set(zone, 0);
    }
    this.#zoneWeight = topologyNormalizingWeight(this.#zoneCounts.size);
    if (this.#zoneCounts.size > 0) {
      // Zone counts span every node the pod could use (nodeAffinityPolicy: Honor).
      for (const n of this.#handle.nodes()) {
        const zone = n.zone;
        const count = zone === undefined ? undefined : this.#zoneCounts.get(zone);
        if (count === undefined) continue;
        if (!matchesNodeSelectorAndAffinity(pod.pod, n.labels, n.name)) continue;
        this.#zoneCounts.set(zone as string, count + n.podsOwnedBy(pod.ownerId));
      }
    }
    return true;
  }

  #preScoreSoft(pod: PodInfo, nodes: readonly NodeInfo[]): boolean {
    const constraints = constraintsOf(pod.pod, 'ScheduleAnyway');
    if (constraints.length === 0) return false;
    const scored = nodes.filter((n) => hasAllTopologyKeys(n.labels, constraints));
    const all = countPerDomain(pod.pod, constraints, this.#handle.nodes(), this.#handle);
    const weights = constraints.map((c) => {
      if (c.topologyKey === LABEL_HOSTNAME) return topologyNormalizingWeight(scored.length);
      return topologyNormalizingWeight(new Set(scored.map((n) => n.labels[c.topologyKey])).size);
    });
    this.#soft = { constraints, counts: all, weights };
    return true;
  }

  score(pod: PodInfo, node: NodeInfo): number {
    const soft = this.#soft;
    if (soft) {
      if (!hasAllTopologyKeys(node.labels, soft.constraints)) return -1; // ignored node
      let sum = 0;
      soft.constraints.forEach((c, i) => {
        const count = soft.counts[i].get(node.labels[c.topologyKey]) ?? 0;
        sum += scoreForCount(count, c.maxSkew, soft.weights[i]);
      });
      return Math.round(sum);
    }
    return this.#defaultScore(pod, node);
  }

  scoreNodes(pod: PodInfo, nodes: readonly NodeInfo[], out: Float64Array, rows?: Int32Array): void {
    if (this.#soft) return scoreEach(this, pod, nodes, out);
    const at = columnRows(nodes, rows);
    const counts = this.#ownerCounts;
    if (!at || at.columns.zonedNodes !== 0 || !this.#handle.ownerCounts || !counts) {
      for (let i = 0; i < nodes.length; i++) out[i] = this.#defaultScore(pod, nodes[i]);
      return;
    }
    // The common case, from the columns: the hostname term only (no node has a zone).
    const { hasHostname } = at.columns;
    const rowOf = at.rows;
    const weight = this.#hostnameWeight;
    for (let i = 0; i < nodes.length; i++) {
      const k = rowOf[i];
      if (hasHostname[k] === 0) {
        out[i] = 0;
        continue;
      }
      const owned = k < counts.length ? counts[k] : 0;
      out[i] = Math.round(scoreForCount(owned, HOSTNAME_MAX_SKEW, weight));
    }
  }

  /** Score under the system default constraints (hostname, then zone). */
  #defaultScore(pod: PodInfo, node: NodeInfo): number {
    let score = 0;
    if (node.hostname !== undefined) {
      score += scoreForCount(this.#ownedOn(pod, node), HOSTNAME_MAX_SKEW, this.#hostnameWeight);
    }
    const zone = node.zone;
    const zoneCount = zone === undefined ? undefined : this.#zoneCounts.get(zone);
    if (zoneCount !== undefined) score += scoreForCount(zoneCount, ZONE_MAX_SKEW, this.#zoneWeight);
    return Math.round(score);
  }

  /** The owner's pods on `node`: one array read when the handle keeps counts. */
  #ownedOn(pod: PodInfo, node: NodeInfo): number {
    const counts = this.#ownerCounts;
    if (!this.#handle.ownerCounts || !counts) return node.podsOwnedBy(pod.ownerId);
    return node.index >= 0 && node.index < counts.length ? counts[node.index] : 0;
  }

  normalize(_pod: PodInfo, scores: Float64Array): void {
    let min = Number.MAX_SAFE_INTEGER;
    let max = 0;
    for (let i = 0; i < scores.length; i++) {
      const s = scores[i];
      if (s < 0) continue; // ignored node (invalidScore)
      if (s < min) min = s;
      if (s > max) max = s;
    }
    for (let i = 0; i < scores.length; i++) {
      if (scores[i] < 0) scores[i] = 0;
      else if (max === 0) scores[i] = MAX_NODE_SCORE;
      else scores[i] = Math.trunc((MAX_NODE_SCORE * (max + min - scores[i])) / max);
    }
  }
}
