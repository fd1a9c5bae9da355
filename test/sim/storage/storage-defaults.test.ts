import { Cluster } from '../../../lib/sim/cluster';
import type { PersistentVolume, StorageClass } from '../../../lib/sim/storage/api';

describe('API-server defaults for storage kinds', () => {
  test('a StorageClass gets reclaimPolicy Delete and volumeBindingMode Immediate', () => {
    const c = new Cluster();
    c.apply({
      apiVersion: 'storage.k8s.io/v1',
      kind: 'StorageClass',
      metadata: { name: 'bare' },
      provisioner: 'example.com/disk',
    });
    const sc = c.get('StorageClass', 'bare') as unknown as StorageClass;
    expect([sc.reclaimPolicy, sc.volumeBindingMode]).toEqual(['Delete', 'Immediate']);
  });

  test('a PersistentVolume gets reclaim policy Retain and volumeMode Filesystem', () => {
    const c = new Cluster();
    c.apply({
      apiVersion: 'v1',
      kind: 'PersistentVolume',
      metadata: { name: 'pv' },
      spec: {
        capacity: { storage: '1Gi' },
        accessModes: ['ReadWriteOnce'],
        hostPath: { path: '/x' },
      },
    });
    const pv = c.get('PersistentVolume', 'pv') as unknown as PersistentVolume;
    expect(pv.spec?.persistentVolumeReclaimPolicy).toBe('Retain');
    expect(pv.spec?.volumeMode).toBe('Filesystem');
  });
});
