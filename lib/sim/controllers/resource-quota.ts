/**
 * @module
 * The resource quota controller (pkg/controller/resourcequota): keeps each ResourceQuota's
 * `status.hard` and `status.used` current, as `kubectl describe quota` shows them. Usage is
 * recomputed per namespace when a quota or a counted object there changes.
 */
import type { Controller, SimContext, Store } from '../framework';
import { formatAmount, usageOf } from '../quota';
import type { Usage } from '../quota';
import { SimStore } from '../store';
import type { KubeObject } from '../types';
import { WorkQueue } from '../workqueue';

/** Kinds whose changes can change a quota's usage. */
const COUNTED_KINDS = [
  'Pod',
  'Service',
  'ConfigMap',
  'Secret',
  'PersistentVolumeClaim',
  'ReplicationController',
];

function isTerminalPod(obj: KubeObject): boolean {
  const phase = (obj.status as { phase?: string } | undefined)?.phase;
  return obj.kind === 'Pod' && (phase === 'Succeeded' || phase === 'Failed');
}

/** Writes ResourceQuota status. */
export class ResourceQuotaController implements Controller {
  readonly name = 'resourcequota-controller';

  start(ctx: SimContext): void {
    const store = ctx.store;
    const queue = new WorkQueue(ctx.clock, (namespace) => sync(store, namespace));
    const enqueue = (obj: KubeObject) => {
      const namespace = obj.metadata.namespace ?? 'default';
      if (obj.kind === 'ResourceQuota' || store.list('ResourceQuota', namespace).length > 0)
        queue.add(namespace);
    };
    store.watch('ResourceQuota', (event) => {
      if (
        event.type !== 'MODIFIED' ||
        JSON.stringify(event.object.spec) !== JSON.stringify(event.oldObject?.spec)
      ) {
        enqueue(event.object);
      }
    });
    for (const kind of COUNTED_KINDS) {
      store.watch(kind, (event) => {
        const terminalNow =
          event.type === 'MODIFIED' &&
          event.oldObject &&
          isTerminalPod(event.object) !== isTerminalPod(event.oldObject);
        if (event.type !== 'MODIFIED' || terminalNow) enqueue(event.object);
      });
    }
  }
}

/** Usage of everything in `namespace` (finished pods excluded). */
function namespaceUsage(store: Store, namespace: string): Usage {
  const kinds = store instanceof SimStore ? store.kinds() : COUNTED_KINDS;
  const used: Usage = new Map();
  for (const kind of kinds) {
    if (kind === 'Event') continue;
    for (const obj of store.list(kind, namespace)) {
      if (isTerminalPod(obj)) continue;
      for (const [name, value] of usageOf(obj)) used.set(name, (used.get(name) ?? 0) + value);
    }
  }
  return used;
}

function sync(store: Store, namespace: string): void {
  const quotas = store.list('ResourceQuota', namespace);
  if (quotas.length === 0) return;
  const used = namespaceUsage(store, namespace);
  for (const quota of quotas) {
    const hard = (quota.spec as { hard?: Record<string, string | number> } | undefined)?.hard ?? {};
    const status = {
      hard: Object.fromEntries(Object.entries(hard).map(([k, v]) => [k, String(v)])),
      used: Object.fromEntries(
        Object.keys(hard).map((k) => [k, formatAmount(k, used.get(k) ?? 0)]),
      ),
    };
    store.updateStatus({ ...quota, status });
  }
}
