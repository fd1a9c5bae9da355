/**
 * @module
 * The Deployment controller's arithmetic, after pkg/controller/deployment/util/deployment_util.go
 * and intstr.GetScaledValueFromIntOrPercent: pure functions with Kubernetes' names, no store and
 * no clock (the caller passes `now` as an RFC 3339 timestamp).
 */
import type { Condition, Deployment, DeploymentStatus, PodTemplateSpec, ReplicaSet } from '../api';
import { canonicalJson, POD_TEMPLATE_HASH_LABEL } from './pod-template-hash';

/** Rollout sequence number of a ReplicaSet, copied to its Deployment (RevisionAnnotation). */
export const REVISION_ANNOTATION = 'deployment.kubernetes.io/revision';
/** Earlier revisions a ReplicaSet served, when a rollback reused it (RevisionHistoryAnnotation). */
export const REVISION_HISTORY_ANNOTATION = 'deployment.kubernetes.io/revision-history';
/** spec.replicas of the Deployment when the ReplicaSet was last scaled (DesiredReplicasAnnotation). */
export const DESIRED_REPLICAS_ANNOTATION = 'deployment.kubernetes.io/desired-replicas';
/** spec.replicas + maxSurge at that time (MaxReplicasAnnotation). */
export const MAX_REPLICAS_ANNOTATION = 'deployment.kubernetes.io/max-replicas';
/** kubectl apply's annotation, never copied from a Deployment to its ReplicaSets. */
export const LAST_APPLIED_ANNOTATION = 'kubectl.kubernetes.io/last-applied-configuration';

/** Progressing: a ReplicaSet was scaled as part of the rollout. */
export const REPLICA_SET_UPDATED_REASON = 'ReplicaSetUpdated';
/** Progressing=False: the new ReplicaSet could not be created. */
export const FAILED_RS_CREATE_REASON = 'ReplicaSetCreateError';
/** Progressing: the controller created the new ReplicaSet. */
export const NEW_REPLICA_SET_REASON = 'NewReplicaSetCreated';
/** Progressing: the controller found (adopted) the new ReplicaSet. */
export const FOUND_NEW_RS_REASON = 'FoundNewReplicaSet';
/** Progressing: the rollout is complete. */
export const NEW_RS_AVAILABLE_REASON = 'NewReplicaSetAvailable';
/** Progressing=False: no progress within progressDeadlineSeconds. */
export const TIMED_OUT_REASON = 'ProgressDeadlineExceeded';
/** Progressing=Unknown while paused. */
export const PAUSED_DEPLOY_REASON = 'DeploymentPaused';
/** Progressing=Unknown once resumed. */
export const RESUMED_DEPLOY_REASON = 'DeploymentResumed';
/** Available=True. */
export const MINIMUM_REPLICAS_AVAILABLE = 'MinimumReplicasAvailable';
/** Available=False. */
export const MINIMUM_REPLICAS_UNAVAILABLE = 'MinimumReplicasUnavailable';

/** Annotations a Deployment never passes to its ReplicaSets (annotationsToSkip). */
const ANNOTATIONS_TO_SKIP = new Set([
  LAST_APPLIED_ANNOTATION,
  REVISION_ANNOTATION,
  REVISION_HISTORY_ANNOTATION,
  DESIRED_REPLICAS_ANNOTATION,
  MAX_REPLICAS_ANNOTATION,
  'deprecated.deployment.rollback.to',
]);

/** Longest revision-history annotation kept (the controller's maxRevHistoryLengthInChars). */
const MAX_REV_HISTORY_LENGTH_IN_CHARS = 2000;

/** spec.replicas with the API server's default of 1. */
export function replicasOf(obj: { spec?: { replicas?: number } }): number {
  return obj.spec?.replicas ?? 1;
}

/** A ReplicaSet's spec.replicas (a missing value is 1, as defaulted). */
function rsReplicas(rs: ReplicaSet): number {
  return replicasOf(rs);
}

/**
 * Resolves an int-or-percent against `total` (intstr.GetScaledValueFromIntOrPercent):
 * `('25%', 10, true) → 3`, `('25%', 10, false) → 2`, `(1, 10, *) → 1`.
 * Throws on a string that is not a percentage, as Kubernetes returns an error.
 */
export function getValueFromIntOrPercent(
  value: number | string | undefined,
  total: number,
  roundUp: boolean,
): number {
  if (value === undefined) return 0;
  if (typeof value === 'number') return value;
  const match = /^(-?\d+)%$/.exec(value);
  if (!match)
    throw new Error(
      `invalid value for IntOrString: invalid type: string is not a percentage (got ${value})`,
    );
  const scaled = (Number(match[1]) * total) / 100;
  return roundUp ? Math.ceil(scaled) : Math.floor(scaled);
}

/**
 * Resolves maxSurge (rounded up) and maxUnavailable (rounded down) together
 * (ResolveFenceposts). When both come to zero, maxUnavailable becomes 1 "on the theory that
 * surge might not work due to quota". Examples: `('25%','25%',10) → {surge:3, unavailable:2}`,
 * `('25%','25%',1) → {surge:1, unavailable:0}`, `('0%','0%',3) → {surge:0, unavailable:1}`.
 */
export function resolveFenceposts(
  maxSurge: number | string | undefined,
  maxUnavailable: number | string | undefined,
  desired: number,
): { surge: number; unavailable: number } {
  const surge = getValueFromIntOrPercent(maxSurge ?? 0, desired, true);
  let unavailable = getValueFromIntOrPercent(maxUnavailable ?? 0, desired, false);
  if (surge === 0 && unavailable === 0) unavailable = 1;
  return { surge, unavailable };
}

/** True for the RollingUpdate strategy (the default when none is given). */
export function isRollingUpdate(d: Deployment): boolean {
  return (d.spec?.strategy?.type ?? 'RollingUpdate') === 'RollingUpdate';
}

function fenceposts(d: Deployment): { surge: number; unavailable: number } {
  const rolling = d.spec?.strategy?.rollingUpdate;
  return resolveFenceposts(
    rolling?.maxSurge ?? '25%',
    rolling?.maxUnavailable ?? '25%',
    replicasOf(d),
  );
}

/** Most pods a rolling Deployment may have unavailable; 0 for Recreate or 0 replicas (MaxUnavailable). */
export function maxUnavailable(d: Deployment): number {
  const replicas = replicasOf(d);
  if (!isRollingUpdate(d) || replicas === 0) return 0;
  return Math.min(fenceposts(d).unavailable, replicas);
}

/** Most pods a rolling Deployment may run above spec.replicas; 0 for Recreate (MaxSurge). */
export function maxSurge(d: Deployment): number {
  if (!isRollingUpdate(d)) return 0;
  return fenceposts(d).surge;
}

/** spec.replicas − maxUnavailable for a rolling Deployment, else 0 (MinAvailable). */
export function minAvailable(d: Deployment): number {
  if (!isRollingUpdate(d)) return 0;
  return replicasOf(d) - maxUnavailable(d);
}

/** Sum of spec.replicas (GetReplicaCountForReplicaSets). */
export function getReplicaCountForReplicaSets(rss: readonly (ReplicaSet | undefined)[]): number {
  return rss.reduce((sum, rs) => sum + (rs ? rsReplicas(rs) : 0), 0);
}

/** Sum of status.replicas (GetActualReplicaCountForReplicaSets). */
export function getActualReplicaCountForReplicaSets(
  rss: readonly (ReplicaSet | undefined)[],
): number {
  return rss.reduce((sum, rs) => sum + (rs?.status?.replicas ?? 0), 0);
}

/** Sum of status.readyReplicas (GetReadyReplicaCountForReplicaSets). */
export function getReadyReplicaCountForReplicaSets(
  rss: readonly (ReplicaSet | undefined)[],
): number {
  return rss.reduce((sum, rs) => sum + (rs?.status?.readyReplicas ?? 0), 0);
}

/** Sum of status.availableReplicas (GetAvailableReplicaCountForReplicaSets). */
export function getAvailableReplicaCountForReplicaSets(
  rss: readonly (ReplicaSet | undefined)[],
): number {
  return rss.reduce((sum, rs) => sum + (rs?.status?.availableReplicas ?? 0), 0);
}

/**
 * The new ReplicaSet's size on a rolling step (NewRSNewReplicas): grow towards spec.replicas
 * while all ReplicaSets together stay within spec.replicas + maxSurge. Recreate: spec.replicas.
 * Example: 10 replicas, surge 3, old RS at 10, new at 0 → 3.
 */
export function newRSNewReplicas(
  d: Deployment,
  allRSs: readonly ReplicaSet[],
  newRS: ReplicaSet,
): number {
  const replicas = replicasOf(d);
  if (!isRollingUpdate(d)) return replicas;
  const surge = getValueFromIntOrPercent(
    d.spec?.strategy?.rollingUpdate?.maxSurge ?? '25%',
    replicas,
    true,
  );
  const currentPodCount = getReplicaCountForReplicaSets(allRSs);
  const maxTotalPods = replicas + surge;
  if (currentPodCount >= maxTotalPods) return rsReplicas(newRS);
  const scaleUpCount = Math.min(maxTotalPods - currentPodCount, replicas - rsReplicas(newRS));
  return rsReplicas(newRS) + scaleUpCount;
}

/**
 * All desired replicas updated and available, no old pods left, and this generation observed
 * (DeploymentComplete).
 */
export function deploymentComplete(d: Deployment, status: DeploymentStatus): boolean {
  const replicas = replicasOf(d);
  return (
    (status.updatedReplicas ?? 0) === replicas &&
    (status.replicas ?? 0) === replicas &&
    (status.availableReplicas ?? 0) === replicas &&
    (status.observedGeneration ?? 0) >= (d.metadata.generation ?? 1)
  );
}

/**
 * Whether `newStatus` shows progress over the Deployment's current status: more updated, fewer
 * old, more ready or more available pods (DeploymentProgressing).
 */
export function deploymentProgressing(d: Deployment, newStatus: DeploymentStatus): boolean {
  const old = d.status ?? {};
  const oldOld = (old.replicas ?? 0) - (old.updatedReplicas ?? 0);
  const newOld = (newStatus.replicas ?? 0) - (newStatus.updatedReplicas ?? 0);
  return (
    (newStatus.updatedReplicas ?? 0) > (old.updatedReplicas ?? 0) ||
    newOld < oldOld ||
    (newStatus.readyReplicas ?? 0) > (old.readyReplicas ?? 0) ||
    (newStatus.availableReplicas ?? 0) > (old.availableReplicas ?? 0)
  );
}

/** True unless progressDeadlineSeconds is unset or MaxInt32 (HasProgressDeadline). */
export function hasProgressDeadline(d: Deployment): boolean {
  const deadline = d.spec?.progressDeadlineSeconds;
  return deadline !== undefined && deadline !== 2147483647;
}

/** True unless revisionHistoryLimit is unset or MaxInt32 (HasRevisionHistoryLimit). */
export function hasRevisionHistoryLimit(d: Deployment): boolean {
  const limit = d.spec?.revisionHistoryLimit;
  return limit !== undefined && limit !== 2147483647;
}

/**
 * Whether the Progressing condition in `newStatus` was last updated more than
 * progressDeadlineSeconds before `nowMs` (DeploymentTimedOut). A completed rollout never times
 * out; one already timed out stays so.
 */
export function deploymentTimedOut(
  d: Deployment,
  newStatus: DeploymentStatus,
  nowMs: number,
): boolean {
  if (!hasProgressDeadline(d)) return false;
  const condition = getDeploymentCondition(newStatus, 'Progressing');
  if (!condition) return false;
  if (condition.reason === NEW_RS_AVAILABLE_REASON) return false;
  if (condition.reason === TIMED_OUT_REASON) return true;
  const from = condition.lastUpdateTime ? Date.parse(condition.lastUpdateTime) : nowMs;
  return from + (d.spec?.progressDeadlineSeconds ?? 0) * 1000 < nowMs;
}

/**
 * Seconds until the next progress check, or undefined when none is needed
 * (requeueStuckDeployment in progress.go; Kubernetes adds one second "to avoid milliseconds skew").
 */
export function progressCheckDelay(
  d: Deployment,
  newStatus: DeploymentStatus,
  nowMs: number,
): number | undefined {
  const current = getDeploymentCondition(d.status ?? {}, 'Progressing');
  if (!hasProgressDeadline(d) || !current) return undefined;
  if (deploymentComplete(d, newStatus) || current.reason === TIMED_OUT_REASON) return undefined;
  const from = current.lastUpdateTime ? Date.parse(current.lastUpdateTime) : nowMs;
  const after = (from + (d.spec?.progressDeadlineSeconds ?? 0) * 1000 - nowMs) / 1000;
  // Kubernetes re-queues rate-limited when under a second is left; one second later is the
  // same answer in virtual time and cannot spin at one instant.
  return Math.max(after, 0) + 1;
}

/**
 * The new ReplicaSet is at full size, believes so too (desired-replicas annotation), and all
 * its pods are available (IsSaturated).
 */
export function isSaturated(d: Deployment, rs: ReplicaSet | undefined): boolean {
  if (!rs) return false;
  const desired = getIntAnnotation(rs, DESIRED_REPLICAS_ANNOTATION);
  const replicas = replicasOf(d);
  return (
    rsReplicas(rs) === replicas &&
    desired === replicas &&
    (rs.status?.availableReplicas ?? 0) === replicas
  );
}

function getIntAnnotation(rs: ReplicaSet, key: string): number | undefined {
  const text = rs.metadata.annotations?.[key];
  if (text === undefined || !/^-?\d+$/.test(text)) return undefined;
  return Number(text);
}

/** The desired-replicas annotation, if it parses (GetDesiredReplicasAnnotation). */
export function getDesiredReplicasAnnotation(rs: ReplicaSet): number | undefined {
  return getIntAnnotation(rs, DESIRED_REPLICAS_ANNOTATION);
}

/** Sets desired-replicas and max-replicas; true when they changed (SetReplicasAnnotations). */
export function setReplicasAnnotations(rs: ReplicaSet, desired: number, max: number): boolean {
  const annotations = (rs.metadata.annotations ??= {});
  let updated = false;
  if (annotations[DESIRED_REPLICAS_ANNOTATION] !== String(desired)) {
    annotations[DESIRED_REPLICAS_ANNOTATION] = String(desired);
    updated = true;
  }
  if (annotations[MAX_REPLICAS_ANNOTATION] !== String(max)) {
    annotations[MAX_REPLICAS_ANNOTATION] = String(max);
    updated = true;
  }
  return updated;
}

/** Whether setReplicasAnnotations would change anything (ReplicasAnnotationsNeedUpdate). */
export function replicasAnnotationsNeedUpdate(
  rs: ReplicaSet,
  desired: number,
  max: number,
): boolean {
  const annotations = rs.metadata.annotations ?? {};
  return (
    annotations[DESIRED_REPLICAS_ANNOTATION] !== String(desired) ||
    annotations[MAX_REPLICAS_ANNOTATION] !== String(max)
  );
}

/**
 * How many replicas this ReplicaSet gains (or loses) when a rolling Deployment is scaled
 * mid-rollout: its share of the new size, by its max-replicas annotation
 * (getReplicaSetFraction). Example: an RS of 5 annotated max 10, Deployment now 20 + 0 → +5.
 */
export function getReplicaSetFraction(rs: ReplicaSet, d: Deployment): number {
  if (replicasOf(d) === 0) return -rsReplicas(rs);
  const deploymentReplicas = replicasOf(d) + maxSurge(d);
  const annotated = getIntAnnotation(rs, MAX_REPLICAS_ANNOTATION) ?? d.status?.replicas ?? 0;
  if (annotated === 0) return 0;
  // integer.RoundToInt32 rounds half away from zero.
  const newSize = (rsReplicas(rs) * deploymentReplicas) / annotated;
  return Math.sign(newSize) * Math.round(Math.abs(newSize)) - rsReplicas(rs);
}

/** The replicas to add to (or remove from) `rs` in a proportional scale (GetProportion). */
export function getProportion(
  rs: ReplicaSet | undefined,
  d: Deployment,
  toAdd: number,
  added: number,
): number {
  if (!rs || rsReplicas(rs) === 0 || toAdd === 0 || toAdd === added) return 0;
  const fraction = getReplicaSetFraction(rs, d);
  const allowed = toAdd - added;
  return toAdd > 0 ? Math.min(fraction, allowed) : Math.max(fraction, allowed);
}

/** ReplicaSets that have, or ought to have, pods (FilterActiveReplicaSets). */
export function filterActiveReplicaSets(rss: readonly (ReplicaSet | undefined)[]): ReplicaSet[] {
  return rss.filter((rs): rs is ReplicaSet => rs !== undefined && rsReplicas(rs) > 0);
}

function created(obj: { metadata: { creationTimestamp?: string } }): number {
  return Date.parse(obj.metadata.creationTimestamp ?? '') || 0;
}

/** Oldest first, names breaking ties (ReplicaSetsByCreationTimestamp). */
export function byCreationTimestamp(a: ReplicaSet, b: ReplicaSet): number {
  return (
    created(a) - created(b) ||
    (a.metadata.name < b.metadata.name ? -1 : a.metadata.name > b.metadata.name ? 1 : 0)
  );
}

/** Largest first, then oldest first (ReplicaSetsBySizeOlder). */
export function bySizeOlder(a: ReplicaSet, b: ReplicaSet): number {
  return rsReplicas(b) - rsReplicas(a) || byCreationTimestamp(a, b);
}

/** Largest first, then newest first (ReplicaSetsBySizeNewer). */
export function bySizeNewer(a: ReplicaSet, b: ReplicaSet): number {
  return rsReplicas(b) - rsReplicas(a) || byCreationTimestamp(b, a);
}

/** Lowest revision first, then oldest first (ReplicaSetsByRevision). */
export function byRevision(a: ReplicaSet, b: ReplicaSet): number {
  return revision(a) - revision(b) || byCreationTimestamp(a, b);
}

/** The revision annotation as a number; 0 when absent or unparsable (Revision). */
export function revision(obj: { metadata: { annotations?: Record<string, string> } }): number {
  const text = obj.metadata.annotations?.[REVISION_ANNOTATION];
  return text !== undefined && /^\d+$/.test(text) ? Number(text) : 0;
}

/** Highest revision among the ReplicaSets (MaxRevision). */
export function maxRevision(rss: readonly ReplicaSet[]): number {
  return rss.reduce((max, rs) => Math.max(max, revision(rs)), 0);
}

/** Second-highest revision: the one `rollout undo` goes back to (LastRevision). */
export function lastRevision(rss: readonly ReplicaSet[]): number {
  let max = 0;
  let secMax = 0;
  for (const rs of rss) {
    const v = revision(rs);
    if (v >= max) {
      secMax = max;
      max = v;
    } else if (v > secMax) {
      secMax = v;
    }
  }
  return secMax;
}

/**
 * Canonical text of a template without its pod-template-hash label. Stored objects never
 * change, so the text is cached per template object: Deployments compare templates on
 * every sync.
 */
const templateKeys = new WeakMap<PodTemplateSpec, string>();
function templateKey(template: PodTemplateSpec | undefined): string {
  if (!template) return '';
  let key = templateKeys.get(template);
  if (key === undefined) {
    const labels = { ...template.metadata?.labels };
    delete labels[POD_TEMPLATE_HASH_LABEL];
    key = canonicalJson({ ...template, metadata: { ...template.metadata, labels } });
    templateKeys.set(template, key);
  }
  return key;
}

/** Templates equal apart from the pod-template-hash label (EqualIgnoreHash). */
export function equalIgnoreHash(
  a: PodTemplateSpec | undefined,
  b: PodTemplateSpec | undefined,
): boolean {
  return templateKey(a) === templateKey(b);
}

/** The oldest ReplicaSet whose template equals the Deployment's (FindNewReplicaSet). */
export function findNewReplicaSet(
  d: Deployment,
  rsList: readonly ReplicaSet[],
): ReplicaSet | undefined {
  const template = d.spec?.template;
  return [...rsList]
    .sort(byCreationTimestamp)
    .find((rs) => equalIgnoreHash(rs.spec?.template, template));
}

/** Every ReplicaSet but the new one (FindOldReplicaSets' allOldRSs). */
export function findOldReplicaSets(d: Deployment, rsList: readonly ReplicaSet[]): ReplicaSet[] {
  const newRS = findNewReplicaSet(d, rsList);
  return newRS ? rsList.filter((rs) => rs.metadata.uid !== newRS.metadata.uid) : [...rsList];
}

/**
 * The only active ReplicaSet, or the newest when none is active; undefined when several are
 * active and must be scaled proportionally (FindActiveOrLatest).
 */
export function findActiveOrLatest(
  newRS: ReplicaSet | undefined,
  oldRSs: readonly ReplicaSet[],
): ReplicaSet | undefined {
  if (!newRS && oldRSs.length === 0) return undefined;
  const sortedOld = [...oldRSs].sort((a, b) => byCreationTimestamp(b, a));
  const active = filterActiveReplicaSets([...sortedOld, newRS]);
  if (active.length === 0) return newRS ?? sortedOld[0];
  if (active.length === 1) return active[0];
  return undefined;
}

/**
 * Copies the Deployment's annotations (but not the skipped ones) to the new ReplicaSet, raises
 * its revision to `newRevision` keeping the old one in revision-history, and on creation sets
 * the replica annotations; true when anything changed (SetNewReplicaSetAnnotations).
 */
export function setNewReplicaSetAnnotations(
  d: Deployment,
  rs: ReplicaSet,
  newRevision: number,
  exists: boolean,
): boolean {
  const annotations = (rs.metadata.annotations ??= {});
  let changed = false;
  for (const [key, value] of Object.entries(d.metadata.annotations ?? {})) {
    if (ANNOTATIONS_TO_SKIP.has(key) || annotations[key] === value) continue;
    annotations[key] = value;
    changed = true;
  }
  const oldText = annotations[REVISION_ANNOTATION];
  if (oldText !== undefined && !/^\d+$/.test(oldText)) return false;
  const oldRevision = oldText === undefined ? 0 : Number(oldText);
  if (oldRevision < newRevision) {
    annotations[REVISION_ANNOTATION] = String(newRevision);
    changed = true;
    if (oldText !== undefined) {
      const history = annotations[REVISION_HISTORY_ANNOTATION];
      const next = history ? `${history},${oldText}` : oldText;
      if (next.length <= MAX_REV_HISTORY_LENGTH_IN_CHARS) {
        annotations[REVISION_HISTORY_ANNOTATION] = next;
      }
    }
  }
  if (!exists && setReplicasAnnotations(rs, replicasOf(d), replicasOf(d) + maxSurge(d))) {
    changed = true;
  }
  return changed;
}

/** Sets the Deployment's revision annotation; true when it changed (SetDeploymentRevision). */
export function setDeploymentRevision(d: Deployment, rev: string): boolean {
  const annotations = (d.metadata.annotations ??= {});
  if (annotations[REVISION_ANNOTATION] === rev) return false;
  annotations[REVISION_ANNOTATION] = rev;
  return true;
}

/**
 * Replaces the Deployment's annotations with the rollback target's, keeping the skipped ones
 * (SetDeploymentAnnotationsTo).
 */
export function setDeploymentAnnotationsTo(d: Deployment, rollbackTo: ReplicaSet): void {
  const kept: Record<string, string> = {};
  for (const [key, value] of Object.entries(d.metadata.annotations ?? {})) {
    if (ANNOTATIONS_TO_SKIP.has(key)) kept[key] = value;
  }
  for (const [key, value] of Object.entries(rollbackTo.metadata.annotations ?? {})) {
    if (!ANNOTATIONS_TO_SKIP.has(key)) kept[key] = value;
  }
  d.metadata.annotations = kept;
}

/** A Deployment condition stamped `now` (NewDeploymentCondition). */
export function newDeploymentCondition(
  type: string,
  status: Condition['status'],
  reason: string,
  message: string,
  now: string,
): Condition {
  return { type, status, lastUpdateTime: now, lastTransitionTime: now, reason, message };
}

/** The condition of that type, if any (GetDeploymentCondition). */
export function getDeploymentCondition(
  status: { conditions?: Condition[] },
  type: string,
): Condition | undefined {
  return status.conditions?.find((c) => c.type === type);
}

/**
 * Adds or replaces a condition; a condition with the same status and reason is left alone, and
 * lastTransitionTime survives when only the reason changes (SetDeploymentCondition).
 */
export function setDeploymentCondition(
  status: { conditions?: Condition[] },
  condition: Condition,
): void {
  const current = getDeploymentCondition(status, condition.type);
  if (current && current.status === condition.status && current.reason === condition.reason) return;
  const next = { ...condition };
  if (current && current.status === condition.status)
    next.lastTransitionTime = current.lastTransitionTime;
  status.conditions = [...(status.conditions ?? []).filter((c) => c.type !== condition.type), next];
}

/** Drops the condition of that type (RemoveDeploymentCondition). */
export function removeDeploymentCondition(
  status: { conditions?: Condition[] },
  type: string,
): void {
  const kept = (status.conditions ?? []).filter((c) => c.type !== type);
  if (kept.length > 0) status.conditions = kept;
  else delete status.conditions;
}

/**
 * The Deployment's status from its ReplicaSets, with the Available condition
 * (calculateStatus in sync.go). Other conditions are carried over.
 */
export function calculateStatus(
  allRSs: readonly (ReplicaSet | undefined)[],
  newRS: ReplicaSet | undefined,
  d: Deployment,
  now: string,
): DeploymentStatus {
  const availableReplicas = getAvailableReplicaCountForReplicaSets(allRSs);
  const totalReplicas = getReplicaCountForReplicaSets(allRSs);
  const status: DeploymentStatus = {
    observedGeneration: d.metadata.generation ?? 1,
    replicas: getActualReplicaCountForReplicaSets(allRSs),
    updatedReplicas: getActualReplicaCountForReplicaSets([newRS]),
    readyReplicas: getReadyReplicaCountForReplicaSets(allRSs),
    availableReplicas,
    unavailableReplicas: Math.max(0, totalReplicas - availableReplicas),
  };
  if (d.status?.collisionCount !== undefined) status.collisionCount = d.status.collisionCount;
  if (d.status?.conditions) status.conditions = d.status.conditions.map((c) => ({ ...c }));
  if (availableReplicas >= replicasOf(d) - maxUnavailable(d)) {
    setDeploymentCondition(
      status,
      newDeploymentCondition(
        'Available',
        'True',
        MINIMUM_REPLICAS_AVAILABLE,
        'Deployment has minimum availability.',
        now,
      ),
    );
  } else {
    setDeploymentCondition(
      status,
      newDeploymentCondition(
        'Available',
        'False',
        MINIMUM_REPLICAS_UNAVAILABLE,
        'Deployment does not have minimum availability.',
        now,
      ),
    );
  }
  return status;
}
