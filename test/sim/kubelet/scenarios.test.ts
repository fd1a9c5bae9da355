/**
 * The kubelet inside a whole cluster (`new Cluster()`): manifests from the Kubernetes docs
 * (https://kubernetes.io/docs/concepts/workloads/controllers/deployment/) and their failure
 * variants, judged by the problems the simulator reports.
 */
import { Cluster } from '../../../lib/sim';
import { nginxDeployment } from '../fixtures/workloads';

function podProblems(cluster: Cluster) {
  return cluster.problems().filter((p) => p.kind === 'Pod');
}

describe('kubelet in a cluster', () => {
  test('runs the docs nginx Deployment: 3 pods Running and Ready on IPs of their nodes', () => {
    const cluster = new Cluster();
    cluster.apply(nginxDeployment('nginx:1.14.2'));
    const result = cluster.converge();
    expect(result.converged).toBe(true);
    const pods = cluster.list('Pod') as {
      spec: { nodeName: string };
      status: { phase: string; podIP: string; hostIP: string };
    }[];
    expect(pods).toHaveLength(3);
    for (const pod of pods) {
      expect(pod.status.phase).toBe('Running');
      const node = cluster.get('Node', pod.spec.nodeName) as { spec: { podCIDR: string } };
      expect(pod.status.podIP.startsWith(node.spec.podCIDR.split('.').slice(0, 3).join('.'))).toBe(
        true,
      );
    }
    expect(new Set(pods.map((p) => p.status.podIP)).size).toBe(3);
  });

  test('fails with ImagePullBackOff for an image that cannot be pulled, naming the image', () => {
    const cluster = new Cluster({ images: { 'nginx:broken': { pull: 'fail' } } });
    cluster.apply(nginxDeployment('nginx:broken'));
    const result = cluster.converge({ timeoutSeconds: 120 });
    expect(result.converged).toBe(false);
    const problems = podProblems(cluster);
    expect(problems).toHaveLength(3);
    expect(problems[0]).toMatchObject({
      reason: expect.stringMatching(/^(ErrImagePull|ImagePullBackOff)$/),
      message:
        'image "nginx:broken" could not be pulled; check the image name and registry credentials',
    });
  });

  test('fails with CrashLoopBackOff for an image that exits, with its restart count', () => {
    const cluster = new Cluster({ images: { 'nginx:crash': { crash: true } } });
    cluster.apply(nginxDeployment('nginx:crash'));
    cluster.converge({ timeoutSeconds: 300 });
    const problems = podProblems(cluster);
    expect(problems).toHaveLength(3);
    expect(problems[0].reason).toBe('CrashLoopBackOff');
    expect(problems[0].message).toMatch(
      /^container "nginx" keeps exiting \(exit code 1, \d+ restarts\)/,
    );
  });

  test('fails with CreateContainerConfigError for a missing Secret, and recovers once it exists', () => {
    const env = `        env:
        - name: PASSWORD
          valueFrom:
            secretKeyRef:
              name: db-credentials
              key: password
`;
    const cluster = new Cluster();
    cluster.apply(nginxDeployment('nginx:1.14.2', { container: env }));
    expect(cluster.converge({ timeoutSeconds: 120 }).converged).toBe(false);
    expect(podProblems(cluster)[0]).toMatchObject({
      reason: 'CreateContainerConfigError',
      message: expect.stringMatching(
        /^container "nginx": secret "db-credentials" not found; create it/,
      ),
    });
    cluster.apply({
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: { name: 'db-credentials' },
      data: { password: Buffer.from('pw').toString('base64') },
    });
    expect(cluster.converge().converged).toBe(true);
    expect(podProblems(cluster)).toEqual([]);
  });

  test('is deterministic: same seed, same pod IPs and statuses', () => {
    const run = () => {
      const cluster = new Cluster({ seed: 7 });
      cluster.apply(nginxDeployment('nginx:1.14.2'));
      cluster.converge();
      return JSON.stringify(cluster.list('Pod').map((p) => p.status));
    };
    expect(run()).toBe(run());
  });

  test('a failed node: its pods stay Terminating, replacements run elsewhere, recovery finishes them', () => {
    // GIVEN the nginx Deployment running on three nodes
    const cluster = new Cluster();
    cluster.apply(nginxDeployment('nginx:1.14.2'));
    cluster.converge();
    type P = {
      metadata: { name: string; deletionTimestamp?: string };
      spec: { nodeName: string };
      status: { phase: string };
    };
    const victims = (cluster.list('Pod') as P[]).filter((p) => p.spec.nodeName === 'node-1');
    expect(victims.length).toBeGreaterThan(0);
    // WHEN node-1 fails and its pods' 300 s unreachable toleration runs out
    cluster.failNode('node-1');
    cluster.advance(400);
    // THEN they are Terminating but not gone (no kubelet to finish them), and 3 others serve
    for (const victim of victims) {
      expect(
        (cluster.get('Pod', victim.metadata.name) as P | undefined)?.metadata.deletionTimestamp,
      ).toBeDefined();
    }
    const live = (cluster.list('Pod') as P[]).filter((p) => !p.metadata.deletionTimestamp);
    expect(live).toHaveLength(3);
    expect(live.every((p) => p.spec.nodeName !== 'node-1' && p.status.phase === 'Running')).toBe(
      true,
    );
    // WHEN the node comes back, its kubelet finishes the deletions
    cluster.recoverNode('node-1');
    cluster.advance(5);
    for (const victim of victims) expect(cluster.get('Pod', victim.metadata.name)).toBeUndefined();
  });
});
