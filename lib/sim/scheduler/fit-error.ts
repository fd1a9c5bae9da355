/**
 * @module
 * The FailedScheduling message, exactly as kubernetes pkg/scheduler/framework/types.go
 * `FitError.Error()` builds it: `0/N nodes are available: ` then either the PreFilter message
 * or the histogram of filter reasons (`<count> <reason>`, sorted as strings, joined by `, `)
 * with a final `.`; then, after a space, the PostFilter (preemption) message, which
 * DefaultPreemption prefixes with `preemption: ` (defaultpreemption/default_preemption.go).
 */

/** NoNodeAvailableMsg. */
export const NO_NODE_AVAILABLE_MSG = '0/%v nodes are available';

/** Why a pod fits nowhere (framework.Diagnosis). */
export interface Diagnosis {
  /** Reason → number of nodes that gave it (a node may give several, e.g. cpu and memory). */
  readonly reasons: ReadonlyMap<string, number>;
  /** A PreFilter rejection, which replaces the histogram. */
  readonly preFilterMsg?: string;
  /** The PostFilter (preemption) outcome, already prefixed. */
  readonly postFilterMsg?: string;
}

/** The `<count> <reason>` strings, sorted as Go's sort.Strings sorts them (by code unit). */
export function sortReasonsHistogram(reasons: ReadonlyMap<string, number>): string[] {
  const out: string[] = [];
  for (const [reason, count] of reasons) out.push(`${count} ${reason}`);
  return out.sort();
}

/**
 * The FitError message.
 *
 * fitErrorMessage(3, { reasons: {Insufficient cpu → 2, Insufficient memory → 1} })
 *   === '0/3 nodes are available: 1 Insufficient memory, 2 Insufficient cpu.'
 */
export function fitErrorMessage(numAllNodes: number, d: Diagnosis): string {
  let msg = `0/${numAllNodes} nodes are available:`;
  if (d.preFilterMsg) {
    msg += ` ${d.preFilterMsg}.`;
  } else {
    const histogram = sortReasonsHistogram(d.reasons);
    if (histogram.length > 0) msg += ` ${histogram.join(', ')}.`;
  }
  if (d.postFilterMsg) msg += ` ${d.postFilterMsg}`;
  return msg;
}

/** Adds a status' reasons to a histogram. */
export function countReasons(
  into: Map<string, number>,
  reasons: readonly string[],
  times = 1,
): void {
  for (const r of reasons) into.set(r, (into.get(r) ?? 0) + times);
}
