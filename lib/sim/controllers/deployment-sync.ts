/**
 * @module
 * What every Deployment strategy shares, after pkg/controller/deployment/sync.go and
 * progress.go: finding and adopting ReplicaSets, creating the new one (named
 * `<deployment>-<pod-template-hash>`, revision max + 1), scaling with events, proportional
 * scaling, history cleanup, and the status with its Available/Progressing/ReplicaFailure
 * conditions. Every object read from the store is cloned before it is changed, and every
 * object handed to the store is never touched again (the store keeps it).
 */
import type { Condition, Deployment, Pod, ReplicaSet } from '../api';
import { ApiError } from '../framework';
import type { SimContext } from '../framework';
import { matchesSelector } from '../selector';
import { keyOf } from '../workqueue';
import {
  FAILED_RS_CREATE_REASON,
  FOUND_NEW_RS_REASON,
  NEW_REPLICA_SET_REASON,
  NEW_RS_AVAILABLE_REASON,
  PAUSED_DEPLOY_REASON,
  REPLICA_SET_UPDATED_REASON,
  RESUMED_DEPLOY_REASON,
  REVISION_ANNOTATION,
  TIMED_OUT_REASON,
  byRevision,
  bySizeNewer,
  bySizeOlder,
  calculateStatus,
  deploymentComplete,
  deploymentProgressing,
  deploymentTimedOut,
  equalIgnoreHash,
  filterActiveReplicaSets,
  findActiveOrLatest,
  findNewReplicaSet,
  findOldReplicaSets,
  getDeploymentCondition,
  getDesiredReplicasAnnotation,
  getProportion,
  getReplicaCountForReplicaSets,
  hasProgressDeadline,
  hasRevisionHistoryLimit,
  isRollingUpdate,
  isSaturated,
  maxRevision,
  maxSurge,
  newDeploymentCondition,
  newRSNewReplicas,
  progressCheckDelay,
  removeDeploymentCondition,
  replicasAnnotationsNeedUpdate,
  replicasOf,
  setDeploymentCondition,
  setDeploymentRevision,
  setNewReplicaSetAnnotations,
  setReplicasAnnotations,
} from './deployment-util';
import { POD_TEMPLATE_HASH_LABEL, canonicalJson, podTemplateHash } from './pod-template-hash';
import { controllerRefOf, getControllerOf } from './replicaset-util';
import { TypedStore, recordEvent } from './typed-store';

/** The new ReplicaSet (if any) and all the others. */
export interface ReplicaSetsOfDeployment {
  readonly newRS: ReplicaSet | undefined;
  readonly oldRSs: ReplicaSet[];
}

/** Called with the seconds until a Deployment needs a progress check, or undefined for none. */
export type ProgressCheckScheduler = (key: string, delaySeconds: number | undefined) => void;

/** The Deployment controller's shared operations on one store. */
export class DeploymentSync {
  readonly #ctx: SimContext;
  readonly #store: TypedStore;
  readonly #component: string;
  readonly #scheduleProgressCheck: ProgressCheckScheduler;
  readonly #epochMs: number;

  constructor(ctx: SimContext, component: string, scheduleProgressCheck: ProgressCheckScheduler) {
    this.#ctx = ctx;
    this.#store = new TypedStore(ctx.store);
    this.#component = component;
    this.#scheduleProgressCheck = scheduleProgressCheck;
    this.#epochMs = Date.parse(ctx.clock.timestamp(0));
  }

  /** The store, typed by view. */
  get store(): TypedStore {
    return this.#store;
  }

  /** Now as a condition timestamp. */
  nowTimestamp(): string {
    return this.#ctx.clock.timestamp();
  }

  /** Sets the Progressing condition, stamped now (SetDeploymentCondition of a NewDeploymentCondition). */
  #setProgressing(
    status: { conditions?: Condition[] },
    conditionStatus: Condition['status'],
    reason: string,
    message: string,
  ): void {
    setDeploymentCondition(
      status,
      newDeploymentCondition('Progressing', conditionStatus, reason, message, this.nowTimestamp()),
    );
  }

  /** Now in epoch milliseconds, not rounded to the second. */
  nowMs(): number {
    return this.#epochMs + this.#ctx.clock.now() * 1000;
  }

  #event(d: Deployment, type: 'Normal' | 'Warning', reason: string, message: string): void {
    recordEvent(this.#ctx.events, d, type, reason, message, this.#component);
  }

  /**
   * ReplicaSets this Deployment controls, adopting matching orphans and releasing owned ones
   * that no longer match its selector (getReplicaSetsForDeployment / ClaimReplicaSets).
   */
  getReplicaSetsForDeployment(d: Deployment): ReplicaSet[] {
    const store = this.#store;
    const uid = d.metadata.uid ?? '';
    const selector = d.spec?.selector;
    const deleting = d.metadata.deletionTimestamp !== undefined;
    const result: ReplicaSet[] = [];
    for (const rs of store.ownedBy<ReplicaSet>('ReplicaSet', uid)) {
      if (getControllerOf(rs)?.uid !== uid) continue;
      if (matchesSelector(rs.metadata.labels, selector)) {
        result.push(rs);
      } else if (!deleting) {
        const released = structuredClone(rs);
        released.metadata.ownerReferences = released.metadata.ownerReferences?.filter(
          (r) => r.uid !== uid,
        );
        store.update(released);
      }
    }
    if (deleting || !selector) return result;
    const namespace = d.metadata.namespace ?? 'default';
    for (const rs of store.select<ReplicaSet>(
      'ReplicaSet',
      namespace,
      selector.matchLabels ?? {},
    )) {
      if (getControllerOf(rs) || rs.metadata.deletionTimestamp) continue;
      if (!matchesSelector(rs.metadata.labels, selector)) continue;
      const adopted = structuredClone(rs);
      adopted.metadata.ownerReferences = [
        ...(adopted.metadata.ownerReferences ?? []),
        controllerRefOf(d),
      ];
      result.push(store.update(adopted));
    }
    return result;
  }

  /** Pods of each ReplicaSet by its uid, terminating ones included (getPodMapForDeployment). */
  getPodMap(rsList: readonly ReplicaSet[]): Map<string, Pod[]> {
    const map = new Map<string, Pod[]>();
    for (const rs of rsList) {
      const uid = rs.metadata.uid ?? '';
      const pods = this.#store
        .ownedBy<Pod>('Pod', uid)
        .filter((pod) => getControllerOf(pod)?.uid === uid);
      map.set(uid, pods);
    }
    return map;
  }

  /**
   * The new ReplicaSet, created when asked and missing, with its revision raised to the
   * highest old revision + 1; the Deployment's revision annotation follows it
   * (getAllReplicaSetsAndSyncRevision).
   */
  getAllReplicaSetsAndSyncRevision(
    d: Deployment,
    rsList: readonly ReplicaSet[],
    createIfNotExisted: boolean,
  ): ReplicaSetsOfDeployment {
    const oldRSs = findOldReplicaSets(d, rsList);
    const newRS = this.#getNewReplicaSet(d, rsList, oldRSs, createIfNotExisted);
    return { newRS, oldRSs };
  }

  #getNewReplicaSet(
    d: Deployment,
    rsList: readonly ReplicaSet[],
    oldRSs: readonly ReplicaSet[],
    createIfNotExisted: boolean,
  ): ReplicaSet | undefined {
    const store = this.#store;
    const existing = findNewReplicaSet(d, rsList);
    const newRevision = maxRevision(oldRSs) + 1;
    if (existing) {
      const rsCopy: ReplicaSet = {
        ...existing,
        metadata: { ...existing.metadata, annotations: { ...existing.metadata.annotations } },
        spec: existing.spec && { ...existing.spec },
      };
      const annotationsUpdated = setNewReplicaSetAnnotations(d, rsCopy, newRevision, true);
      const minReadySeconds = d.spec?.minReadySeconds ?? 0;
      if (annotationsUpdated || (rsCopy.spec?.minReadySeconds ?? 0) !== minReadySeconds) {
        if (rsCopy.spec) rsCopy.spec.minReadySeconds = minReadySeconds;
        return store.update(rsCopy);
      }
      let needsUpdate = setDeploymentRevision(
        d,
        rsCopy.metadata.annotations?.[REVISION_ANNOTATION] ?? '',
      );
      if (hasProgressDeadline(d) && !getDeploymentCondition(d.status ?? {}, 'Progressing')) {
        this.#setProgressing(
          (d.status ??= {}),
          'True',
          FOUND_NEW_RS_REASON,
          `Found new replica set "${rsCopy.metadata.name}"`,
        );
        needsUpdate = true;
      }
      if (needsUpdate) this.persist(d);
      return existing;
    }
    if (!createIfNotExisted || !d.spec) return undefined;

    const hash = podTemplateHash(d.spec.template, d.status?.collisionCount);
    const template = structuredClone(d.spec.template);
    template.metadata = {
      ...template.metadata,
      labels: { ...template.metadata?.labels, [POD_TEMPLATE_HASH_LABEL]: hash },
    };
    const selector = structuredClone(d.spec.selector);
    selector.matchLabels = { ...selector.matchLabels, [POD_TEMPLATE_HASH_LABEL]: hash };
    const name = `${d.metadata.name}-${hash}`;
    const newRS: ReplicaSet = {
      apiVersion: 'apps/v1',
      kind: 'ReplicaSet',
      metadata: {
        name,
        namespace: d.metadata.namespace ?? 'default',
        labels: { ...template.metadata.labels },
        ownerReferences: [controllerRefOf(d)],
      },
      spec: { replicas: 0, minReadySeconds: d.spec.minReadySeconds ?? 0, selector, template },
    };
    const newReplicasCount = newRSNewReplicas(d, [...oldRSs, newRS], newRS);
    if (newRS.spec) newRS.spec.replicas = newReplicasCount;
    setNewReplicaSetAnnotations(d, newRS, newRevision, false);

    let created: ReplicaSet;
    let alreadyExists = false;
    try {
      created = store.create(newRS);
    } catch (error) {
      if (error instanceof ApiError && error.reason === 'AlreadyExists') {
        const found = store.get<ReplicaSet>('ReplicaSet', name, d.metadata.namespace);
        if (
          found &&
          getControllerOf(found)?.uid === d.metadata.uid &&
          equalIgnoreHash(d.spec.template, found.spec?.template)
        ) {
          created = found;
          alreadyExists = true;
        } else {
          // A different template hashed to the same name: bump collisionCount and retry.
          const status = (d.status ??= {});
          status.collisionCount = (status.collisionCount ?? 0) + 1;
          this.writeStatus(d);
          throw error;
        }
      } else {
        const msg = `Failed to create new replica set "${name}": ${error instanceof Error ? error.message : String(error)}`;
        if (hasProgressDeadline(d)) {
          this.#setProgressing((d.status ??= {}), 'False', FAILED_RS_CREATE_REASON, msg);
          this.writeStatus(d);
        }
        this.#event(d, 'Warning', FAILED_RS_CREATE_REASON, msg);
        throw error;
      }
    }
    if (!alreadyExists && newReplicasCount > 0) {
      this.#event(
        d,
        'Normal',
        'ScalingReplicaSet',
        `Scaled up replica set ${name} from 0 to ${newReplicasCount}`,
      );
    }
    let needsUpdate = setDeploymentRevision(d, String(newRevision));
    if (!alreadyExists && hasProgressDeadline(d)) {
      this.#setProgressing(
        (d.status ??= {}),
        'True',
        NEW_REPLICA_SET_REASON,
        `Created new replica set "${name}"`,
      );
      needsUpdate = true;
    }
    if (needsUpdate) this.persist(d);
    return created;
  }

  /** Writes the Deployment's annotations (revision) and status if they changed. */
  persist(d: Deployment): void {
    const store = this.#store;
    const live = store.get<Deployment>('Deployment', d.metadata.name, d.metadata.namespace);
    if (!live) return;
    if (
      canonicalJson(live.metadata.annotations ?? {}) !== canonicalJson(d.metadata.annotations ?? {})
    ) {
      store.update({
        ...live,
        metadata: { ...live.metadata, annotations: { ...d.metadata.annotations } },
      });
    }
    this.writeStatus(d);
  }

  /** Writes the Deployment's status (the store skips an unchanged one). */
  writeStatus(d: Deployment): void {
    const store = this.#store;
    const live = store.get<Deployment>('Deployment', d.metadata.name, d.metadata.namespace);
    if (!live) return;
    store.updateStatus({ ...live, status: structuredClone(d.status ?? {}) });
  }

  /** Scales `rs` to `newScale` if it differs, recording "Scaled up/down" (scaleReplicaSetAndRecordEvent). */
  scaleReplicaSetAndRecordEvent(
    rs: ReplicaSet,
    newScale: number,
    d: Deployment,
  ): { scaled: boolean; rs: ReplicaSet } {
    const current = replicasOf(rs);
    if (current === newScale) return { scaled: false, rs };
    return this.scaleReplicaSet(rs, newScale, d, current < newScale ? 'up' : 'down');
  }

  /** Sets spec.replicas and the replica annotations; an event when the size changed (scaleReplicaSet). */
  scaleReplicaSet(
    rs: ReplicaSet,
    newScale: number,
    d: Deployment,
    operation: string,
  ): { scaled: boolean; rs: ReplicaSet } {
    const oldScale = replicasOf(rs);
    const sizeNeedsUpdate = oldScale !== newScale;
    const desired = replicasOf(d);
    const max = desired + maxSurge(d);
    if (!sizeNeedsUpdate && !replicasAnnotationsNeedUpdate(rs, desired, max))
      return { scaled: false, rs };
    const rsCopy = structuredClone(rs);
    if (rsCopy.spec) rsCopy.spec.replicas = newScale;
    setReplicasAnnotations(rsCopy, desired, max);
    const updated = this.#store.update(rsCopy);
    if (sizeNeedsUpdate) {
      this.#event(
        d,
        'Normal',
        'ScalingReplicaSet',
        `Scaled ${operation} replica set ${rs.metadata.name} from ${oldScale} to ${newScale}`,
      );
    }
    return { scaled: sizeNeedsUpdate, rs: updated };
  }

  /**
   * A scaling event (or a paused Deployment): the only active ReplicaSet takes the new size; a
   * saturated new one lets the old ones go to zero; otherwise the extra (or missing) replicas
   * are spread over the active ReplicaSets by their share (scale in sync.go).
   */
  scale(d: Deployment, newRS: ReplicaSet | undefined, oldRSs: ReplicaSet[]): void {
    const replicas = replicasOf(d);
    const activeOrLatest = findActiveOrLatest(newRS, oldRSs);
    if (activeOrLatest) {
      if (replicasOf(activeOrLatest) !== replicas)
        this.scaleReplicaSetAndRecordEvent(activeOrLatest, replicas, d);
      return;
    }
    if (isSaturated(d, newRS)) {
      for (const old of filterActiveReplicaSets(oldRSs))
        this.scaleReplicaSetAndRecordEvent(old, 0, d);
      return;
    }
    if (!isRollingUpdate(d)) return;
    const allRSs = filterActiveReplicaSets([...oldRSs, newRS]);
    const allRSsReplicas = getReplicaCountForReplicaSets(allRSs);
    const allowedSize = replicas > 0 ? replicas + maxSurge(d) : 0;
    const toAdd = allowedSize - allRSsReplicas;
    let operation = '';
    if (toAdd > 0) {
      allRSs.sort(bySizeNewer);
      operation = 'up';
    } else if (toAdd < 0) {
      allRSs.sort(bySizeOlder);
      operation = 'down';
    }
    let added = 0;
    const sizes = new Map<string, number>();
    for (const rs of allRSs) {
      if (toAdd !== 0) {
        const proportion = getProportion(rs, d, toAdd, added);
        sizes.set(rs.metadata.name, replicasOf(rs) + proportion);
        added += proportion;
      } else {
        sizes.set(rs.metadata.name, replicasOf(rs));
      }
    }
    allRSs.forEach((rs, i) => {
      let size = sizes.get(rs.metadata.name) ?? 0;
      // Leftovers go to the largest ReplicaSet.
      if (i === 0 && toAdd !== 0) size = Math.max(0, size + toAdd - added);
      this.scaleReplicaSet(rs, size, d, operation);
    });
  }

  /**
   * Deletes the oldest ReplicaSets beyond revisionHistoryLimit, but only those fully scaled
   * down and observed (cleanupDeployment).
   */
  cleanupDeployment(oldRSs: readonly ReplicaSet[], d: Deployment): void {
    if (!hasRevisionHistoryLimit(d)) return;
    const cleanable = oldRSs.filter((rs) => !rs.metadata.deletionTimestamp);
    const diff = cleanable.length - (d.spec?.revisionHistoryLimit ?? 10);
    if (diff <= 0) return;
    cleanable.sort(byRevision);
    for (const rs of cleanable.slice(0, diff)) {
      if ((rs.status?.replicas ?? 0) !== 0 || replicasOf(rs) !== 0) continue;
      if ((rs.metadata.generation ?? 1) > (rs.status?.observedGeneration ?? 0)) continue;
      this.#store.delete('ReplicaSet', rs.metadata.name, rs.metadata.namespace);
    }
  }

  /** Status only, no progress estimate (syncDeploymentStatus). */
  syncDeploymentStatus(
    allRSs: readonly (ReplicaSet | undefined)[],
    newRS: ReplicaSet | undefined,
    d: Deployment,
  ): void {
    d.status = calculateStatus(allRSs, newRS, d, this.nowTimestamp());
    this.writeStatus(d);
    this.#scheduleProgressCheck(keyOf(d), undefined);
  }

  /**
   * Status with the Progressing condition: NewReplicaSetAvailable when complete,
   * ReplicaSetUpdated on progress, ProgressDeadlineExceeded past the deadline; ReplicaFailure
   * copied from the ReplicaSets; a progress check scheduled when nothing changed
   * (syncRolloutStatus, requeueStuckDeployment in progress.go).
   */
  syncRolloutStatus(
    allRSs: readonly (ReplicaSet | undefined)[],
    newRS: ReplicaSet | undefined,
    d: Deployment,
  ): void {
    const now = this.nowTimestamp();
    const nowMs = this.nowMs();
    const newStatus = calculateStatus(allRSs, newRS, d, now);
    if (!hasProgressDeadline(d)) removeDeploymentCondition(newStatus, 'Progressing');
    const currentCond = getDeploymentCondition(d.status ?? {}, 'Progressing');
    const isCompleteDeployment =
      newStatus.replicas === newStatus.updatedReplicas &&
      currentCond?.reason === NEW_RS_AVAILABLE_REASON;
    if (hasProgressDeadline(d) && !isCompleteDeployment) {
      const subject = newRS
        ? `ReplicaSet "${newRS.metadata.name}"`
        : `Deployment "${d.metadata.name}"`;
      if (deploymentComplete(d, newStatus)) {
        this.#setProgressing(
          newStatus,
          'True',
          NEW_RS_AVAILABLE_REASON,
          `${subject} has successfully progressed.`,
        );
      } else if (deploymentProgressing(d, newStatus)) {
        const condition = newDeploymentCondition(
          'Progressing',
          'True',
          REPLICA_SET_UPDATED_REASON,
          `${subject} is progressing.`,
          now,
        );
        // Progress refreshes lastUpdateTime even when the reason stays the same.
        if (currentCond?.status === 'True')
          condition.lastTransitionTime = currentCond.lastTransitionTime;
        removeDeploymentCondition(newStatus, 'Progressing');
        setDeploymentCondition(newStatus, condition);
      } else if (deploymentTimedOut(d, newStatus, nowMs)) {
        this.#setProgressing(
          newStatus,
          'False',
          TIMED_OUT_REASON,
          `${subject} has timed out progressing.`,
        );
      }
    }
    const failure = replicaFailure(allRSs, newRS);
    if (failure) setDeploymentCondition(newStatus, failure);
    else removeDeploymentCondition(newStatus, 'ReplicaFailure');

    if (canonicalJson(d.status ?? {}) === canonicalJson(newStatus)) {
      this.#scheduleProgressCheck(keyOf(d), progressCheckDelay(d, newStatus, nowMs));
      return;
    }
    d.status = newStatus;
    this.writeStatus(d);
  }

  /** Progressing=Unknown DeploymentPaused/DeploymentResumed when pausing or resuming (checkPausedConditions). */
  checkPausedConditions(d: Deployment): void {
    if (!hasProgressDeadline(d)) return;
    const cond = getDeploymentCondition(d.status ?? {}, 'Progressing');
    if (cond?.reason === TIMED_OUT_REASON) return;
    const pausedCondExists = cond?.reason === PAUSED_DEPLOY_REASON;
    if (d.spec?.paused && !pausedCondExists) {
      this.#setProgressing(
        (d.status ??= {}),
        'Unknown',
        PAUSED_DEPLOY_REASON,
        'Deployment is paused',
      );
    } else if (!d.spec?.paused && pausedCondExists) {
      this.#setProgressing(
        (d.status ??= {}),
        'Unknown',
        RESUMED_DEPLOY_REASON,
        'Deployment is resumed',
      );
    } else {
      return;
    }
    this.writeStatus(d);
  }

  /** Whether an active ReplicaSet was sized for a different spec.replicas (isScalingEvent). */
  isScalingEvent(d: Deployment, rsList: readonly ReplicaSet[]): boolean {
    const { newRS, oldRSs } = this.getAllReplicaSetsAndSyncRevision(d, rsList, false);
    for (const rs of filterActiveReplicaSets([...oldRSs, newRS])) {
      const desired = getDesiredReplicasAnnotation(rs);
      if (desired !== undefined && desired !== replicasOf(d)) return true;
    }
    return false;
  }

  /** Reconcile a scaling event or a paused Deployment (sync in sync.go). */
  sync(d: Deployment, rsList: readonly ReplicaSet[]): void {
    const { newRS, oldRSs } = this.getAllReplicaSetsAndSyncRevision(d, rsList, false);
    this.scale(d, newRS, oldRSs);
    // Re-read: scale() replaced ReplicaSets in the store.
    const fresh = this.#refresh([...oldRSs, newRS]);
    const freshNew = newRS ? this.#refresh([newRS])[0] : undefined;
    if (d.spec?.paused)
      this.cleanupDeployment(
        fresh.filter((rs) => rs !== freshNew),
        d,
      );
    this.syncDeploymentStatus(fresh, freshNew, d);
  }

  /** Status only, for a Deployment being deleted (syncStatusOnly). */
  syncStatusOnly(d: Deployment, rsList: readonly ReplicaSet[]): void {
    const { newRS, oldRSs } = this.getAllReplicaSetsAndSyncRevision(d, rsList, false);
    this.syncDeploymentStatus([...oldRSs, newRS], newRS, d);
  }

  /** The store's current version of each ReplicaSet (dropping deleted ones). */
  #refresh(rss: readonly (ReplicaSet | undefined)[]): ReplicaSet[] {
    const out: ReplicaSet[] = [];
    for (const rs of rss) {
      if (!rs) continue;
      const live = this.#store.get<ReplicaSet>(
        'ReplicaSet',
        rs.metadata.name,
        rs.metadata.namespace,
      );
      if (live) out.push(live);
    }
    return out;
  }

  /** The store's current version of one ReplicaSet. */
  refresh(rs: ReplicaSet | undefined): ReplicaSet | undefined {
    return rs ? this.#refresh([rs])[0] : undefined;
  }
}

/** The new ReplicaSet's ReplicaFailure, else any old one's, as a Deployment condition (getReplicaFailures). */
function replicaFailure(
  allRSs: readonly (ReplicaSet | undefined)[],
  newRS: ReplicaSet | undefined,
): Condition | undefined {
  for (const rs of [newRS, ...allRSs]) {
    const c = rs?.status?.conditions?.find((cond) => cond.type === 'ReplicaFailure');
    if (c) {
      return {
        type: 'ReplicaFailure',
        status: c.status,
        lastTransitionTime: c.lastTransitionTime,
        lastUpdateTime: c.lastTransitionTime,
        reason: c.reason,
        message: c.message,
      };
    }
  }
  return undefined;
}
