/**
 * @module
 * The ReplicaSet controller's pod informer: pods grouped by their controlling ReplicaSet, with
 * running counts of active and ready pods kept up to date from watch events. Kubernetes'
 * controller lists pods from its informer cache on every sync; recounting 10,000 pods on each
 * of 10,000 pod updates would be quadratic, so the counts move with the events instead, and a
 * sync reads them in O(1) (or O(pods) only when minReadySeconds needs ready times).
 */
import type { Pod, ReplicaSet } from '../api';
import type { ViewEvent } from './typed-store';
import type { ReplicaCounts } from './replicaset-util';
import {
  getControllerOf,
  hasAllLabels,
  isPodActive,
  isPodReady,
  podReadyTime,
} from './replicaset-util';

interface Entry {
  pod: Pod;
  active: boolean;
  ready: boolean;
  labeled: boolean;
}

interface OwnerPods {
  readonly pods: Map<string, Entry>;
  active: number;
  ready: number;
  labeled: number;
  /** The template labels `labeled` was counted against. */
  templateKey: string | undefined;
  templateLabels: Readonly<Record<string, string>>;
}

/** Counts for a status, plus when the next ready pod turns available (epoch ms). */
export interface CountsWithNextAvailable extends ReplicaCounts {
  readonly nextAvailableAt: number | undefined;
}

function labelsKey(labels: Readonly<Record<string, string>>): string {
  return JSON.stringify(Object.entries(labels).sort());
}

/** Pods by controlling ReplicaSet uid, and orphans by namespace. */
export class ReplicaSetPodCache {
  readonly #byOwner = new Map<string, OwnerPods>();
  /** pod key → owner uid ('' for orphans). */
  readonly #ownerOf = new Map<string, string>();
  readonly #orphans = new Map<string, Map<string, Pod>>();

  /** Applies a Pod watch event. */
  observe(event: ViewEvent<Pod>): void {
    const pod = event.object;
    if (event.type !== 'DELETED' && this.#updateInPlace(pod)) return;
    const key = `${pod.metadata.namespace ?? 'default'}/${pod.metadata.name}`;
    this.#forget(key, pod);
    if (event.type !== 'DELETED') this.#remember(key, pod);
  }

  /**
   * The common case, a pod that stays with its owner: adjust the counts, no re-insertion.
   * Found through its controllerRef, not `#ownerOf`: the owner's entry for this name and
   * namespace exists exactly when `#ownerOf` maps the pod's key to that owner (both change
   * together), and a lookup by the stored name string in a ReplicaSet's few pods is much
   * cheaper than hashing a fresh `namespace/name` into a map of 150,000.
   */
  #updateInPlace(pod: Pod): boolean {
    const uid = getControllerOf(pod)?.uid;
    if (!uid) return false;
    const owner = this.#byOwner.get(uid);
    const entry = owner?.pods.get(pod.metadata.name);
    if (!owner || !entry) return false;
    if (entry.pod.metadata.namespace !== pod.metadata.namespace) return false;
    const active = isPodActive(pod);
    const ready = active && isPodReady(pod);
    const labeled = active && hasAllLabels(pod.metadata.labels, owner.templateLabels);
    owner.active += Number(active) - Number(entry.active);
    owner.ready += Number(ready) - Number(entry.ready);
    owner.labeled += Number(labeled) - Number(entry.labeled);
    entry.pod = pod;
    entry.active = active;
    entry.ready = ready;
    entry.labeled = labeled;
    return true;
  }

  #owner(uid: string): OwnerPods {
    let owner = this.#byOwner.get(uid);
    if (!owner) {
      owner = {
        pods: new Map(),
        active: 0,
        ready: 0,
        labeled: 0,
        templateKey: undefined,
        templateLabels: {},
      };
      this.#byOwner.set(uid, owner);
    }
    return owner;
  }

  #remember(key: string, pod: Pod): void {
    const ref = getControllerOf(pod);
    if (!ref) {
      const namespace = pod.metadata.namespace ?? 'default';
      let orphans = this.#orphans.get(namespace);
      if (!orphans) this.#orphans.set(namespace, (orphans = new Map()));
      orphans.set(pod.metadata.name, pod);
      this.#ownerOf.set(key, '');
      return;
    }
    if (ref.kind !== 'ReplicaSet') return;
    const owner = this.#owner(ref.uid);
    const active = isPodActive(pod);
    const entry: Entry = {
      pod,
      active,
      ready: active && isPodReady(pod),
      labeled: active && hasAllLabels(pod.metadata.labels, owner.templateLabels),
    };
    owner.pods.set(pod.metadata.name, entry);
    if (entry.active) owner.active++;
    if (entry.ready) owner.ready++;
    if (entry.labeled) owner.labeled++;
    this.#ownerOf.set(key, ref.uid);
  }

  #forget(key: string, pod: Pod): void {
    const uid = this.#ownerOf.get(key);
    if (uid === undefined) return;
    this.#ownerOf.delete(key);
    if (uid === '') {
      this.#orphans.get(pod.metadata.namespace ?? 'default')?.delete(pod.metadata.name);
      return;
    }
    const owner = this.#byOwner.get(uid);
    const entry = owner?.pods.get(pod.metadata.name);
    if (!owner || !entry) return;
    owner.pods.delete(pod.metadata.name);
    if (entry.active) owner.active--;
    if (entry.ready) owner.ready--;
    if (entry.labeled) owner.labeled--;
    if (owner.pods.size === 0) this.#byOwner.delete(uid);
  }

  /** Every pod controlled by the ReplicaSet with `uid`, terminating ones included. */
  podsOf(uid: string): Pod[] {
    const owner = this.#byOwner.get(uid);
    return owner ? [...owner.pods.values()].map((e) => e.pod) : [];
  }

  /** Active pods controlled by the ReplicaSet with `uid` (FilterActivePods). */
  activePodsOf(uid: string): Pod[] {
    const owner = this.#byOwner.get(uid);
    if (!owner) return [];
    const out: Pod[] = [];
    for (const entry of owner.pods.values()) if (entry.active) out.push(entry.pod);
    return out;
  }

  /** Pods without a controller in `namespace` (adoption candidates). */
  orphansIn(namespace: string): Pod[] {
    const orphans = this.#orphans.get(namespace);
    return orphans ? [...orphans.values()] : [];
  }

  /** Whether any pod in `namespace` has no controller. */
  hasOrphans(namespace: string): boolean {
    return (this.#orphans.get(namespace)?.size ?? 0) > 0;
  }

  /** The ReplicaSet's status counts at `now` (epoch ms), as calculateStatus counts them. */
  counts(rs: ReplicaSet, now: number): CountsWithNextAvailable {
    const uid = rs.metadata.uid ?? '';
    const owner = this.#byOwner.get(uid);
    if (!owner) {
      return {
        replicas: 0,
        fullyLabeledReplicas: 0,
        readyReplicas: 0,
        availableReplicas: 0,
        nextAvailableAt: undefined,
      };
    }
    const templateLabels = rs.spec?.template?.metadata?.labels ?? {};
    const key = labelsKey(templateLabels);
    if (owner.templateKey !== key) {
      owner.templateKey = key;
      owner.templateLabels = { ...templateLabels };
      owner.labeled = 0;
      for (const entry of owner.pods.values()) {
        entry.labeled = entry.active && hasAllLabels(entry.pod.metadata.labels, templateLabels);
        if (entry.labeled) owner.labeled++;
      }
    }
    const minReadySeconds = rs.spec?.minReadySeconds ?? 0;
    let available = owner.ready;
    let nextAvailableAt: number | undefined;
    if (minReadySeconds > 0) {
      available = 0;
      for (const entry of owner.pods.values()) {
        if (!entry.ready) continue;
        const since = podReadyTime(entry.pod);
        if (since === undefined) continue;
        const at = since + minReadySeconds * 1000;
        if (at < now) available++;
        else if (nextAvailableAt === undefined || at < nextAvailableAt) nextAvailableAt = at;
      }
    }
    return {
      replicas: owner.active,
      fullyLabeledReplicas: owner.labeled,
      readyReplicas: owner.ready,
      availableReplicas: available,
      nextAvailableAt,
    };
  }
}
