/**
 * @module
 * The volume a dynamic provisioner creates for a claim, after the external provisioner
 * library (sig-storage-lib-external-provisioner controller.go `provisionClaimOperation`) and
 * kind's rancher.io/local-path provisioner: named `pvc-<claim uid>`, pre-bound to the claim
 * (claimRef with uid), with the claim's size and access modes, the class' reclaim policy, and,
 * when the scheduler picked a node (WaitForFirstConsumer), node affinity to that node. Pure.
 */
import type { Node } from '../api';
import {
  ANN_DYNAMICALLY_PROVISIONED,
  type PersistentVolume,
  type PersistentVolumeClaim,
  type StorageClass,
} from '../storage/api';

/** The name a provisioned volume gets (`pvc-` + claim uid), as every CSI/external provisioner names it. */
export function provisionedVolumeName(claim: PersistentVolumeClaim): string {
  return `pvc-${claim.metadata.uid ?? claim.metadata.name}`;
}

/** The PersistentVolume the class' provisioner makes for `claim`, on `node` when one was selected. */
export function provisionVolume(
  claim: PersistentVolumeClaim,
  sc: StorageClass,
  node: Node | undefined,
): PersistentVolume {
  const name = provisionedVolumeName(claim);
  const namespace = claim.metadata.namespace ?? 'default';
  const hostname = node?.metadata.labels?.['kubernetes.io/hostname'] ?? node?.metadata.name;
  const pv: PersistentVolume = {
    apiVersion: 'v1',
    kind: 'PersistentVolume',
    metadata: {
      name,
      annotations: { [ANN_DYNAMICALLY_PROVISIONED]: sc.provisioner ?? '' },
    },
    spec: {
      capacity: { storage: String(claim.spec?.resources?.requests?.storage ?? '0') },
      accessModes: [...(claim.spec?.accessModes ?? ['ReadWriteOnce'])],
      persistentVolumeReclaimPolicy: sc.reclaimPolicy ?? 'Delete',
      storageClassName: sc.metadata.name,
      volumeMode: claim.spec?.volumeMode ?? 'Filesystem',
      claimRef: {
        kind: 'PersistentVolumeClaim',
        apiVersion: 'v1',
        name: claim.metadata.name,
        namespace,
        uid: claim.metadata.uid,
      },
      hostPath: {
        path: `/var/local-path-provisioner/${name}_${namespace}_${claim.metadata.name}`,
        type: 'DirectoryOrCreate',
      },
    },
  };
  if (hostname !== undefined && pv.spec) {
    pv.spec.nodeAffinity = {
      required: {
        nodeSelectorTerms: [
          {
            matchExpressions: [
              { key: 'kubernetes.io/hostname', operator: 'In', values: [hostname] },
            ],
          },
        ],
      },
    };
  }
  return pv;
}
