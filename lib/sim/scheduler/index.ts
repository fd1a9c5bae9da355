/**
 * @module
 * The simulator's kube-scheduler: filters and scores nodes for each unbound pod and binds it,
 * or reports why no node fits (kubernetes pkg/scheduler). Stub: the full scheduler follows.
 */
import type { Controller, ProblemDetector, SimContext } from '../framework';

/** The default scheduler, a Controller named `default-scheduler`. */
export class Scheduler implements Controller {
  /** Events' source.component. */
  readonly name = 'default-scheduler';

  /** Registers watches on Pods and Nodes. */
  start(_ctx: SimContext): void {
    // stub: scheduling comes in the next commit
  }
}

/** One FailedScheduling problem per Pending pod the scheduler could not place. */
export const schedulingProblems: ProblemDetector = () => [];
