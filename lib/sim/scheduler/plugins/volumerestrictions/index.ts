/**
 * @module
 * VolumeRestrictions: exclusive volumes are used by one pod or on one node
 * (kubernetes pkg/scheduler/framework/plugins/volumerestrictions/volume_restrictions.go).
 * A ReadWriteOncePod claim already used by another pod fails PreFilter with Kubernetes' message.
 * A ReadWriteOnce volume can be attached to one node only: Kubernetes lets the scheduler place a
 * second pod elsewhere and then the attach-detach controller refuses the attachment
 * (reconciler.go: `Multi-Attach error ... Volume is already used by pod(s) ...`), leaving it
 * ContainerCreating. The simulator has no attach step, so it keeps the pod off other nodes
 * here, with a reason that names the same rule; either way no RWO volume serves two nodes.
 */
import type { Pod } from '../../../api';
import type { Store } from '../../../framework';
import { asClaim, type AccessMode } from '../../../storage/api';
import { keyOf } from '../../../workqueue';
import {
  Code,
  newStatus,
  SKIP,
  type FilterPlugin,
  type Handle,
  type PreFilterPlugin,
  type Status,
} from '../../framework';
import type { NodeInfo } from '../../node-info';
import type { PodInfo } from '../../pod-info';
import { podClaimNames, usesClaims } from '../volumebinding';

/** Plugin name. */
export const NAME = 'VolumeRestrictions';
/** ErrReasonReadWriteOncePodConflict. */
export const ERR_REASON_RWOP_CONFLICT =
  'node has pod using PersistentVolumeClaim with the same name and ReadWriteOncePod access mode';
/** The Multi-Attach rule for ReadWriteOnce volumes, as a node reason. */
export const ERR_REASON_RWO_MULTI_ATTACH =
  'node(s) did not have the ReadWriteOnce volume attached (Multi-Attach error: it is in use on another node)';

/** True when the modes allow one node only: ReadWriteOnce without a Many mode. */
export function isSingleNode(modes: readonly AccessMode[] | undefined): boolean {
  if (!modes || modes.length === 0) return false;
  if (modes.includes('ReadWriteMany') || modes.includes('ReadOnlyMany')) return false;
  return modes.includes('ReadWriteOnce') || modes.includes('ReadWriteOncePod');
}

function isTerminal(pod: Pod): boolean {
  return pod.status?.phase === 'Succeeded' || pod.status?.phase === 'Failed';
}

/** Keeps pods off nodes where their exclusive volumes cannot be attached. */
export class VolumeRestrictions implements PreFilterPlugin, FilterPlugin {
  readonly name = NAME;
  readonly eventsToRegister = ['PersistentVolumeClaim'];
  readonly #store: Store;
  /** `namespace/claim` → pod key → node of bound, not finished pods using it (the attachments). */
  readonly #users = new Map<string, Map<string, string>>();
  /** Pod key → claim keys it was counted under. */
  readonly #claimsOf = new Map<string, string[]>();
  /** For the pod being scheduled: the one node its RWO volumes are attached to, if any. */
  #pinned: { key: string; node: string } | undefined;

  constructor(handle: Handle) {
    this.#store = handle.store;
    handle.store.watch('Pod', (e) => this.#track(e.object as unknown as Pod, e.type === 'DELETED'));
    for (const p of handle.store.list('Pod')) this.#track(p as unknown as Pod, false);
  }

  /** Nodes using a claim: pod key → node name. */
  usersOf(namespace: string, claimName: string): ReadonlyMap<string, string> {
    return this.#users.get(`${namespace}/${claimName}`) ?? new Map();
  }

  #track(pod: Pod, deleted: boolean): void {
    if (!usesClaims(pod)) return; // never counted: nothing to add or take back
    const key = keyOf(pod);
    for (const claimKey of this.#claimsOf.get(key) ?? []) {
      const users = this.#users.get(claimKey);
      users?.delete(key);
      if (users?.size === 0) this.#users.delete(claimKey);
    }
    this.#claimsOf.delete(key);
    const node = pod.spec?.nodeName;
    if (deleted || !node || isTerminal(pod)) return;
    const names = podClaimNames(pod);
    if (names.length === 0) return;
    const namespace = pod.metadata.namespace ?? 'default';
    const keys = names.map((n) => `${namespace}/${n}`);
    for (const claimKey of keys) {
      let users = this.#users.get(claimKey);
      if (!users) this.#users.set(claimKey, (users = new Map()));
      users.set(key, node);
    }
    this.#claimsOf.set(key, keys);
  }

  preFilter(pod: PodInfo): Status | typeof SKIP | undefined {
    this.#pinned = undefined;
    const names = podClaimNames(pod.pod);
    if (names.length === 0) return SKIP;
    const namespace = pod.pod.metadata.namespace ?? 'default';
    for (const claimName of names) {
      const users = this.#users.get(`${namespace}/${claimName}`);
      if (!users) continue;
      const others = [...users].filter(([key]) => key !== pod.key);
      if (others.length === 0) continue;
      const obj = this.#store.get('PersistentVolumeClaim', claimName, namespace);
      if (!obj) continue;
      const claim = asClaim(obj);
      const modes = claim.status?.accessModes ?? claim.spec?.accessModes;
      if (modes?.includes('ReadWriteOncePod'))
        return newStatus(Code.Unschedulable, NAME, ERR_REASON_RWOP_CONFLICT);
      if (isSingleNode(modes)) this.#pinned = { key: pod.key, node: others[0][1] };
    }
    return this.#pinned ? undefined : SKIP;
  }

  filter(pod: PodInfo, node: NodeInfo): Status | undefined {
    const pinned = this.#pinned;
    if (!pinned || pinned.key !== pod.key || pinned.node === node.name) return undefined;
    return newStatus(Code.UnschedulableAndUnresolvable, NAME, ERR_REASON_RWO_MULTI_ATTACH);
  }
}
