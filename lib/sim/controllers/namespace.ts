/**
 * @module
 * The namespace controller (pkg/controller/namespace): a Namespace being deleted has its
 * contents deleted, and once nothing is left its `kubernetes` finalizer is removed, which
 * completes the deletion. New namespaces are `Active` from the start (their status is set
 * by the API server's strategy).
 */
import type { Controller, SimContext, Store } from '../framework';
import { isClusterScoped } from '../kinds';
import { SimStore } from '../store';
import type { KubeObject } from '../types';
import { WorkQueue } from '../workqueue';

/** How often a terminating namespace is re-checked while pods finish their grace period. */
const RECHECK_SECONDS = 5;

const FALLBACK_KINDS = [
  'Deployment',
  'ReplicaSet',
  'StatefulSet',
  'Pod',
  'Service',
  'Endpoints',
  'ConfigMap',
  'Secret',
  'Event',
];

/** Empties and finalizes terminating namespaces. */
export class NamespaceController implements Controller {
  readonly name = 'namespace-controller';
  #kinds: () => string[] = () => FALLBACK_KINDS;
  #queue?: WorkQueue;

  start(ctx: SimContext): void {
    const store = ctx.store;
    // the simulator's own store can say which kinds it holds; any other store gets a fixed list
    if (store instanceof SimStore) this.#kinds = () => store.kinds();
    const queue = new WorkQueue(ctx.clock, (name) => this.#sync(ctx.store, name));
    this.#queue = queue;
    ctx.store.watch('Namespace', (event) => {
      if (event.type !== 'DELETED' && event.object.metadata.deletionTimestamp)
        queue.add(event.object.metadata.name);
    });
  }

  #sync(store: Store, name: string): void {
    const namespace = store.get('Namespace', name);
    if (!namespace?.metadata.deletionTimestamp) return;
    let left = 0;
    for (const kind of this.#kinds()) {
      if (isClusterScoped(kind)) continue;
      for (const obj of store.list(kind, name)) {
        left++;
        if (!obj.metadata.deletionTimestamp) store.delete(kind, obj.metadata.name, name);
      }
    }
    if (left > 0) {
      this.#queue?.addAfter(name, RECHECK_SECONDS);
      return;
    }
    const spec = { ...(namespace.spec ?? {}), finalizers: [] };
    store.update({ ...namespace, spec } as KubeObject);
  }
}
