/**
 * @module
 * The `pod-template-hash` label: a stable, short name for a pod template, as
 * `controller.ComputeHash` makes it (pkg/controller/controller_utils.go): FNV-1a (32 bit) over
 * the template, then the Deployment's collisionCount, then the decimal digits of the sum
 * re-encoded with `rand.SafeEncodeString` (k8s.io/apimachinery/pkg/util/rand), so that names
 * never contain vowels or look-alike characters. Kubernetes hashes a `spew` dump of the Go
 * struct; we hash a canonical JSON of the template (keys sorted), which is just as stable.
 */
import type { PodTemplateSpec } from '../api';

/** The label key Deployments add to their ReplicaSets and pods (apps.DefaultDeploymentUniqueLabelKey). */
export const POD_TEMPLATE_HASH_LABEL = 'pod-template-hash';

/** Characters SafeEncodeString and generated names use: no vowels, no 0/1/3 (util/rand/rand.go). */
export const SAFE_ALPHANUMS = 'bcdfghjklmnpqrstvwxz2456789';

const FNV_OFFSET_BASIS = 0x811c9dc5;
const FNV_PRIME = 0x01000193;
const encoder = new TextEncoder();

/** FNV-1a 32-bit hash of `bytes`, continuing from `hash` (hash/fnv New32a). */
export function fnv32a(bytes: Uint8Array, hash = FNV_OFFSET_BASIS): number {
  let h = hash;
  for (const byte of bytes) {
    h ^= byte;
    h = Math.imul(h, FNV_PRIME) >>> 0;
  }
  return h >>> 0;
}

/**
 * Maps each character to one of {@link SAFE_ALPHANUMS} by its code modulo 27, as
 * `rand.SafeEncodeString` does: `safeEncodeString('1234') === '5678'`.
 */
export function safeEncodeString(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    out += SAFE_ALPHANUMS[text.charCodeAt(i) % SAFE_ALPHANUMS.length];
  }
  return out;
}

/** JSON with object keys sorted at every level, so equal templates give equal text. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value))
    return `[${value.map((item) => canonicalJson(item ?? null)).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.keys(value)
      .filter((key) => (value as Record<string, unknown>)[key] !== undefined)
      .sort()
      .map(
        (key) => `${JSON.stringify(key)}:${canonicalJson((value as Record<string, unknown>)[key])}`,
      );
    return `{${entries.join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/**
 * The `pod-template-hash` of a template (ComputeHash). The template's own
 * `pod-template-hash` label is ignored, so a ReplicaSet's template hashes like its
 * Deployment's. A defined `collisionCount` (even 0) changes the hash, as in Kubernetes, where
 * it is appended to the hashed bytes as a little-endian uint32.
 */
export function podTemplateHash(template: PodTemplateSpec, collisionCount?: number): string {
  const labels = { ...template.metadata?.labels };
  delete labels[POD_TEMPLATE_HASH_LABEL];
  const metadata = { ...template.metadata, labels };
  let hash = fnv32a(encoder.encode(canonicalJson({ ...template, metadata })));
  if (collisionCount !== undefined) {
    const bytes = new Uint8Array(4);
    new DataView(bytes.buffer).setUint32(0, collisionCount >>> 0, true);
    hash = fnv32a(bytes, hash);
  }
  return safeEncodeString(String(hash));
}
