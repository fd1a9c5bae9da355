import type { Pod, ReplicaSet } from '../../../lib/sim/api';
import { ReplicaSetPodCache } from '../../../lib/sim/controllers/replicaset-pod-cache';

function rs(uid: string): ReplicaSet {
  return {
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: { name: `rs-${uid}`, namespace: 'default', uid },
    spec: {
      replicas: 1,
      selector: { matchLabels: { app: 'a' } },
      template: { metadata: { labels: { app: 'a' } }, spec: { containers: [] } },
    },
  } as ReplicaSet;
}

function pod(name: string, namespace: string, ownerUid: string | undefined, ready: boolean): Pod {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name,
      namespace,
      labels: { app: 'a' },
      ...(ownerUid
        ? {
            ownerReferences: [
              {
                apiVersion: 'apps/v1',
                kind: 'ReplicaSet',
                name: `rs-${ownerUid}`,
                uid: ownerUid,
                controller: true,
              },
            ],
          }
        : {}),
    },
    status: { phase: 'Running', conditions: [{ type: 'Ready', status: ready ? 'True' : 'False' }] },
  } as Pod;
}

describe('ReplicaSetPodCache', () => {
  it('moves the counts as a pod becomes ready, changes owner and is deleted', () => {
    const cache = new ReplicaSetPodCache();
    const counts = (uid: string) => cache.counts(rs(uid), 0);
    cache.observe({ type: 'ADDED', object: pod('p', 'default', 'u1', false) });
    expect(counts('u1')).toMatchObject({ replicas: 1, readyReplicas: 0 });
    cache.observe({ type: 'MODIFIED', object: pod('p', 'default', 'u1', true) });
    expect(counts('u1')).toMatchObject({ replicas: 1, readyReplicas: 1 });
    expect(cache.podsOf('u1').map((p) => p.status?.conditions?.[0].status)).toEqual(['True']);
    // released to another owner: leaves u1, joins u2
    cache.observe({ type: 'MODIFIED', object: pod('p', 'default', 'u2', true) });
    expect(counts('u1')).toMatchObject({ replicas: 0, readyReplicas: 0 });
    expect(counts('u2')).toMatchObject({ replicas: 1, readyReplicas: 1 });
    // orphaned, then deleted
    cache.observe({ type: 'MODIFIED', object: pod('p', 'default', undefined, true) });
    expect(counts('u2')).toMatchObject({ replicas: 0 });
    expect(cache.orphansIn('default').map((p) => p.metadata.name)).toEqual(['p']);
    cache.observe({ type: 'DELETED', object: pod('p', 'default', undefined, true) });
    expect(cache.hasOrphans('default')).toBe(false);
  });

  it('keeps pods of one name in two namespaces apart', () => {
    const cache = new ReplicaSetPodCache();
    cache.observe({ type: 'ADDED', object: pod('p', 'default', 'u1', false) });
    cache.observe({ type: 'ADDED', object: pod('p', 'other', 'u2', false) });
    cache.observe({ type: 'MODIFIED', object: pod('p', 'other', 'u2', true) });
    expect(cache.counts(rs('u1'), 0)).toMatchObject({ replicas: 1, readyReplicas: 0 });
    expect(cache.counts(rs('u2'), 0)).toMatchObject({ replicas: 1, readyReplicas: 1 });
    expect(cache.podsOf('u2')[0].metadata.namespace).toBe('other');
  });
});
