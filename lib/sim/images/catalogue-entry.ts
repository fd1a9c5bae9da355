/**
 * @module
 * One entry of the image catalogue: which images it describes and how they behave, with the
 * file the facts were read from.
 */
import type { ImageBehavior } from '../framework';

/** How a well-known image behaves when the kubelet runs it, read from its Dockerfile and entrypoint. */
export interface ImageCatalogueEntry {
  /** The repository, normalized: `docker.io/library/nginx` (what `nginx` and `library/nginx` mean). */
  readonly repository: string;
  /**
   * The tags this entry covers, e.g. `/(^|-)management(-|$)/` for RabbitMQ's management
   * variants. Entries of one repository are tried in order, so a variant comes before the
   * entry for all tags. A reference pinned by digest alone matches only an entry without one.
   * @default - every tag
   */
  readonly tags?: RegExp;
  /** The Dockerfile or entrypoint the behaviour was read from (`docker-library/postgres 16/bookworm/Dockerfile`). */
  readonly source: string;
  /** What the kubelet does with it. */
  readonly behavior: ImageBehavior;
}
