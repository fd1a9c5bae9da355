/**
 * @module
 * bosun's helpers for users' jest tests: `simulate(chart)` and `expect(chart).toConverge()`.
 * Importing this module under jest registers the matcher (`expect.extend`); elsewhere,
 * pass `bosunMatchers` to your runner's `expect.extend` yourself.
 */
import { bosunMatchers } from './matchers';

export { simulate } from './simulate';
export type { SimulateOptions, SimulationResult } from './simulate';
export { bosunMatchers, formatProblem } from './matchers';
export type { MatcherResult } from './matchers';
export { toManifests } from './synth';
export type { Simulatable, AppLike } from './synth';

/** jest (and vitest with globals) put `expect` on the global object. */
const globalExpect = (globalThis as { expect?: { extend?: (matchers: object) => void } }).expect;
if (typeof globalExpect?.extend === 'function') globalExpect.extend(bosunMatchers);
