/**
 * Deployment controller unit tests on the kernel harness with the ReplicaSet controller and a
 * stand-in kubelet, modelled on pkg/controller/deployment (sync.go, rolling.go, recreate.go,
 * progress.go) and kubectl's rollout undo.
 */
import type { Deployment, Pod, ReplicaSet } from '../../../lib/sim/api';
import { DeploymentController, deploymentProblems } from '../../../lib/sim/controllers/deployment';
import { rolloutUndo } from '../../../lib/sim/controllers/deployment-rollback';
import { podTemplateHash } from '../../../lib/sim/controllers/pod-template-hash';
import { ReplicaSetController } from '../../../lib/sim/controllers/replicaset';
import { isPodActive, isPodReady } from '../../../lib/sim/controllers/replicaset-util';
import { TypedStore } from '../../../lib/sim/controllers/typed-store';
import { newHarness } from '../../../lib/sim/testing-harness';
import type { KubeObject } from '../../../lib/sim/types';
import { deploymentManifest, FakeKubelet, podQuotaStandIn } from './workload-fixtures';

function setup(
  kubelet: { readySeconds?: number; brokenImages?: string[] } = {},
  replicaSetControllerFirst = false,
) {
  const h = newHarness();
  const store = new TypedStore(h.store);
  if (replicaSetControllerFirst) h.start(new ReplicaSetController());
  h.start(new DeploymentController());
  if (!replicaSetControllerFirst) h.start(new ReplicaSetController());
  h.start(new FakeKubelet(kubelet));
  return { h, store };
}

const get = (store: TypedStore, name = 'web') => store.get<Deployment>('Deployment', name)!;
const replicaSets = (store: TypedStore) => store.list<ReplicaSet>('ReplicaSet');
const withImage = (d: Deployment, image: string): Deployment => ({
  ...d,
  spec: {
    ...d.spec!,
    template: {
      ...d.spec!.template,
      spec: { ...d.spec!.template.spec, containers: [{ name: 'app', image }] },
    },
  },
});
const revisionOf = (obj: { metadata: { annotations?: Record<string, string> } }) =>
  obj.metadata.annotations?.['deployment.kubernetes.io/revision'];
const imageOf = (rs: ReplicaSet) => rs.spec?.template.spec.containers[0].image;

describe('DeploymentController', () => {
  it('creates <deployment>-<pod-template-hash> and reports a complete rollout', () => {
    // GIVEN a Deployment of 3
    const { h, store } = setup();
    const d = store.create(deploymentManifest('web', 3));
    // WHEN it converges
    h.run(60);
    // THEN one ReplicaSet named after the template hash owns 3 ready pods
    const hash = podTemplateHash(d.spec!.template);
    const [rs] = replicaSets(store);
    expect(rs.metadata.name).toBe(`web-${hash}`);
    expect(rs.metadata.labels).toEqual({ app: 'web', 'pod-template-hash': hash });
    expect(rs.spec?.selector.matchLabels).toEqual({ app: 'web', 'pod-template-hash': hash });
    expect(rs.metadata.ownerReferences).toEqual([
      expect.objectContaining({
        kind: 'Deployment',
        name: 'web',
        uid: d.metadata.uid,
        controller: true,
      }),
    ]);
    expect(rs.metadata.annotations).toEqual({
      'deployment.kubernetes.io/revision': '1',
      'deployment.kubernetes.io/desired-replicas': '3',
      'deployment.kubernetes.io/max-replicas': '4',
    });
    for (const pod of store.list<Pod>('Pod')) {
      expect(pod.metadata.name).toMatch(
        new RegExp(`^web-${hash}-[bcdfghjklmnpqrstvwxz2456789]{5}$`),
      );
      expect(pod.metadata.labels).toEqual({ app: 'web', 'pod-template-hash': hash });
    }
    const live = get(store);
    expect(revisionOf(live)).toBe('1');
    expect(live.status).toMatchObject({
      observedGeneration: 1,
      replicas: 3,
      updatedReplicas: 3,
      readyReplicas: 3,
      availableReplicas: 3,
      unavailableReplicas: 0,
    });
    expect(live.status?.conditions).toEqual([
      expect.objectContaining({
        type: 'Available',
        status: 'True',
        reason: 'MinimumReplicasAvailable',
        message: 'Deployment has minimum availability.',
      }),
      expect.objectContaining({
        type: 'Progressing',
        status: 'True',
        reason: 'NewReplicaSetAvailable',
        message: `ReplicaSet "web-${hash}" has successfully progressed.`,
      }),
    ]);
    expect(deploymentProblems(h.store, h.clock)).toEqual([]);
  });

  it.each([false, true])(
    'rolls 10 replicas at 25%%/25%% within 13 pods and 8 available (ReplicaSet controller first: %j)',
    (replicaSetControllerFirst) => {
      // GIVEN 10 ready replicas
      const { h, store } = setup({ readySeconds: 7 }, replicaSetControllerFirst);
      store.create(deploymentManifest('web', 10));
      h.run(60);
      let maxPods = 0;
      let minAvailable = Infinity;
      h.store.watch('Pod', () => {
        const pods = store.list<Pod>('Pod').filter(isPodActive);
        maxPods = Math.max(maxPods, pods.length);
        minAvailable = Math.min(minAvailable, pods.filter(isPodReady).length);
      });
      // WHEN the image changes
      store.update(withImage(get(store), 'nginx:1.26'));
      h.run(300);
      // THEN the bounds held and the rollout completed
      expect(maxPods).toBe(13);
      expect(minAvailable).toBe(8);
      const pods = store.list<Pod>('Pod');
      expect(pods).toHaveLength(10);
      expect(pods.every((p) => p.spec?.containers[0].image === 'nginx:1.26')).toBe(true);
      expect(get(store).status).toMatchObject({
        replicas: 10,
        updatedReplicas: 10,
        availableReplicas: 10,
        observedGeneration: 2,
      });
    },
  );

  it('keeps the old ReplicaSet at zero with its revision, the new one is revision 2', () => {
    const { h, store } = setup();
    store.create(deploymentManifest('web', 2));
    h.run(60);
    store.update(withImage(get(store), 'nginx:1.26'));
    h.run(120);
    const byImage = new Map(replicaSets(store).map((rs) => [imageOf(rs), rs]));
    expect(byImage.get('nginx:1.25')?.spec?.replicas).toBe(0);
    expect(revisionOf(byImage.get('nginx:1.25')!)).toBe('1');
    expect(revisionOf(byImage.get('nginx:1.26')!)).toBe('2');
    expect(revisionOf(get(store))).toBe('2');
    const events = h.store
      .list<KubeObject & { reason: string; message: string }>('Event')
      .map((e) => e.message);
    expect(events).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^Scaled up replica set web-\w+ from 0 to 1$/),
        expect.stringMatching(/^Scaled down replica set web-\w+ from 2 to 1$/),
      ]),
    );
  });

  it('deletes old ReplicaSets beyond revisionHistoryLimit', () => {
    const { h, store } = setup();
    store.create(deploymentManifest('web', 1, { revisionHistoryLimit: 1 }));
    h.run(60);
    for (const image of ['nginx:2', 'nginx:3', 'nginx:4']) {
      store.update(withImage(get(store), image));
      h.run(60);
    }
    expect(replicaSets(store).map(imageOf).sort()).toEqual(['nginx:3', 'nginx:4']);
  });

  it('Recreate deletes every old pod before the first new pod exists', () => {
    const { h, store } = setup();
    store.create(deploymentManifest('web', 3, { strategy: { type: 'Recreate' } }));
    h.run(60);
    const seenOldWhenNewCreated: number[] = [];
    h.store.watch('Pod', (e) => {
      const pod = e.object as unknown as Pod;
      if (e.type === 'ADDED' && pod.spec?.containers[0].image === 'nginx:2') {
        seenOldWhenNewCreated.push(
          store.list<Pod>('Pod').filter((p) => p.spec?.containers[0].image !== 'nginx:2').length,
        );
      }
    });
    store.update(withImage(get(store), 'nginx:2'));
    h.run(120);
    expect(seenOldWhenNewCreated).toEqual([0, 0, 0]);
    expect(get(store).status).toMatchObject({
      replicas: 3,
      updatedReplicas: 3,
      availableReplicas: 3,
    });
  });

  it('rolls back with rolloutUndo: the old template becomes the newest revision', () => {
    const { h, store } = setup();
    store.create(deploymentManifest('web', 2));
    h.run(60);
    store.update(withImage(get(store), 'nginx:1.26'));
    h.run(120);
    // WHEN undone to the previous revision
    expect(rolloutUndo(h.store, h.clock, 'web')).toBe('deployment.apps/web rolled back');
    h.run(120);
    // THEN the revision-1 ReplicaSet is reused as revision 3
    const old = replicaSets(store).find((rs) => imageOf(rs) === 'nginx:1.25')!;
    expect(old.spec?.replicas).toBe(2);
    expect(old.metadata.annotations).toMatchObject({
      'deployment.kubernetes.io/revision': '3',
      'deployment.kubernetes.io/revision-history': '1',
    });
    expect(revisionOf(get(store))).toBe('3');
    expect(get(store).spec?.template.metadata?.labels).toEqual({ app: 'web' });
    expect(store.list<Pod>('Pod').map((p) => p.spec?.containers[0].image)).toEqual([
      'nginx:1.25',
      'nginx:1.25',
    ]);
    expect(replicaSets(store)).toHaveLength(2);
  });

  it('rolls back to an explicit revision and skips when already there', () => {
    const { h, store } = setup();
    store.create(deploymentManifest('web', 1));
    h.run(60);
    store.update(withImage(get(store), 'nginx:2'));
    h.run(60);
    store.update(withImage(get(store), 'nginx:3'));
    h.run(60);
    rolloutUndo(h.store, h.clock, 'web', 'default', 1);
    h.run(60);
    expect(get(store).spec?.template.spec.containers[0].image).toBe('nginx:1.25');
    expect(rolloutUndo(h.store, h.clock, 'web', 'default', 4)).toBe(
      'deployment.apps/web skipped rollback (current template already matches revision 4)',
    );
  });

  it.each([
    ['a missing deployment', 'nope', undefined, /deployments.apps "nope" not found/],
    ['a missing revision', 'web', 7, /unable to find specified revision 7 in history/],
  ])('fails rolloutUndo for %s', (_what, name, revision, message) => {
    const { h, store } = setup();
    store.create(deploymentManifest('web', 1));
    h.run(60);
    expect(() => rolloutUndo(h.store, h.clock, name, 'default', revision)).toThrow(message);
  });

  it('fails rolloutUndo without history', () => {
    const { h, store } = setup();
    store.create(deploymentManifest('web', 1));
    h.run(60);
    expect(() => rolloutUndo(h.store, h.clock, 'web')).toThrow(
      /no rollout history found for deployment "web"/,
    );
  });

  it('fails rolloutUndo on a paused deployment', () => {
    const { h, store } = setup();
    store.create(deploymentManifest('web', 1, { paused: true }));
    h.run(10);
    expect(() => rolloutUndo(h.store, h.clock, 'web')).toThrow(
      /cannot rollback a paused deployment/,
    );
  });

  it('leaves the old pods serving and times out after progressDeadlineSeconds on a broken image', () => {
    // GIVEN 3 healthy replicas
    const { h, store } = setup({ brokenImages: ['app:broken'] });
    store.create(deploymentManifest('web', 3, { progressDeadlineSeconds: 600 }));
    h.run(60);
    const updatedAt = h.clock.now();
    // WHEN the new image cannot be pulled
    store.update(withImage(get(store), 'app:broken'));
    h.run(590);
    expect(get(store).status?.conditions).toContainEqual(
      expect.objectContaining({ type: 'Progressing', status: 'True' }),
    );
    h.run(120);
    // THEN the old pods still serve, and Progressing=False ProgressDeadlineExceeded
    const live = get(store);
    expect(live.status).toMatchObject({ availableReplicas: 3, updatedReplicas: 1, replicas: 4 });
    const progressing = live.status?.conditions?.find((c) => c.type === 'Progressing');
    expect(progressing).toMatchObject({
      status: 'False',
      reason: 'ProgressDeadlineExceeded',
      message: expect.stringMatching(/^ReplicaSet "web-\w+" has timed out progressing\.$/),
    });
    const timedOutAt =
      (Date.parse(progressing!.lastTransitionTime!) - Date.parse(h.clock.timestamp(0))) / 1000;
    expect(timedOutAt - updatedAt).toBeGreaterThan(600);
    expect(timedOutAt - updatedAt).toBeLessThanOrEqual(603);
    const [problem] = deploymentProblems(h.store, h.clock);
    expect(problem).toMatchObject({
      kind: 'Deployment',
      name: 'web',
      reason: 'ProgressDeadlineExceeded',
    });
    expect(problem.message).toMatch(
      /timed out progressing\.; 1\/4 pods not ready: web-\w+-\w{5} ImagePullBackOff$/,
    );
  });

  it('reports a deployment without minimum availability, naming the failing pods', () => {
    const { h, store } = setup({ brokenImages: ['nginx:1.25'] });
    store.create(deploymentManifest('web', 2));
    h.run(60);
    const [problem] = deploymentProblems(h.store, h.clock);
    expect(problem).toMatchObject({ reason: 'MinimumReplicasUnavailable' });
    expect(problem.message).toMatch(
      /^Deployment does not have minimum availability: 0\/2 replicas available; 2\/2 pods not ready: web-\w+-\w{5} ImagePullBackOff, web-\w+-\w{5} ImagePullBackOff$/,
    );
  });

  it('copies ReplicaFailure from its ReplicaSet when pods are rejected', () => {
    const { h, store } = setup();
    h.store.use(podQuotaStandIn(h.store, 1, 'q'));
    store.create(deploymentManifest('web', 3));
    h.run(60);
    expect(get(store).status?.conditions).toContainEqual(
      expect.objectContaining({ type: 'ReplicaFailure', status: 'True', reason: 'FailedCreate' }),
    );
    const problems = deploymentProblems(h.store, h.clock);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({
      reason: 'FailedCreate',
      message: expect.stringMatching(
        /is forbidden: exceeded quota: q, .*; 1\/3 replicas available$/,
      ),
    });
  });

  it('counts availability after minReadySeconds', () => {
    const { h, store } = setup({ readySeconds: 5 });
    store.create(deploymentManifest('web', 1, { minReadySeconds: 30 }));
    h.run(20);
    expect(get(store).status).toMatchObject({ readyReplicas: 1, availableReplicas: 0 });
    h.run(30);
    expect(get(store).status).toMatchObject({ readyReplicas: 1, availableReplicas: 1 });
  });

  it('pauses: scales but does not roll out, and says DeploymentPaused', () => {
    const { h, store } = setup();
    store.create(deploymentManifest('web', 2));
    h.run(60);
    store.update({
      ...withImage(get(store), 'nginx:2'),
      spec: { ...withImage(get(store), 'nginx:2').spec!, paused: true, replicas: 4 },
    });
    h.run(60);
    expect(replicaSets(store)).toHaveLength(1);
    expect(store.list<Pod>('Pod')).toHaveLength(4);
    expect(get(store).status?.conditions).toContainEqual(
      expect.objectContaining({
        type: 'Progressing',
        status: 'Unknown',
        reason: 'DeploymentPaused',
        message: 'Deployment is paused',
      }),
    );
    // resuming rolls out
    store.update({ ...get(store), spec: { ...get(store).spec!, paused: false } });
    h.run(120);
    expect(store.list<Pod>('Pod').map((p) => p.spec?.containers[0].image)).toEqual([
      'nginx:2',
      'nginx:2',
      'nginx:2',
      'nginx:2',
    ]);
  });

  it('scales the only ReplicaSet on a scaling event, with Kubernetes event messages', () => {
    const { h, store } = setup();
    store.create(deploymentManifest('web', 3));
    h.run(60);
    store.update({ ...get(store), spec: { ...get(store).spec!, replicas: 5 } });
    h.run(60);
    store.update({ ...get(store), spec: { ...get(store).spec!, replicas: 2 } });
    h.run(60);
    const [rs] = replicaSets(store);
    expect(rs.spec?.replicas).toBe(2);
    expect(rs.metadata.annotations).toMatchObject({
      'deployment.kubernetes.io/desired-replicas': '2',
      'deployment.kubernetes.io/max-replicas': '3',
    });
    const messages = h.store
      .list<KubeObject & { reason: string; message: string }>('Event')
      .filter((e) => e.reason === 'ScalingReplicaSet')
      .map((e) => e.message);
    const name = rs.metadata.name;
    expect(messages).toEqual([
      `Scaled up replica set ${name} from 0 to 3`,
      `Scaled up replica set ${name} from 3 to 5`,
      `Scaled down replica set ${name} from 5 to 2`,
    ]);
    expect(store.list<Pod>('Pod')).toHaveLength(2);
    expect(get(store).status).toMatchObject({
      replicas: 2,
      availableReplicas: 2,
      observedGeneration: 3,
    });
  });

  it('adopts an orphan ReplicaSet with its template instead of creating one', () => {
    // GIVEN a ReplicaSet left behind with the Deployment's template (e.g. after `--cascade=orphan`)
    const { h, store } = setup();
    const manifest = deploymentManifest('web', 2);
    store.create<ReplicaSet>({
      apiVersion: 'apps/v1',
      kind: 'ReplicaSet',
      metadata: { name: 'web-orphan', namespace: 'default', labels: { app: 'web' } },
      spec: {
        replicas: 2,
        selector: { matchLabels: { app: 'web' } },
        template: manifest.spec!.template,
      },
    });
    h.run(30);
    // WHEN the Deployment comes (back)
    const d = store.create(manifest);
    h.run(60);
    // THEN it controls that ReplicaSet and found it as its new one
    expect(replicaSets(store).map((rs) => rs.metadata.name)).toEqual(['web-orphan']);
    expect(replicaSets(store)[0].metadata.ownerReferences).toEqual([
      expect.objectContaining({ kind: 'Deployment', uid: d.metadata.uid, controller: true }),
    ]);
    expect(get(store).status?.conditions).toContainEqual(
      expect.objectContaining({ type: 'Progressing', reason: 'NewReplicaSetAvailable' }),
    );
    expect(store.list<Pod>('Pod')).toHaveLength(2);
  });

  it('scales proportionally during a rollout', () => {
    // GIVEN a rollout stuck halfway (the new image never turns ready)
    const { h, store } = setup({ brokenImages: ['bad:1'] });
    store.create(
      deploymentManifest('web', 10, {
        strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: 3, maxUnavailable: 2 } },
      }),
    );
    h.run(60);
    store.update(withImage(get(store), 'bad:1'));
    h.run(60);
    const sizes = () => new Map(replicaSets(store).map((rs) => [imageOf(rs), rs.spec?.replicas]));
    expect(sizes()).toEqual(
      new Map([
        ['nginx:1.25', 8],
        ['bad:1', 5],
      ]),
    );
    // WHEN scaled to 20
    store.update({ ...get(store), spec: { ...get(store).spec!, replicas: 20 } });
    h.run(30);
    // THEN the 10 extra replicas (23 − 13) are shared 8:5 (sync.go scale, getProportion)
    expect(sizes()).toEqual(
      new Map([
        ['nginx:1.25', 14],
        ['bad:1', 9],
      ]),
    );
  });
});
