/**
 * @module
 * The simulator's catalogue of well-known images (`Cluster` option `imageCatalogue`, on by
 * default) and its lookup. A lookup is O(1) per container start: entries are grouped by
 * repository once, and each image string's answer is cached.
 */
import type { ImageBehavior } from '../framework';
import type { ImageCatalogueEntry } from './catalogue-entry';
import { httpd } from './entries/httpd';
import { memcached } from './entries/memcached';
import { mongo } from './entries/mongo';
import { mysql } from './entries/mysql';
import { nginx, nginxUnprivileged } from './entries/nginx';
import { postgres } from './entries/postgres';
import { rabbitmq, rabbitmqManagement } from './entries/rabbitmq';
import { redis } from './entries/redis';
import { shellImages } from './entries/shells';
import { parseImageReference } from './reference';

/** Every catalogue entry; within one repository, variants come before the entry for all tags. */
export const IMAGE_CATALOGUE: readonly ImageCatalogueEntry[] = [
  nginx,
  nginxUnprivileged,
  postgres,
  mysql,
  redis,
  memcached,
  httpd,
  rabbitmqManagement,
  rabbitmq,
  mongo,
  ...shellImages,
];

/**
 * A lookup of an image's catalogue entry: the first of its repository whose `tags` match. Each
 * lookup function keeps its own cache (one per cluster).
 */
export function catalogueLookup(): (image: string) => ImageCatalogueEntry | undefined {
  const byRepository = new Map<string, ImageCatalogueEntry[]>();
  for (const entry of IMAGE_CATALOGUE) {
    const list = byRepository.get(entry.repository) ?? [];
    list.push(entry);
    byRepository.set(entry.repository, list);
  }
  const cache = new Map<string, ImageCatalogueEntry | undefined>();
  return (image) => {
    if (cache.has(image)) return cache.get(image);
    const { repository, tag } = parseImageReference(image);
    const found = byRepository
      .get(repository)
      ?.find((entry) => !entry.tags || (tag !== undefined && entry.tags.test(tag)));
    cache.set(image, found);
    return found;
  };
}

const lookupDefault = catalogueLookup();

/** The catalogue's behaviour for an image (`postgres:16`, `docker.io/library/nginx`), or undefined. */
export function catalogueBehavior(image: string): ImageBehavior | undefined {
  return lookupDefault(image)?.behavior;
}
