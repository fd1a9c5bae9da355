/**
 * @module
 * The Deployment controller (stub; being implemented).
 */
import type { Clock, Controller, SimContext, Store } from '../framework';
import type { Problem } from '../types';

/** Reconciles Deployments into ReplicaSets (KC deployment_controller.go). */
export class DeploymentController implements Controller {
  /** Events' source.component, as kube-controller-manager reports it. */
  readonly name = 'deployment-controller';

  /** Registers the watches. */
  start(_ctx: SimContext): void {}
}

/** Deployments not available, not updated, or past their progress deadline. */
export function deploymentProblems(_store: Store, _clock: Clock): Problem[] {
  return [];
}
