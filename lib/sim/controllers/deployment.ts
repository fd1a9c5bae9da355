/**
 * @module
 * The Deployment controller, after pkg/controller/deployment/deployment_controller.go: watch
 * handlers only enqueue the Deployment's `namespace/name`; `syncDeployment` re-reads the store
 * and dispatches in Kubernetes' order: deleting → status only; paused or a scaling event →
 * `sync`; otherwise the strategy (Recreate or RollingUpdate). Progress deadlines are checked
 * by a re-sync scheduled on the virtual clock (requeueStuckDeployment).
 */
import type { Deployment, Pod, ReplicaSet } from '../api';
import type { Controller, SimContext } from '../framework';
import { matchesSelector } from '../selector';
import { WorkQueue, keyOf, splitKey } from '../workqueue';
import { rolloutRecreate } from './deployment-recreate';
import { rolloutRolling } from './deployment-rolling';
import { DeploymentSync } from './deployment-sync';
import { getControllerOf } from './replicaset-util';
import { TypedStore, recordEvent } from './typed-store';
import type { ViewEvent } from './typed-store';

export { deploymentProblems } from './deployment-problems';

/** Reconciles Deployments into ReplicaSets (KC deployment_controller.go). */
export class DeploymentController implements Controller {
  /** Events' source.component, as kube-controller-manager reports it. */
  readonly name = 'deployment-controller';
  #ctx: SimContext | undefined;
  #store: TypedStore | undefined;
  #queue: WorkQueue | undefined;
  #sync: DeploymentSync | undefined;
  /** Scheduled progress checks: when, and how to cancel (so finished rollouts leave no timers). */
  readonly #progressChecks = new Map<string, { at: number; cancel: () => void }>();

  /** Registers the watches and queues every existing Deployment. */
  start(ctx: SimContext): void {
    this.#ctx = ctx;
    const store = (this.#store = new TypedStore(ctx.store));
    this.#queue = new WorkQueue(ctx.clock, (key) => this.syncDeployment(key));
    this.#sync = new DeploymentSync(ctx, this.name, (key, delay) =>
      this.#scheduleProgressCheck(key, delay),
    );
    store.watch<Deployment>('Deployment', (e) => this.#onDeployment(e));
    store.watch<ReplicaSet>('ReplicaSet', (e) => this.#onReplicaSet(e));
    store.watch<Pod>('Pod', (e) => this.#onPod(e));
    for (const d of store.list<Deployment>('Deployment')) this.#queue.add(keyOf(d));
  }

  #onDeployment(event: ViewEvent<Deployment>): void {
    const key = keyOf(event.object);
    if (event.type === 'DELETED') this.#scheduleProgressCheck(key, undefined);
    this.#queue?.add(key);
  }

  /**
   * ReplicaSet changes reach the Deployment one clock turn later, after the ReplicaSet
   * controller has acted on the same change: in a real cluster both controllers react
   * concurrently and the pods of a scaled-down ReplicaSet go within milliseconds, so a rolling
   * update stays within spec.replicas + maxSurge pods. Without the hop the order would depend
   * on which controller registered its watch first.
   */
  #onReplicaSet(event: ViewEvent<ReplicaSet>): void {
    const rs = event.object;
    const namespace = rs.metadata.namespace ?? 'default';
    const ref = getControllerOf(rs);
    const oldRef = event.oldObject ? getControllerOf(event.oldObject) : undefined;
    const keys: string[] = [];
    if (oldRef?.kind === 'Deployment' && oldRef.uid !== ref?.uid)
      keys.push(`${namespace}/${oldRef.name}`);
    if (ref?.kind === 'Deployment') keys.push(`${namespace}/${ref.name}`);
    if (!ref && event.type !== 'DELETED' && !rs.metadata.deletionTimestamp) {
      // An orphan: wake the Deployments that could adopt it (getDeploymentsForReplicaSet).
      for (const d of this.#store?.list<Deployment>('Deployment', namespace) ?? []) {
        if (matchesSelector(rs.metadata.labels, d.spec?.selector)) keys.push(keyOf(d));
      }
    }
    if (keys.length === 0) return;
    this.#ctx?.clock.after(0, () => {
      for (const key of keys) this.#queue?.add(key);
    });
  }

  /** A Recreate rollout waits for old pods to be gone (deletePod). */
  #onPod(event: ViewEvent<Pod>): void {
    const store = this.#store;
    if (event.type !== 'DELETED' || !store) return;
    const ref = getControllerOf(event.object);
    if (ref?.kind !== 'ReplicaSet') return;
    const namespace = event.object.metadata.namespace ?? 'default';
    const rs = store.get<ReplicaSet>('ReplicaSet', ref.name, namespace);
    const owner = rs ? getControllerOf(rs) : undefined;
    if (owner?.kind !== 'Deployment') return;
    const d = store.get<Deployment>('Deployment', owner.name, namespace);
    if (d?.spec?.strategy?.type === 'Recreate') this.#queue?.add(keyOf(d));
  }

  #scheduleProgressCheck(key: string, delaySeconds: number | undefined): void {
    const clock = this.#ctx?.clock;
    if (!clock) return;
    const existing = this.#progressChecks.get(key);
    if (delaySeconds === undefined) {
      existing?.cancel();
      this.#progressChecks.delete(key);
      return;
    }
    const at = clock.now() + delaySeconds;
    if (existing && existing.at === at) return;
    existing?.cancel();
    const cancel = clock.after(delaySeconds, () => {
      this.#progressChecks.delete(key);
      this.#queue?.add(key);
    });
    this.#progressChecks.set(key, { at, cancel });
  }

  /** One reconcile of the Deployment `namespace/name` (syncDeployment). */
  syncDeployment(key: string): void {
    const ctx = this.#ctx;
    const sync = this.#sync;
    if (!ctx || !sync) return;
    const { namespace, name } = splitKey(key);
    const live = sync.store.get<Deployment>('Deployment', name, namespace);
    if (!live) return this.#scheduleProgressCheck(key, undefined); // deleted: nothing to reconcile
    // Metadata and status are changed in place during the sync; the spec is only read, and
    // sharing its template keeps the template comparison cache warm.
    const d: Deployment = {
      ...live,
      metadata: structuredClone(live.metadata),
      spec: live.spec && { ...live.spec },
      status: live.status && structuredClone(live.status),
    };
    const selector = d.spec?.selector;
    if (!selector || isEmptySelector(selector)) {
      recordEvent(
        ctx.events,
        d,
        'Warning',
        'SelectingAll',
        'This deployment is selecting all pods. A non-empty selector is required.',
        this.name,
      );
      if ((d.status?.observedGeneration ?? 0) < (d.metadata.generation ?? 1)) {
        d.status = { ...d.status, observedGeneration: d.metadata.generation ?? 1 };
        sync.writeStatus(d);
      }
      return;
    }
    const rsList = sync.getReplicaSetsForDeployment(d);
    if (d.metadata.deletionTimestamp) return sync.syncStatusOnly(d, rsList);
    sync.checkPausedConditions(d);
    if (d.spec?.paused) return sync.sync(d, rsList);
    if (sync.isScalingEvent(d, rsList)) return sync.sync(d, sync.getReplicaSetsForDeployment(d));
    const fresh = sync.getReplicaSetsForDeployment(d);
    if (d.spec?.strategy?.type === 'Recreate') return rolloutRecreate(sync, d, fresh);
    return rolloutRolling(sync, d, fresh);
  }
}

function isEmptySelector(selector: NonNullable<Deployment['spec']>['selector']): boolean {
  return (
    Object.keys(selector.matchLabels ?? {}).length === 0 &&
    (selector.matchExpressions ?? []).length === 0
  );
}
