/**
 * @module
 * Structural equality of JSON values, used by the store to skip writes that change nothing
 * (the API server does not bump resourceVersion for a no-op update), and the stricter
 * same-printed-text test for putting an existing object in place of a fresh equal one.
 */

/** True when `a` and `b` are the same JSON value (key order ignored, undefined keys ignored). */
export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!deepEqual(a[i], b[i])) return false;
    return true;
  }
  if (Array.isArray(b)) return false;
  const x = a as Record<string, unknown>;
  const y = b as Record<string, unknown>;
  let count = 0;
  for (const key in x) {
    if (x[key] === undefined) continue;
    count++;
    if (!deepEqual(x[key], y[key])) return false;
  }
  for (const key in y) if (y[key] !== undefined) count--;
  return count === 0;
}

/**
 * True when `a` and `b` print the same JSON with the same key order. Stricter than deepEqual
 * (which ignores key order and undefined fields): an object put in place of a fresh one (a
 * shared pod spec, a reused status part) must print exactly as the fresh one would have.
 */
export function sameJsonText(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  const isArray = Array.isArray(a);
  if (isArray !== Array.isArray(b)) return false;
  if (isArray) {
    const x = a as unknown[];
    const y = b as unknown[];
    if (x.length !== y.length) return false;
    for (let i = 0; i < x.length; i++) if (!sameJsonText(x[i], y[i])) return false;
    return true;
  }
  const x = a as Record<string, unknown>;
  const y = b as Record<string, unknown>;
  const keys = Object.keys(y);
  let i = 0;
  for (const key in x) {
    if (keys[i++] !== key || !sameJsonText(x[key], y[key])) return false;
  }
  return i === keys.length;
}
