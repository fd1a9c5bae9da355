/**
 * @module
 * The StatefulSet controller, after kubernetes pkg/controller/statefulset/stateful_set.go
 * (watches, keys) and stateful_set_control.go (`UpdateStatefulSet`: revisions, the update pass,
 * status): pods `<set>-<ordinal>` with stable hostnames and their own claims from
 * volumeClaimTemplates, created before the pod and reused when it comes back
 * (stateful_pod_control.go `createPersistentVolumeClaims`). Revisions are ControllerRevisions
 * `<set>-<hash>` holding the template, so ordinals below a partition are recreated from the
 * current one. Level-triggered: watch handlers enqueue the owning set's key only.
 */
import type { Pod } from '../api';
import { ApiError } from '../framework';
import type { Controller, SimContext, WatchEvent } from '../framework';
import { asClaim, type PersistentVolumeClaim } from '../storage/api';
import type { KubeObject } from '../types';
import { asKube } from '../views';
import { WorkQueue, keyOf, splitKey } from '../workqueue';
import { getControllerOf } from './replicaset-util';
import {
  asRevision,
  asStatefulSet,
  type ControllerRevision,
  type StatefulSet,
  type StatefulSetStatus,
} from './statefulset-api';
import { updateStatefulSet, type Revisions, type StatefulPodControl } from './statefulset-control';
import {
  claimOwnerRefs,
  claimsForOrdinal,
  computeReplicaStatus,
  podRevision,
  replicasOf,
  revisionName,
  setRef,
} from './statefulset-utils';

export { statefulSetProblems } from './statefulset-problems';

/** Events' source.component, as kube-controller-manager reports it. */
export const STATEFULSET_CONTROLLER_NAME = 'statefulset-controller';

/** Runs every StatefulSet (KC stateful_set.go). */
export class StatefulSetController implements Controller, StatefulPodControl {
  /** Events' source.component. */
  readonly name = STATEFULSET_CONTROLLER_NAME;
  #ctx: SimContext | undefined;
  #queue: WorkQueue | undefined;
  #epochMs = 0;

  /** Registers the watches and queues every existing StatefulSet. */
  start(ctx: SimContext): void {
    this.#ctx = ctx;
    this.#epochMs = Date.parse(ctx.clock.timestamp(0));
    this.#queue = new WorkQueue(ctx.clock, (key) => this.sync(key));
    ctx.store.watch('StatefulSet', (e) => this.#queue?.add(keyOf(e.object)));
    ctx.store.watch('Pod', (e) => this.#onPod(e));
    ctx.store.watch('PersistentVolumeClaim', (e) => {
      if (e.type === 'DELETED') this.#onClaimGone(e.object);
    });
    for (const set of ctx.store.list('StatefulSet')) this.#queue.add(keyOf(set));
  }

  #onPod(e: WatchEvent): void {
    const ref = getControllerOf(e.object);
    if (!ref || ref.kind !== 'StatefulSet') return;
    if (e.type === 'MODIFIED' && e.oldObject && !this.#relevant(e.oldObject, e.object)) return;
    this.#queue?.add(`${e.object.metadata.namespace ?? 'default'}/${ref.name}`);
  }

  /**
   * A claim finished deleting: a set waiting to recreate it (its pod could not be created while
   * the old claim was terminating) gets another sync. Claim names are `<template>-<set>-<n>`.
   */
  #onClaimGone(claim: KubeObject): void {
    const store = (this.#ctx as SimContext).store;
    const namespace = claim.metadata.namespace ?? 'default';
    for (const obj of store.list('StatefulSet', namespace)) {
      const set = asStatefulSet(obj);
      const templates = set.spec?.volumeClaimTemplates ?? [];
      const suffix = `-${set.metadata.name}-`;
      if (templates.some((t) => claim.metadata.name.startsWith(`${t.metadata.name}${suffix}`)))
        this.#queue?.add(keyOf(set));
    }
  }

  /** Pod changes the set reacts to: phase, readiness, deletion, revision. */
  #relevant(old: KubeObject, pod: KubeObject): boolean {
    return (
      old.status !== pod.status ||
      old.metadata.deletionTimestamp !== pod.metadata.deletionTimestamp ||
      old.metadata.labels !== pod.metadata.labels
    );
  }

  /** One set's sync (syncStatefulSet → UpdateStatefulSet). */
  sync(key: string): void {
    const ctx = this.#ctx as SimContext;
    const { namespace, name } = splitKey(key);
    const live = ctx.store.get('StatefulSet', name, namespace);
    if (!live) return;
    const set = asStatefulSet(live);
    const pods = this.#podsOf(set);
    const revisions = this.#revisions(set);
    const nowMs = this.#epochMs + ctx.clock.now() * 1000;
    const result = updateStatefulSet(set, pods, revisions, this, { nowMs });
    this.#writeStatus(set, revisions);
    this.#truncateHistory(set, revisions);
    if (result.recheckAfterSeconds !== undefined)
      this.#queue?.addAfter(key, result.recheckAfterSeconds);
  }

  #podsOf(set: StatefulSet): Pod[] {
    const store = (this.#ctx as SimContext).store;
    return store.ownedBy('Pod', set.metadata.uid ?? '') as unknown as Pod[];
  }

  /**
   * The current and update revisions (getStatefulSetRevisions): the update revision is the
   * one holding today's template (created when missing, renumbered when an old one matches);
   * the current revision is the one status.currentRevision names, else the update revision.
   */
  #revisions(set: StatefulSet): Revisions {
    const store = (this.#ctx as SimContext).store;
    const template = set.spec?.template ?? { spec: { containers: [] } };
    const updateName = revisionName(set, template);
    const history = store
      .ownedBy('ControllerRevision', set.metadata.uid ?? '')
      .map((r) => asRevision(r));
    const maxRevision = history.reduce((m, r) => Math.max(m, r.revision ?? 0), 0);
    const existing = history.find((r) => r.metadata.name === updateName);
    if (!existing) {
      const revision: ControllerRevision = {
        apiVersion: 'apps/v1',
        kind: 'ControllerRevision',
        metadata: {
          name: updateName,
          namespace: set.metadata.namespace ?? 'default',
          labels: {
            ...(set.spec?.selector.matchLabels ?? {}),
            'controller.kubernetes.io/hash': updateName.slice(set.metadata.name.length + 1),
          },
          ownerReferences: [setRef(set)],
        },
        data: { spec: { template: structuredClone(template) } },
        revision: maxRevision + 1,
      };
      try {
        store.create(asKube(revision));
      } catch (error) {
        if (!(error instanceof ApiError)) throw error;
      }
    } else if (existing.revision < maxRevision) {
      // a rollback to an old template makes it the newest revision again
      store.update(asKube({ ...existing, revision: maxRevision + 1 }));
    }
    const currentName = set.status?.currentRevision || updateName;
    const currentObj =
      currentName === updateName
        ? undefined
        : store.get('ControllerRevision', currentName, set.metadata.namespace);
    const currentTemplate = currentObj && asRevision(currentObj).data?.spec?.template;
    return {
      current: currentTemplate
        ? { name: currentName, template: currentTemplate }
        : { name: updateName, template },
      update: { name: updateName, template },
    };
  }

  /**
   * Keeps at most revisionHistoryLimit old revisions (truncateHistory): the current and update
   * revisions and those a pod still runs are kept; the oldest others go.
   */
  #truncateHistory(set: StatefulSet, revisions: Revisions): void {
    const store = (this.#ctx as SimContext).store;
    const live = new Set([revisions.current.name, revisions.update.name]);
    for (const pod of this.#podsOf(set)) live.add(podRevision(pod));
    const old = store
      .ownedBy('ControllerRevision', set.metadata.uid ?? '')
      .map((r) => asRevision(r))
      .filter((r) => !live.has(r.metadata.name))
      .sort((a, b) => a.revision - b.revision);
    const limit = set.spec?.revisionHistoryLimit ?? 10;
    for (const r of old.slice(0, Math.max(0, old.length - limit)))
      store.delete('ControllerRevision', r.metadata.name, r.metadata.namespace);
  }

  #writeStatus(set: StatefulSet, revisions: Revisions): void {
    const ctx = this.#ctx as SimContext;
    const live = ctx.store.get('StatefulSet', set.metadata.name, set.metadata.namespace);
    if (!live) return;
    const fresh = asStatefulSet(live);
    const nowMs = this.#epochMs + ctx.clock.now() * 1000;
    const counts = computeReplicaStatus(
      this.#podsOf(fresh),
      fresh.spec?.minReadySeconds ?? 0,
      nowMs,
      revisions.current.name,
      revisions.update.name,
    );
    const status: StatefulSetStatus = {
      ...(fresh.status ?? {}),
      observedGeneration: fresh.metadata.generation,
      ...counts,
      currentRevision: revisions.current.name,
      updateRevision: revisions.update.name,
      collisionCount: fresh.status?.collisionCount ?? 0,
    };
    // completeRollingUpdate: once every replica is updated and ready, the update is current
    const want = replicasOf(fresh);
    if (
      (fresh.spec?.updateStrategy?.type ?? 'RollingUpdate') === 'RollingUpdate' &&
      status.updatedReplicas === want &&
      status.readyReplicas === want &&
      status.replicas === want
    ) {
      status.currentRevision = status.updateRevision;
      status.currentReplicas = status.updatedReplicas;
    }
    ctx.store.updateStatus(asKube({ ...fresh, status }));
  }

  /** StatefulPodControl.createStatefulPod: claims first, then the pod. */
  createStatefulPod(set: StatefulSet, pod: Pod, ordinal: number): boolean {
    const ctx = this.#ctx as SimContext;
    for (const claim of claimsForOrdinal(set, ordinal)) {
      const existing = ctx.store.get(
        'PersistentVolumeClaim',
        claim.metadata.name,
        claim.metadata.namespace,
      );
      if (existing) {
        if (existing.metadata.deletionTimestamp) return false; // wait for it to go
        continue;
      }
      claim.metadata.ownerReferences = claimOwnerRefs([], set, undefined, false);
      if (claim.metadata.ownerReferences.length === 0) delete claim.metadata.ownerReferences;
      if (
        !this.#create(
          set,
          claim,
          `create Claim ${claim.metadata.name} Pod ${pod.metadata.name} in StatefulSet ${set.metadata.name}`,
          'success',
        )
      )
        return false;
    }
    return this.#create(
      set,
      pod,
      `create Pod ${pod.metadata.name} in StatefulSet ${set.metadata.name}`,
      'successful',
    );
  }

  #create(set: StatefulSet, obj: Pod | PersistentVolumeClaim, what: string, ok: string): boolean {
    const ctx = this.#ctx as SimContext;
    try {
      ctx.store.create(asKube(obj));
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      ctx.events.event(
        asKube(set),
        'Warning',
        'FailedCreate',
        `${what} failed error: ${error.message}`,
        this.name,
      );
      return false;
    }
    ctx.events.event(asKube(set), 'Normal', 'SuccessfulCreate', `${what} ${ok}`, this.name);
    return true;
  }

  /** StatefulPodControl.deleteStatefulPod. */
  deleteStatefulPod(set: StatefulSet, pod: Pod): void {
    const ctx = this.#ctx as SimContext;
    ctx.store.delete('Pod', pod.metadata.name, pod.metadata.namespace);
    ctx.events.event(
      asKube(set),
      'Normal',
      'SuccessfulDelete',
      `delete Pod ${pod.metadata.name} in StatefulSet ${set.metadata.name} successful`,
      this.name,
    );
  }

  /** StatefulPodControl.updateClaimOwners: the retention policy's owner references. */
  updateClaimOwners(set: StatefulSet, pod: Pod, ordinal: number, scaledDown: boolean): void {
    const ctx = this.#ctx as SimContext;
    const policy = set.spec?.persistentVolumeClaimRetentionPolicy;
    if ((set.spec?.volumeClaimTemplates ?? []).length === 0) return;
    if (!policy || (policy.whenDeleted !== 'Delete' && policy.whenScaled !== 'Delete')) return;
    for (const want of claimsForOrdinal(set, ordinal)) {
      const live = ctx.store.get(
        'PersistentVolumeClaim',
        want.metadata.name,
        want.metadata.namespace,
      );
      if (!live) continue;
      const claim = asClaim(live);
      const existing = claim.metadata.ownerReferences ?? [];
      const refs = claimOwnerRefs(existing, set, pod, scaledDown);
      if (JSON.stringify(refs) === JSON.stringify(existing)) continue;
      const metadata: KubeObject['metadata'] = { ...claim.metadata, ownerReferences: refs };
      if (refs.length === 0) delete metadata.ownerReferences;
      ctx.store.update(asKube({ ...claim, metadata }));
    }
  }
}
