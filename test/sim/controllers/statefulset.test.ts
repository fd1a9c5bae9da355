import type { Pod } from '../../../lib/sim/api';
import { Cluster } from '../../../lib/sim/cluster';
import type { StatefulSet } from '../../../lib/sim/controllers/statefulset-api';
import type { PersistentVolumeClaim } from '../../../lib/sim/storage/api';
import type { KubeObject } from '../../../lib/sim/types';
import { controlPlane, statefulSet } from '../storage/fixtures';

function set(c: Cluster, name = 'db'): StatefulSet {
  return c.get('StatefulSet', name) as unknown as StatefulSet;
}

function pod(c: Cluster, name: string): Pod | undefined {
  return c.get('Pod', name) as unknown as Pod | undefined;
}

function withSpec(obj: KubeObject, patch: (spec: Record<string, unknown>) => void): KubeObject {
  const copy = structuredClone(obj);
  patch(copy.spec as Record<string, unknown>);
  return copy;
}

function setImage(obj: KubeObject, image: string): KubeObject {
  return withSpec(obj, (spec) => {
    const template = spec.template as { spec: { containers: { image: string }[] } };
    template.spec.containers[0].image = image;
  });
}

describe('StatefulSet controller: identity', () => {
  test('names pods <set>-<ordinal> with hostname, subdomain and the StatefulSet labels', () => {
    // GIVEN a cluster
    const c = new Cluster();
    // WHEN a 2-replica StatefulSet converges
    c.apply(statefulSet('db', { replicas: 2 }));
    expect(c.converge().converged).toBe(true);
    // THEN each pod carries its stable identity
    const db1 = pod(c, 'db-1');
    expect(db1?.spec?.hostname).toBe('db-1');
    expect(db1?.spec?.subdomain).toBe('db');
    expect(db1?.metadata.labels).toMatchObject({
      app: 'db',
      'statefulset.kubernetes.io/pod-name': 'db-1',
      'apps.kubernetes.io/pod-index': '1',
      'controller-revision-hash': set(c).status?.updateRevision,
    });
    expect(db1?.spec?.volumes).toContainEqual({
      name: 'data',
      persistentVolumeClaim: { claimName: 'data-db-1' },
    });
  });

  test('reports replicas, ready, current, updated and available replicas and the revisions', () => {
    const c = new Cluster();
    c.apply(statefulSet('db', { replicas: 3 }));
    c.converge();
    const status = set(c).status;
    expect(status).toMatchObject({
      observedGeneration: 1,
      replicas: 3,
      readyReplicas: 3,
      currentReplicas: 3,
      updatedReplicas: 3,
      availableReplicas: 3,
    });
    expect(status?.currentRevision).toMatch(/^db-[a-z0-9]+$/);
    expect(status?.currentRevision).toBe(status?.updateRevision);
    expect(c.list('ControllerRevision').map((r) => r.metadata.name)).toEqual([
      status?.updateRevision,
    ]);
  });
});

describe('StatefulSet controller: OrderedReady', () => {
  test('creates db-1 only after db-0 is Running and Ready, and db-2 after db-1', () => {
    // GIVEN the full control plane, recording pod events
    const { h, timeline } = controlPlane();
    // WHEN a 3-replica set is created
    h.store.create(statefulSet('db', { replicas: 3 }));
    h.run();
    // THEN each ordinal is created only once the previous one became ready
    expect(timeline.filter((t) => t.startsWith('+') || t.startsWith('ready'))).toEqual([
      '+db-0',
      'ready db-0',
      '+db-1',
      'ready db-1',
      '+db-2',
      'ready db-2',
    ]);
  });

  test('scales down from the highest ordinal, one pod at a time', () => {
    const { h, timeline } = controlPlane();
    h.store.create(statefulSet('db', { replicas: 3 }));
    h.run();
    timeline.length = 0;
    // WHEN scaled to 1
    const live = h.store.get('StatefulSet', 'db') as KubeObject;
    h.store.update(withSpec(live, (spec) => (spec.replicas = 1)));
    h.run();
    // THEN db-2 goes before db-1, and db-0 stays
    expect(timeline.filter((t) => t.startsWith('-'))).toEqual(['-db-2', '-db-1']);
    expect(h.store.get('Pod', 'db-0')).toBeDefined();
  });

  test('stops at an unhealthy pod: an image that fails to pull leaves db-1 and db-2 uncreated', () => {
    const c = new Cluster({ images: { 'postgres:broken': { pull: 'fail' } } });
    c.apply(statefulSet('db', { replicas: 3, image: 'postgres:broken' }));
    const r = c.converge({ timeoutSeconds: 300 });
    expect(pod(c, 'db-1')).toBeUndefined();
    expect(r.problems).toContainEqual(
      expect.objectContaining({
        kind: 'StatefulSet',
        name: 'db',
        message: expect.stringMatching(
          /0\/3 replicas ready; db-0 is blocking \(OrderedReady starts db-1 only after it is Running and Ready\)/,
        ),
      }),
    );
  });
});

describe('StatefulSet controller: Parallel', () => {
  test('creates every ordinal at once', () => {
    const { h, timeline } = controlPlane();
    h.store.create(statefulSet('web', { replicas: 3, podManagementPolicy: 'Parallel' }));
    h.run();
    expect(timeline.slice(0, 3)).toEqual(['+web-0', '+web-1', '+web-2']);
  });
});

describe('StatefulSet controller: claims', () => {
  test('creates one claim per ordinal named <template>-<set>-<ordinal>, labelled with the selector', () => {
    const c = new Cluster();
    c.apply(statefulSet('db', { replicas: 2 }));
    c.converge();
    const claims = c.list('PersistentVolumeClaim') as unknown as PersistentVolumeClaim[];
    expect(claims.map((x) => x.metadata.name)).toEqual(['data-db-0', 'data-db-1']);
    expect(claims[0].metadata.labels).toEqual({ app: 'db' });
    expect(claims.map((x) => x.status?.phase)).toEqual(['Bound', 'Bound']);
    // Retain (the default): the claims have no owner
    expect(claims[0].metadata.ownerReferences).toBeUndefined();
  });

  test('reuses the claim and its volume when a deleted pod comes back', () => {
    // GIVEN a converged set
    const c = new Cluster();
    c.apply(statefulSet('db', { replicas: 2 }));
    c.converge();
    const before = c.get('PersistentVolumeClaim', 'data-db-1') as unknown as PersistentVolumeClaim;
    const node = pod(c, 'db-1')?.spec?.nodeName;
    // WHEN db-1 is deleted
    c.deletePod('db-1');
    expect(c.converge().converged).toBe(true);
    // THEN the new db-1 mounts the same claim, bound to the same volume, on the volume's node
    const after = c.get('PersistentVolumeClaim', 'data-db-1') as unknown as PersistentVolumeClaim;
    expect(after.metadata.uid).toBe(before.metadata.uid);
    expect(after.spec?.volumeName).toBe(before.spec?.volumeName);
    expect(pod(c, 'db-1')?.spec?.nodeName).toBe(node);
    expect(c.list('PersistentVolumeClaim')).toHaveLength(2);
  });

  test('keeps the claims after scale-down and deletion under the default Retain policy', () => {
    const c = new Cluster();
    c.apply(statefulSet('db', { replicas: 2 }));
    c.converge();
    c.apply(withSpec(statefulSet('db', { replicas: 2 }), (s) => (s.replicas = 1)));
    c.converge();
    c.delete('StatefulSet', 'db');
    c.converge();
    expect(c.list('Pod')).toHaveLength(0);
    expect(c.list('PersistentVolumeClaim').map((x) => x.metadata.name)).toEqual([
      'data-db-0',
      'data-db-1',
    ]);
  });

  test('deletes the claim of a scaled-down ordinal with whenScaled: Delete', () => {
    const c = new Cluster();
    const manifest = statefulSet('db', { replicas: 2, retention: { whenScaled: 'Delete' } });
    c.apply(manifest);
    c.converge();
    c.apply(withSpec(manifest, (s) => (s.replicas = 1)));
    c.converge();
    expect(c.list('PersistentVolumeClaim').map((x) => x.metadata.name)).toEqual(['data-db-0']);
    // the provisioned volume's reclaim policy (Delete) removes it too
    expect(c.list('PersistentVolume')).toHaveLength(1);
  });

  test('deletes every claim with the set with whenDeleted: Delete', () => {
    const c = new Cluster();
    c.apply(statefulSet('db', { replicas: 2, retention: { whenDeleted: 'Delete' } }));
    c.converge();
    c.delete('StatefulSet', 'db');
    c.converge();
    expect(c.list('PersistentVolumeClaim')).toHaveLength(0);
    expect(c.list('PersistentVolume')).toHaveLength(0);
  });
});

describe('StatefulSet controller: updates', () => {
  test('RollingUpdate with partition 2 updates only db-2, then all once the partition is 0', () => {
    // GIVEN a converged 3-replica set with partition 2
    const c = new Cluster();
    const v1 = statefulSet('db', {
      replicas: 3,
      updateStrategy: { type: 'RollingUpdate', rollingUpdate: { partition: 2 } },
    });
    c.apply(v1);
    c.converge();
    const oldRevision = set(c).status?.currentRevision;
    // WHEN the image changes
    c.apply(setImage(v1, 'postgres:17'));
    c.converge();
    // THEN only the ordinal at or above the partition runs the new revision
    const images = ['db-0', 'db-1', 'db-2'].map((n) => pod(c, n)?.spec?.containers[0].image);
    expect(images).toEqual(['postgres:16', 'postgres:16', 'postgres:17']);
    expect(set(c).status).toMatchObject({
      currentRevision: oldRevision,
      updatedReplicas: 1,
      currentReplicas: 2,
    });
    // WHEN the partition drops to 0
    c.apply(
      withSpec(setImage(v1, 'postgres:17'), (s) => (s.updateStrategy = { type: 'RollingUpdate' })),
    );
    c.converge();
    // THEN every pod is updated and the update revision becomes current
    expect(['db-0', 'db-1', 'db-2'].map((n) => pod(c, n)?.spec?.containers[0].image)).toEqual([
      'postgres:17',
      'postgres:17',
      'postgres:17',
    ]);
    const status = set(c).status;
    expect(status?.currentRevision).toBe(status?.updateRevision);
    expect(status?.currentRevision).not.toBe(oldRevision);
    expect(status?.updatedReplicas).toBe(3);
  });

  test('RollingUpdate replaces pods from the highest ordinal down', () => {
    const { h, timeline } = controlPlane();
    const v1 = statefulSet('db', { replicas: 3 });
    h.store.create(v1);
    h.run();
    timeline.length = 0;
    const live = h.store.get('StatefulSet', 'db') as KubeObject;
    h.store.update({ ...setImage(live, 'postgres:17'), metadata: live.metadata });
    h.run();
    expect(timeline.filter((t) => t.startsWith('-'))).toEqual(['-db-2', '-db-1', '-db-0']);
  });

  test('stops a rollout at the highest ordinal when the new image fails, leaving the others serving', () => {
    // GIVEN a converged 3-replica set
    const c = new Cluster({ images: { 'postgres:bad': { pull: 'fail' } } });
    const v1 = statefulSet('db', { replicas: 3 });
    c.apply(v1);
    c.converge();
    // WHEN the image is changed to one that cannot be pulled
    c.apply(setImage(v1, 'postgres:bad'));
    const r = c.converge({ timeoutSeconds: 300 });
    // THEN only db-2 was replaced; db-0 and db-1 still run the old image and stay ready
    expect(['db-0', 'db-1', 'db-2'].map((n) => pod(c, n)?.spec?.containers[0].image)).toEqual([
      'postgres:16',
      'postgres:16',
      'postgres:bad',
    ]);
    expect(set(c).status).toMatchObject({ readyReplicas: 2, updatedReplicas: 1 });
    expect(r.problems).toContainEqual({
      kind: 'StatefulSet',
      namespace: 'default',
      name: 'db',
      reason: 'ImagePullBackOff',
      message: expect.stringMatching(
        /^2\/3 replicas ready; db-2 is blocking: it is ImagePullBackOff/,
      ),
    });
  });

  test('keeps revisionHistoryLimit old ControllerRevisions besides the live ones', () => {
    const c = new Cluster();
    const base = withSpec(statefulSet('db', { replicas: 1 }), (s) => (s.revisionHistoryLimit = 1));
    for (const tag of ['16', '17', '18', '19']) {
      c.apply(setImage(base, `postgres:${tag}`));
      c.converge();
    }
    // the live revision (19) and one old one (18)
    const revisions = c.list('ControllerRevision') as unknown as { revision: number }[];
    expect(revisions.map((r) => r.revision).sort()).toEqual([3, 4]);
  });

  test('OnDelete leaves running pods alone until they are deleted by hand', () => {
    const c = new Cluster();
    const v1 = statefulSet('db', { replicas: 2, updateStrategy: { type: 'OnDelete' } });
    c.apply(v1);
    c.converge();
    c.apply(setImage(v1, 'postgres:17'));
    c.converge();
    expect(pod(c, 'db-0')?.spec?.containers[0].image).toBe('postgres:16');
    c.deletePod('db-0');
    c.converge();
    expect(pod(c, 'db-0')?.spec?.containers[0].image).toBe('postgres:17');
    expect(pod(c, 'db-1')?.spec?.containers[0].image).toBe('postgres:16');
  });
});

describe('StatefulSet controller: node loss', () => {
  test('keeps a pod of a lost node Terminating until the node returns, then recreates it there', () => {
    // GIVEN a converged set
    const c = new Cluster();
    c.apply(statefulSet('db', { replicas: 3 }));
    c.converge();
    const node = pod(c, 'db-1')?.spec?.nodeName ?? '';
    // WHEN db-1's node fails for longer than the eviction timeout
    c.failNode(node);
    const r = c.converge({ timeoutSeconds: 900 });
    // THEN db-1 stays Terminating (no second db-1 anywhere) and the set names the node
    expect(pod(c, 'db-1')?.metadata.deletionTimestamp).toBeDefined();
    expect(r.problems).toContainEqual({
      kind: 'StatefulSet',
      namespace: 'default',
      name: 'db',
      reason: 'NodeNotReady',
      message: `2/3 replicas ready; db-1 is blocking: it runs on node ${node}, which is not Ready; a StatefulSet pod is replaced only after its node comes back or is deleted`,
    });
    // WHEN the node comes back
    c.recoverNode(node);
    expect(c.converge({ timeoutSeconds: 900 }).converged).toBe(true);
    // THEN db-1 runs again, on the node that holds its volume
    expect(pod(c, 'db-1')?.metadata.deletionTimestamp).toBeUndefined();
    expect(pod(c, 'db-1')?.spec?.nodeName).toBe(node);
  });
});

describe('statefulSetProblems', () => {
  test('fails with the blocking ordinal and its Pending claim when the StorageClass is missing', () => {
    const c = new Cluster();
    c.apply(statefulSet('db', { replicas: 2, storageClassName: 'fast' }));
    const r = c.converge({ timeoutSeconds: 120 });
    expect(r.converged).toBe(false);
    expect(r.problems).toContainEqual({
      kind: 'StatefulSet',
      namespace: 'default',
      name: 'db',
      reason: 'ProvisioningFailed',
      message: expect.stringMatching(
        /^0\/2 replicas ready; db-0 is blocking .*: its PersistentVolumeClaim data-db-0 is Pending: storageclass\.storage\.k8s\.io "fast" not found/,
      ),
    });
    expect(r.problems).toContainEqual(
      expect.objectContaining({
        kind: 'PersistentVolumeClaim',
        name: 'data-db-0',
        reason: 'ProvisioningFailed',
      }),
    );
  });
});
