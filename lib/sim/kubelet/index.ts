/**
 * @module
 * The kubelet of every node, as one simulator component, and the detector that reports pods
 * which are bound but not running and ready.
 */
import type { Clock, Controller, ProblemDetector, SimContext, Store } from '../framework';
import type { Problem } from '../types';

/** The kubelets of all nodes: runs bound pods' containers on the virtual clock (stub). */
export class Kubelet implements Controller {
  /** Events' source.component. */
  readonly name = 'kubelet';

  /** Registers the watches (stub: nothing yet). */
  start(_ctx: SimContext): void {}
}

/** Pods that are bound to a node but not Running and Ready, with their waiting reason (stub). */
export const podProblems: ProblemDetector = (_store: Store, _clock: Clock): Problem[] => [];
