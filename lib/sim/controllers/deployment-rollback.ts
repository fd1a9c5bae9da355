/**
 * @module
 * `kubectl rollout undo` (stub; being implemented).
 */
import type { Clock, Store } from '../framework';

/** Copies revision `toRevision`'s pod template (default: the previous one) back into the Deployment. */
export function rolloutUndo(
  _store: Store,
  _clock: Clock,
  _name: string,
  _namespace = 'default',
  _toRevision?: number,
): void {}
