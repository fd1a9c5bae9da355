/**
 * @module
 * Pure helpers of the StatefulSet controller, after kubernetes
 * pkg/controller/statefulset/stateful_set_utils.go: ordinals and names (`getOrdinal`,
 * `getPodName`, `getPersistentVolumeClaimName`), the pod for an ordinal with its stable
 * identity and storage (`newVersionedStatefulSetPod`, `initIdentity`, `updateStorage`), the
 * claims of a pod (`getPersistentVolumeClaims`), the claim owner references the retention
 * policy asks for (`updateClaimOwnerRefForSetAndPod`), pod health (`isRunningAndReady`,
 * `isHealthy`) and the replica counts of the status (`computeReplicaStatus`).
 */
import type { OwnerReference } from '../types';
import type { Pod, PodTemplateSpec, Volume } from '../api';
import type { PersistentVolumeClaim } from '../storage/api';
import { isPodAvailable, isPodReady } from './replicaset-util';
import { podTemplateHash } from './pod-template-hash';
import type { StatefulSet, StatefulSetStatus, VolumeClaimTemplate } from './statefulset-api';

/** The pod's name label (apps.StatefulSetPodNameLabel). */
export const POD_NAME_LABEL = 'statefulset.kubernetes.io/pod-name';
/** The pod's ordinal label (apps.PodIndexLabel). */
export const POD_INDEX_LABEL = 'apps.kubernetes.io/pod-index';
/** The revision a pod was made from (apps.StatefulSetRevisionLabel = ControllerRevisionHashLabelKey). */
export const REVISION_LABEL = 'controller-revision-hash';

/** `<set>-<ordinal>` (getPodName). */
export function podName(set: StatefulSet, ordinal: number): string {
  return `${set.metadata.name}-${ordinal}`;
}

/** `<claim template>-<set>-<ordinal>` (getPersistentVolumeClaimName). */
export function claimName(
  set: StatefulSet,
  template: VolumeClaimTemplate,
  ordinal: number,
): string {
  return `${template.metadata.name}-${set.metadata.name}-${ordinal}`;
}

/**
 * The ordinal in a pod's name when it is `<set>-<n>`, else -1 (getParentNameAndOrdinal).
 *
 * ordinalOf('db', 'db-2') === 2; ordinalOf('db', 'db-x') === -1; ordinalOf('db', 'dbx-1') === -1
 */
export function ordinalOf(setName: string, pod: string): number {
  if (!pod.startsWith(`${setName}-`)) return -1;
  const rest = pod.slice(setName.length + 1);
  return /^(0|[1-9]\d*)$/.test(rest) ? Number(rest) : -1;
}

/** The first ordinal (spec.ordinals.start, 0 by default). */
export function startOrdinal(set: StatefulSet): number {
  return set.spec?.ordinals?.start ?? 0;
}

/** spec.replicas, 1 when unset. */
export function replicasOf(set: StatefulSet): number {
  return set.spec?.replicas ?? 1;
}

/** The revision name for a template: `<set>-<hash>` (ControllerRevisionName + ComputeHash). */
export function revisionName(set: StatefulSet, template: PodTemplateSpec): string {
  return `${set.metadata.name}-${podTemplateHash(template)}`;
}

/** The revision a pod was created from ('' when unlabelled). */
export function podRevision(pod: Pod): string {
  return pod.metadata.labels?.[REVISION_LABEL] ?? '';
}

/** The controller reference a StatefulSet puts on its pods. */
export function setRef(set: StatefulSet): OwnerReference {
  return {
    apiVersion: 'apps/v1',
    kind: 'StatefulSet',
    name: set.metadata.name,
    uid: set.metadata.uid ?? '',
    controller: true,
    blockOwnerDeletion: true,
  };
}

/** The claims a pod of `ordinal` uses, by template name (getPersistentVolumeClaims). */
export function claimsForOrdinal(set: StatefulSet, ordinal: number): PersistentVolumeClaim[] {
  const matchLabels = set.spec?.selector.matchLabels ?? {};
  return (set.spec?.volumeClaimTemplates ?? []).map((template) => ({
    apiVersion: 'v1',
    kind: 'PersistentVolumeClaim',
    metadata: {
      name: claimName(set, template, ordinal),
      namespace: set.metadata.namespace ?? 'default',
      labels: { ...(template.metadata.labels ?? {}), ...matchLabels },
      ...(template.metadata.annotations
        ? { annotations: { ...template.metadata.annotations } }
        : {}),
    },
    spec: structuredClone(template.spec ?? {}),
  }));
}

/**
 * The pod for `ordinal` from `template` (newStatefulSetPod + initIdentity + updateStorage):
 * name, hostname and subdomain, the pod-name/pod-index/revision labels, and one
 * persistentVolumeClaim volume per claim template, replacing a template volume of that name.
 */
export function newStatefulSetPod(
  set: StatefulSet,
  template: PodTemplateSpec,
  revision: string,
  ordinal: number,
): Pod {
  const name = podName(set, ordinal);
  const spec = structuredClone(template.spec);
  spec.hostname = name;
  if (set.spec?.serviceName) spec.subdomain = set.spec.serviceName;
  const claimVolumes: Volume[] = (set.spec?.volumeClaimTemplates ?? []).map((t) => ({
    name: t.metadata.name,
    persistentVolumeClaim: { claimName: claimName(set, t, ordinal) },
  }));
  if (claimVolumes.length > 0) {
    const names = new Set(claimVolumes.map((v) => v.name));
    spec.volumes = [...(spec.volumes ?? []).filter((v) => !names.has(v.name)), ...claimVolumes];
  }
  const metadata: Pod['metadata'] = {
    name,
    namespace: set.metadata.namespace ?? 'default',
    labels: {
      ...(template.metadata?.labels ?? {}),
      [POD_NAME_LABEL]: name,
      [POD_INDEX_LABEL]: String(ordinal),
      [REVISION_LABEL]: revision,
    },
    ownerReferences: [setRef(set)],
  };
  if (template.metadata?.annotations) metadata.annotations = { ...template.metadata.annotations };
  return { apiVersion: 'v1', kind: 'Pod', metadata, spec };
}

/** Running and Ready (isRunningAndReady). */
export function isRunningAndReady(pod: Pod): boolean {
  return pod.status?.phase === 'Running' && isPodReady(pod);
}

/** Running, Ready and available for minReadySeconds at `nowMs` (isRunningAndAvailable). */
export function isRunningAndAvailable(pod: Pod, minReadySeconds: number, nowMs: number): boolean {
  return pod.status?.phase === 'Running' && isPodAvailable(pod, minReadySeconds, nowMs);
}

/** Being deleted (isTerminating). */
export function isTerminating(pod: Pod): boolean {
  return pod.metadata.deletionTimestamp !== undefined;
}

/** Running, Ready and not terminating (isHealthy). */
export function isHealthy(pod: Pod): boolean {
  return isRunningAndReady(pod) && !isTerminating(pod);
}

/** Finished: Failed or Succeeded (isFailed / isSucceeded): the controller recreates it. */
export function isFinished(pod: Pod): boolean {
  return pod.status?.phase === 'Failed' || pod.status?.phase === 'Succeeded';
}

function withoutRef(refs: OwnerReference[], uid: string | undefined): OwnerReference[] {
  return refs.filter((r) => r.uid !== uid);
}

function withRef(refs: OwnerReference[], ref: OwnerReference): OwnerReference[] {
  return refs.some((r) => r.uid === ref.uid) ? refs : [...refs, ref];
}

/**
 * The owner references a claim should carry under the retention policy
 * (updateClaimOwnerRefForSetAndPod): `whenDeleted: Delete` makes the set an owner (the garbage
 * collector deletes the claim with the set); `whenScaled: Delete` makes a scaled-down pod the
 * owner instead (the claim goes with the pod). Retain/Retain: no owner, the claim stays.
 */
export function claimOwnerRefs(
  existing: readonly OwnerReference[],
  set: StatefulSet,
  pod: Pod | undefined,
  scaledDown: boolean,
): OwnerReference[] {
  const policy = set.spec?.persistentVolumeClaimRetentionPolicy ?? {};
  const whenDeleted = policy.whenDeleted ?? 'Retain';
  const whenScaled = policy.whenScaled ?? 'Retain';
  const ownerOfSet: OwnerReference = { ...setRef(set), controller: undefined };
  delete ownerOfSet.controller;
  const podUid = pod?.metadata.uid;
  let refs = [...existing];
  const podOwns = whenScaled === 'Delete' && scaledDown && pod !== undefined && !!podUid;
  const setOwns = whenDeleted === 'Delete' && !podOwns;
  refs = setOwns ? withRef(refs, ownerOfSet) : withoutRef(refs, set.metadata.uid);
  if (podOwns && pod) {
    refs = withRef(refs, {
      apiVersion: 'v1',
      kind: 'Pod',
      name: pod.metadata.name,
      uid: podUid,
    });
  } else if (podUid) {
    refs = withoutRef(refs, podUid);
  }
  return refs;
}

/** The replica counts of the status from the set's pods (computeReplicaStatus). */
export function computeReplicaStatus(
  pods: readonly Pod[],
  minReadySeconds: number,
  nowMs: number,
  currentRevision: string,
  updateRevision: string,
): Pick<
  StatefulSetStatus,
  'replicas' | 'readyReplicas' | 'availableReplicas' | 'currentReplicas' | 'updatedReplicas'
> {
  let replicas = 0;
  let ready = 0;
  let available = 0;
  let current = 0;
  let updated = 0;
  for (const pod of pods) {
    replicas++;
    if (isRunningAndReady(pod)) {
      ready++;
      if (isRunningAndAvailable(pod, minReadySeconds, nowMs)) available++;
    }
    if (!isTerminating(pod)) {
      const revision = podRevision(pod);
      if (revision === currentRevision) current++;
      if (revision === updateRevision) updated++;
    }
  }
  return {
    replicas,
    readyReplicas: ready,
    availableReplicas: available,
    currentReplicas: current,
    updatedReplicas: updated,
  };
}
