/**
 * @module
 * The answer `converge()` gives: whether the cluster reached its desired state, when it
 * stopped changing, the problems every detector reports, and the objects of kinds the
 * simulator does not run (CRDs), which are listed, never counted as failures.
 */
import type { ProblemDetector, Store } from './framework';
import type { Clock } from './framework';
import type { Problem } from './types';

/** An object of a kind the simulator stores but does not run. */
export interface NotSimulated {
  readonly kind: string;
  readonly name: string;
  /** Namespace, or '' for cluster-scoped objects. */
  readonly namespace: string;
}

/** What {@link Cluster.converge} returns. */
export interface ConvergeResult {
  /** True when no problem was found and the cluster stopped changing. */
  readonly converged: boolean;
  /** Virtual seconds from the start of converge() to the last change. */
  readonly seconds: number;
  /** What is not at its desired state, in Kubernetes' words. */
  readonly problems: Problem[];
  /** Objects stored but not simulated (unknown kinds), e.g. `{ kind: 'Certificate', ... }`. */
  readonly notSimulated: NotSimulated[];
  /** True when the virtual timeout ended the run while the cluster was still changing. */
  readonly timedOut: boolean;
}

/** Reason of the problem reported when the cluster was still changing at the timeout. */
export const STILL_CHANGING = 'StillChanging';

/** Runs every detector; identical problems reported twice are kept once. */
export function detectProblems(
  detectors: readonly ProblemDetector[],
  store: Store,
  clock: Clock,
): Problem[] {
  const seen = new Set<string>();
  const out: Problem[] = [];
  for (const detect of detectors) {
    for (const problem of detect(store, clock)) {
      const key = [
        problem.kind,
        problem.namespace,
        problem.name,
        problem.reason,
        problem.message,
      ].join('\u0000');
      if (seen.has(key)) continue;
      seen.add(key);
      out.push(problem);
    }
  }
  return out;
}

/** Objects whose kind is not among `simulated`. */
export function notSimulated(
  store: Store & { kinds(): string[] },
  simulated: ReadonlySet<string>,
): NotSimulated[] {
  return store
    .kinds()
    .filter((kind) => !simulated.has(kind))
    .flatMap((kind) =>
      store
        .list(kind)
        .map((obj) => ({ kind, name: obj.metadata.name, namespace: obj.metadata.namespace ?? '' })),
    );
}
