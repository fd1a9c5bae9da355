/**
 * @module
 * A pod's explicit `topologySpreadConstraints` and the pod counts per topology domain they are
 * judged by (kubernetes pkg/scheduler/framework/plugins/podtopologyspread/common.go
 * `filterTopologySpreadConstraints`, filtering.go `calPreFilterState`): the selector gains
 * `matchLabelKeys` from the pod's own labels; only nodes carrying every constraint's topology
 * key and (nodeAffinityPolicy Honor, the default) matching the pod's node selector/affinity
 * count; pods being deleted do not. Counting goes through the store's label index, so it costs
 * the matching pods, not every pod.
 */
import type { LabelSelector, Pod } from '../../../api';
import type { Handle } from '../../framework';
import type { NodeInfo } from '../../node-info';
import { isTerminal } from '../../pod-status';
import { untoleratedTaint } from '../taint-toleration';
import { matchesSelector } from '../../../selector';
import { asPod } from '../../views';
import { matchesNodeSelectorAndAffinity } from '../node-affinity';

/** v1.TopologySpreadConstraint. */
export interface TopologySpreadConstraint {
  maxSkew: number;
  topologyKey: string;
  whenUnsatisfiable: 'DoNotSchedule' | 'ScheduleAnyway';
  labelSelector?: LabelSelector;
  minDomains?: number;
  matchLabelKeys?: string[];
  nodeAffinityPolicy?: 'Honor' | 'Ignore';
  nodeTaintsPolicy?: 'Honor' | 'Ignore';
}

/** A constraint with its effective selector. */
export interface Constraint {
  readonly maxSkew: number;
  readonly topologyKey: string;
  readonly minDomains: number;
  readonly selector: LabelSelector | undefined;
  readonly honorAffinity: boolean;
  readonly honorTaints: boolean;
}

/** The pod's constraints with the given `whenUnsatisfiable`, selectors completed by matchLabelKeys. */
export function constraintsOf(
  pod: Pod,
  when: TopologySpreadConstraint['whenUnsatisfiable'],
): Constraint[] {
  const all = (pod.spec as { topologySpreadConstraints?: TopologySpreadConstraint[] } | undefined)
    ?.topologySpreadConstraints;
  const out: Constraint[] = [];
  for (const c of all ?? []) {
    if (c.whenUnsatisfiable !== when) continue;
    let selector = c.labelSelector;
    const keys = c.matchLabelKeys ?? [];
    if (selector && keys.length > 0) {
      const extra: Record<string, string> = {};
      for (const k of keys) {
        const v = pod.metadata.labels?.[k];
        if (v !== undefined) extra[k] = v;
      }
      selector = { ...selector, matchLabels: { ...(selector.matchLabels ?? {}), ...extra } };
    }
    out.push({
      maxSkew: c.maxSkew,
      topologyKey: c.topologyKey,
      minDomains: c.minDomains ?? 1,
      selector,
      honorAffinity: (c.nodeAffinityPolicy ?? 'Honor') === 'Honor',
      honorTaints: c.nodeTaintsPolicy === 'Honor',
    });
  }
  return out;
}

/** True when the node carries every constraint's topology key (nodeLabelsMatchSpreadConstraints). */
export function hasAllTopologyKeys(
  labels: Readonly<Record<string, string>>,
  constraints: readonly Constraint[],
): boolean {
  for (const c of constraints) if (labels[c.topologyKey] === undefined) return false;
  return true;
}

/** Matching pods per domain value, for one constraint; every eligible domain is present. */
export type DomainCounts = Map<string, number>;

/** Counts, per constraint, the pods its selector matches in each domain of the eligible nodes. */
export function countPerDomain(
  pod: Pod,
  constraints: readonly Constraint[],
  nodes: readonly NodeInfo[],
  handle: Handle,
): DomainCounts[] {
  const counts = constraints.map(() => new Map<string, number>());
  const eligible = new Map<string, boolean[]>();
  for (const node of nodes) {
    if (!hasAllTopologyKeys(node.labels, constraints)) continue;
    const byConstraint = constraints.map((c) => eligibleFor(c, pod, node));
    eligible.set(node.name, byConstraint);
    constraints.forEach((c, i) => {
      if (byConstraint[i] && !counts[i].has(node.labels[c.topologyKey])) {
        counts[i].set(node.labels[c.topologyKey], 0);
      }
    });
  }
  const namespace = pod.metadata.namespace ?? 'default';
  constraints.forEach((c, i) => {
    if (!c.selector) return;
    for (const obj of handle.store.select('Pod', namespace, c.selector.matchLabels ?? {})) {
      const other = asPod(obj);
      const nodeName = other.spec?.nodeName;
      if (!nodeName || other.metadata.deletionTimestamp || isTerminal(other)) continue;
      if (!eligible.get(nodeName)?.[i]) continue;
      if (!matchesSelector(other.metadata.labels ?? {}, c.selector)) continue;
      const node = handle.node(nodeName);
      const value = node?.labels[c.topologyKey];
      if (value === undefined) continue;
      counts[i].set(value, (counts[i].get(value) ?? 0) + 1);
    }
  });
  return counts;
}

function eligibleFor(c: Constraint, pod: Pod, node: NodeInfo): boolean {
  if (c.honorAffinity && !matchesNodeSelectorAndAffinity(pod, node.labels, node.name)) return false;
  if (c.honorTaints && untoleratedTaint(node.noScheduleTaints, pod.spec?.tolerations)) return false;
  return true;
}

/** The smallest domain count, or 0 when there are fewer domains than minDomains. */
export function globalMin(counts: DomainCounts, minDomains: number): number {
  if (counts.size < minDomains) return 0;
  let min = Number.MAX_SAFE_INTEGER;
  for (const n of counts.values()) if (n < min) min = n;
  return counts.size === 0 ? 0 : min;
}
