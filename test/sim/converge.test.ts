import { readFileSync } from 'fs';
import { join } from 'path';
import type { Deployment, Endpoints, Pod } from '../../lib/sim/api';
import { Cluster } from '../../lib/sim/cluster';
import type { Controller, SimContext } from '../../lib/sim/framework';

const fixture = (name: string): string =>
  readFileSync(join(__dirname, '../fixtures/k8s-docs', name), 'utf8');

/** The docs' "Connecting Applications with Services" pair: my-nginx Deployment + Service. */
function nginxCluster(seed = 1): Cluster {
  const cluster = new Cluster({ seed });
  cluster.apply(fixture('run-my-nginx.yaml'), 'run-my-nginx.yaml');
  cluster.apply(fixture('nginx-svc.yaml'), 'nginx-svc.yaml');
  return cluster;
}

describe('converge', () => {
  test('the Kubernetes docs nginx Deployment + Service converge: pods Running, endpoints ready', () => {
    // GIVEN the docs' my-nginx Deployment and Service
    const cluster = nginxCluster();
    // WHEN the cluster converges
    const result = cluster.converge();
    // THEN it converged, with 2 running pods behind the Service
    expect(result).toMatchObject({
      converged: true,
      problems: [],
      notSimulated: [],
      timedOut: false,
    });
    expect(result.seconds).toBeGreaterThan(0);
    const pods = cluster.list<Pod>('Pod');
    expect(pods).toHaveLength(2);
    for (const pod of pods) expect(pod.status?.phase).toBe('Running');
    const endpoints = cluster.get<Endpoints>('Endpoints', 'my-nginx');
    expect(endpoints?.subsets?.[0].addresses?.map((a) => a.ip).sort()).toEqual(
      pods.map((p) => p.status?.podIP).sort(),
    );
    expect(endpoints?.subsets?.[0].ports).toEqual([{ port: 80, protocol: 'TCP' }]);
    expect(cluster.get<Deployment>('Deployment', 'my-nginx')?.status).toMatchObject({
      replicas: 2,
      readyReplicas: 2,
      availableReplicas: 2,
    });
  });

  test('the docs nginx-deployment converges with 3 replicas', () => {
    const cluster = new Cluster();
    cluster.apply(fixture('nginx-deployment.yaml'), 'nginx-deployment.yaml');
    expect(cluster.converge().converged).toBe(true);
    expect(cluster.list('Pod')).toHaveLength(3);
  });

  test('the docs bare ReplicaSet (frontend) converges', () => {
    const cluster = new Cluster();
    cluster.apply(fixture('frontend-replicaset.yaml'), 'frontend.yaml');
    expect(cluster.converge().converged).toBe(true);
    expect(cluster.list<Pod>('Pod').map((p) => p.metadata.name)).toEqual([
      expect.stringMatching(/^frontend-[bcdfghjklmnpqrstvwxz2456789]{5}$/),
      expect.stringMatching(/^frontend-/),
      expect.stringMatching(/^frontend-/),
    ]);
  });

  test('fails to converge when the Service selector has a typo, naming the label no pod carries', () => {
    const cluster = new Cluster();
    cluster.apply(fixture('run-my-nginx.yaml'));
    cluster.apply(
      fixture('nginx-svc.yaml')
        .replace('    run: my-nginx\n', '    run: my-ngnix\n')
        .replace(/selector:\n {4}run: my-nginx/, 'selector:\n    run: my-ngnix'),
    );
    const result = cluster.converge();
    expect(result.converged).toBe(false);
    const problem = result.problems.find((p) => p.kind === 'Service');
    expect(problem).toMatchObject({ name: 'my-nginx', reason: 'SelectorMatchesNoPods' });
    expect(problem?.message).toMatch(
      /no pod has run=my-ngnix; the closest pods have .*run=my-nginx/,
    );
  });

  test('fails to converge when requests exceed every node, with the scheduler reason', () => {
    const cluster = new Cluster();
    cluster.apply(
      fixture('nginx-deployment.yaml').replace(
        '        ports:\n',
        "        resources:\n          requests:\n            cpu: '8'\n        ports:\n",
      ),
    );
    const result = cluster.converge();
    expect(result.converged).toBe(false);
    expect(result.problems.map((p) => p.reason)).toContain('FailedScheduling');
  });

  test('fails to converge when the image cannot be pulled', () => {
    const cluster = new Cluster({ images: { 'nginx:1.14.2': { pull: 'fail' } } });
    cluster.apply(fixture('nginx-deployment.yaml'));
    const result = cluster.converge();
    expect(result.converged).toBe(false);
    expect(result.problems.map((p) => p.reason).join(' ')).toMatch(/ImagePullBackOff|ErrImagePull/);
  });

  test('same seed, same result; another seed names pods differently', () => {
    const run = (seed: number) => {
      const cluster = nginxCluster(seed);
      const result = cluster.converge();
      return { result, objects: JSON.stringify(cluster.objects({ events: true })) };
    };
    const a = run(7);
    const b = run(7);
    expect(b.result).toEqual(a.result);
    expect(b.objects).toBe(a.objects);
    expect(run(8).objects).not.toBe(a.objects);
  });

  test('objects of unknown kinds are stored and listed as not simulated, never as failures', () => {
    const cluster = new Cluster();
    cluster.apply({
      apiVersion: 'cert-manager.io/v1',
      kind: 'Certificate',
      metadata: { name: 'tls' },
      spec: { secretName: 'tls' },
    });
    const result = cluster.converge();
    expect(result.converged).toBe(true);
    expect(result.notSimulated).toEqual([
      { kind: 'Certificate', name: 'tls', namespace: 'default' },
    ]);
    expect(cluster.get('Certificate', 'tls')?.spec).toEqual({ secretName: 'tls' });
  });

  test('stops once only background work is left and nothing changed for the settle window', () => {
    // GIVEN a controller that writes once, then polls in the background forever
    const poller: Controller = {
      name: 'poller',
      start(ctx: SimContext) {
        ctx.clock.after(5, () =>
          ctx.store.create({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'once' } }),
        );
        const tick = () => ctx.clock.after(30, tick, { background: true });
        tick();
      },
    };
    const cluster = new Cluster({ controllers: [poller], problemDetectors: [] });
    // WHEN converging
    const result = cluster.converge();
    // THEN the last change was at 5 s and the run ended without a timeout
    expect(result).toMatchObject({ converged: true, seconds: 5, timedOut: false });
    expect(cluster.now).toBeLessThanOrEqual(5 + 330 + 30);
  });

  test('fails with StillChanging when objects keep changing until the timeout', () => {
    const churn: Controller = {
      name: 'churn',
      start(ctx: SimContext) {
        let n = 0;
        const write = () => {
          ctx.store.create({
            apiVersion: 'v1',
            kind: 'ConfigMap',
            metadata: { name: `cm-${n++}` },
          });
          ctx.clock.after(10, write);
        };
        write();
      },
    };
    const result = new Cluster({ controllers: [churn], problemDetectors: [] }).converge({
      timeoutSeconds: 60,
    });
    expect(result.converged).toBe(false);
    expect(result.timedOut).toBe(true);
    expect(result.problems).toEqual([
      expect.objectContaining({
        reason: 'StillChanging',
        message: expect.stringMatching(/still changing after 60 virtual seconds/),
      }),
    ]);
  });
});

describe('converge with a failing component', () => {
  test('fails with SimulatorError instead of throwing when a component throws', () => {
    const broken: Controller = {
      name: 'broken',
      start(ctx: SimContext) {
        ctx.clock.after(1, () => {
          throw new Error('boom');
        });
      },
    };
    const result = new Cluster({ controllers: [broken], problemDetectors: [] }).converge();
    expect(result.converged).toBe(false);
    expect(result.problems).toEqual([
      expect.objectContaining({
        reason: 'SimulatorError',
        message: 'a simulator component failed: boom',
      }),
    ]);
  });
});
