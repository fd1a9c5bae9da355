/**
 * @module
 * The one test for "a JSON object" that manifest decoding, defaulting, quantity checks and
 * `apply`'s merge share: a manifest field may be anything YAML can say, so each looks before
 * it descends.
 */

/** True for `{...}`: not null, not a list. */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
