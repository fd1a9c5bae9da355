/**
 * Routing the seed table (api.example.com → api, web.example.com → web, example.com/api →
 * api, example.com/admin → admin) through a simulated cluster: the example app apps/edge.ts
 * and the same routes as hand-written YAML.
 */
import { Testing } from 'cdk8s';
import { EDGE_TLS_SECRET, EdgeChart } from '../../../apps/edge';
import { Cluster } from '../../../lib/sim';
import type { Service } from '../../../lib/sim';

const tlsSecret = {
  apiVersion: 'v1',
  kind: 'Secret',
  type: 'kubernetes.io/tls',
  metadata: { name: EDGE_TLS_SECRET, namespace: 'default' },
  data: { 'tls.crt': 'Y2VydA==', 'tls.key': 'a2V5' },
};

function edgeCluster(): Cluster {
  const cluster = new Cluster();
  cluster.apply(Testing.synth(new EdgeChart(Testing.app(), 'edge')));
  cluster.apply(tlsSecret);
  return cluster;
}

describe('EdgeChart through the simulated ingress controller', () => {
  const cluster = edgeCluster();
  const result = cluster.converge();
  const serviceOf = (name: string) =>
    cluster.list('Service').find((s) => s.metadata.name.startsWith(`edge-${name}`))?.metadata.name;

  test('converges without problems', () => {
    expect(result.problems).toEqual([]);
    expect(result.converged).toBe(true);
  });

  it.each([
    // host, path → WebApp
    ['api.example.com', '/', 'api'],
    ['api.example.com', '/v1/orders', 'api'],
    ['web.example.com', '/', 'web'],
    ['example.com', '/api', 'api'],
    ['example.com', '/api/users/7', 'api'],
    ['example.com', '/admin', 'admin'],
  ])('%s%s goes to the %s Service and one of its pods', (host, path, app) => {
    // WHEN
    const response = cluster.request({ host, path });
    // THEN
    const service = serviceOf(app);
    expect(response.status).toBe(200);
    expect(response.service).toBe(`default/${service}`);
    const pod = cluster.get('Pod', response.pod ?? '');
    expect(pod?.metadata.labels).toEqual(
      expect.objectContaining(cluster.get<Service>('Service', service ?? '')?.spec?.selector ?? {}),
    );
  });

  it.each([
    ['example.com', '/'], // example.com has no root rule
    ['example.com', '/apis'], // /api covers /api/..., not /apis
    ['example.com', '/administrator'],
    ['shop.example.com', '/'], // a host no rule names
  ])('%s%s is 404', (host, path) => {
    expect(cluster.request({ host, path })).toEqual({ status: 404 });
  });

  test('the Ingress shows the controller address, as kubectl get ingress does', () => {
    const ingress = cluster.list('Ingress')[0];
    const status = ingress.status as { loadBalancer?: { ingress?: { ip?: string }[] } };
    expect(status.loadBalancer?.ingress).toEqual([{ ip: '172.18.0.2' }]);
  });

  test('requests to one Service take its pods in turn', () => {
    // GIVEN two api pods
    const pods = new Set(
      [1, 2, 3, 4].map(() => cluster.request({ host: 'api.example.com', path: '/' }).pod),
    );
    // THEN
    expect(pods.size).toBe(2);
  });
});

describe('the seed table as hand-written YAML', () => {
  const yaml = `
apiVersion: v1
kind: Namespace
metadata: { name: shop }
---
${['api', 'web', 'admin']
  .map(
    (app) => `apiVersion: apps/v1
kind: Deployment
metadata: { name: ${app}, namespace: shop }
spec:
  replicas: 2
  selector: { matchLabels: { app: ${app} } }
  template:
    metadata: { labels: { app: ${app} } }
    spec:
      containers:
        - name: ${app}
          image: example/${app}:1.0
          ports: [{ name: http, containerPort: 8080 }]
---
apiVersion: v1
kind: Service
metadata: { name: ${app}, namespace: shop }
spec:
  selector: { app: ${app} }
  ports: [{ name: http, port: 80, targetPort: http }]
---`,
  )
  .join('\n')}
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: { name: edge, namespace: shop }
spec:
  rules:
    - host: api.example.com
      http:
        paths: [{ path: /, pathType: Prefix, backend: { service: { name: api, port: { name: http } } } }]
    - host: web.example.com
      http:
        paths: [{ path: /, pathType: Prefix, backend: { service: { name: web, port: { number: 80 } } } }]
    - host: example.com
      http:
        paths:
          - { path: /api, pathType: Prefix, backend: { service: { name: api, port: { number: 80 } } } }
          - { path: /admin, pathType: Prefix, backend: { service: { name: admin, port: { number: 80 } } } }
          - { path: /admin/login, pathType: Exact, backend: { service: { name: web, port: { number: 80 } } } }
`;
  const cluster = new Cluster();
  cluster.apply(yaml);
  const result = cluster.converge();

  test('converges, with the Ingress served by the default class', () => {
    expect(result.problems).toEqual([]);
  });

  it.each([
    ['api.example.com', '/', 'shop/api'],
    ['web.example.com', '/', 'shop/web'],
    ['example.com', '/api', 'shop/api'],
    ['example.com', '/admin', 'shop/admin'],
    ['example.com', '/admin/login', 'shop/web'], // Exact beats the /admin Prefix
    ['example.com', '/admin/login/', 'shop/admin'], // ... but only on the exact path
    ['EXAMPLE.com:443', '/api?q=1', 'shop/api'],
  ])('%s%s → %s', (host, path, service) => {
    const response = cluster.request({ host, path });
    expect(response).toMatchObject({ status: 200, service });
    expect(response.pod).toMatch(new RegExp(`^${service.split('/')[1]}-`));
  });
});

describe('the default cluster', () => {
  test('has the nginx IngressClass, default for Ingresses without a class, as kind + ingress-nginx', () => {
    // GIVEN
    const cluster = new Cluster();
    // THEN
    expect(cluster.get('IngressClass', 'nginx')).toMatchObject({
      metadata: { annotations: { 'ingressclass.kubernetes.io/is-default-class': 'true' } },
      spec: { controller: 'k8s.io/ingress-nginx' },
    });
  });

  test('routes to an ExternalName Service without a pod, as nginx proxies to the external name', () => {
    // GIVEN
    const cluster = new Cluster();
    cluster.apply(`
apiVersion: v1
kind: Service
metadata: { name: docs }
spec: { type: ExternalName, externalName: docs.example.org }
---
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: { name: docs }
spec:
  rules:
    - host: docs.example.com
      http:
        paths: [{ path: /, pathType: Prefix, backend: { service: { name: docs, port: { number: 443 } } } }]
`);
    cluster.converge();
    // THEN
    expect(cluster.request({ host: 'docs.example.com', path: '/' })).toEqual({
      status: 200,
      service: 'default/docs',
    });
  });
});
