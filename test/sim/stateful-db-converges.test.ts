import { Chart, Testing } from 'cdk8s';
import type { Pod } from '../../lib/sim/api';
import { Cluster } from '../../lib/sim/cluster';
import type { StatefulSet } from '../../lib/sim/controllers/statefulset-api';
import type { PersistentVolume, PersistentVolumeClaim } from '../../lib/sim/storage/api';
import type { KubeObject } from '../../lib/sim/types';
import { StatefulDb } from '../../lib/stateful-db';
import { WebApp } from '../../lib/webapp';

function readySince(pod: Pod): string {
  const ready = pod.status?.conditions?.find((c) => c.type === 'Ready' && c.status === 'True');
  return ready?.lastTransitionTime ?? '';
}

describe('a StatefulDb with a WebApp converges in the default cluster', () => {
  // GIVEN a 3-replica Postgres and an API connected to it, synthesized with cdk8s
  const chart = new Chart(Testing.app(), 'shop');
  const db = new StatefulDb(chart, 'db', {
    engine: 'postgres',
    name: 'shop-db',
    replicas: 3,
    storage: { size: '5Gi' },
    password: 'dev-only',
  });
  const api = new WebApp(chart, 'api', { image: 'shop-api:1.0.0', replicas: 2 });
  api.connectTo(db);
  const manifests = Testing.synth(chart) as KubeObject[];

  // WHEN the manifests are applied to a fresh cluster and it converges
  const cluster = new Cluster();
  cluster.apply(manifests);
  const result = cluster.converge();

  test('converges without problems', () => {
    expect(result.problems).toEqual([]);
    expect(result.converged).toBe(true);
  });

  test('binds one claim per database pod to a volume provisioned from the default class', () => {
    const claims = cluster.list('PersistentVolumeClaim') as unknown as PersistentVolumeClaim[];
    expect(claims.map((c) => c.metadata.name).sort()).toEqual(
      ['shop-db-0', 'shop-db-1', 'shop-db-2'].map((pod) =>
        expect.stringMatching(new RegExp(`-${pod}$`)),
      ),
    );
    for (const claim of claims) {
      expect(claim.status?.phase).toBe('Bound');
      expect(claim.spec?.storageClassName).toBe('standard');
      const pv = cluster.get('PersistentVolume', claim.spec?.volumeName ?? '') as unknown as
        PersistentVolume | undefined;
      expect(pv?.status?.phase).toBe('Bound');
      expect(pv?.spec?.capacity).toEqual({ storage: '5Gi' });
    }
  });

  test('started the database pods in order, each after the previous one was Ready', () => {
    const pods = ['shop-db-0', 'shop-db-1', 'shop-db-2'].map(
      (name) => cluster.get('Pod', name) as unknown as Pod,
    );
    for (let i = 1; i < pods.length; i++) {
      expect(pods[i].metadata.creationTimestamp! >= readySince(pods[i - 1])).toBe(true);
    }
    // each pod runs on the node its volume was provisioned on
    for (const pod of pods) {
      const claimName = pod.spec?.volumes?.find((v) => v.persistentVolumeClaim)
        ?.persistentVolumeClaim?.claimName;
      const claim = cluster.get('PersistentVolumeClaim', claimName ?? '') as unknown as
        PersistentVolumeClaim | undefined;
      expect(claim?.metadata.annotations?.['volume.kubernetes.io/selected-node']).toBe(
        pod.spec?.nodeName,
      );
    }
  });

  test('reports the StatefulSet ready and current', () => {
    const set = cluster.get('StatefulSet', 'shop-db') as unknown as StatefulSet;
    expect(set.status).toMatchObject({ replicas: 3, readyReplicas: 3, updatedReplicas: 3 });
  });
});
