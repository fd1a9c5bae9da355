import { Chart, Testing } from 'cdk8s';
import { Cluster } from '../lib/sim';
import type { ClusterOptions } from '../lib/sim';
import type { Deployment, Endpoints } from '../lib/sim/api';
import { WebApp } from '../lib/webapp';
import type { WebAppProps } from '../lib/webapp-props';

/** GIVEN a WebApp `api` in namespace `default` WHEN applied to a fresh simulated cluster and converged. */
function converge(props: WebAppProps, options: ClusterOptions = {}) {
  const chart = new Chart(Testing.app(), 'shop');
  const webApp = new WebApp(chart, 'api', props);
  const cluster = new Cluster(options);
  cluster.apply(Testing.synth(chart));
  const result = cluster.converge({ timeoutSeconds: 600 });
  return { webApp, cluster, result };
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
});
