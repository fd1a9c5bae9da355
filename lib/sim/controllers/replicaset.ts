/**
 * @module
 * The ReplicaSet controller (stub; being implemented).
 */
import type { Clock, Controller, SimContext, Store } from '../framework';
import type { Problem } from '../types';

/** Keeps each ReplicaSet's pod count at spec.replicas (KC replica_set.go). */
export class ReplicaSetController implements Controller {
  /** Events' source.component, as kube-controller-manager reports it. */
  readonly name = 'replicaset-controller';

  /** Registers the watches. */
  start(_ctx: SimContext): void {}
}

/** Bare ReplicaSets whose ready pods fall short of spec.replicas. */
export function replicaSetProblems(_store: Store, _clock: Clock): Problem[] {
  return [];
}
