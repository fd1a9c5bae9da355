/**
 * @module
 * The pods of a workload, as the HPA's pod lister finds them: by the target's label selector
 * in its namespace, through the store's label index (never a scan of every pod).
 */
import type { LabelSelector, Pod } from '../api';
import type { Store } from '../framework';
import { matchesSelector } from '../selector';

/** Pods in `namespace` matching `selector` (matchLabels via the index, then matchExpressions). */
export function selectPods(store: Store, namespace: string, selector: LabelSelector): Pod[] {
  const candidates = store.select<Pod>('Pod', namespace, selector.matchLabels ?? {});
  if (!selector.matchExpressions?.length) return candidates;
  return candidates.filter((pod) => matchesSelector(pod.metadata.labels, selector));
}

/** The label selector of a scalable workload (spec.selector), or undefined. */
export function workloadSelector(workload: { spec?: unknown }): LabelSelector | undefined {
  const selector = (workload.spec as { selector?: unknown } | undefined)?.selector;
  return typeof selector === 'object' && selector !== null
    ? (selector as LabelSelector)
    : undefined;
}
