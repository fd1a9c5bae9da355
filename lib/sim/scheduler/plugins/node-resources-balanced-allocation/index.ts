/**
 * @module
 * NodeResourcesBalancedAllocation score: prefers nodes whose cpu and memory would be used in
 * equal fractions after placing the pod, (1 - std) * MAX_NODE_SCORE with std = |fcpu - fmem| / 2;
 * skipped for pods without requests (kubernetes
 * pkg/scheduler/framework/plugins/noderesources/balanced_allocation.go `balancedResourceScorer`).
 */
import { MAX_NODE_SCORE, scoreEach, type ScorePlugin } from '../../framework';
import { columnRows } from '../../node-columns';
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

/** balancedResourceScore for cpu and memory, without allocating in the common case. */
function cpuMemoryScore(cpu: number, memory: number, ca: number, ma: number): number {
  const fc = ca === 0 ? -1 : Math.min(cpu / ca, 1);
  const fm = ma === 0 ? -1 : Math.min(memory / ma, 1);
  if (fc >= 0 && fm >= 0) return Math.trunc((1 - Math.abs((fc - fm) / 2)) * MAX_NODE_SCORE);
  return balancedResourceScore([cpu, memory], [ca, ma]);
}

/** Balanced cpu/memory usage. */
export class NodeResourcesBalancedAllocation implements ScorePlugin {
  readonly name = NAME;

  preScore(pod: PodInfo): boolean {
    return !pod.isBestEffort;
  }

  score(pod: PodInfo, node: NodeInfo): number {
    // useRequested: the real requests, not the 100m/200Mi scoring defaults.
    return cpuMemoryScore(
      node.requested.milliCpu + pod.requests.milliCpu,
      node.requested.memory + pod.requests.memory,
      node.allocatable.milliCpu,
      node.allocatable.memory,
    );
  }

  /** `score` for every node, from the cache's columns when the nodes write to them. */
  scoreNodes(pod: PodInfo, nodes: readonly NodeInfo[], out: Float64Array, rows?: Int32Array): void {
    const at = columnRows(nodes, rows);
    if (!at) return scoreEach(this, pod, nodes, out);
    const { requestedMilliCpu, requestedMemory, allocatableMilliCpu, allocatableMemory } =
      at.columns;
    const rowOf = at.rows;
    for (let i = 0; i < nodes.length; i++) {
      const k = rowOf[i];
      out[i] = cpuMemoryScore(
        requestedMilliCpu[k] + pod.requests.milliCpu,
        requestedMemory[k] + pod.requests.memory,
        allocatableMilliCpu[k],
        allocatableMemory[k],
      );
    }
  }
}
