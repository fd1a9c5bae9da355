/**
 * @module
 * Image references as the container runtime reports them: names normalized as
 * github.com/distribution/reference `ParseNormalizedNamed` does (`nginx` →
 * `docker.io/library/nginx:latest`), deterministic digests for imageID, and container IDs.
 */
import { createHash } from 'node:crypto';

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** `nginx` → `docker.io/library/nginx:latest`; `ghcr.io/a/b:1` unchanged. */
export function normalizeImage(image: string): string {
  const slash = image.indexOf('/');
  const first = slash < 0 ? '' : image.slice(0, slash);
  const hasRegistry = first.includes('.') || first.includes(':') || first === 'localhost';
  let named = hasRegistry ? image : slash < 0 ? `docker.io/library/${image}` : `docker.io/${image}`;
  const lastSegment = named.slice(named.lastIndexOf('/') + 1);
  if (!lastSegment.includes(':') && !named.includes('@')) named += ':latest';
  return named;
}

/** The repository part of a normalized name (no tag, no digest). */
function repository(normalized: string): string {
  const at = normalized.indexOf('@');
  const withoutDigest = at < 0 ? normalized : normalized.slice(0, at);
  const colon = withoutDigest.lastIndexOf(':');
  return colon > withoutDigest.lastIndexOf('/') ? withoutDigest.slice(0, colon) : withoutDigest;
}

const imageIds = new Map<string, string>();

/** `docker.io/library/nginx@sha256:<digest>`, stable for an image string. */
export function imageID(image: string): string {
  let id = imageIds.get(image);
  if (id === undefined) {
    id = `${repository(normalizeImage(image))}@sha256:${sha256(`image:${image}`)}`;
    imageIds.set(image, id);
  }
  return id;
}

/** `containerd://<64 hex>`, stable for a pod, container and attempt. */
export function containerID(podUid: string, container: string, attempt: number): string {
  return `containerd://${sha256(`${podUid}/${container}/${attempt}`)}`;
}

/** FNV-1a of `text`, for deterministic per-image numbers. */
export function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash;
}

/**
 * The error containerd returns for an image that cannot be pulled, as the kubelet copies it
 * into the waiting message.
 */
export function pullErrorMessage(image: string): string {
  const named = normalizeImage(image);
  return (
    `rpc error: code = NotFound desc = failed to pull and unpack image "${named}": ` +
    `failed to resolve reference "${named}": ${named}: not found`
  );
}

/** A reference as github.com/distribution/reference parses it: `[host[:port]/]path[:tag][@digest]`. */
const PATH_COMPONENT = '[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*';
const REFERENCE = new RegExp(
  `^(?:[a-zA-Z0-9.-]+(?::[0-9]+)?/)?${PATH_COMPONENT}(?:/${PATH_COMPONENT})*` +
    '(?::[\\w][\\w.-]{0,127})?(?:@sha256:[a-f0-9]{64})?$',
);

/**
 * Why the kubelet cannot use an image reference (images/image_manager.go
 * `applyDefaultImageTag`, waiting reason InvalidImageName), or undefined when it parses.
 */
export function invalidImageMessage(image: string): string | undefined {
  if (REFERENCE.test(image)) return undefined;
  const lowered = image.toLowerCase();
  const why = REFERENCE.test(lowered)
    ? 'invalid reference format: repository name must be lowercase'
    : 'invalid reference format';
  return `Failed to apply default image tag "${image}": couldn't parse image reference "${image}": ${why}`;
}
