/**
 * @module
 * A content hash of configuration, put on a pod template so that changing a ConfigMap or Secret
 * that pods load with `envFrom` changes the template and rolls the pods (Kubernetes does not
 * restart pods when a referenced ConfigMap changes).
 */
import { createHash } from 'node:crypto';

/** Named groups of key/value data, e.g. `{ configMap: {...}, secret: {...} }`. */
export type ConfigSources = Readonly<Record<string, Readonly<Record<string, string>> | undefined>>;

/**
 * Hex sha256 of the data, independent of key order: the same data always gives the same hash,
 * any changed key or value a different one. Absent and empty groups hash alike.
 */
export function configHash(sources: ConfigSources): string {
  return createHash('sha256').update(canonicalJson(sources)).digest('hex');
}

/** JSON with keys sorted at every level and empty groups dropped, so the text is canonical. */
function canonicalJson(sources: ConfigSources): string {
  const groups = Object.keys(sources)
    .sort()
    .filter((group) => Object.keys(sources[group] ?? {}).length > 0)
    .map((group) => {
      const data = sources[group] ?? {};
      const sorted = Object.keys(data)
        .sort()
        .map((key) => [key, data[key]]);
      return [group, sorted];
    });
  return JSON.stringify(groups);
}
