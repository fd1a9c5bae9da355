/**
 * ReplicaSet controller unit tests on the kernel harness, modelled on
 * pkg/controller/replicaset/replica_set.go (manageReplicas, slowStartBatch, claimPods,
 * calculateStatus) with a stand-in kubelet.
 */
import type { Pod, ReplicaSet } from '../../../lib/sim/api';
import { ReplicaSetController, replicaSetProblems } from '../../../lib/sim/controllers/replicaset';
import { TypedStore } from '../../../lib/sim/controllers/typed-store';
import { newHarness } from '../../../lib/sim/testing-harness';
import {
  FakeKubelet,
  markReady,
  markWaiting,
  podQuotaStandIn,
  replicaSetManifest,
} from './workload-fixtures';

function setup(options: { burstReplicas?: number; kubelet?: boolean } = {}) {
  const h = newHarness();
  const store = new TypedStore(h.store);
  h.start(new ReplicaSetController({ burstReplicas: options.burstReplicas }));
  if (options.kubelet !== false) h.start(new FakeKubelet());
  return { h, store };
}

const podsOf = (store: TypedStore, name: string) =>
  store.list<Pod>('Pod').filter((p) => p.metadata.ownerReferences?.[0]?.name === name);

describe('ReplicaSetController', () => {
  it('creates the pods named <rs>-<5 chars> with the template labels and a controller reference', () => {
    // GIVEN a bare ReplicaSet of 3
    const { h, store } = setup();
    const rs = store.create(replicaSetManifest('web', 3));
    // WHEN time passes
    h.run(30);
    // THEN 3 pods exist and the status counts them ready
    const pods = podsOf(store, 'web');
    expect(pods).toHaveLength(3);
    for (const pod of pods) {
      expect(pod.metadata.name).toMatch(/^web-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
      expect(pod.metadata.labels).toEqual({ app: 'web' });
      expect(pod.metadata.ownerReferences).toEqual([
        expect.objectContaining({
          kind: 'ReplicaSet',
          name: 'web',
          uid: rs.metadata.uid,
          controller: true,
        }),
      ]);
    }
    expect(store.get<ReplicaSet>('ReplicaSet', 'web')?.status).toEqual({
      replicas: 3,
      fullyLabeledReplicas: 3,
      readyReplicas: 3,
      availableReplicas: 3,
      observedGeneration: 1,
    });
    expect(replicaSetProblems(h.store, h.clock)).toEqual([]);
  });

  it('creates at most burstReplicas pods per sync', () => {
    const { h, store } = setup({ burstReplicas: 2, kubelet: false });
    store.create(replicaSetManifest('web', 5));
    h.clock.step(); // the first sync
    expect(podsOf(store, 'web')).toHaveLength(2);
    h.run(1);
    expect(podsOf(store, 'web')).toHaveLength(5);
  });

  it('replaces a deleted pod', () => {
    const { h, store } = setup();
    store.create(replicaSetManifest('web', 2));
    h.run(30);
    const [victim] = podsOf(store, 'web');
    h.store.delete('Pod', victim.metadata.name, 'default');
    h.run(30);
    const pods = podsOf(store, 'web');
    expect(pods).toHaveLength(2);
    expect(pods.map((p) => p.metadata.name)).not.toContain(victim.metadata.name);
  });

  it('scales down the not-ready and unscheduled pods first', () => {
    // GIVEN 4 pods: 2 ready, 1 waiting on a node, 1 unscheduled
    const { h, store } = setup({ kubelet: false });
    const rs = store.create(replicaSetManifest('web', 4));
    h.run(1);
    const [a, b, c] = podsOf(store, 'web').map((p) => p.metadata.name);
    markReady(h.ctx, a);
    markReady(h.ctx, b);
    markWaiting(h.ctx, c, 'ImagePullBackOff');
    h.run(1);
    // WHEN scaled to 2
    store.update({ ...rs, spec: { ...rs.spec!, replicas: 2 } });
    h.run(1);
    // THEN the two ready pods remain
    const left = podsOf(store, 'web')
      .filter((p) => !p.metadata.deletionTimestamp)
      .map((p) => p.metadata.name);
    expect(left.sort()).toEqual([a, b].sort());
  });

  it('counts a pod available only after minReadySeconds', () => {
    const { h, store } = setup({ kubelet: false });
    store.create(replicaSetManifest('web', 1, 10));
    h.run(1);
    markReady(h.ctx, podsOf(store, 'web')[0].metadata.name);
    h.run(5);
    expect(store.get<ReplicaSet>('ReplicaSet', 'web')?.status).toMatchObject({
      readyReplicas: 1,
      availableReplicas: 0,
    });
    h.run(10);
    expect(store.get<ReplicaSet>('ReplicaSet', 'web')?.status).toMatchObject({
      readyReplicas: 1,
      availableReplicas: 1,
    });
  });

  it('adopts an orphan pod that matches its selector', () => {
    const { h, store } = setup();
    store.create<Pod>({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'stray', namespace: 'default', labels: { app: 'web' } },
      spec: { containers: [{ name: 'app', image: 'nginx' }] },
    });
    const rs = store.create(replicaSetManifest('web', 2));
    h.run(30);
    expect(store.get<Pod>('Pod', 'stray')?.metadata.ownerReferences?.[0]).toMatchObject({
      uid: rs.metadata.uid,
      controller: true,
    });
    expect(podsOf(store, 'web')).toHaveLength(2);
  });

  it('raises ReplicaFailure with the API server message when pod creation is rejected', () => {
    // GIVEN an admission plugin that allows 2 pods (a stand-in for a quota)
    const { h, store } = setup();
    h.store.use(podQuotaStandIn(h.store, 2, 'pods'));
    store.create(replicaSetManifest('web', 3));
    h.run(60);
    const status = store.get<ReplicaSet>('ReplicaSet', 'web')?.status;
    expect(status?.replicas).toBe(2);
    expect(status?.conditions).toEqual([
      expect.objectContaining({
        type: 'ReplicaFailure',
        status: 'True',
        reason: 'FailedCreate',
        message: expect.stringMatching(/exceeded quota: pods/),
      }),
    ]);
    const [problem] = replicaSetProblems(h.store, h.clock);
    expect(problem).toMatchObject({ kind: 'ReplicaSet', name: 'web', reason: 'FailedCreate' });
    expect(problem.message).toMatch(/is forbidden: exceeded quota/);
  });

  it('reports a bare ReplicaSet whose pods are not ready, naming them and why', () => {
    const h = newHarness();
    const store = new TypedStore(h.store);
    h.start(new ReplicaSetController());
    h.start(new FakeKubelet({ brokenImages: ['nginx:1.25'] }));
    store.create(replicaSetManifest('web', 2));
    h.run(30);
    const [problem] = replicaSetProblems(h.store, h.clock);
    expect(problem).toMatchObject({ kind: 'ReplicaSet', name: 'web', reason: 'ImagePullBackOff' });
    expect(problem.message).toMatch(
      /^0\/2 replicas ready; 2\/2 pods not ready: web-\w{5} ImagePullBackOff, web-\w{5} ImagePullBackOff$/,
    );
  });
});
