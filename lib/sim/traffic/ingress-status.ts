/**
 * @module
 * The ingress controller's status loop (ingress-nginx internal/ingress/status/status.go
 * `statusSync`): every Ingress the controller serves gets the controller's address in
 * `status.loadBalancer.ingress`, which `kubectl get ingress` shows as ADDRESS. Without
 * `--publish-service` the address is that of the node running the controller pod
 * (`runningAddresses`, with `--report-node-internal-ip-address` as kind users run it: the node's
 * InternalIP; kind's stock manifest publishes the hostname `localhost` instead). The simulated
 * controller runs on the first Ready node. Ingresses of other classes are left untouched, as
 * ingress-nginx only lists its own; served Ingresses get a `Sync` event as in
 * `kubectl describe ingress`.
 */
import type { Node } from '../api';
import { deepEqual } from '../deep-equal';
import type { Controller, EventRecorder, SimContext, Store } from '../framework';
import type { KubeObject } from '../types';
import { asView } from '../views';
import { keyOf, splitKey, WorkQueue } from '../workqueue';
import type { Ingress, IngressAddress } from './ingress-api';
import { classVerdict, ingressClasses } from './ingress-class';

/** The component name ingress-nginx records its events under. */
export const INGRESS_CONTROLLER_COMPONENT = 'nginx-ingress-controller';

function isReady(node: Node): boolean {
  return node.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True') === true;
}

/** The address the controller publishes: the InternalIP of the first Ready node, if any. */
export function controllerAddresses(store: Store): IngressAddress[] {
  for (const obj of store.list('Node')) {
    const node = asView<Node>(obj);
    if (!isReady(node)) continue;
    const ip = node.status?.addresses?.find((a) => a.type === 'InternalIP')?.address;
    if (ip) return [{ ip }];
  }
  return [];
}

/** Publishes the controller's address on every served Ingress. */
export class IngressStatusController implements Controller {
  readonly name = INGRESS_CONTROLLER_COMPONENT;

  start(ctx: SimContext): void {
    const { store, events } = ctx;
    const queue = new WorkQueue(ctx.clock, (key) => this.#sync(store, key));
    const enqueueAll = () => {
      for (const ing of store.list('Ingress')) queue.add(keyOf(ing));
    };
    store.watch('Ingress', (event) => {
      if (event.type === 'DELETED') return;
      const changedSpec =
        event.type === 'ADDED' ||
        event.oldObject?.metadata.generation !== event.object.metadata.generation;
      if (changedSpec) this.#recordSync(store, events, event.object);
      queue.add(keyOf(event.object));
    });
    store.watch('IngressClass', enqueueAll);
    store.watch('Node', (event) => {
      const before = event.oldObject && isReady(asView<Node>(event.oldObject));
      const after = event.type !== 'DELETED' && isReady(asView<Node>(event.object));
      if (before !== after) enqueueAll();
    });
  }

  #recordSync(store: Store, events: EventRecorder, obj: KubeObject): void {
    const classes = ingressClasses(store.list('IngressClass'));
    if (!classVerdict(asView<Ingress>(obj), classes).served) return;
    events.event(obj, 'Normal', 'Sync', 'Scheduled for sync', this.name);
  }

  #sync(store: Store, key: string): void {
    const { namespace, name } = splitKey(key);
    const live = store.get('Ingress', name, namespace);
    if (!live) return; // deleted: nothing to publish
    const ingress = asView<Ingress>(live);
    if (!classVerdict(ingress, ingressClasses(store.list('IngressClass'))).served) return;
    const desired = controllerAddresses(store);
    const current = ingress.status?.loadBalancer?.ingress ?? [];
    if (deepEqual(current, desired)) return;
    const copy = structuredClone(ingress);
    copy.status = {
      ...(copy.status ?? {}),
      loadBalancer: desired.length > 0 ? { ingress: desired } : {},
    };
    store.updateStatus(copy);
  }
}
