/**
 * @module
 * `import 'bosun/testing/jest-globals'` in tests that take `expect` from `@jest/globals`.
 * It registers `toConverge` as `bosun/testing` does, and adds the matcher's type to the
 * `expect` package's `Matchers`, which `@jest/globals` uses; `bosun/testing` itself types
 * only the global `jest` namespace that `@types/jest` declares. A separate entry point because
 * this augmentation needs the `expect` package, which a project without jest does not have.
 */
// Loads the `expect` package's types into the program so the augmentation below has a module
// to merge into (an augmentation alone does not load it); kept in the emitted .d.ts.
/// <reference types="expect" preserve="true" />
import type { SimulateOptions } from './simulate';
import './index';

declare module 'expect' {
  // Type parameters as the `expect` package declares them, so the interfaces merge.
  // eslint-disable-next-line @typescript-eslint/no-unused-vars
  interface Matchers<R extends void | Promise<void>, T = unknown> {
    /**
     * Simulates the chart, app or manifests (or takes a `simulate()` result) and passes when
     * it converges; the failure message lists the problems, one per line.
     */
    toConverge(options?: SimulateOptions): R;
  }
}
