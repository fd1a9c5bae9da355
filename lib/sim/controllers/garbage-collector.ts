/**
 * @module
 * The garbage collector's background cascading deletion (pkg/controller/garbagecollector):
 * when an owner is removed, each dependent whose owners are all gone is deleted (Pods
 * gracefully); a dependent that still has a live owner only loses the dangling reference.
 */
import type { Clock } from '../framework';
import type { SimStore } from '../store';
import type { KubeObject } from '../types';

/** Deletes or detaches the dependents of `owner`, which has just been removed. */
export function collectDependents(store: SimStore, owner: KubeObject): void {
  const uid = owner.metadata.uid;
  if (!uid) return;
  for (const dependent of store.dependentsOf(uid)) {
    const refs = dependent.metadata.ownerReferences ?? [];
    const remaining = refs.filter((ref) => ref.uid !== uid && store.byUid(ref.uid) !== undefined);
    if (remaining.length === 0) {
      store.delete(dependent.kind, dependent.metadata.name, dependent.metadata.namespace);
    } else if (remaining.length !== refs.length) {
      store.update({
        ...dependent,
        metadata: { ...dependent.metadata, ownerReferences: remaining },
      });
    }
  }
}

/** Runs the collector shortly after each removal, as the real one reacts to watch events. */
export function startGarbageCollector(store: SimStore, clock: Clock): void {
  store.onRemoved((removed) => {
    if (removed.kind === 'Event') return;
    clock.after(0, () => collectDependents(store, removed));
  });
}
