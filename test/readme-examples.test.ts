/**
 * The README's usage examples, as written there (imports from the package root instead of
 * 'bosun'), so the README stays true: if an example stops compiling, synthesizing or
 * converging, this fails.
 */
import { App, Chart, Testing } from 'cdk8s';
import { RoutedIngress, StatefulDb, WebApp } from '../lib';
import { Cluster } from '../lib/sim';
import type { Deployment } from '../lib/sim/api';
import { simulate } from '../lib/testing';

/** The README's shop: the WebApp, StatefulDb and RoutedIngress examples in one chart. */
function readmeShop(): { chart: Chart; api: WebApp; db: StatefulDb; edge: RoutedIngress } {
  const app = new App();
  const chart = new Chart(app, 'shop');
  const api = new WebApp(chart, 'api', {
    image: 'my-app:1.0.0',
    port: 8080,
    servicePort: 80,
    env: { SPRING_PROFILES_ACTIVE: 'production' },
    secretEnv: { APP_JWT_SIGNING_KEY: 'from-ci' },
    resources: {
      cpu: { request: '250m', limit: '500m' },
      memory: { request: '512Mi', limit: '1Gi' },
    },
    liveness: { path: '/actuator/health/liveness', initialDelaySeconds: 30, periodSeconds: 10 },
    readiness: { path: '/actuator/health/readiness', initialDelaySeconds: 10, periodSeconds: 5 },
    autoscaling: { minReplicas: 2, maxReplicas: 10, cpuUtilization: 50 },
  });
  const db = new StatefulDb(chart, 'db', {
    engine: 'postgres',
    version: '16',
    storage: { size: '10Gi', storageClassName: 'standard' },
    database: 'shop',
    username: 'shop',
    password: 'dev-only',
  });
  api.connectTo(db);
  const web = new WebApp(chart, 'web', { image: 'my-app-web:1.0.0' });
  const edge = new RoutedIngress(chart, 'edge', {
    className: 'nginx',
    routes: [
      { host: 'api.example.com', path: '/', to: api },
      { host: 'example.com', path: '/api', pathType: 'Prefix', to: api },
    ],
  });
  edge.addRoute({ host: 'web.example.com', path: '/', to: web });
  return { chart, api, db, edge };
}

describe('README examples', () => {
  test('the shop converges and routes each host to its app', () => {
    const { chart, api, db } = readmeShop();
    expect(chart).toConverge();
    const { cluster } = simulate(chart);
    expect(cluster.request({ host: 'api.example.com', path: '/' }).service).toBe(
      `default/${api.serviceName}`,
    );
    expect(cluster.request({ host: 'example.com', path: '/api/orders' }).service).toBe(
      `default/${api.serviceName}`,
    );
    expect(cluster.request({ host: 'example.com', path: '/' }).status).toBe(404);
    expect(db.host).toBe(`${db.serviceName}.default.svc.cluster.local`);
    expect(db.port).toBe(5432);
    expect(db.podHost(0)).toBe(`${db.statefulSet.name}-0.${db.host}`);
  });

  test('connectTo sets DB_* env, the password from the database Secret', () => {
    const { chart, api, db } = readmeShop();
    const deployment = Testing.synth(chart).find(
      (o: { metadata: { name: string } }) => o.metadata.name === api.deployment.name,
    ) as Deployment;
    expect(deployment.kind).toBe('Deployment');
    const env = deployment.spec!.template.spec!.containers[0].env ?? [];
    expect(env.map((e) => e.name)).toEqual([
      'DB_HOST',
      'DB_PORT',
      'DB_NAME',
      'DB_USER',
      'DB_PASSWORD',
    ]);
    expect(env).toContainEqual({
      name: 'DB_PASSWORD',
      valueFrom: { secretKeyRef: { name: db.secretName, key: 'password' } },
    });
  });

  test('two 1-CPU nodes cannot hold ten API pods of 250m: the scheduler says why', () => {
    const chart = new Chart(new App(), 'shop');
    new WebApp(chart, 'api', {
      image: 'my-app:1.0.0',
      replicas: 10,
      resources: { cpu: { request: '250m', limit: '500m' } },
    });
    const { converged, problems } = simulate(chart, { nodes: 2, nodeCpu: '1' });
    expect(converged).toBe(false);
    expect(problems.map((p) => p.reason)).toContain('FailedScheduling');
    expect(problems.find((p) => p.reason === 'FailedScheduling')?.message).toMatch(
      /^0\/2 nodes are available: 2 Insufficient cpu\./,
    );
  });

  test('the simulator API example: broken images are reported in Kubernetes words', () => {
    const cluster = new Cluster({
      nodes: 3,
      seed: 1,
      images: { 'my-app:broken': { pull: 'fail' }, 'my-app:crash': { crash: true } },
    });
    const chart = new Chart(new App(), 'shop');
    new WebApp(chart, 'broken', { image: 'my-app:broken', replicas: 1 });
    new WebApp(chart, 'crash', { image: 'my-app:crash', replicas: 1 });
    cluster.apply(Testing.synth(chart));
    const r = cluster.converge({ timeoutSeconds: 600 });
    expect(r.converged).toBe(false);
    const reasons = new Set(r.problems.filter((p) => p.kind === 'Pod').map((p) => p.reason));
    expect(reasons).toEqual(new Set(['ImagePullBackOff', 'CrashLoopBackOff']));
  });
});
