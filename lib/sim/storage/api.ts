/**
 * @module
 * Typed views of the storage kinds (k8s.io/api/core/v1/types.go PersistentVolume,
 * PersistentVolumeClaim; storage/v1/types.go StorageClass) and the annotations the PV
 * controller and the scheduler exchange through them
 * (k8s.io/component-helpers/storage/volume/helpers.go).
 */
import type { LabelSelector, NodeSelectorTerm } from '../api';
import type { KubeObject } from '../types';

/** An access mode (v1.PersistentVolumeAccessMode). */
export type AccessMode = 'ReadWriteOnce' | 'ReadOnlyMany' | 'ReadWriteMany' | 'ReadWriteOncePod';

/** A reference from a PV to the claim it is bound to (v1.ObjectReference). */
export interface ClaimRef {
  kind?: string;
  apiVersion?: string;
  name: string;
  namespace?: string;
  uid?: string;
  resourceVersion?: string;
}

/** PersistentVolumeClaimSpec. */
export interface PersistentVolumeClaimSpec {
  accessModes?: AccessMode[];
  selector?: LabelSelector;
  resources?: { requests?: Record<string, string | number>; limits?: Record<string, string> };
  volumeName?: string;
  /** `undefined` (nil) means "the default class"; `''` means "no class". */
  storageClassName?: string;
  volumeMode?: 'Filesystem' | 'Block';
}

/** PersistentVolumeClaimStatus. */
export interface PersistentVolumeClaimStatus {
  phase?: 'Pending' | 'Bound' | 'Lost';
  accessModes?: AccessMode[];
  capacity?: Record<string, string>;
}

/** A PersistentVolumeClaim. */
export type PersistentVolumeClaim = KubeObject<
  PersistentVolumeClaimSpec,
  PersistentVolumeClaimStatus
>;

/** PersistentVolumeSpec (only the fields the binder reads; volume sources pass through). */
export interface PersistentVolumeSpec {
  capacity?: Record<string, string | number>;
  accessModes?: AccessMode[];
  claimRef?: ClaimRef;
  persistentVolumeReclaimPolicy?: 'Retain' | 'Delete' | 'Recycle';
  storageClassName?: string;
  volumeMode?: 'Filesystem' | 'Block';
  nodeAffinity?: { required?: { nodeSelectorTerms: NodeSelectorTerm[] } };
  [source: string]: unknown;
}

/** PersistentVolumeStatus. */
export interface PersistentVolumeStatus {
  phase?: 'Pending' | 'Available' | 'Bound' | 'Released' | 'Failed';
  message?: string;
  reason?: string;
}

/** A PersistentVolume (cluster-scoped). */
export type PersistentVolume = KubeObject<PersistentVolumeSpec, PersistentVolumeStatus>;

/** A StorageClass keeps its fields at the top level, as in the real API (no spec). */
export type StorageClass = KubeObject<never, never> & {
  provisioner?: string;
  reclaimPolicy?: 'Retain' | 'Delete';
  volumeBindingMode?: 'Immediate' | 'WaitForFirstConsumer';
  allowedTopologies?: { matchLabelExpressions?: { key: string; values: string[] }[] }[];
  parameters?: Record<string, string>;
};

/** The claim has been fully bound by the PV controller (AnnBindCompleted). */
export const ANN_BIND_COMPLETED = 'pv.kubernetes.io/bind-completed';
/** The binding was made by the controller, not pre-bound by the user (AnnBoundByController). */
export const ANN_BOUND_BY_CONTROLLER = 'pv.kubernetes.io/bound-by-controller';
/** The node the scheduler picked for a WaitForFirstConsumer claim (AnnSelectedNode). */
export const ANN_SELECTED_NODE = 'volume.kubernetes.io/selected-node';
/** Which provisioner should provision the claim (AnnStorageProvisioner). */
export const ANN_STORAGE_PROVISIONER = 'volume.kubernetes.io/storage-provisioner';
/** Which provisioner created the PV (AnnDynamicallyProvisioned). */
export const ANN_DYNAMICALLY_PROVISIONED = 'pv.kubernetes.io/provisioned-by';
/** Marks the default StorageClass (storageutil.IsDefaultAnnotation). */
export const ANN_DEFAULT_CLASS = 'storageclass.kubernetes.io/is-default-class';
/** A class whose volumes are never provisioned dynamically (NotSupportedProvisioner). */
export const NOT_SUPPORTED_PROVISIONER = 'kubernetes.io/no-provisioner';

/** A stored object seen as a claim. */
export function asClaim(obj: KubeObject): PersistentVolumeClaim {
  return obj as PersistentVolumeClaim;
}

/** A stored object seen as a volume. */
export function asVolume(obj: KubeObject): PersistentVolume {
  return obj as PersistentVolume;
}

/** A stored object seen as a StorageClass. */
export function asStorageClass(obj: KubeObject): StorageClass {
  return obj as StorageClass;
}
