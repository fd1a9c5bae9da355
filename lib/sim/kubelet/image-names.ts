/**
 * @module
 * Image references as the container runtime reports them: pull errors, deterministic digests
 * for imageID (its repository as images/reference.ts normalizes it), and container IDs.
 */
import { createHash } from 'node:crypto';
import { normalizeImage, parseImageReference } from '../images/reference';

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

const imageIds = new Map<string, string>();

/** `docker.io/library/nginx@sha256:<digest>`, stable for an image string. */
export function imageID(image: string): string {
  let id = imageIds.get(image);
  if (id === undefined) {
    id = `${parseImageReference(image).repository}@sha256:${sha256(`image:${image}`)}`;
    imageIds.set(image, id);
  }
  return id;
}

const HEX_BYTES = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

/** `x` as 8 hex digits. */
function hex32(x: number): string {
  return (
    HEX_BYTES[x >>> 24] +
    HEX_BYTES[(x >>> 16) & 255] +
    HEX_BYTES[(x >>> 8) & 255] +
    HEX_BYTES[x & 255]
  );
}

/** murmur3's 32-bit finalizer: every input bit flips about half the output bits. */
function mix32(x: number): number {
  x = Math.imul(x ^ (x >>> 16), 0x85ebca6b);
  x = Math.imul(x ^ (x >>> 13), 0xc2b2ae35);
  return (x ^ (x >>> 16)) >>> 0;
}

/**
 * `containerd://<64 hex>`, stable for a pod, container and attempt. Not a sha256 (that cost
 * a crypto Hash object per container start, 0.3 s at 150,000 pods): two 32-bit FNV-1a lanes
 * over the text, spread over 8 words by murmur3's finalizer. IDs only need to look like
 * containerd's and differ between containers; 64 bits of state keep 150,000 of them apart.
 */
export function containerID(podUid: string, container: string, attempt: number): string {
  const text = `${podUid}/${container}/${attempt}`;
  let a = 0x811c9dc5;
  let b = 0x050c5d1f;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x01000193) ^ (b >>> 13);
  }
  let id = 'containerd://';
  for (let word = 0; word < 8; word++) {
    id += hex32(
      mix32((word & 1 ? b : a) ^ Math.imul(word + 1, 0x9e3779b9) ^ mix32(word & 1 ? a : b)),
    );
  }
  return id;
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
