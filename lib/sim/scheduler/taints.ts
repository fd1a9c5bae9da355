/**
 * @module
 * Toleration matching, after k8s.io/api core/v1 toleration.go `ToleratesTaint` and
 * component-helpers scheduling/corev1 `FindMatchingUntoleratedTaint`.
 */
import type { Taint, Toleration } from '../api';

/**
 * True when `t` tolerates `taint`: an empty effect matches every effect, an empty key (with
 * Exists) every key; operator Equal (the default) also needs equal values.
 */
export function toleratesTaint(t: Toleration, taint: Taint): boolean {
  if (t.effect && t.effect !== taint.effect) return false;
  if (t.key && t.key !== taint.key) return false;
  const operator = t.operator ?? 'Equal';
  if (operator === 'Exists') return true;
  if (operator === 'Equal') return (t.value ?? '') === (taint.value ?? '');
  return false;
}

/** True when any toleration tolerates `taint`. */
export function tolerationsTolerateTaint(
  tolerations: readonly Toleration[] | undefined,
  taint: Taint,
): boolean {
  if (!tolerations) return false;
  for (const t of tolerations) if (toleratesTaint(t, taint)) return true;
  return false;
}

/** The first taint passing `filter` that no toleration tolerates, or undefined. */
export function findUntoleratedTaint(
  taints: readonly Taint[],
  tolerations: readonly Toleration[] | undefined,
  filter: (taint: Taint) => boolean,
): Taint | undefined {
  for (const taint of taints) {
    if (filter(taint) && !tolerationsTolerateTaint(tolerations, taint)) return taint;
  }
  return undefined;
}
