/**
 * @module
 * Storage object in-use protection for claims, after kubernetes
 * pkg/controller/volume/pvcprotection/pvc_protection_controller.go and the
 * StorageObjectInUseProtection admission plugin: every claim carries the
 * `kubernetes.io/pvc-protection` finalizer, so deleting a claim that a scheduled, unfinished pod
 * still uses leaves it Terminating; the finalizer is removed, and the claim goes, once no such pod
 * is left. The finalizer is added by this controller when a claim first appears (the simulator's
 * stand-in for the admission plugin). Pods are indexed by the claims they use, so each event
 * costs only the pod's own volumes.
 */
import type { Pod } from '../api';
import type { Controller, SimContext, WatchEvent } from '../framework';
import { podClaimNames, usesClaims } from '../scheduler/plugins/volumebinding';
import { asClaim } from '../storage/api';
import type { KubeObject } from '../types';
import { WorkQueue, keyOf, splitKey } from '../workqueue';

/** The finalizer (volumeutil.PVCProtectionFinalizer). */
export const PVC_PROTECTION_FINALIZER = 'kubernetes.io/pvc-protection';

/** True when the pod keeps its claims in use: scheduled and not finished (podUsesPVC). */
function holdsClaims(pod: Pod): boolean {
  const phase = pod.status?.phase;
  return !!pod.spec?.nodeName && phase !== 'Succeeded' && phase !== 'Failed';
}

/** Keeps claims in use from disappearing under their pods. */
export class PvcProtectionController implements Controller {
  /** Events' source.component. */
  readonly name = 'pvc-protection-controller';
  #ctx: SimContext | undefined;
  #queue: WorkQueue | undefined;
  /** `namespace/claim` → keys of pods holding it. */
  readonly #users = new Map<string, Set<string>>();
  /** Pod key → the claim keys it was counted under. */
  readonly #claimsOf = new Map<string, string[]>();

  /** Registers the watches and queues what already exists. */
  start(ctx: SimContext): void {
    this.#ctx = ctx;
    this.#queue = new WorkQueue(ctx.clock, (key) => this.sync(key));
    ctx.store.watch('Pod', (e) => this.#onPod(e));
    ctx.store.watch('PersistentVolumeClaim', (e) => {
      if (e.type !== 'DELETED') this.#queue?.add(keyOf(e.object));
    });
    for (const pod of ctx.store.list('Pod')) this.#onPod({ type: 'ADDED', object: pod });
    for (const pvc of ctx.store.list('PersistentVolumeClaim')) this.#queue.add(keyOf(pvc));
  }

  /** True when a scheduled, unfinished pod uses the claim. */
  inUse(namespace: string, claimName: string): boolean {
    return (this.#users.get(`${namespace}/${claimName}`)?.size ?? 0) > 0;
  }

  #onPod(e: WatchEvent): void {
    const pod = e.object as unknown as Pod;
    if (!usesClaims(pod)) return; // never counted: nothing to add or take back
    const key = keyOf(pod);
    const before = this.#claimsOf.get(key) ?? [];
    for (const claimKey of before) {
      const users = this.#users.get(claimKey);
      users?.delete(key);
      if (users?.size === 0) this.#users.delete(claimKey);
    }
    this.#claimsOf.delete(key);
    if (e.type !== 'DELETED' && holdsClaims(pod)) {
      const namespace = pod.metadata.namespace ?? 'default';
      const keys = podClaimNames(pod).map((n) => `${namespace}/${n}`);
      for (const claimKey of keys) {
        let users = this.#users.get(claimKey);
        if (!users) this.#users.set(claimKey, (users = new Set()));
        users.add(key);
      }
      if (keys.length > 0) this.#claimsOf.set(key, keys);
    }
    // claims the pod let go of may now finish deleting
    for (const claimKey of before) if (!this.#users.has(claimKey)) this.#queue?.add(claimKey);
  }

  /** One claim's sync (processPVC). */
  sync(key: string): void {
    const store = (this.#ctx as SimContext).store;
    const { namespace, name } = splitKey(key);
    const live = store.get('PersistentVolumeClaim', name, namespace);
    if (!live) return;
    const claim = asClaim(live);
    const finalizers = claim.metadata.finalizers ?? [];
    const has = finalizers.includes(PVC_PROTECTION_FINALIZER);
    if (!claim.metadata.deletionTimestamp) {
      if (has) return;
      store.update({
        ...claim,
        metadata: { ...claim.metadata, finalizers: [...finalizers, PVC_PROTECTION_FINALIZER] },
      } as KubeObject);
      return;
    }
    if (!has || this.inUse(namespace, name)) return;
    const rest = finalizers.filter((f) => f !== PVC_PROTECTION_FINALIZER);
    const metadata = { ...claim.metadata, finalizers: rest };
    if (rest.length === 0) delete (metadata as { finalizers?: string[] }).finalizers;
    store.update({ ...claim, metadata } as KubeObject);
  }
}
