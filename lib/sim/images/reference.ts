/**
 * @module
 * An image reference split as the catalogue matches it: the repository with Docker Hub's
 * defaults filled in (github.com/distribution/reference `ParseNormalizedNamed`: `nginx`,
 * `library/nginx` and `docker.io/library/nginx` are one repository), and the tag (`latest`
 * when neither tag nor digest is given; undefined for a reference pinned by digest only).
 */

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

/** An image reference's repository and tag. */
export interface ImageReference {
  /** `docker.io/library/nginx`, `docker.io/nginxinc/nginx-unprivileged`, `ghcr.io/acme/shop`. */
  readonly repository: string;
  /** `1.27-alpine`; `latest` when omitted; undefined when only a digest pins the image. */
  readonly tag?: string;
}

/**
 * parseImageReference('nginx') → { repository: 'docker.io/library/nginx', tag: 'latest' }
 * parseImageReference('postgres:16-alpine@sha256:…') → { repository: 'docker.io/library/postgres', tag: '16-alpine' }
 * parseImageReference('localhost:5000/app@sha256:…') → { repository: 'localhost:5000/app' }
 */
export function parseImageReference(image: string): ImageReference {
  const named = normalizeImage(image);
  const at = named.indexOf('@');
  const withoutDigest = at < 0 ? named : named.slice(0, at);
  const colon = withoutDigest.lastIndexOf(':');
  if (colon <= withoutDigest.lastIndexOf('/')) return { repository: withoutDigest };
  return { repository: withoutDigest.slice(0, colon), tag: withoutDigest.slice(colon + 1) };
}

/** Whether the reference names a tag or digest (`nginx:1.27`, `nginx@sha256:…`), not just a repository. */
export function namesTagOrDigest(image: string): boolean {
  return image.includes('@') || image.slice(image.lastIndexOf('/') + 1).includes(':');
}
