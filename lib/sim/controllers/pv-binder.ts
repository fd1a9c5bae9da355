/**
 * @module
 * The PersistentVolume controller, after kubernetes
 * pkg/controller/volume/persistentvolume/pv_controller.go: `syncClaim` binds an unbound claim to
 * the best matching volume (index.go `findBestMatchForClaim`), or provisions one through its
 * StorageClass (`provisionClaim`; the external provisioner is modelled in pv-provisioner.ts), or
 * leaves it Pending with the controller's event (`WaitForFirstConsumer`, `FailedBinding`,
 * `ProvisioningFailed`); `syncVolume` keeps volume phases (Available, Bound, Released) and
 * reclaims released volumes (Delete removes them, Retain keeps them Released). Claims without
 * a class get the default class retroactively (`assignDefaultStorageClass`). Level-triggered:
 * watch handlers only enqueue keys; indexes by class and by claim keep each sync small.
 */
import type { Node } from '../api';
import { ApiError } from '../framework';
import type { Controller, SimContext, WatchEvent } from '../framework';
import {
  ANN_BIND_COMPLETED,
  ANN_BOUND_BY_CONTROLLER,
  ANN_SELECTED_NODE,
  ANN_STORAGE_PROVISIONER,
  asClaim,
  asStorageClass,
  asVolume,
  type PersistentVolume,
  type PersistentVolumeClaim,
  type PersistentVolumeClaimStatus,
  type PersistentVolumeStatus,
} from '../storage/api';
import { canProvision, defaultStorageClass, isDelayBinding } from '../storage/classes';
import {
  claimClass,
  findMatchingVolume,
  isVolumeBoundToClaim,
  mismatch,
} from '../storage/matching';
import type { KubeObject } from '../types';
import { WorkQueue, keyOf, splitKey } from '../workqueue';
import { provisionVolume, provisionedVolumeName } from './pv-provisioner';

/** Events' source.component, as kube-controller-manager reports it. */
export const PV_CONTROLLER_NAME = 'persistentvolume-controller';

/** Event reasons (pkg/controller/volume/events/event.go). */
export const PV_EVENTS = {
  waitForFirstConsumer: 'WaitForFirstConsumer',
  failedBinding: 'FailedBinding',
  provisioningFailed: 'ProvisioningFailed',
  externalProvisioning: 'ExternalProvisioning',
  provisioning: 'Provisioning',
  provisioningSucceeded: 'ProvisioningSucceeded',
  volumeMismatch: 'VolumeMismatch',
  claimLost: 'ClaimLost',
} as const;

/** The event message of a delayed-binding claim with no consumer yet. */
export const WAITING_FOR_FIRST_CONSUMER = 'waiting for first consumer to be created before binding';
/** The event message of a class-less claim that nothing matched. */
export const NO_VOLUMES_NO_CLASS =
  'no persistent volumes available for this claim and no storage class is set';

/** The API server's message for a missing StorageClass. */
export function storageClassNotFound(name: string): string {
  return `storageclass.storage.k8s.io "${name}" not found`;
}

function addTo(index: Map<string, Set<string>>, at: string, value: string): void {
  let set = index.get(at);
  if (!set) index.set(at, (set = new Set()));
  set.add(value);
}

function removeFrom(index: Map<string, Set<string>>, at: string, value: string): void {
  const set = index.get(at);
  set?.delete(value);
  if (set?.size === 0) index.delete(at);
}

function claimKeyOfRef(pv: PersistentVolume): string | undefined {
  const ref = pv.spec?.claimRef;
  return ref ? `${ref.namespace ?? 'default'}/${ref.name}` : undefined;
}

/** Binds claims to volumes and provisions volumes (KC pv_controller.go). */
export class PersistentVolumeController implements Controller {
  /** Events' source.component. */
  readonly name = PV_CONTROLLER_NAME;
  #ctx: SimContext | undefined;
  #claims: WorkQueue | undefined;
  #volumes: WorkQueue | undefined;
  /** Volume names by storageClassName: the candidates of a claim. */
  readonly #volumesByClass = new Map<string, Set<string>>();
  /** Pending claim keys by class: retried when a volume of the class appears or frees up. */
  readonly #pendingByClass = new Map<string, Set<string>>();
  /** Volume name by the claim its claimRef names, to find a claim's volume on deletion. */
  readonly #volumeByClaim = new Map<string, string>();

  /** Registers the watches and queues what already exists. */
  start(ctx: SimContext): void {
    this.#ctx = ctx;
    this.#claims = new WorkQueue(ctx.clock, (key) => this.syncClaim(key));
    this.#volumes = new WorkQueue(ctx.clock, (name) => this.syncVolume(name));
    ctx.store.watch('PersistentVolumeClaim', (e) => this.#onClaim(e));
    ctx.store.watch('PersistentVolume', (e) => this.#onVolume(e));
    ctx.store.watch('StorageClass', (e) => this.#onClass(e));
    for (const pv of ctx.store.list('PersistentVolume'))
      this.#onVolume({ type: 'ADDED', object: pv });
    for (const pvc of ctx.store.list('PersistentVolumeClaim'))
      this.#onClaim({ type: 'ADDED', object: pvc });
  }

  #onClaim(e: WatchEvent): void {
    const claim = asClaim(e.object);
    const key = keyOf(claim);
    if (e.type === 'DELETED') {
      this.#forgetPending(key);
      const pvName = claim.spec?.volumeName || this.#volumeByClaim.get(key);
      if (pvName) this.#volumes?.add(pvName);
      return;
    }
    this.#claims?.add(key);
  }

  #onVolume(e: WatchEvent): void {
    const pv = asVolume(e.object);
    const name = pv.metadata.name;
    const old = e.oldObject && asVolume(e.oldObject);
    if (old) {
      removeFrom(this.#volumesByClass, old.spec?.storageClassName ?? '', name);
      const oldClaim = claimKeyOfRef(old);
      if (oldClaim && this.#volumeByClaim.get(oldClaim) === name)
        this.#volumeByClaim.delete(oldClaim);
    }
    const claimKey = claimKeyOfRef(pv);
    if (e.type === 'DELETED') {
      removeFrom(this.#volumesByClass, pv.spec?.storageClassName ?? '', name);
      if (claimKey && this.#volumeByClaim.get(claimKey) === name)
        this.#volumeByClaim.delete(claimKey);
      if (claimKey) this.#claims?.add(claimKey);
      return;
    }
    addTo(this.#volumesByClass, pv.spec?.storageClassName ?? '', name);
    if (claimKey) {
      this.#volumeByClaim.set(claimKey, name);
      this.#claims?.add(claimKey);
    } else {
      // an unclaimed volume may satisfy a waiting claim of its class
      for (const key of this.#pendingByClass.get(pv.spec?.storageClassName ?? '') ?? [])
        this.#claims?.add(key);
    }
    this.#volumes?.add(name);
  }

  #onClass(e: WatchEvent): void {
    if (e.type === 'DELETED') return;
    // a class appearing (or becoming default) may unblock claims waiting for it
    for (const keys of this.#pendingByClass.values())
      for (const key of keys) this.#claims?.add(key);
  }

  #forgetPending(key: string): void {
    for (const [cls, keys] of this.#pendingByClass) {
      if (keys.delete(key) && keys.size === 0) this.#pendingByClass.delete(cls);
    }
  }

  #markPending(claim: PersistentVolumeClaim): void {
    const key = keyOf(claim);
    this.#forgetPending(key);
    addTo(this.#pendingByClass, claimClass(claim), key);
  }

  #candidates(cls: string): PersistentVolume[] {
    const store = (this.#ctx as SimContext).store;
    const out: PersistentVolume[] = [];
    for (const name of this.#volumesByClass.get(cls) ?? []) {
      const pv = store.get('PersistentVolume', name);
      if (pv) out.push(asVolume(pv));
    }
    return out;
  }

  /** One claim's sync (pv_controller.go `syncClaim`). */
  syncClaim(key: string): void {
    const ctx = this.#ctx as SimContext;
    const { namespace, name } = splitKey(key);
    const live = ctx.store.get('PersistentVolumeClaim', name, namespace);
    if (!live) return;
    const claim = asClaim(live);
    if (claim.metadata.deletionTimestamp) return;
    if (claim.spec && claim.spec.storageClassName === undefined) {
      const sc = defaultStorageClass(ctx.store);
      if (sc) {
        // RetroactiveDefaultStorageClass: the update re-queues the claim
        ctx.store.update(
          this.#kube({ ...claim, spec: { ...claim.spec, storageClassName: sc.metadata.name } }),
        );
        return;
      }
    }
    if (claim.metadata.annotations?.[ANN_BIND_COMPLETED] === undefined)
      this.#syncUnboundClaim(claim);
    else this.#syncBoundClaim(claim);
  }

  #syncUnboundClaim(claim: PersistentVolumeClaim): void {
    const ctx = this.#ctx as SimContext;
    const volumeName = claim.spec?.volumeName;
    if (!volumeName) {
      const delay = isDelayBinding(ctx.store, claim);
      const pv = findMatchingVolume(claim, this.#candidates(claimClass(claim)), {
        delayBinding: delay,
      });
      if (pv) return this.#bind(pv, claim);
      if (delay && !claim.metadata.annotations?.[ANN_SELECTED_NODE]) {
        this.#event(claim, 'Normal', PV_EVENTS.waitForFirstConsumer, WAITING_FOR_FIRST_CONSUMER);
      } else if (claimClass(claim) !== '') {
        this.#provisionClaim(claim);
      } else {
        this.#event(claim, 'Normal', PV_EVENTS.failedBinding, NO_VOLUMES_NO_CLASS);
      }
      return this.#setClaimPending(claim);
    }
    // the user (or the scheduler) named the volume: bind to it if it is free and fits
    const live = ctx.store.get('PersistentVolume', volumeName);
    if (!live) return this.#setClaimPending(claim);
    const pv = asVolume(live);
    if (!pv.spec?.claimRef || isVolumeBoundToClaim(pv, claim)) {
      const why = pv.spec?.claimRef ? undefined : mismatch(claim, pv);
      if (why) {
        this.#event(
          claim,
          'Warning',
          PV_EVENTS.volumeMismatch,
          `Cannot bind to requested volume "${volumeName}": ${why}`,
        );
        return this.#setClaimPending(claim);
      }
      return this.#bind(pv, claim);
    }
    this.#event(
      claim,
      'Warning',
      PV_EVENTS.failedBinding,
      `volume "${volumeName}" already bound to a different claim.`,
    );
    this.#setClaimPending(claim);
  }

  #syncBoundClaim(claim: PersistentVolumeClaim): void {
    const ctx = this.#ctx as SimContext;
    const volumeName = claim.spec?.volumeName;
    const live = volumeName ? ctx.store.get('PersistentVolume', volumeName) : undefined;
    if (!live) {
      this.#event(
        claim,
        'Warning',
        PV_EVENTS.claimLost,
        volumeName
          ? 'Bound claim has lost its PersistentVolume. Data on the volume is lost!'
          : 'Bound claim has lost reference to PersistentVolume. Data on the volume is lost!',
      );
      this.#setClaimStatus(claim, { ...(claim.status ?? {}), phase: 'Lost' });
      return;
    }
    const pv = asVolume(live);
    if (!pv.spec?.claimRef || isVolumeBoundToClaim(pv, claim)) return this.#bind(pv, claim);
    this.#setClaimStatus(claim, { ...(claim.status ?? {}), phase: 'Lost' });
  }

  /** provisionClaim: the class' provisioner makes a volume pre-bound to the claim. */
  #provisionClaim(claim: PersistentVolumeClaim): void {
    const ctx = this.#ctx as SimContext;
    const cls = claimClass(claim);
    const scObj = ctx.store.get('StorageClass', cls);
    if (!scObj) {
      this.#event(claim, 'Warning', PV_EVENTS.provisioningFailed, storageClassNotFound(cls));
      return;
    }
    const sc = asStorageClass(scObj);
    if (!canProvision(sc)) {
      // FindProvisionablePluginByName fails for kubernetes.io/no-provisioner
      this.#event(
        claim,
        'Warning',
        PV_EVENTS.provisioningFailed,
        `no volume plugin matched name: ${sc.provisioner ?? ''}`,
      );
      return;
    }
    if (ctx.store.get('PersistentVolume', provisionedVolumeName(claim))) return; // in flight
    const provisioner = sc.provisioner ?? '';
    let current = claim;
    if (claim.metadata.annotations?.[ANN_STORAGE_PROVISIONER] !== provisioner) {
      const annotations = { ...(claim.metadata.annotations ?? {}) };
      annotations[ANN_STORAGE_PROVISIONER] = provisioner;
      annotations['volume.beta.kubernetes.io/storage-provisioner'] = provisioner;
      current = asClaim(
        ctx.store.update(this.#kube({ ...claim, metadata: { ...claim.metadata, annotations } })),
      );
      this.#event(
        current,
        'Normal',
        PV_EVENTS.externalProvisioning,
        `Waiting for a volume to be created either by the external provisioner '${provisioner}' or manually by the system administrator. If volume creation is delayed, please verify that the provisioner is running and correctly registered.`,
      );
    }
    const nodeName = current.metadata.annotations?.[ANN_SELECTED_NODE];
    const node = nodeName ? ctx.store.get('Node', nodeName) : undefined;
    const claimRef = `${current.metadata.namespace ?? 'default'}/${current.metadata.name}`;
    ctx.events.event(
      this.#kube(current),
      'Normal',
      PV_EVENTS.provisioning,
      `External provisioner is provisioning volume for claim "${claimRef}"`,
      provisioner,
    );
    const pv = provisionVolume(current, sc, node as Node | undefined);
    try {
      ctx.store.create(this.#kube(pv));
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      this.#event(current, 'Warning', PV_EVENTS.provisioningFailed, error.message);
      return;
    }
    ctx.events.event(
      this.#kube(current),
      'Normal',
      PV_EVENTS.provisioningSucceeded,
      `Successfully provisioned volume ${pv.metadata.name}`,
      provisioner,
    );
  }

  /** bind: claimRef on the volume, volumeName on the claim, then both statuses Bound. */
  #bind(pv: PersistentVolume, claim: PersistentVolumeClaim): void {
    const store = (this.#ctx as SimContext).store;
    let volume = pv;
    if (!isVolumeBoundToClaim(pv, claim) || !pv.spec?.claimRef?.uid) {
      const annotations = { ...(pv.metadata.annotations ?? {}) };
      if (!pv.spec?.claimRef) annotations[ANN_BOUND_BY_CONTROLLER] = 'yes';
      volume = asVolume(
        store.update(
          this.#kube({
            ...pv,
            metadata: { ...pv.metadata, annotations },
            spec: {
              ...pv.spec,
              claimRef: {
                kind: 'PersistentVolumeClaim',
                apiVersion: 'v1',
                namespace: claim.metadata.namespace ?? 'default',
                name: claim.metadata.name,
                uid: claim.metadata.uid,
                resourceVersion: claim.metadata.resourceVersion,
              },
            },
          }),
        ),
      );
    }
    this.#setVolumePhase(volume, 'Bound');
    let bound = claim;
    const annotations = claim.metadata.annotations ?? {};
    if (claim.spec?.volumeName !== volume.metadata.name || !annotations[ANN_BIND_COMPLETED]) {
      const next: Record<string, string> = { ...annotations, [ANN_BIND_COMPLETED]: 'yes' };
      if (claim.spec?.volumeName !== volume.metadata.name) next[ANN_BOUND_BY_CONTROLLER] = 'yes';
      bound = asClaim(
        store.update(
          this.#kube({
            ...claim,
            metadata: { ...claim.metadata, annotations: next },
            spec: { ...claim.spec, volumeName: volume.metadata.name },
          }),
        ),
      );
    }
    this.#forgetPending(keyOf(bound));
    this.#setClaimStatus(bound, {
      phase: 'Bound',
      accessModes: [...(volume.spec?.accessModes ?? [])],
      capacity: { storage: String(volume.spec?.capacity?.storage ?? '0') },
    });
  }

  /** One volume's sync (pv_controller.go `syncVolume`). */
  syncVolume(name: string): void {
    const ctx = this.#ctx as SimContext;
    const live = ctx.store.get('PersistentVolume', name);
    if (!live) return;
    const pv = asVolume(live);
    if (pv.metadata.deletionTimestamp) return;
    const ref = pv.spec?.claimRef;
    if (!ref) return this.#setVolumePhase(pv, 'Available');
    const claimObj = ctx.store.get('PersistentVolumeClaim', ref.name, ref.namespace);
    const claim = claimObj && asClaim(claimObj);
    if (claim && (!ref.uid || ref.uid === claim.metadata.uid)) {
      const volumeName = claim.spec?.volumeName;
      if (volumeName === name) return this.#setVolumePhase(pv, 'Bound');
      if (!volumeName) {
        // pre-bound (by the user, the scheduler or the provisioner): the claim sync binds it
        this.#claims?.add(keyOf(claim));
        if (!pv.status?.phase) this.#setVolumePhase(pv, 'Available');
        return;
      }
      // the claim went elsewhere: a controller-made binding is undone
      if (pv.metadata.annotations?.[ANN_BOUND_BY_CONTROLLER]) this.#unbind(pv);
      return;
    }
    if (!ref.uid) {
      // pre-bound by the user to a claim that does not exist yet
      if (!pv.status?.phase) this.#setVolumePhase(pv, 'Available');
      return;
    }
    this.#reclaim(pv);
  }

  /** The claim is gone: Released, then the reclaim policy (reclaimVolume). */
  #reclaim(pv: PersistentVolume): void {
    const store = (this.#ctx as SimContext).store;
    this.#setVolumePhase(pv, 'Released');
    const policy = pv.spec?.persistentVolumeReclaimPolicy ?? 'Retain';
    if (policy === 'Delete') {
      store.delete('PersistentVolume', pv.metadata.name);
      return;
    }
    if (policy === 'Recycle') {
      const fresh = store.get('PersistentVolume', pv.metadata.name);
      if (fresh) this.#unbind(asVolume(fresh));
    }
    // Retain: the volume stays Released until an administrator frees it
  }

  #unbind(pv: PersistentVolume): void {
    const store = (this.#ctx as SimContext).store;
    const spec = { ...pv.spec };
    delete spec.claimRef;
    const annotations = { ...(pv.metadata.annotations ?? {}) };
    delete annotations[ANN_BOUND_BY_CONTROLLER];
    const updated = asVolume(
      store.update(this.#kube({ ...pv, metadata: { ...pv.metadata, annotations }, spec })),
    );
    this.#setVolumePhase(updated, 'Available');
  }

  #setVolumePhase(pv: PersistentVolume, phase: NonNullable<PersistentVolumeStatus['phase']>): void {
    if (pv.status?.phase === phase && pv.status.message === undefined) return;
    (this.#ctx as SimContext).store.updateStatus(this.#kube({ ...pv, status: { phase } }));
  }

  #setClaimPending(claim: PersistentVolumeClaim): void {
    this.#markPending(claim);
    this.#setClaimStatus(claim, { phase: 'Pending' });
  }

  #setClaimStatus(claim: PersistentVolumeClaim, status: PersistentVolumeClaimStatus): void {
    const store = (this.#ctx as SimContext).store;
    const live = store.get('PersistentVolumeClaim', claim.metadata.name, claim.metadata.namespace);
    if (!live) return;
    store.updateStatus({ ...live, status: status as Record<string, unknown> });
  }

  #event(
    claim: PersistentVolumeClaim,
    type: 'Normal' | 'Warning',
    reason: string,
    message: string,
  ): void {
    (this.#ctx as SimContext).events.event(this.#kube(claim), type, reason, message, this.name);
  }

  #kube(obj: PersistentVolume | PersistentVolumeClaim): KubeObject {
    return obj as KubeObject;
  }
}
