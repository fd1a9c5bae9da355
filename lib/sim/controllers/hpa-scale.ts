/**
 * @module
 * The scale subresource of an HPA's target (autoscaling/v1 Scale): spec.replicas, status
 * replicas and the pod selector of a Deployment, StatefulSet, ReplicaSet or
 * ReplicationController, read and written as the API server's ScaleREST does it
 * (pkg/registry/apps/deployment/storage/storage.go: a missing target is
 * `deployments/scale.apps "web" not found`).
 */
import type { LabelSelector } from '../api';
import type { Store } from '../framework';
import { workloadSelector } from '../metrics/workload-pods';
import type { KubeObject } from '../types';
import type { CrossVersionObjectReference } from './hpa-api';

/** The scale subresource's name per scalable kind, as its NotFound error names it. */
const SCALE_RESOURCES: Readonly<Record<string, { group: string; resource: string }>> = {
  Deployment: { group: 'apps', resource: 'deployments/scale.apps' },
  StatefulSet: { group: 'apps', resource: 'statefulsets/scale.apps' },
  ReplicaSet: { group: 'apps', resource: 'replicasets/scale.apps' },
  ReplicationController: { group: '', resource: 'replicationcontrollers/scale' },
};

/** A target's scale. */
export interface Scale {
  readonly target: KubeObject;
  /** spec.replicas (1 when unset, as the API server defaults it). */
  readonly specReplicas: number;
  /** status.replicas. */
  readonly statusReplicas: number;
  /** The target's pod selector. */
  readonly selector: LabelSelector | undefined;
}

/** The API group named by an apiVersion (`apps/v1` → `apps`, `v1` → ''). */
function groupOf(apiVersion: string | undefined): string {
  if (!apiVersion || !apiVersion.includes('/')) return '';
  return apiVersion.split('/')[0];
}

/** The target's scale, or the error the HPA controller would get asking for it. */
export function getScale(
  store: Store,
  namespace: string,
  ref: CrossVersionObjectReference,
): Scale | { error: string } {
  const mapping = SCALE_RESOURCES[ref.kind];
  const group = groupOf(ref.apiVersion);
  if (!mapping || mapping.group !== group) {
    // meta.NoKindMatchError from the REST mapper
    return { error: `no matches for kind "${ref.kind}" in group "${group}"` };
  }
  const target = store.get(ref.kind, ref.name, namespace);
  if (!target) return { error: `${mapping.resource} "${ref.name}" not found` };
  const spec = target.spec as { replicas?: number } | undefined;
  const status = target.status as { replicas?: number } | undefined;
  return {
    target,
    specReplicas: spec?.replicas ?? 1,
    statusReplicas: status?.replicas ?? 0,
    selector: workloadSelector(target),
  };
}

/** Writes a new spec.replicas through the scale subresource (an update of the target's spec). */
export function updateScale(store: Store, target: KubeObject, replicas: number): void {
  const spec = { ...(target.spec as Record<string, unknown>), replicas };
  store.update({ ...target, metadata: { ...target.metadata }, spec });
}
