/**
 * @module
 * NodeResourcesBalancedAllocation score: prefers nodes whose cpu and memory would be used in
 * equal fractions after placing the pod, (1 - std) * MAX_NODE_SCORE with std = |fcpu - fmem| / 2;
 * skipped for pods without requests (kubernetes
 * pkg/scheduler/framework/plugins/noderesources/balanced_allocation.go `balancedResourceScorer`).
 */
import { MAX_NODE_SCORE, type ScorePlugin } from '../../framework';
import type { NodeInfo } from '../../node-info';
import type { PodInfo } from '../../pod-info';

/** Plugin name. */
export const NAME = 'NodeResourcesBalancedAllocation';

/** The score for requested/allocatable pairs; fractions are capped at 1, absent capacity skipped. */
export function balancedResourceScore(
  requested: readonly number[],
  allocatable: readonly number[],
): number {
  const fractions: number[] = [];
  for (let i = 0; i < requested.length; i++) {
    if (allocatable[i] === 0) continue;
    fractions.push(Math.min(requested[i] / allocatable[i], 1));
  }
  let std = 0;
  if (fractions.length === 2) {
    std = Math.abs((fractions[0] - fractions[1]) / 2);
  } else if (fractions.length > 2) {
    const mean = fractions.reduce((a, b) => a + b, 0) / fractions.length;
    std = Math.sqrt(fractions.reduce((a, f) => a + (f - mean) ** 2, 0) / fractions.length);
  }
  return Math.trunc((1 - std) * MAX_NODE_SCORE);
}

/** Balanced cpu/memory usage. */
export class NodeResourcesBalancedAllocation implements ScorePlugin {
  readonly name = NAME;

  preScore(pod: PodInfo): boolean {
    return !pod.isBestEffort;
  }

  score(pod: PodInfo, node: NodeInfo): number {
    // useRequested: the real requests, not the 100m/200Mi scoring defaults.
    const cpu = node.requested.milliCpu + pod.requests.milliCpu;
    const memory = node.requested.memory + pod.requests.memory;
    const ca = node.allocatable.milliCpu;
    const ma = node.allocatable.memory;
    const fc = ca === 0 ? -1 : Math.min(cpu / ca, 1);
    const fm = ma === 0 ? -1 : Math.min(memory / ma, 1);
    // Two resources, the common case, without allocating (same result as balancedResourceScore).
    if (fc >= 0 && fm >= 0) return Math.trunc((1 - Math.abs((fc - fm) / 2)) * MAX_NODE_SCORE);
    return balancedResourceScore([cpu, memory], [ca, ma]);
  }
}
