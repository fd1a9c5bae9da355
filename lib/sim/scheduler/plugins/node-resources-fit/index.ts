/**
 * @module
 * NodeResourcesFit: filters nodes whose free allocatable (allocatable minus the requests of the
 * pods already there) cannot hold the pod's requests or whose pod slots are used up; scores
 * with the default LeastAllocated strategy (cpu and memory, weight 1 each), counting containers
 * without requests at 100m/200Mi
 * (kubernetes pkg/scheduler/framework/plugins/noderesources/fit.go `fitsRequest`,
 * least_allocated.go `leastRequestedScore`, resource_allocation.go).
 */
import {
  Code,
  MAX_NODE_SCORE,
  newStatus,
  scoreEach,
  type FilterPlugin,
  type ScorePlugin,
  type Status,
} from '../../framework';
import { columnRows } from '../../node-columns';
import type { NodeInfo } from '../../node-info';
import type { PodInfo } from '../../pod-info';
import type { Resources } from '../../resources';

/** Plugin name. */
export const NAME = 'NodeResourcesFit';
/** Reason when the node's pod slots (allocatable `pods`) are used up. */
export const ERR_REASON_TOO_MANY_PODS = 'Too many pods';
/** Reason for a resource that does not fit: `Insufficient cpu`, `Insufficient memory`, ... */
export function errReasonInsufficient(resource: string): string {
  return `Insufficient ${resource}`;
}

/** One resource the node lacks (InsufficientResource). */
export interface InsufficientResource {
  readonly reason: string;
  /** The pod asks for more than the node has in total: preemption cannot help. */
  readonly unresolvable: boolean;
}

const FITS: readonly InsufficientResource[] = [];

/**
 * What the node lacks for `requests`; empty when it fits. The pod-count check comes first and
 * always applies; resources are checked only when the pod requests any.
 */
export function insufficientResources(
  requests: Resources,
  node: NodeInfo,
): readonly InsufficientResource[] {
  const a = node.allocatable;
  const used = node.requested;
  let out: InsufficientResource[] | undefined;
  if (node.pods.size + 1 > a.pods) {
    (out ??= []).push({ reason: ERR_REASON_TOO_MANY_PODS, unresolvable: false });
  }
  // No requests at all: only the pod count matters.
  if (
    requests.milliCpu === 0 &&
    requests.memory === 0 &&
    requests.ephemeralStorage === 0 &&
    !requests.scalars
  ) {
    return out ?? FITS;
  }
  if (requests.milliCpu > 0 && requests.milliCpu > a.milliCpu - used.milliCpu) {
    (out ??= []).push({
      reason: errReasonInsufficient('cpu'),
      unresolvable: requests.milliCpu > a.milliCpu,
    });
  }
  if (requests.memory > 0 && requests.memory > a.memory - used.memory) {
    (out ??= []).push({
      reason: errReasonInsufficient('memory'),
      unresolvable: requests.memory > a.memory,
    });
  }
  if (
    requests.ephemeralStorage > 0 &&
    requests.ephemeralStorage > a.ephemeralStorage - used.ephemeralStorage
  ) {
    (out ??= []).push({
      reason: errReasonInsufficient('ephemeral-storage'),
      unresolvable: requests.ephemeralStorage > a.ephemeralStorage,
    });
  }
  if (requests.scalars) {
    for (const name in requests.scalars) {
      const want = requests.scalars[name];
      if (want === 0) continue;
      const has = a.scalars?.[name] ?? 0;
      if (want > has - (used.scalars?.[name] ?? 0)) {
        (out ??= []).push({ reason: errReasonInsufficient(name), unresolvable: want > has });
      }
    }
  }
  return out ?? FITS;
}

/** ((capacity - requested) * MAX_NODE_SCORE) / capacity, 0 when over capacity or no capacity. */
export function leastRequestedScore(requested: number, capacity: number): number {
  if (capacity === 0 || requested > capacity) return 0;
  return Math.trunc(((capacity - requested) * MAX_NODE_SCORE) / capacity);
}

/** Filter on free resources; score LeastAllocated. */
export class NodeResourcesFit implements FilterPlugin, ScorePlugin {
  readonly name = NAME;
  /** Its Filter reads only the node and the pod's signature fields (see PodInfo.signature). */
  readonly nodeLocal = true;

  filter(pod: PodInfo, node: NodeInfo): Status | undefined {
    const missing = insufficientResources(pod.requests, node);
    if (missing.length === 0) return undefined;
    const code = missing.some((m) => m.unresolvable)
      ? Code.UnschedulableAndUnresolvable
      : Code.Unschedulable;
    return newStatus(code, NAME, ...missing.map((m) => m.reason));
  }

  score(pod: PodInfo, node: NodeInfo): number {
    const cpu = leastRequestedScore(
      node.nonZeroRequested.milliCpu + pod.nonZeroRequests.milliCpu,
      node.allocatable.milliCpu,
    );
    const memory = leastRequestedScore(
      node.nonZeroRequested.memory + pod.nonZeroRequests.memory,
      node.allocatable.memory,
    );
    return Math.trunc((cpu + memory) / 2);
  }

  /** `score` for every node, from the cache's columns when the nodes write to them. */
  scoreNodes(pod: PodInfo, nodes: readonly NodeInfo[], out: Float64Array, rows?: Int32Array): void {
    const at = columnRows(nodes, rows);
    if (!at) return scoreEach(this, pod, nodes, out);
    const { nonZeroMilliCpu, nonZeroMemory, allocatableMilliCpu, allocatableMemory } = at.columns;
    const podCpu = pod.nonZeroRequests.milliCpu;
    const podMemory = pod.nonZeroRequests.memory;
    const rowOf = at.rows;
    for (let i = 0; i < nodes.length; i++) {
      const k = rowOf[i];
      const cpu = leastRequestedScore(nonZeroMilliCpu[k] + podCpu, allocatableMilliCpu[k]);
      const memory = leastRequestedScore(nonZeroMemory[k] + podMemory, allocatableMemory[k]);
      out[i] = Math.trunc((cpu + memory) / 2);
    }
  }
}
