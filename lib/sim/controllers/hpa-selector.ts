/**
 * @module
 * The HPA controller's selector checks (horizontal.go `validateAndParseSelector`,
 * `hpasControllingPodsUnderSelector`): the target's selector as `labels.Selector.String()`
 * prints it, and which HPAs of the namespace select any of the given pods — more than one
 * makes the HPA refuse to scale (`AmbiguousSelector`).
 */
import type { LabelSelector, Pod } from '../api';
import type { Store } from '../framework';
import { matchesSelector } from '../selector';
import type { HorizontalPodAutoscaler } from './hpa-api';
import { getScale } from './hpa-scale';

/** `app=web,tier in (a,b)`: requirements sorted by key, as apimachinery's selector prints them. */
export function formatSelector(selector: LabelSelector): string {
  const parts: { key: string; text: string }[] = [];
  for (const [key, value] of Object.entries(selector.matchLabels ?? {}))
    parts.push({ key, text: `${key}=${value}` });
  for (const e of selector.matchExpressions ?? []) {
    const values = [...(e.values ?? [])].sort().join(',');
    const text =
      e.operator === 'In'
        ? `${e.key} in (${values})`
        : e.operator === 'NotIn'
          ? `${e.key} notin (${values})`
          : e.operator === 'Exists'
            ? e.key
            : `!${e.key}`;
    parts.push({ key: e.key, text });
  }
  return parts
    .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
    .map((p) => p.text)
    .join(',');
}

/**
 * `namespace/name` of every HPA in `namespace` whose target selects one of `pods`, sorted.
 * Other HPAs' selectors are first checked against the union of the pods' label pairs, so an
 * unrelated HPA costs a few lookups, not a walk over the pods.
 */
export function hpasControllingPods(
  store: Store,
  namespace: string,
  pods: readonly Pod[],
): string[] {
  if (pods.length === 0) return [];
  const pairs = new Set<string>();
  for (const pod of pods) {
    const labels = pod.metadata.labels ?? {};
    for (const key in labels) pairs.add(`${key}\u0000${labels[key]}`);
  }
  const out: string[] = [];
  for (const hpa of store.list<HorizontalPodAutoscaler>('HorizontalPodAutoscaler', namespace)) {
    const ref = hpa.spec?.scaleTargetRef;
    if (!ref) continue;
    const scale = getScale(store, namespace, ref);
    if ('error' in scale || !scale.selector) continue;
    const selector = scale.selector;
    const matchLabels = selector.matchLabels ?? {};
    if (Object.keys(matchLabels).some((key) => !pairs.has(`${key}\u0000${matchLabels[key]}`)))
      continue;
    if (pods.some((pod) => matchesSelector(pod.metadata.labels, selector)))
      out.push(`${namespace}/${hpa.metadata.name}`);
  }
  return out.sort();
}
