/**
 * @module
 * `kubectl apply`'s three-way merge (staging/src/k8s.io/kubectl/pkg/cmd/apply/patcher.go:
 * the patch is computed from the last applied configuration, the new configuration and the
 * live object). A field the new configuration sets takes its value; a field the last applied
 * configuration set and the new one drops is removed; a field neither set — a default, the
 * replicas an HPA chose, a claim's volumeName, a controller's annotation — stays as it is live.
 * Maps merge key by key; lists and scalars are replaced whole, as a JSON merge patch replaces
 * them (kubectl's strategic merge would merge some lists by key, which differs only when
 * something besides `apply` added items to a list).
 */

import { isPlainObject } from './json';

/** A JSON object. */
type JsonMap = Record<string, unknown>;

/**
 * The live object after applying `desired`, given the configuration applied before
 * (`undefined`: never applied, so nothing is removed). Pure; the inputs are not changed.
 *
 * threeWayMerge({ replicas: 5, paused: false }, { paused: false }, {}) → { replicas: 5 }
 * threeWayMerge({ replicas: 5 }, {}, { replicas: 3 }) → { replicas: 3 }
 */
export function threeWayMerge(
  live: JsonMap,
  lastApplied: JsonMap | undefined,
  desired: JsonMap,
): JsonMap {
  const out: JsonMap = {};
  const merge = (key: string): void => {
    if (!(key in desired)) {
      // applied before and dropped now: removed; never applied: kept
      if (!(lastApplied && key in lastApplied)) out[key] = live[key];
      return;
    }
    const wanted = desired[key];
    if (wanted === null || wanted === undefined) return; // `field: null` deletes, as in a merge patch
    const current = live[key];
    const before = lastApplied?.[key];
    out[key] =
      isPlainObject(wanted) && isPlainObject(current)
        ? threeWayMerge(current, isPlainObject(before) ? before : undefined, wanted)
        : wanted;
  };
  // live's key order first, so that output keeps its shape; new keys after
  for (const key of Object.keys(live)) merge(key);
  for (const key of Object.keys(desired)) if (!(key in live)) merge(key);
  return out;
}
