import { Chart, Testing } from 'cdk8s';
import { Cluster } from '../lib/sim';
import type { ClusterOptions } from '../lib/sim';
import type { Deployment, Endpoints, ReplicaSet } from '../lib/sim/api';
import { WebApp } from '../lib/webapp';
import type { WebAppProps } from '../lib/webapp-props';

/** The manifests of a WebApp `api` in chart `shop` (namespace `default`). */
function manifests(props: WebAppProps) {
  const chart = new Chart(Testing.app(), 'shop');
  const webApp = new WebApp(chart, 'api', props);
  return { webApp, manifests: Testing.synth(chart) };
}

/** GIVEN a WebApp `api` in namespace `default` WHEN applied to a fresh simulated cluster and converged. */
function converge(props: WebAppProps, options: ClusterOptions = {}) {
  const { webApp, manifests: objects } = manifests(props);
  const cluster = new Cluster(options);
  cluster.apply(objects);
  const result = cluster.converge({ timeoutSeconds: 600 });
  return { webApp, cluster, result };
}

/** The ReplicaSets of the cluster, by name, with their desired replicas. */
function replicaSets(cluster: Cluster): Record<string, number | undefined> {
  return Object.fromEntries(
    (cluster.list('ReplicaSet', 'default') as unknown as ReplicaSet[]).map((rs) => [
      rs.metadata.name,
      rs.spec?.replicas,
    ]),
  );
}

describe('WebApp in the simulator', () => {
  test('converges with its defaults: two ready pods behind the Service', () => {
    const { webApp, cluster, result } = converge({ image: 'shop:1' });
    expect(result.problems).toEqual([]);
    expect(result.converged).toBe(true);
    const deployment = cluster.get('Deployment', webApp.deployment.name, 'default') as Deployment;
    expect(deployment.status).toMatchObject({
      replicas: 2,
      readyReplicas: 2,
      availableReplicas: 2,
    });
    const endpoints = cluster.get('Endpoints', webApp.serviceName, 'default') as Endpoints;
    expect(endpoints.subsets?.[0].addresses).toHaveLength(2);
    expect(endpoints.subsets?.[0].ports).toEqual([
      expect.objectContaining({ name: 'http', port: 8080 }),
    ]);
  });

  test('fails to converge when the image writes outside /tmp, and converges once that path is writable', () => {
    const images = { 'nginx:1.27': { writablePaths: ['/var/cache/nginx'] } };
    const broken = converge({ image: 'nginx:1.27' }, { images });
    expect(broken.result.converged).toBe(false);
    expect(broken.result.problems.map((p) => p.reason)).toContain('CrashLoopBackOff');

    const fixed = converge(
      { image: 'nginx:1.27', writablePaths: ['/tmp', '/var/cache/nginx'] },
      { images },
    );
    expect(fixed.result.problems).toEqual([]);
  });

  test('an image whose USER is root still starts under the restricted defaults, as UID 1000', () => {
    // The kubelet refuses runAsNonRoot only when it cannot tell the user is not root; the pod
    // names UID 1000, so it can (kubelet: verifyRunAsNonRoot in pkg/kubelet/kuberuntime/security_context_others.go).
    const images = { 'legacy:1': { runsAsRoot: true } };
    expect(converge({ image: 'legacy:1' }, { images }).result.problems).toEqual([]);
  });

  test('an image that needs an env var converges once env provides it', () => {
    const images = { 'api:1': { requiredEnv: ['SPRING_PROFILES_ACTIVE'] } };
    expect(converge({ image: 'api:1' }, { images }).result.converged).toBe(false);
    expect(
      converge({ image: 'api:1', env: { SPRING_PROFILES_ACTIVE: 'production' } }, { images }).result
        .problems,
    ).toEqual([]);
  });

  test('the HPA scales the Deployment on CPU load, within its bounds', () => {
    // GIVEN an autoscaled WebApp at rest: 2 pods of 100m
    const { webApp, cluster, result } = converge({
      image: 'shop:1',
      autoscaling: { minReplicas: 2, maxReplicas: 10, cpuUtilization: 50 },
    });
    expect(result.problems).toEqual([]);
    const replicas = () =>
      (cluster.get('Deployment', webApp.deployment.name, 'default') as Deployment).spec!.replicas;
    expect(replicas()).toBe(2);
    // WHEN load is 200% of the requests: 400m over pods aiming at 50m each
    cluster.setCpuUtilization('Deployment', webApp.deployment.name, 200);
    cluster.converge({ timeoutSeconds: 600 });
    // THEN ceil(2 × 200 / 50) = 8 pods
    expect(replicas()).toBe(8);
    // WHEN the load grows tenfold THEN maxReplicas caps it
    cluster.setCpuUtilization('Deployment', webApp.deployment.name, 1000);
    cluster.converge({ timeoutSeconds: 600 });
    expect(replicas()).toBe(10);
  });

  test('changing env rolls the pods to a new ReplicaSet; re-applying the same config does not', () => {
    // GIVEN a converged WebApp
    const v1 = manifests({ image: 'shop:1', env: { MODE: 'blue' } });
    const cluster = new Cluster();
    cluster.apply(v1.manifests);
    cluster.converge({ timeoutSeconds: 600 });
    const first = replicaSets(cluster);
    expect(Object.values(first)).toEqual([2]);
    // WHEN the same config is applied again THEN nothing rolls
    cluster.apply(manifests({ image: 'shop:1', env: { MODE: 'blue' } }).manifests);
    cluster.converge({ timeoutSeconds: 600 });
    expect(replicaSets(cluster)).toEqual(first);
    // WHEN only the ConfigMap data changes THEN the config hash rolls the pods
    cluster.apply(manifests({ image: 'shop:1', env: { MODE: 'green' } }).manifests);
    const result = cluster.converge({ timeoutSeconds: 600 });
    expect(result.problems).toEqual([]);
    const second = replicaSets(cluster);
    expect(Object.keys(second)).toHaveLength(2);
    const [oldName] = Object.keys(first);
    expect(second[oldName]).toBe(0);
    expect(Object.entries(second).filter(([name]) => name !== oldName)).toEqual([
      [expect.any(String), 2],
    ]);
  });

  test('a rollout to a broken image keeps both old pods serving (25%/25% of 2: surge 1, unavailable 0)', () => {
    // GIVEN version 1 converged
    const cluster = new Cluster({ images: { 'shop:2': { pull: 'fail' } } });
    const v1 = manifests({ image: 'shop:1' });
    cluster.apply(v1.manifests);
    cluster.converge({ timeoutSeconds: 600 });
    // WHEN version 2 cannot be pulled
    cluster.apply(manifests({ image: 'shop:2' }).manifests);
    const result = cluster.converge({ timeoutSeconds: 900 });
    // THEN the rollout is reported stuck and the Service still has two ready endpoints
    expect(result.converged).toBe(false);
    expect(result.problems.map((p) => p.reason)).toEqual(
      expect.arrayContaining(['ImagePullBackOff', 'ProgressDeadlineExceeded']),
    );
    const endpoints = cluster.get('Endpoints', v1.webApp.serviceName, 'default') as Endpoints;
    expect(endpoints.subsets?.[0].addresses).toHaveLength(2);
  });

  test('a NodePort Service reaches the pods; ClientIP affinity keeps a client on one pod', () => {
    // GIVEN two WebApps of three pods on fixed node ports, one with session affinity
    const chart = new Chart(Testing.app(), 'shop');
    new WebApp(chart, 'sticky', {
      image: 'shop:1',
      replicas: 3,
      serviceType: 'NodePort',
      nodePort: 31000,
      sessionAffinity: 'ClientIP',
    });
    new WebApp(chart, 'spread', {
      image: 'shop:1',
      replicas: 3,
      serviceType: 'NodePort',
      nodePort: 31001,
    });
    const cluster = new Cluster();
    cluster.apply(Testing.synth(chart));
    expect(cluster.converge({ timeoutSeconds: 600 }).problems).toEqual([]);
    // WHEN one client sends six requests to each node port
    const podsBehind = (nodePort: number) =>
      new Set(
        Array.from({ length: 6 }, () => {
          const response = cluster.request({ host: '', path: '/', nodePort, clientIp: '10.1.1.1' });
          expect(response.status).toBe(200);
          return response.pod;
        }),
      );
    // THEN the sticky Service always answers from one pod, the other from several
    expect(podsBehind(31000).size).toBe(1);
    expect(podsBehind(31001).size).toBeGreaterThan(1);
  });
});
