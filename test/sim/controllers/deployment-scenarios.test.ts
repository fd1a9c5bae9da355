/**
 * Deployment and ReplicaSet scenarios through the whole simulated cluster (scheduler, kubelet,
 * endpoints), against documented numbers: pkg/controller/deployment/rolling.go and recreate.go,
 * progress.go's deadline, and the examples of kubernetes.io/docs/concepts/workloads/controllers
 * (deployment.md's nginx-deployment, replicaset.md's frontend).
 */
import type { Deployment, Endpoints, Pod, ReplicaSet } from '../../../lib/sim/api';
import { Cluster } from '../../../lib/sim/cluster';
import { isPodActive, isPodReady } from '../../../lib/sim/controllers/replicaset-util';
import type { Controller, SimContext } from '../../../lib/sim/framework';
import { defaultControllers } from '../../../lib/sim/preset';
import { nginxDeployment } from '../fixtures/workloads';

const frontend = (image: string) => `
apiVersion: apps/v1
kind: ReplicaSet
metadata:
  name: frontend
  labels: { app: guestbook, tier: frontend }
spec:
  replicas: 3
  selector:
    matchLabels: { tier: frontend }
  template:
    metadata:
      labels: { tier: frontend }
    spec:
      containers:
      - name: php-redis
        image: ${image}
`;

/** Watches every pod event and keeps the extremes of active and ready pods. */
class PodCountProbe implements Controller {
  readonly name = 'pod-count-probe';
  maxActive = 0;
  minReady = Infinity;
  /** Called on every pod event; returns true while the probe should record. */
  recording = false;
  /** Per event: [old-image pods, new-image pods] alive (terminating included). */
  readonly coexisting: number[] = [];
  newImage = '';

  start(ctx: SimContext): void {
    ctx.store.watch('Pod', () => {
      if (!this.recording) return;
      const pods = ctx.store.list('Pod') as unknown as Pod[];
      const active = pods.filter(isPodActive);
      this.maxActive = Math.max(this.maxActive, active.length);
      this.minReady = Math.min(this.minReady, active.filter(isPodReady).length);
      const fresh = pods.filter((p) => p.spec?.containers[0].image === this.newImage).length;
      if (fresh > 0) this.coexisting.push(pods.length - fresh);
    });
  }
}

const deployment = (cluster: Cluster) =>
  cluster.get('Deployment', 'nginx-deployment') as unknown as Deployment;
const pods = (cluster: Cluster) => cluster.list('Pod') as unknown as Pod[];
const replicaSets = (cluster: Cluster) => cluster.list('ReplicaSet') as unknown as ReplicaSet[];
const revision = (obj: { metadata: { annotations?: Record<string, string> } }) =>
  obj.metadata.annotations?.['deployment.kubernetes.io/revision'];

describe('Deployment scenarios', () => {
  it('converges the nginx-deployment of the Deployment docs', () => {
    // GIVEN the docs' manifest
    const cluster = new Cluster({ seed: 1 });
    cluster.apply(nginxDeployment('nginx:1.14.2'));
    // WHEN converged
    const result = cluster.converge();
    // THEN as `kubectl get deploy,rs,pods` shows it
    expect(result.problems).toEqual([]);
    expect(deployment(cluster).status).toMatchObject({
      observedGeneration: 1,
      replicas: 3,
      updatedReplicas: 3,
      readyReplicas: 3,
      availableReplicas: 3,
      unavailableReplicas: 0,
    });
    const [rs] = replicaSets(cluster);
    expect(rs.metadata.name).toMatch(/^nginx-deployment-[bcdfghjklmnpqrstvwxz2456789]{6,10}$/);
    expect(rs.status).toMatchObject({ replicas: 3, readyReplicas: 3, availableReplicas: 3 });
    for (const pod of pods(cluster)) {
      expect(pod.metadata.name).toMatch(
        new RegExp(`^${rs.metadata.name}-[bcdfghjklmnpqrstvwxz2456789]{5}$`),
      );
      expect(pod.metadata.labels?.['pod-template-hash']).toBe(
        rs.metadata.name.slice('nginx-deployment-'.length),
      );
    }
  });

  it('names everything the same way for the same seed', () => {
    const names = () => {
      const cluster = new Cluster({ seed: 7 });
      cluster.apply(nginxDeployment('nginx:1.14.2'));
      cluster.converge();
      return pods(cluster).map((p) => p.metadata.name);
    };
    expect(names()).toEqual(names());
  });

  it('rolls 10 replicas at 25%/25% within 13 pods and at least 8 available', () => {
    // GIVEN 10 replicas running
    const probe = new PodCountProbe();
    const cluster = new Cluster({ seed: 3, controllers: [...defaultControllers(), probe] });
    cluster.apply(nginxDeployment('nginx:1.14.2', { replicas: 10 }));
    expect(cluster.converge().converged).toBe(true);
    // WHEN the image changes
    probe.recording = true;
    cluster.apply(nginxDeployment('nginx:1.16.1', { replicas: 10 }));
    const result = cluster.converge();
    // THEN maxSurge 3 (rounded up) and maxUnavailable 2 (rounded down) held all along
    expect(result.problems).toEqual([]);
    expect(probe.maxActive).toBe(13);
    expect(probe.minReady).toBeGreaterThanOrEqual(8);
    expect(pods(cluster).map((p) => p.spec?.containers[0].image)).toEqual(
      Array(10).fill('nginx:1.16.1'),
    );
    expect(revision(deployment(cluster))).toBe('2');
    expect(
      replicaSets(cluster)
        .map((rs) => rs.spec?.replicas)
        .sort(),
    ).toEqual([0, 10]);
  });

  it('Recreate removes every old pod before creating the new ones', () => {
    const probe = new PodCountProbe();
    probe.newImage = 'nginx:1.16.1';
    const cluster = new Cluster({ seed: 3, controllers: [...defaultControllers(), probe] });
    const recreate = '  strategy:\n    type: Recreate\n';
    cluster.apply(nginxDeployment('nginx:1.14.2', { spec: recreate }));
    cluster.converge();
    probe.recording = true;
    cluster.apply(nginxDeployment('nginx:1.16.1', { spec: recreate }));
    const result = cluster.converge();
    expect(result.problems).toEqual([]);
    expect(probe.coexisting.length).toBeGreaterThan(0);
    expect(Math.max(...probe.coexisting)).toBe(0);
  });

  it('rolls back with rolloutUndo to the previous template, as the newest revision', () => {
    const cluster = new Cluster({ seed: 2 });
    cluster.apply(nginxDeployment('nginx:1.14.2'));
    cluster.converge();
    cluster.apply(nginxDeployment('nginx:1.16.1'));
    cluster.converge();
    cluster.rolloutUndo('nginx-deployment');
    expect(cluster.converge().problems).toEqual([]);
    const images = pods(cluster).map((p) => p.spec?.containers[0].image);
    expect(images).toEqual(['nginx:1.14.2', 'nginx:1.14.2', 'nginx:1.14.2']);
    expect(revision(deployment(cluster))).toBe('3');
    const reused = replicaSets(cluster).find(
      (rs) => rs.spec?.template.spec.containers[0].image === 'nginx:1.14.2',
    );
    expect(reused?.metadata.annotations).toMatchObject({
      'deployment.kubernetes.io/revision': '3',
      'deployment.kubernetes.io/revision-history': '1',
    });
  });

  it('keeps the old pods serving a broken image and reports ProgressDeadlineExceeded after 600 s', () => {
    // GIVEN 3 healthy replicas behind a Service
    const cluster = new Cluster({ seed: 4, images: { 'nginx:broken': { pull: 'fail' } } });
    cluster.apply(nginxDeployment('nginx:1.14.2'));
    cluster.apply({
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 'nginx' },
      spec: { selector: { app: 'nginx' }, ports: [{ port: 80 }] },
    });
    cluster.converge();
    // WHEN the new image cannot be pulled
    cluster.apply(nginxDeployment('nginx:broken'));
    const result = cluster.converge({ timeoutSeconds: 900 });
    // THEN the old pods keep serving and the Deployment says why it stopped
    expect(result.converged).toBe(false);
    const status = deployment(cluster).status;
    expect(status).toMatchObject({ replicas: 4, updatedReplicas: 1, availableReplicas: 3 });
    expect(status?.conditions).toContainEqual(
      expect.objectContaining({
        type: 'Progressing',
        status: 'False',
        reason: 'ProgressDeadlineExceeded',
      }),
    );
    const problem = result.problems.find((p) => p.kind === 'Deployment');
    expect(problem).toMatchObject({ name: 'nginx-deployment', reason: 'ProgressDeadlineExceeded' });
    expect(problem?.message).toMatch(
      /^ReplicaSet "nginx-deployment-\w+" has timed out progressing\.; 1\/4 pods not ready: nginx-deployment-\w+-\w{5} (ErrImagePull|ImagePullBackOff)$/,
    );
    const endpoints = cluster.get('Endpoints', 'nginx') as unknown as Endpoints;
    expect(endpoints.subsets?.[0].addresses).toHaveLength(3);
  });

  it('reports MinimumReplicasUnavailable inside the default 600 s, before the deadline', () => {
    const cluster = new Cluster({ seed: 4, images: { 'nginx:broken': { pull: 'fail' } } });
    cluster.apply(nginxDeployment('nginx:broken'));
    const result = cluster.converge();
    const problem = result.problems.find((p) => p.kind === 'Deployment');
    expect(problem).toMatchObject({ reason: 'MinimumReplicasUnavailable' });
    expect(problem?.message).toMatch(
      /^Deployment does not have minimum availability: 0\/3 replicas available; 3\/3 pods not ready: /,
    );
  });

  it('counts pods available only minReadySeconds after they are ready', () => {
    const cluster = new Cluster({ seed: 5 });
    cluster.apply(
      nginxDeployment('nginx:1.14.2', { replicas: 2, spec: '  minReadySeconds: 30\n' }),
    );
    cluster.advance(10);
    expect(deployment(cluster).status).toMatchObject({ readyReplicas: 2, availableReplicas: 0 });
    cluster.advance(30);
    expect(deployment(cluster).status).toMatchObject({ readyReplicas: 2, availableReplicas: 2 });
  });

  it('replaces a deleted pod', () => {
    const cluster = new Cluster({ seed: 6 });
    cluster.apply(nginxDeployment('nginx:1.14.2'));
    cluster.converge();
    const victim = pods(cluster)[0].metadata.name;
    cluster.deletePod(victim);
    expect(cluster.converge().problems).toEqual([]);
    expect(pods(cluster).map((p) => p.metadata.name)).not.toContain(victim);
    expect(pods(cluster)).toHaveLength(3);
  });

  it('replaces the pods of a lost node once they are evicted', () => {
    // GIVEN 3 replicas spread over 3 nodes
    const cluster = new Cluster({ seed: 1 });
    cluster.apply(nginxDeployment('nginx:1.14.2'));
    cluster.converge();
    const lost = pods(cluster).find((p) => p.spec?.nodeName === 'node-1')!;
    // WHEN node-1 stops answering
    cluster.failNode('node-1');
    const result = cluster.converge({ timeoutSeconds: 900 });
    // THEN after the 300 s eviction a replacement runs elsewhere and the Deployment is whole
    expect(result.problems).toEqual([]);
    const running = pods(cluster).filter((p) => !p.metadata.deletionTimestamp);
    expect(running).toHaveLength(3);
    expect(running.map((p) => p.metadata.name)).not.toContain(lost.metadata.name);
    expect(running.every((p) => p.spec?.nodeName !== 'node-1')).toBe(true);
    expect(deployment(cluster).status).toMatchObject({ replicas: 3, availableReplicas: 3 });
  });

  it('deletes its ReplicaSets and pods with the Deployment', () => {
    const cluster = new Cluster({ seed: 1 });
    cluster.apply(nginxDeployment('nginx:1.14.2'));
    cluster.converge();
    cluster.delete('Deployment', 'nginx-deployment');
    cluster.converge();
    expect(replicaSets(cluster)).toEqual([]);
    expect(pods(cluster)).toEqual([]);
  });

  it('finishes a rollout through random pod kills and a node loss, never above 13 pods', () => {
    // GIVEN 10 replicas on 4 nodes, and a deterministic sequence of faults
    const probe = new PodCountProbe();
    const cluster = new Cluster({
      seed: 9,
      nodes: 4,
      controllers: [...defaultControllers(), probe],
    });
    cluster.apply(nginxDeployment('nginx:1.14.2', { replicas: 10 }));
    cluster.converge();
    probe.recording = true;
    let seed = 42;
    const random = (n: number) => (seed = (seed * 1103515245 + 12345) % 2 ** 31) % n;
    // WHEN the image changes while pods are killed and node-2 is lost
    cluster.apply(nginxDeployment('nginx:1.16.1', { replicas: 10 }));
    for (let step = 0; step < 8; step++) {
      cluster.advance(2);
      const alive = pods(cluster).filter((p) => !p.metadata.deletionTimestamp);
      cluster.deletePod(alive[random(alive.length)].metadata.name);
      if (step === 3) cluster.failNode('node-2');
    }
    const result = cluster.converge({ timeoutSeconds: 900 });
    // THEN the surge bound held and every replica runs the new image on a live node
    expect(probe.maxActive).toBe(13);
    expect(result.problems.filter((p) => p.kind === 'Deployment')).toEqual([]);
    const live = pods(cluster).filter((p) => !p.metadata.deletionTimestamp);
    expect(live).toHaveLength(10);
    expect(
      live.every(
        (p) => p.spec?.containers[0].image === 'nginx:1.16.1' && p.spec.nodeName !== 'node-2',
      ),
    ).toBe(true);
    expect(deployment(cluster).status).toMatchObject({
      replicas: 10,
      updatedReplicas: 10,
      availableReplicas: 10,
    });
  });
});

describe('ReplicaSet scenarios', () => {
  it('converges the frontend ReplicaSet of the ReplicaSet docs', () => {
    const cluster = new Cluster({ seed: 1 });
    cluster.apply(frontend('us-docker.pkg.dev/google-samples/containers/gke/gb-frontend:v5'));
    const result = cluster.converge();
    expect(result.problems).toEqual([]);
    const rs = cluster.get('ReplicaSet', 'frontend') as unknown as ReplicaSet;
    expect(rs.status).toEqual({
      replicas: 3,
      fullyLabeledReplicas: 3,
      readyReplicas: 3,
      availableReplicas: 3,
      observedGeneration: 1,
    });
    expect(pods(cluster).map((p) => p.metadata.name)).toEqual([
      expect.stringMatching(/^frontend-\w{5}$/),
      expect.stringMatching(/^frontend-\w{5}$/),
      expect.stringMatching(/^frontend-\w{5}$/),
    ]);
  });

  it('reports a bare ReplicaSet whose image cannot be pulled', () => {
    const cluster = new Cluster({ seed: 1, images: { 'gb-frontend:broken': { pull: 'fail' } } });
    cluster.apply(frontend('gb-frontend:broken'));
    const result = cluster.converge();
    const problem = result.problems.find((p) => p.kind === 'ReplicaSet');
    expect(problem).toMatchObject({
      name: 'frontend',
      reason: expect.stringMatching(/ErrImagePull|ImagePullBackOff/),
    });
    expect(problem?.message).toMatch(/^0\/3 replicas ready; 3\/3 pods not ready: frontend-\w{5} /);
  });
});
