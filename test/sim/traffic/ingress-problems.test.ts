/**
 * What the ingress side reports when routes cannot work: a missing backend Service (named,
 * with the rule that routes to it), a port the Service lacks, a missing TLS Secret, a class
 * no controller serves; and the 503/404 answers that go with them.
 */
import { Chart, Testing } from 'cdk8s';
import { addEdgeIngress, EDGE_TLS_SECRET, EdgeChart } from '../../../apps/edge';
import { WebApp } from '../../../lib/webapp';
import { Cluster } from '../../../lib/sim';
import type { Problem } from '../../../lib/sim';

const tlsSecret = {
  apiVersion: 'v1',
  kind: 'Secret',
  type: 'kubernetes.io/tls',
  metadata: { name: EDGE_TLS_SECRET },
  data: { 'tls.crt': 'Y2VydA==', 'tls.key': 'a2V5' },
};

function ingressProblems(problems: readonly Problem[]): Problem[] {
  return problems.filter((p) => p.kind === 'Ingress');
}

/** A web Deployment + Service (port 80 → 8080) in default. */
const webYaml = `
apiVersion: apps/v1
kind: Deployment
metadata: { name: web }
spec:
  replicas: 2
  selector: { matchLabels: { app: web } }
  template:
    metadata: { labels: { app: web } }
    spec:
      containers: [{ name: web, image: example/web:1.0, ports: [{ containerPort: 8080 }] }]
---
apiVersion: v1
kind: Service
metadata: { name: web }
spec:
  selector: { app: web }
  ports: [{ port: 80, targetPort: 8080 }]
`;

function ingressYaml(backend: string, extra = ''): string {
  return `
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: { name: edge }
spec:
  ${extra}
  rules:
    - host: example.com
      http:
        paths: [{ path: /, pathType: Prefix, backend: { service: ${backend} } }]
`;
}

describe('a route to a Service that does not exist', () => {
  // GIVEN the seed table whose admin route names a Service made elsewhere, which is missing
  const chart = new Chart(Testing.app(), 'edge');
  const api = new WebApp(chart, 'api', { image: 'example/api:1.0.0' });
  const web = new WebApp(chart, 'web', { image: 'example/web:1.0.0' });
  addEdgeIngress(chart, { api, web, admin: { serviceName: 'admin', port: 80 } });
  const cluster = new Cluster();
  cluster.apply(Testing.synth(chart));
  cluster.apply(tlsSecret);
  // WHEN
  const result = cluster.converge();

  test('is a problem naming the Service and the rule', () => {
    expect(result.converged).toBe(false);
    expect(ingressProblems(result.problems)).toEqual([
      {
        kind: 'Ingress',
        namespace: 'default',
        name: expect.stringMatching(/^edge-/),
        reason: 'ServiceNotFound',
        message: expect.stringMatching(
          /^service "admin" not found in namespace default; rule example\.com\/admin \(Prefix\) routes to it, so ingress-nginx answers 503$/,
        ),
      },
    ]);
  });

  test('answers 503 on that route and 200 on the others', () => {
    expect(cluster.request({ host: 'example.com', path: '/admin' })).toEqual({ status: 503 });
    expect(cluster.request({ host: 'example.com', path: '/api' }).status).toBe(200);
  });

  test('is resolved once the Service exists', () => {
    // WHEN
    cluster.apply(webYaml.replace(/web/g, 'admin'));
    const after = cluster.converge();
    // THEN
    expect(ingressProblems(after.problems)).toEqual([]);
    expect(cluster.request({ host: 'example.com', path: '/admin' })).toMatchObject({
      status: 200,
      service: 'default/admin',
    });
  });
});

describe('Ingress problems from hand-written YAML', () => {
  test('a backend port the Service does not have is a problem and answers 503', () => {
    // GIVEN
    const cluster = new Cluster();
    cluster.apply(webYaml + '---' + ingressYaml('{ name: web, port: { number: 8081 } }'));
    // WHEN
    const result = cluster.converge();
    // THEN
    expect(ingressProblems(result.problems)).toEqual([
      expect.objectContaining({
        name: 'edge',
        reason: 'ServicePortNotFound',
        message: expect.stringMatching(
          /^service "web" has no port 8081 \(its ports: 80\); rule example\.com\/ \(Prefix\)/,
        ),
      }),
    ]);
    expect(cluster.request({ host: 'example.com', path: '/' })).toEqual({ status: 503 });
  });

  test('a backend port named by the targetPort number is served, as ingress-nginx matches it', () => {
    // GIVEN
    const cluster = new Cluster();
    cluster.apply(webYaml + '---' + ingressYaml('{ name: web, port: { number: 8080 } }'));
    // WHEN
    const result = cluster.converge();
    // THEN
    expect(result.problems).toEqual([]);
    expect(cluster.request({ host: 'example.com', path: '/' })).toMatchObject({ status: 200 });
  });

  test('a Service without ready endpoints answers 503 and is reported once, as a Service problem', () => {
    // GIVEN an image that cannot be pulled
    const cluster = new Cluster({ images: { 'example/web:1.0': { pull: 'fail' } } });
    cluster.apply(webYaml + '---' + ingressYaml('{ name: web, port: { number: 80 } }'));
    // WHEN
    const result = cluster.converge({ timeoutSeconds: 120 });
    // THEN
    expect(cluster.request({ host: 'example.com', path: '/' })).toEqual({ status: 503 });
    expect(result.problems.some((p) => p.kind === 'Service' && p.name === 'web')).toBe(true);
    expect(ingressProblems(result.problems)).toEqual([]);
  });

  test('an Ingress of a class no controller serves is a problem, is not routed and gets no address', () => {
    // GIVEN
    const cluster = new Cluster();
    cluster.apply(
      webYaml +
        '---' +
        ingressYaml('{ name: web, port: { number: 80 } }', 'ingressClassName: traefik'),
    );
    // WHEN
    const result = cluster.converge();
    // THEN
    expect(ingressProblems(result.problems)).toEqual([
      {
        kind: 'Ingress',
        namespace: 'default',
        name: 'edge',
        reason: 'NoIngressController',
        message: 'no ingress controller for class "traefik": IngressClass "traefik" does not exist',
      },
    ]);
    expect(cluster.request({ host: 'example.com', path: '/' })).toEqual({ status: 404 });
    expect(cluster.get('Ingress', 'edge')?.status ?? {}).not.toHaveProperty('loadBalancer');
  });

  test('a defaultBackend to a missing Service is named as the defaultBackend', () => {
    // GIVEN
    const cluster = new Cluster();
    cluster.apply(`
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: { name: catch-all }
spec:
  defaultBackend: { service: { name: landing, port: { number: 80 } } }
`);
    // WHEN
    const result = cluster.converge();
    // THEN
    expect(ingressProblems(result.problems)[0].message).toMatch(
      /^service "landing" not found in namespace default; defaultBackend routes to it/,
    );
    expect(cluster.request({ host: 'any.org', path: '/x' })).toEqual({ status: 503 });
  });
});

describe('TLS', () => {
  test('a missing TLS Secret is a problem, and the hosts are still served', () => {
    // GIVEN the example edge without its certificate Secret
    const cluster = new Cluster();
    cluster.apply(Testing.synth(new EdgeChart(Testing.app(), 'edge')));
    // WHEN
    const result = cluster.converge();
    // THEN
    expect(ingressProblems(result.problems)).toEqual([
      expect.objectContaining({
        reason: 'TLSSecretNotFound',
        message: `secret "${EDGE_TLS_SECRET}" not found in namespace default: TLS for example.com, api.example.com, web.example.com is served with ingress-nginx's default self-signed certificate`,
      }),
    ]);
    expect(cluster.request({ host: 'api.example.com', path: '/' }).status).toBe(200);
  });

  test('a TLS Secret without a key pair is a problem', () => {
    // GIVEN
    const cluster = new Cluster();
    cluster.apply(Testing.synth(new EdgeChart(Testing.app(), 'edge')));
    cluster.apply({ ...tlsSecret, type: 'Opaque', data: { 'tls.crt': 'Y2VydA==' } });
    // WHEN
    const result = cluster.converge();
    // THEN
    expect(ingressProblems(result.problems)).toEqual([
      expect.objectContaining({
        reason: 'TLSSecretInvalid',
        message: expect.stringMatching(/^secret default\/example-com-tls contains no keypair/),
      }),
    ]);
  });
});
