/**
 * @module
 * Typed views of StatefulSet and ControllerRevision (k8s.io/api/apps/v1/types.go), only the
 * fields the StatefulSet controller reads and writes.
 */
import type { Condition, LabelSelector, PodTemplateSpec } from '../api';
import type { PersistentVolumeClaimSpec } from '../storage/api';
import type { KubeObject } from '../types';

/** A claim template (a PersistentVolumeClaim without status). */
export interface VolumeClaimTemplate {
  metadata: { name: string; labels?: Record<string, string>; annotations?: Record<string, string> };
  spec?: PersistentVolumeClaimSpec;
}

/** `Retain` or `Delete`. */
export type RetentionPolicyType = 'Retain' | 'Delete';

/** StatefulSetSpec. */
export interface StatefulSetSpec {
  replicas?: number;
  selector: LabelSelector;
  template: PodTemplateSpec;
  serviceName?: string;
  volumeClaimTemplates?: VolumeClaimTemplate[];
  podManagementPolicy?: 'OrderedReady' | 'Parallel';
  updateStrategy?: {
    type?: 'RollingUpdate' | 'OnDelete';
    rollingUpdate?: { partition?: number; maxUnavailable?: number | string };
  };
  minReadySeconds?: number;
  revisionHistoryLimit?: number;
  persistentVolumeClaimRetentionPolicy?: {
    whenDeleted?: RetentionPolicyType;
    whenScaled?: RetentionPolicyType;
  };
  ordinals?: { start?: number };
}

/** StatefulSetStatus. */
export interface StatefulSetStatus {
  observedGeneration?: number;
  replicas: number;
  readyReplicas?: number;
  currentReplicas?: number;
  updatedReplicas?: number;
  availableReplicas?: number;
  currentRevision?: string;
  updateRevision?: string;
  collisionCount?: number;
  conditions?: Condition[];
}

/** A StatefulSet. */
export type StatefulSet = KubeObject<StatefulSetSpec, StatefulSetStatus>;

/** A ControllerRevision: a snapshot of the template, numbered (apps/v1 ControllerRevision). */
export type ControllerRevision = KubeObject<never, never> & {
  data?: { spec?: { template?: PodTemplateSpec } };
  revision: number;
};

/** A stored object seen as a StatefulSet. */
export function asStatefulSet(obj: KubeObject): StatefulSet {
  return obj as unknown as StatefulSet;
}

/** A stored object seen as a ControllerRevision. */
export function asRevision(obj: KubeObject): ControllerRevision {
  return obj as unknown as ControllerRevision;
}
