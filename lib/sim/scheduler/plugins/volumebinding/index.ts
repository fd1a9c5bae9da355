/**
 * @module
 * VolumeBinding: a pod's PersistentVolumeClaims decide where it may run
 * (kubernetes pkg/scheduler/framework/plugins/volumebinding/volume_binding.go and binder.go).
 * PreFilter: every claim must exist (`persistentvolumeclaim "x" not found`) and every claim of
 * an Immediate class must be bound already (`pod has unbound immediate PersistentVolumeClaims`).
 * Filter: a bound volume's node affinity must match the node; an unbound WaitForFirstConsumer
 * claim needs a matching Available volume on the node or a class that can provision.
 * PreBind: pre-binds the chosen static volumes, or writes the selected-node annotation so the
 * provisioner creates the volume on this node; then, as BindPodVolumes waits for the PV
 * controller, the pod is retried until its claims are bound.
 */
import type { Pod } from '../../../api';
import type { Store } from '../../../framework';
import {
  ANN_BIND_COMPLETED,
  ANN_BOUND_BY_CONTROLLER,
  ANN_SELECTED_NODE,
  asClaim,
  asVolume,
  type PersistentVolume,
  type PersistentVolumeClaim,
} from '../../../storage/api';
import { canProvision, classOfClaim, isDelayBinding } from '../../../storage/classes';
import { claimClass, findMatchingVolume, volumeFitsNode } from '../../../storage/matching';
import type { KubeObject } from '../../../types';
import {
  Code,
  newStatus,
  SKIP,
  type FilterPlugin,
  type Handle,
  type PreBindPlugin,
  type PreFilterPlugin,
  type Status,
} from '../../framework';
import type { NodeInfo } from '../../node-info';
import type { PodInfo } from '../../pod-info';

/** Plugin name. */
export const NAME = 'VolumeBinding';
/** ErrUnboundImmediatePVC. */
export const ERR_UNBOUND_IMMEDIATE_PVC = 'pod has unbound immediate PersistentVolumeClaims';
/** ErrReasonBindConflict. */
export const ERR_REASON_BIND_CONFLICT = "node(s) didn't find available persistent volumes to bind";
/** ErrReasonNodeConflict. */
export const ERR_REASON_NODE_CONFLICT = 'node(s) had volume node affinity conflict';
/** ErrReasonPVNotExist. */
export const ERR_REASON_PV_NOT_EXIST =
  'node(s) unavailable due to one or more pvc(s) bound to non-existent pv(s)';
/** Why PreBind sends the pod back: the PV controller has not finished binding yet. */
export const WAITING_FOR_BINDING = 'waiting for the PersistentVolumeClaims of the pod to be bound';

/**
 * True when the pod mounts a claim (a persistentVolumeClaim or an ephemeral volume). Pod
 * volumes never change, so watchers that track claim users skip other pods' events outright.
 */
export function usesClaims(pod: Pod): boolean {
  const volumes = pod.spec?.volumes;
  if (!volumes) return false;
  for (const v of volumes) if (v.persistentVolumeClaim || v.ephemeral) return true;
  return false;
}

/** The claim names a pod's volumes refer to (podHasPVCs; generic ephemeral volumes as `<pod>-<volume>`). */
export function podClaimNames(pod: Pod): string[] {
  const names: string[] = [];
  for (const v of pod.spec?.volumes ?? []) {
    if (v.persistentVolumeClaim) names.push(v.persistentVolumeClaim.claimName);
    else if (v.ephemeral) names.push(`${pod.metadata.name}-${v.name}`);
  }
  return names;
}

/** A claim bound to a volume (the volume undefined when it no longer exists). */
interface BoundClaim {
  readonly claim: PersistentVolumeClaim;
  readonly pv: PersistentVolume | undefined;
}

/** An unbound WaitForFirstConsumer claim and what could satisfy it. */
interface DelayedClaim {
  readonly claim: PersistentVolumeClaim;
  /** Available static volumes of its class (FindMatchingVolume candidates). */
  readonly candidates: readonly PersistentVolume[];
  readonly provisionable: boolean;
}

/** What PreFilter found for one pod (the plugin's CycleState entry). */
interface PodVolumeClaims {
  readonly key: string;
  readonly bound: readonly BoundClaim[];
  readonly delayed: readonly DelayedClaim[];
}

/** For the chosen node: which static volume each delayed claim gets, or provisioning. */
type Decision = { claim: PersistentVolumeClaim; pv?: PersistentVolume };

/** True when the claim has finished binding (volumeName and the bind-completed annotation). */
export function isClaimFullyBound(claim: PersistentVolumeClaim): boolean {
  return !!claim.spec?.volumeName && !!claim.metadata.annotations?.[ANN_BIND_COMPLETED];
}

/** PreFilter, Filter and PreBind on the pod's claims. */
export class VolumeBinding implements PreFilterPlugin, FilterPlugin, PreBindPlugin {
  readonly name = NAME;
  readonly eventsToRegister = ['PersistentVolumeClaim', 'PersistentVolume', 'StorageClass'];
  readonly #store: Store;
  /** The state of the pod being scheduled (one pod at a time, as a scheduling cycle). */
  #state: PodVolumeClaims | undefined;

  /** Available, unclaimed volume names by class: the static candidates, kept from PV events. */
  readonly #available = new Map<string, Set<string>>();

  constructor(handle: Handle) {
    this.#store = handle.store;
    handle.store.watch('PersistentVolume', (e) => {
      if (e.oldObject) this.#index(asVolume(e.oldObject), false);
      if (e.type !== 'DELETED') this.#index(asVolume(e.object), true);
    });
    for (const pv of handle.store.list('PersistentVolume')) this.#index(asVolume(pv), true);
  }

  #index(pv: PersistentVolume, add: boolean): void {
    const cls = pv.spec?.storageClassName ?? '';
    const free = !pv.spec?.claimRef && (pv.status?.phase ?? 'Available') === 'Available';
    let names = this.#available.get(cls);
    if (add && free) {
      if (!names) this.#available.set(cls, (names = new Set()));
      names.add(pv.metadata.name);
    } else if (!add) {
      names?.delete(pv.metadata.name);
      if (names?.size === 0) this.#available.delete(cls);
    }
  }

  preFilter(pod: PodInfo): Status | typeof SKIP | undefined {
    this.#state = undefined;
    const names = podClaimNames(pod.pod);
    if (names.length === 0) return SKIP;
    const namespace = pod.pod.metadata.namespace ?? 'default';
    const bound: BoundClaim[] = [];
    const delayed: DelayedClaim[] = [];
    let unboundImmediate = false;
    for (const claimName of names) {
      const obj = this.#store.get('PersistentVolumeClaim', claimName, namespace);
      if (!obj) return this.#unresolvable(`persistentvolumeclaim "${claimName}" not found`);
      const claim = asClaim(obj);
      if (claim.status?.phase === 'Lost') {
        return this.#unresolvable(
          `persistentvolumeclaim "${claimName}" bound to non-existent persistentvolume "${claim.spec?.volumeName ?? ''}"`,
        );
      }
      if (claim.metadata.deletionTimestamp)
        return this.#unresolvable(`persistentvolumeclaim "${claimName}" is being deleted`);
      if (isClaimFullyBound(claim)) {
        const pv = this.#store.get('PersistentVolume', claim.spec?.volumeName ?? '');
        bound.push({ claim, pv: pv && asVolume(pv) });
      } else if (isDelayBinding(this.#store, claim) && !claim.spec?.volumeName) {
        const sc = classOfClaim(this.#store, claim);
        delayed.push({
          claim,
          candidates: this.#candidates(sc?.metadata.name ?? claimClass(claim)),
          provisionable: sc !== undefined && canProvision(sc),
        });
      } else {
        // Immediate (or pre-bound) claims are the PV controller's to bind first
        unboundImmediate = true;
      }
    }
    if (unboundImmediate) return this.#unresolvable(ERR_UNBOUND_IMMEDIATE_PVC);
    this.#state = { key: pod.key, bound, delayed };
    return undefined;
  }

  filter(pod: PodInfo, node: NodeInfo): Status | undefined {
    const state = this.#stateFor(pod);
    if (!state) return undefined;
    const reasons: string[] = [];
    let notExist = false;
    let nodeConflict = false;
    for (const { pv } of state.bound) {
      if (!pv) notExist = true;
      else if (!volumeFitsNode(pv, node.labels, node.name)) nodeConflict = true;
    }
    if (notExist) reasons.push(ERR_REASON_PV_NOT_EXIST);
    if (nodeConflict) reasons.push(ERR_REASON_NODE_CONFLICT);
    if (state.delayed.length > 0 && !this.#decide(state, node))
      reasons.push(ERR_REASON_BIND_CONFLICT);
    if (reasons.length === 0) return undefined;
    return newStatus(Code.UnschedulableAndUnresolvable, NAME, ...reasons);
  }

  preBind(pod: PodInfo, node: NodeInfo): Status | undefined {
    const state = this.#stateFor(pod);
    if (!state || state.delayed.length === 0) return undefined;
    const decisions = this.#decide(state, node);
    if (!decisions) return newStatus(Code.Unschedulable, NAME, ERR_REASON_BIND_CONFLICT);
    for (const { claim, pv } of decisions) {
      if (pv) this.#preBindVolume(pv, claim);
      else this.#selectNode(claim, node.name);
    }
    // BindPodVolumes waits until the PV controller has bound every claim
    return newStatus(Code.Unschedulable, NAME, WAITING_FOR_BINDING);
  }

  /** FindPodVolumes for the delayed claims on one node; undefined when one cannot be satisfied. */
  #decide(state: PodVolumeClaims, node: NodeInfo): Decision[] | undefined {
    const decisions: Decision[] = [];
    let excluded: Set<string> | undefined;
    for (const { claim, candidates, provisionable } of state.delayed) {
      const selected = claim.metadata.annotations?.[ANN_SELECTED_NODE];
      if (selected !== undefined && selected !== node.name) return undefined;
      const pv =
        candidates.length === 0
          ? undefined
          : findMatchingVolume(claim, candidates, {
              node: { name: node.name, labels: node.labels },
              excluded,
            });
      if (pv) {
        (excluded ??= new Set()).add(pv.metadata.name);
        decisions.push({ claim, pv });
      } else if (provisionable) {
        decisions.push({ claim });
      } else {
        return undefined;
      }
    }
    return decisions;
  }

  #preBindVolume(pv: PersistentVolume, claim: PersistentVolumeClaim): void {
    if (pv.spec?.claimRef) return;
    const annotations = { ...(pv.metadata.annotations ?? {}), [ANN_BOUND_BY_CONTROLLER]: 'yes' };
    const claimRef = {
      kind: 'PersistentVolumeClaim',
      apiVersion: 'v1',
      name: claim.metadata.name,
      namespace: claim.metadata.namespace ?? 'default',
      uid: claim.metadata.uid,
    };
    this.#store.update({
      ...pv,
      metadata: { ...pv.metadata, annotations },
      spec: { ...pv.spec, claimRef },
    } as KubeObject);
  }

  #selectNode(claim: PersistentVolumeClaim, nodeName: string): void {
    if (claim.metadata.annotations?.[ANN_SELECTED_NODE] === nodeName) return;
    const annotations = { ...(claim.metadata.annotations ?? {}), [ANN_SELECTED_NODE]: nodeName };
    this.#store.update({ ...claim, metadata: { ...claim.metadata, annotations } } as KubeObject);
  }

  #stateFor(pod: PodInfo): PodVolumeClaims | undefined {
    const state = this.#state;
    if (state?.key === pod.key) return state;
    // Filter without this cycle's PreFilter (a direct call): compute it now
    const status = this.preFilter(pod);
    return status === undefined ? this.#state : undefined;
  }

  #candidates(cls: string): PersistentVolume[] {
    const out: PersistentVolume[] = [];
    for (const name of this.#available.get(cls) ?? []) {
      const obj = this.#store.get('PersistentVolume', name);
      if (obj) out.push(asVolume(obj));
    }
    return out;
  }

  #unresolvable(reason: string): Status {
    return newStatus(Code.UnschedulableAndUnresolvable, NAME, reason);
  }
}
