/**
 * @module
 * The catalogue of well-known images whose real failure modes the simulator reproduces.
 */
export { IMAGE_CATALOGUE, catalogueBehavior, catalogueLookup } from './catalogue';
export type { ImageCatalogueEntry } from './catalogue-entry';
export { parseImageReference } from './reference';
export type { ImageReference } from './reference';
