/**
 * @module
 * Redis, the official image (docker-library/redis Dockerfile and docker-entrypoint.sh): no
 * `USER` (the entrypoint chowns /data and steps down with gosu to `redis`, 999, only when it
 * starts as root); `EXPOSE 6379`; `WORKDIR /data` and `VOLUME /data`, so nothing is written on
 * the root filesystem.
 */
import type { ImageCatalogueEntry } from '../catalogue-entry';

/** redis, every tag. */
export const redis: ImageCatalogueEntry = {
  repository: 'docker.io/library/redis',
  source: 'docker-library/redis Dockerfile, docker-entrypoint.sh',
  behavior: { user: 0, ports: [6379] },
};
