import type { Pod } from '../../../lib/sim/api';
import { Cluster } from '../../../lib/sim/cluster';
import type {
  PersistentVolume,
  PersistentVolumeClaim,
  StorageClass,
} from '../../../lib/sim/storage/api';
import type { KubeEvent } from '../../../lib/sim/api';
import { claim, podWithClaims, storageClass, volume } from '../storage/fixtures';

function pvc(c: Cluster, name: string): PersistentVolumeClaim | undefined {
  return c.get('PersistentVolumeClaim', name) as unknown as PersistentVolumeClaim | undefined;
}

function pv(c: Cluster, name: string): PersistentVolume | undefined {
  return c.get('PersistentVolume', name) as unknown as PersistentVolume | undefined;
}

function events(c: Cluster, name: string): string[] {
  return (c.list('Event') as unknown as KubeEvent[])
    .filter((e) => e.involvedObject.name === name)
    .map((e) => `${e.reason}: ${e.message}`);
}

describe('PersistentVolume controller: static volumes', () => {
  test('binds a class-less claim to the smallest Available volume that holds it', () => {
    // GIVEN three static volumes without a class
    const c = new Cluster();
    c.apply([volume('pv-20', '20Gi'), volume('pv-10', '10Gi'), volume('pv-1', '1Gi')]);
    // WHEN a 5Gi claim with storageClassName '' arrives
    c.apply(claim('data', '5Gi', { storageClassName: '' }));
    c.converge();
    // THEN it binds the 10Gi volume, both sides say so
    expect(pvc(c, 'data')?.spec?.volumeName).toBe('pv-10');
    expect(pvc(c, 'data')?.status).toEqual({
      phase: 'Bound',
      accessModes: ['ReadWriteOnce'],
      capacity: { storage: '10Gi' },
    });
    expect(pv(c, 'pv-10')?.status?.phase).toBe('Bound');
    expect(pv(c, 'pv-10')?.spec?.claimRef).toMatchObject({ name: 'data', namespace: 'default' });
    expect(pv(c, 'pv-20')?.status?.phase).toBe('Available');
  });

  test('binds a claim created before its volume once the volume appears', () => {
    const c = new Cluster();
    c.apply(claim('data', '1Gi', { storageClassName: '' }));
    c.converge();
    expect(pvc(c, 'data')?.status?.phase).toBe('Pending');
    c.apply(volume('pv-1', '1Gi'));
    c.converge();
    expect(pvc(c, 'data')?.status?.phase).toBe('Bound');
  });

  test('binds a claim to the volume it names in spec.volumeName', () => {
    const c = new Cluster();
    c.apply([volume('small', '1Gi'), volume('named', '5Gi')]);
    c.apply(claim('data', '1Gi', { storageClassName: '', volumeName: 'named' }));
    c.converge();
    expect(pvc(c, 'data')?.spec?.volumeName).toBe('named');
    expect(pv(c, 'small')?.status?.phase).toBe('Available');
  });

  test('fails to bind when no volume matches, naming the field that failed', () => {
    const c = new Cluster();
    c.apply([
      volume('rwo', '10Gi'),
      claim('shared', '1Gi', { storageClassName: '', accessModes: ['ReadWriteMany'] }),
    ]);
    const r = c.converge();
    expect(pvc(c, 'shared')?.status?.phase).toBe('Pending');
    expect(events(c, 'shared')).toContain(
      'FailedBinding: no persistent volumes available for this claim and no storage class is set',
    );
    expect(r.problems).toContainEqual({
      kind: 'PersistentVolumeClaim',
      namespace: 'default',
      name: 'shared',
      reason: 'FailedBinding',
      message: expect.stringMatching(
        /no storage class is set \(rwo offers accessModes \[ReadWriteOnce\], the claim asks for \[ReadWriteMany\]\)/,
      ),
    });
  });
});

describe('PersistentVolume controller: StorageClasses', () => {
  test('gives a claim without storageClassName the default class standard', () => {
    const c = new Cluster();
    c.apply(claim('data', '1Gi'));
    c.converge();
    expect(pvc(c, 'data')?.spec?.storageClassName).toBe('standard');
  });

  test('the default class standard is rancher.io/local-path with WaitForFirstConsumer', () => {
    const sc = new Cluster().get('StorageClass', 'standard') as unknown as StorageClass;
    expect(sc.provisioner).toBe('rancher.io/local-path');
    expect(sc.volumeBindingMode).toBe('WaitForFirstConsumer');
    expect(sc.metadata.annotations).toEqual({
      'storageclass.kubernetes.io/is-default-class': 'true',
    });
  });

  test('keeps a WaitForFirstConsumer claim Pending, without a problem, until a pod uses it', () => {
    const c = new Cluster();
    c.apply(claim('data', '1Gi'));
    const r = c.converge();
    expect(pvc(c, 'data')?.status?.phase).toBe('Pending');
    expect(events(c, 'data')).toContain(
      'WaitForFirstConsumer: waiting for first consumer to be created before binding',
    );
    expect(r.problems).toEqual([]);
    expect(c.list('PersistentVolume')).toHaveLength(0);
  });

  test('provisions a WaitForFirstConsumer volume on the node the pod was scheduled to', () => {
    // GIVEN a pending claim of the default class
    const c = new Cluster();
    c.apply(claim('data', '2Gi'));
    c.converge();
    // WHEN a pod uses it
    c.apply(podWithClaims('app', ['data']));
    expect(c.converge().converged).toBe(true);
    // THEN the provisioned volume has node affinity to the pod's node
    const node = (c.get('Pod', 'app') as unknown as Pod).spec?.nodeName;
    const bound = pvc(c, 'data');
    expect(bound?.status?.phase).toBe('Bound');
    expect(bound?.metadata.annotations?.['volume.kubernetes.io/selected-node']).toBe(node);
    const volumeObj = pv(c, bound?.spec?.volumeName ?? '');
    expect(volumeObj?.metadata.name).toBe(`pvc-${bound?.metadata.uid}`);
    expect(volumeObj?.spec).toMatchObject({
      capacity: { storage: '2Gi' },
      storageClassName: 'standard',
      persistentVolumeReclaimPolicy: 'Delete',
      nodeAffinity: {
        required: {
          nodeSelectorTerms: [
            {
              matchExpressions: [{ key: 'kubernetes.io/hostname', operator: 'In', values: [node] }],
            },
          ],
        },
      },
    });
  });

  test('binds a WaitForFirstConsumer claim to a static local volume on the node it pins the pod to', () => {
    const c = new Cluster();
    c.apply([
      storageClass('local', {
        provisioner: 'kubernetes.io/no-provisioner',
        mode: 'WaitForFirstConsumer',
      }),
      volume('local-2', '5Gi', { storageClassName: 'local', node: 'node-2' }),
      claim('data', '1Gi', { storageClassName: 'local' }),
      podWithClaims('app', ['data']),
    ]);
    expect(c.converge().converged).toBe(true);
    expect(pvc(c, 'data')?.spec?.volumeName).toBe('local-2');
    expect((c.get('Pod', 'app') as unknown as Pod).spec?.nodeName).toBe('node-2');
  });

  test('provisions an Immediate claim at once, with no node affinity', () => {
    const c = new Cluster();
    c.apply([storageClass('fast'), claim('data', '3Gi', { storageClassName: 'fast' })]);
    c.converge();
    const bound = pvc(c, 'data');
    expect(bound?.status?.phase).toBe('Bound');
    const volumeObj = pv(c, bound?.spec?.volumeName ?? '');
    expect(volumeObj?.spec?.nodeAffinity).toBeUndefined();
    expect(volumeObj?.metadata.annotations).toEqual({
      'pv.kubernetes.io/provisioned-by': 'example.com/disk',
    });
  });

  test('fails with the API server message when the claim names a missing StorageClass', () => {
    const c = new Cluster();
    c.apply(claim('data', '1Gi', { storageClassName: 'fast' }));
    const r = c.converge();
    expect(events(c, 'data')).toContain(
      'ProvisioningFailed: storageclass.storage.k8s.io "fast" not found',
    );
    expect(r.problems).toContainEqual(
      expect.objectContaining({
        kind: 'PersistentVolumeClaim',
        name: 'data',
        reason: 'ProvisioningFailed',
        message: expect.stringMatching(/^storageclass\.storage\.k8s\.io "fast" not found/),
      }),
    );
  });
});

describe('PersistentVolume controller: reclaim policy', () => {
  test('Delete removes a provisioned volume when its claim is deleted', () => {
    const c = new Cluster();
    c.apply([storageClass('fast'), claim('data', '1Gi', { storageClassName: 'fast' })]);
    c.converge();
    expect(c.list('PersistentVolume')).toHaveLength(1);
    c.delete('PersistentVolumeClaim', 'data');
    c.converge();
    expect(c.list('PersistentVolume')).toHaveLength(0);
  });

  test('Retain keeps the volume Released when its claim is deleted', () => {
    const c = new Cluster();
    c.apply([
      volume('kept', '1Gi', { reclaim: 'Retain' }),
      claim('data', '1Gi', { storageClassName: '' }),
    ]);
    c.converge();
    c.delete('PersistentVolumeClaim', 'data');
    const r = c.converge();
    expect(pv(c, 'kept')?.status?.phase).toBe('Released');
    // a Released volume is not bound again by a new claim
    c.apply(claim('again', '1Gi', { storageClassName: '' }));
    c.converge();
    expect(pvc(c, 'again')?.status?.phase).toBe('Pending');
    expect(r.problems).toEqual([]);
  });
});
