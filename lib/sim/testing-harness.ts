/**
 * @module
 * A control plane for one component's unit tests: the store, clock, rng and events of a
 * fresh cluster (default 3 nodes), with no controllers running until the test starts them.
 *
 * ```ts
 * const h = newHarness({ nodes: 2 });
 * h.start(new ReplicaSetController());
 * h.store.create(replicaSet);
 * h.run(30);
 * expect(h.store.list('Pod')).toHaveLength(3);
 * ```
 */
import type { Controller, ImageBehavior } from './framework';
import type { NodeSpec } from './nodes';
import { createRuntime } from './runtime';
import type { Runtime } from './runtime';

/** Options for {@link newHarness}. */
export interface HarnessOptions {
  /** @default 3 */
  readonly nodes?: number | readonly NodeSpec[];
  /** @default - every image pulls and runs */
  readonly images?: Readonly<Record<string, ImageBehavior>>;
  /** @default true */
  readonly imageCatalogue?: boolean;
  /** @default 1 */
  readonly seed?: number;
}

/** A runtime plus helpers to start components and move time. */
export interface Harness extends Runtime {
  /** Runs everything due in the next `seconds` of virtual time (default: until idle or 600 s). */
  run(seconds?: number): void;
  /** Starts a component, as the cluster does at boot. */
  start(controller: Controller): void;
}

/** A fresh control plane with no controllers (start them with `start`). */
export function newHarness(options: HarnessOptions = {}): Harness {
  const runtime = createRuntime(options);
  const { clock, ctx } = runtime;
  return {
    ...runtime,
    run(seconds?: number) {
      if (seconds !== undefined) return clock.runUntil(clock.now() + seconds);
      const deadline = clock.now() + 600;
      for (let next = clock.peek(); next !== undefined && next <= deadline; next = clock.peek()) {
        if (clock.pendingForeground === 0) break;
        clock.step();
      }
    },
    start(controller: Controller) {
      controller.start(ctx);
    },
  };
}
