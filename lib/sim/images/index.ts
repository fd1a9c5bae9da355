/**
 * @module
 * The catalogue of well-known images whose real failure modes the simulator reproduces: what
 * `bosun/sim` shows of it (the runtime imports the lookup and reference parsing directly).
 */
export { IMAGE_CATALOGUE, catalogueBehavior } from './catalogue';
export type { ImageCatalogueEntry } from './catalogue-entry';
