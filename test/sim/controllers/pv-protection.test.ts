import type { Pod } from '../../../lib/sim/api';
import { Cluster } from '../../../lib/sim/cluster';
import { claim, podWithClaims, storageClass } from '../storage/fixtures';

describe('PVC protection', () => {
  test('puts the kubernetes.io/pvc-protection finalizer on every claim', () => {
    const c = new Cluster();
    c.apply(claim('data', '1Gi'));
    c.converge();
    expect(c.get('PersistentVolumeClaim', 'data')?.metadata.finalizers).toEqual([
      'kubernetes.io/pvc-protection',
    ]);
  });

  test('keeps a claim in use Terminating until its pod is gone, then reclaims the volume', () => {
    // GIVEN a pod running on a provisioned claim
    const c = new Cluster();
    c.apply([
      storageClass('fast'),
      claim('data', '1Gi', { storageClassName: 'fast' }),
      podWithClaims('app', ['data']),
    ]);
    expect(c.converge().converged).toBe(true);
    // WHEN the claim is deleted
    c.delete('PersistentVolumeClaim', 'data');
    c.converge();
    // THEN it stays, Terminating, and the pod keeps running
    expect(c.get('PersistentVolumeClaim', 'data')?.metadata.deletionTimestamp).toBeDefined();
    expect((c.get('Pod', 'app') as Pod | undefined)?.status?.phase).toBe('Running');
    expect(c.list('PersistentVolume')).toHaveLength(1);
    // WHEN the pod is deleted
    c.deletePod('app');
    c.converge();
    // THEN the claim goes, and its volume with it (reclaim policy Delete)
    expect(c.get('PersistentVolumeClaim', 'data')).toBeUndefined();
    expect(c.list('PersistentVolume')).toHaveLength(0);
  });

  test('deletes an unused claim at once', () => {
    const c = new Cluster();
    c.apply(claim('data', '1Gi'));
    c.converge();
    c.delete('PersistentVolumeClaim', 'data');
    c.converge();
    expect(c.get('PersistentVolumeClaim', 'data')).toBeUndefined();
  });
});
