/**
 * @module
 * The jest matcher `expect(chart).toConverge()`: simulates the chart and fails with the
 * problems, one per line, when it does not converge.
 */
import type { Problem } from '../sim/types';
import { simulate, type SimulateOptions, type SimulationResult } from './simulate';
import type { Simulatable } from './synth';

/** What a jest matcher returns. */
export interface MatcherResult {
  readonly pass: boolean;
  readonly message: () => string;
}

/** The part of jest's matcher context `toConverge` reads. */
interface MatcherContext {
  readonly isNot?: boolean;
}

/** `Deployment default/web: ProgressDeadlineExceeded: ReplicaSet "web-5d9c7" has timed out progressing.` */
export function formatProblem(p: Problem): string {
  const where = p.namespace ? `${p.namespace}/${p.name}` : p.name;
  return `${p.kind} ${where}: ${p.reason}: ${p.message}`;
}

/** True for a result of {@link simulate}, which `toConverge` accepts as it is. */
function isSimulationResult(x: unknown): x is SimulationResult {
  return (
    typeof x === 'object' &&
    x !== null &&
    typeof (x as SimulationResult).converged === 'boolean' &&
    Array.isArray((x as SimulationResult).problems)
  );
}

/** Matchers to pass to `expect.extend` (done for you when `bosun/testing` is imported under jest). */
export const bosunMatchers = {
  /** Passes when the chart, app, manifests or simulate() result converges. */
  toConverge(
    this: MatcherContext,
    received: Simulatable,
    options?: SimulateOptions,
  ): MatcherResult {
    const result = isSimulationResult(received) ? received : simulate(received, options);
    const seconds = `${Math.round(result.seconds * 10) / 10}s (virtual)`;
    if (result.converged) {
      return {
        pass: true,
        message: () => `expected the manifests not to converge, but they converged in ${seconds}`,
      };
    }
    const n = result.problems.length;
    const lines = result.problems.map((p) => `  ${formatProblem(p)}`);
    return {
      pass: false,
      message: () =>
        `expected the manifests to converge, but after ${seconds} ${n === 1 ? '1 problem remains' : `${n} problems remain`}` +
        (n > 0 ? `:\n${lines.join('\n')}` : ''),
    };
  },
};

declare global {
  // jest's matcher types live in the global `jest` namespace (@types/jest); merging into it
  // makes `expect(chart).toConverge()` type-check. The type parameters must match theirs.
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace jest {
    // eslint-disable-next-line @typescript-eslint/no-empty-object-type, @typescript-eslint/no-unused-vars
    interface Matchers<R, T = {}> {
      /**
       * Simulates the chart, app or manifests (or takes a `simulate()` result) and passes when
       * it converges; the failure message lists the problems, one per line.
       */
      toConverge(options?: SimulateOptions): R;
    }
  }
}
