/**
 * @module
 * memcached, the official image (docker-library/memcached 1.6/bookworm/Dockerfile):
 * `useradd --uid 11211 memcache` and then `USER memcache`, a name rather than a UID, so the
 * kubelet cannot prove it is not root and `runAsNonRoot` without `runAsUser` is refused;
 * `EXPOSE 11211`.
 */
import type { ImageCatalogueEntry } from '../catalogue-entry';

/** memcached, every tag. */
export const memcached: ImageCatalogueEntry = {
  repository: 'docker.io/library/memcached',
  source: 'docker-library/memcached 1.6/bookworm/Dockerfile',
  behavior: { user: 'memcache', ports: [11211] },
};
