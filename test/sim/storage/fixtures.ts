/**
 * @module
 * Builders for StatefulSet and storage tests: manifests as plain objects (the StatefulSet from
 * the shared fixtures/workloads.ts), and a full control plane on the kernel harness that
 * records the order pods come and go.
 */
import type { Pod } from '../../../lib/sim/api';
import { defaultControllers } from '../../../lib/sim/preset';
import { newHarness, type Harness } from '../../../lib/sim/testing-harness';
import type { KubeObject } from '../../../lib/sim/types';

export { statefulSet } from '../fixtures/workloads';

/** A static PersistentVolume. */
export function volume(
  name: string,
  size: string,
  o: {
    storageClassName?: string;
    accessModes?: string[];
    labels?: Record<string, string>;
    reclaim?: 'Retain' | 'Delete';
    node?: string;
    claimRef?: { name: string; namespace?: string };
  } = {},
): KubeObject {
  const spec: Record<string, unknown> = {
    capacity: { storage: size },
    accessModes: o.accessModes ?? ['ReadWriteOnce'],
    persistentVolumeReclaimPolicy: o.reclaim ?? 'Retain',
    storageClassName: o.storageClassName ?? '',
    hostPath: { path: `/data/${name}` },
  };
  if (o.node) {
    spec.nodeAffinity = {
      required: {
        nodeSelectorTerms: [
          {
            matchExpressions: [{ key: 'kubernetes.io/hostname', operator: 'In', values: [o.node] }],
          },
        ],
      },
    };
  }
  if (o.claimRef) spec.claimRef = { namespace: 'default', ...o.claimRef };
  return {
    apiVersion: 'v1',
    kind: 'PersistentVolume',
    metadata: { name, ...(o.labels ? { labels: o.labels } : {}) },
    spec,
  };
}

/** A PersistentVolumeClaim in `default`. */
export function claim(
  name: string,
  size: string,
  o: {
    storageClassName?: string;
    accessModes?: string[];
    selector?: Record<string, unknown>;
    volumeName?: string;
  } = {},
): KubeObject {
  const spec: Record<string, unknown> = {
    accessModes: o.accessModes ?? ['ReadWriteOnce'],
    resources: { requests: { storage: size } },
  };
  if (o.storageClassName !== undefined) spec.storageClassName = o.storageClassName;
  if (o.selector) spec.selector = o.selector;
  if (o.volumeName) spec.volumeName = o.volumeName;
  return { apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name }, spec };
}

/** A pod mounting `claims` (by claim name). */
export function podWithClaims(
  name: string,
  claims: string[],
  extra: Record<string, unknown> = {},
): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name },
    spec: {
      // a command of its own: busybox's default shell exits at once (image catalogue)
      containers: [{ name: 'main', image: 'busybox:1.36', command: ['sleep', 'infinity'] }],
      volumes: claims.map((c, i) => ({ name: `v${i}`, persistentVolumeClaim: { claimName: c } })),
      ...extra,
    },
  };
}

/** A StorageClass. */
export function storageClass(
  name: string,
  o: { provisioner?: string; mode?: 'Immediate' | 'WaitForFirstConsumer'; reclaim?: string } = {},
): KubeObject {
  return {
    apiVersion: 'storage.k8s.io/v1',
    kind: 'StorageClass',
    metadata: { name },
    provisioner: o.provisioner ?? 'example.com/disk',
    reclaimPolicy: o.reclaim ?? 'Delete',
    volumeBindingMode: o.mode ?? 'Immediate',
  };
}

/** What happened to pods, in order: `+db-0`, `ready db-0`, `-db-2` (removed from the store). */
export type Timeline = string[];

/** A full control plane (every default controller) on the harness, recording the pod timeline. */
export function controlPlane(nodes = 3): { h: Harness; timeline: Timeline } {
  const h = newHarness({ nodes });
  const timeline: Timeline = [];
  h.store.watch('Pod', (e) => {
    const pod = e.object as unknown as Pod;
    const name = pod.metadata.name;
    const ready = (p: Pod | undefined): boolean =>
      p?.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True') ?? false;
    if (e.type === 'ADDED') timeline.push(`+${name}`);
    else if (e.type === 'DELETED') timeline.push(`-${name}`);
    else if (ready(pod) && !ready(e.oldObject as unknown as Pod | undefined))
      timeline.push(`ready ${name}`);
  });
  for (const c of defaultControllers()) h.start(c);
  return { h, timeline };
}
