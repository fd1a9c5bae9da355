/**
 * @module
 * Label selector matching as the API server and controllers do it, after
 * k8s.io/apimachinery/pkg/labels/selector.go and pkg/apis/meta/v1/helpers.go
 * (`LabelSelectorAsSelector`): matchLabels and matchExpressions are ANDed; an empty
 * LabelSelector `{}` selects everything, a missing one selects nothing.
 */
import type { LabelSelector } from './api';

/** Labels of an object; undefined reads as no labels. */
export type Labels = Readonly<Record<string, string>> | undefined;

/**
 * True when every key/value of `matchLabels` is among `labels` (a Service's `spec.selector`).
 * An empty map matches every object, as `labels.SelectorFromSet({})` does; callers that
 * treat an empty Service selector as "no selector" check that before calling.
 */
export function matchesLabels(
  labels: Labels,
  matchLabels: Readonly<Record<string, string>>,
): boolean {
  for (const key in matchLabels) {
    if (labels?.[key] !== matchLabels[key]) return false;
  }
  return true;
}

/**
 * True when `labels` satisfy a metav1.LabelSelector. `undefined` selects nothing
 * (`labels.Nothing()`), `{}` selects everything. `NotIn` also matches objects without the
 * key, as in selector.go's `Requirement.Matches`.
 */
export function matchesSelector(labels: Labels, selector: LabelSelector | undefined): boolean {
  if (!selector) return false;
  if (selector.matchLabels && !matchesLabels(labels, selector.matchLabels)) return false;
  for (const expression of selector.matchExpressions ?? []) {
    const has =
      labels !== undefined && Object.prototype.hasOwnProperty.call(labels, expression.key);
    const value = has ? labels?.[expression.key] : undefined;
    const values = expression.values ?? [];
    switch (expression.operator) {
      case 'In':
        if (!has || !values.includes(value as string)) return false;
        break;
      case 'NotIn':
        if (has && values.includes(value as string)) return false;
        break;
      case 'Exists':
        if (!has) return false;
        break;
      case 'DoesNotExist':
        if (has) return false;
        break;
      default:
        return false;
    }
  }
  return true;
}

/** `app=web,tier=front`, as kubectl prints a selector. */
export function formatLabels(labels: Labels): string {
  return Object.entries(labels ?? {})
    .map(([key, value]) => `${key}=${value}`)
    .join(',');
}
