/**
 * @module
 * The ResourceQuota controller (pkg/controller/resourcequota/resource_quota_controller.go
 * `syncResourceQuota`): writes `status.hard` (spec.hard) and `status.used` (what the objects in
 * the namespace cost, for every hard resource) as `kubectl describe quota` shows them. Usage
 * comes from the shared tracker, so a pod that goes away frees its share at once (the
 * controller's replenishment on pod deletion), and a ReplicaSet blocked by the quota succeeds
 * on its next retry.
 */
import type { Controller, SimContext } from '../framework';
import { splitKey, WorkQueue } from '../workqueue';
import { toStrings } from './quantity';
import { quotaUsageTracker } from './usage-tracker';

/** The status a quota has once the controller has synced it. */
export interface ResourceQuotaStatus {
  hard?: Record<string, string>;
  used?: Record<string, string>;
}

/** Keeps every ResourceQuota's status.hard and status.used current. */
export class ResourceQuotaController implements Controller {
  /** Events' source.component, as kube-controller-manager reports it. */
  readonly name = 'resourcequota-controller';

  start(ctx: SimContext): void {
    const { store, clock } = ctx;
    const tracker = quotaUsageTracker(store, clock);
    const queue = new WorkQueue(clock, (key) => {
      const { namespace, name } = splitKey(key);
      const live = store.get('ResourceQuota', name, namespace);
      const quota = tracker.quota(namespace, name);
      if (!live || !quota) return; // deleted: nothing to report
      const status: ResourceQuotaStatus = {
        hard: toStrings(quota.hard),
        used: toStrings(quota.used),
      };
      store.updateStatus({ ...live, status });
    });
    tracker.onChange((namespace, name) => queue.add(`${namespace}/${name}`));
    for (const quota of store.list('ResourceQuota'))
      queue.add(`${quota.metadata.namespace ?? 'default'}/${quota.metadata.name}`);
  }
}
