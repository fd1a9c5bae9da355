/**
 * Re-applying manifests merges as `kubectl apply` does (a three-way merge with the last
 * applied configuration): what the new manifest sets wins, what the previous one set and this
 * one drops goes, and what neither set — defaults, an HPA's replicas, a bound claim's
 * volumeName — keeps its live value.
 */
import type { Deployment, Pod } from '../../lib/sim/api';
import { threeWayMerge } from '../../lib/sim/apply-merge';
import { Cluster } from '../../lib/sim/cluster';
import type { KubeObject } from '../../lib/sim/types';
import { webWithHpa } from './autoscaling/fixtures';

describe('threeWayMerge', () => {
  it.each<[string, object, object | undefined, object, object]>([
    // name, live, last applied, desired → merged
    ['a field only live keeps its value', { a: 1, b: 2 }, { a: 1 }, { a: 1 }, { a: 1, b: 2 }],
    ['the desired value wins', { a: 1, b: 2 }, { a: 1 }, { a: 3 }, { a: 3, b: 2 }],
    [
      'a field applied before and dropped now goes',
      { a: 1, b: 2 },
      { a: 1, b: 2 },
      { a: 1 },
      { a: 1 },
    ],
    ['never applied: nothing is removed', { a: 1, b: 2 }, undefined, { a: 3 }, { a: 3, b: 2 }],
    ['a new field is added', { a: 1 }, { a: 1 }, { a: 1, c: 4 }, { a: 1, c: 4 }],
    ['null deletes', { a: 1, b: 2 }, { a: 1 }, { a: 1, b: null }, { a: 1 }],
    [
      'maps merge key by key',
      { spec: { replicas: 5, paused: false, strategy: { type: 'RollingUpdate' } } },
      { spec: { paused: false } },
      { spec: { minReadySeconds: 10 } },
      { spec: { replicas: 5, strategy: { type: 'RollingUpdate' }, minReadySeconds: 10 } },
    ],
    [
      'lists are replaced whole',
      { ports: [{ port: 80, nodePort: 31000 }] },
      { ports: [{ port: 80 }] },
      { ports: [{ port: 8080 }] },
      { ports: [{ port: 8080 }] },
    ],
  ])('%s', (_name, live, lastApplied, desired, expected) => {
    const before = JSON.stringify(live);
    expect(
      threeWayMerge(
        live as Record<string, unknown>,
        lastApplied as Record<string, unknown> | undefined,
        desired as Record<string, unknown>,
      ),
    ).toEqual(expected);
    expect(JSON.stringify(live)).toBe(before); // inputs untouched
  });

  it("keeps live's key order, new keys last", () => {
    const merged = threeWayMerge(
      { kind: 'A', spec: {}, status: {} },
      {},
      { spec: {}, kind: 'A', extra: 1 },
    );
    expect(Object.keys(merged)).toEqual(['kind', 'spec', 'status', 'extra']);
  });
});

function replicas(cluster: Cluster): number | undefined {
  return cluster.get<Deployment>('Deployment', 'web')?.spec?.replicas;
}

describe('Cluster.apply on an existing object', () => {
  it('keeps the replicas an HPA set when the manifest never set them', () => {
    // GIVEN a Deployment without replicas, scaled to 5 by its HPA under load
    const cluster = new Cluster();
    const manifest = webWithHpa({});
    cluster.apply(manifest);
    cluster.converge();
    cluster.setCpuUtilization('Deployment', 'web', 400);
    cluster.converge();
    expect(replicas(cluster)).toBe(5);
    const uid = cluster.get('Deployment', 'web')?.metadata.uid;
    // WHEN the same manifest is applied again
    const result = cluster.apply(manifest);
    // THEN nothing changed: still 5 replicas, the same object
    expect(result.map((r) => r.action)).toEqual(['unchanged', 'unchanged']);
    expect(replicas(cluster)).toBe(5);
    expect(cluster.get('Deployment', 'web')?.metadata.uid).toBe(uid);
    cluster.converge();
    expect(cluster.list<Pod>('Pod').filter((p) => !p.metadata.deletionTimestamp)).toHaveLength(5);
  });

  it('sets the replicas a manifest now names, and resets ones it stopped naming', () => {
    // GIVEN a Deployment of 2, without an HPA
    const cluster = new Cluster();
    const deployment = webWithHpa({ replicas: 2 }).split('---')[0];
    cluster.apply(deployment);
    cluster.converge();
    const status = cluster.get<Deployment>('Deployment', 'web')?.status;
    // WHEN re-applied with replicas: 3
    expect(cluster.apply(deployment.replace('replicas: 2', 'replicas: 3'))[0].action).toBe(
      'configured',
    );
    // THEN 3, with uid, creationTimestamp and status kept
    expect(replicas(cluster)).toBe(3);
    expect(cluster.get<Deployment>('Deployment', 'web')?.status).toEqual(status);
    // WHEN re-applied without replicas after having named them
    cluster.apply(deployment.replace(/\n {2}replicas: 2/, ''));
    // THEN the field goes and the default (1) applies, as with kubectl apply
    expect(replicas(cluster)).toBe(1);
  });

  it('keeps what controllers and admission set on a claim (class, volumeName)', () => {
    const claim: KubeObject = {
      apiVersion: 'v1',
      kind: 'PersistentVolumeClaim',
      metadata: { name: 'data' },
      spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } },
    };
    const pod: KubeObject = {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'app' },
      spec: {
        containers: [{ name: 'app', image: 'nginx:1.27' }],
        volumes: [{ name: 'data', persistentVolumeClaim: { claimName: 'data' } }],
      },
    };
    const cluster = new Cluster();
    cluster.apply([claim, pod]);
    expect(cluster.converge().problems).toEqual([]);
    const bound = cluster.get('PersistentVolumeClaim', 'data')?.spec;
    expect(bound).toMatchObject({ storageClassName: 'standard', volumeName: expect.any(String) });
    expect(cluster.apply([claim, pod]).map((r) => r.action)).toEqual(['unchanged', 'unchanged']);
    expect(cluster.get('PersistentVolumeClaim', 'data')?.spec).toEqual(bound);
  });
});
