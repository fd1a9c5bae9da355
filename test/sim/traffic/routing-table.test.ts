import type { Ingress, IngressRule } from '../../../lib/sim/traffic/ingress-api';
import { buildRoutingTable, resolveRoute } from '../../../lib/sim/traffic/routing-table';

function ingress(
  name: string,
  spec: Ingress['spec'],
  created = '2026-01-01T00:00:00Z',
  namespace = 'default',
): Ingress {
  return {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'Ingress',
    metadata: { name, namespace, creationTimestamp: created },
    spec,
  };
}

function rule(
  host: string | undefined,
  ...paths: [string, string, ('Exact' | 'Prefix')?][]
): IngressRule {
  return {
    ...(host ? { host } : {}),
    http: {
      paths: paths.map(([path, service, pathType]) => ({
        path,
        pathType: pathType ?? 'Prefix',
        backend: { service: { name: service, port: { number: 80 } } },
      })),
    },
  };
}

/** The seed routing table, as apps/edge.ts writes it. */
const seed = ingress('edge', {
  rules: [
    rule('api.example.com', ['/', 'api']),
    rule('web.example.com', ['/', 'web']),
    rule('example.com', ['/api', 'api'], ['/admin', 'admin']),
  ],
});

describe('resolveRoute', () => {
  const table = buildRoutingTable([seed]);
  it.each([
    // host, path → service (undefined: the default backend answers 404)
    ['api.example.com', '/', 'api'],
    ['api.example.com', '/users/7', 'api'],
    ['web.example.com', '/index.html', 'web'],
    ['example.com', '/api', 'api'],
    ['example.com', '/api/users', 'api'],
    ['example.com', '/admin/', 'admin'],
    ['example.com', '/apix', undefined], // /api does not cover /apix
    ['example.com', '/', undefined], // example.com has no root rule
    ['shop.example.com', '/', undefined], // no server for the host: catch-all, no rule
  ])('%s%s → %s', (host, path, service) => {
    expect(resolveRoute(table, host, path).backend?.service).toBe(service);
  });

  test('names the location and the Ingress that routed the request', () => {
    // WHEN
    const route = resolveRoute(table, 'example.com', '/admin/users');
    // THEN
    expect(route).toMatchObject({
      server: 'example.com',
      ingress: 'default/edge',
      location: { host: 'example.com', path: '/admin', pathType: 'Prefix' },
      backend: { namespace: 'default', service: 'admin', port: { number: 80 } },
    });
  });
});

describe('buildRoutingTable', () => {
  test('a wildcard rule serves one extra label; the exact host keeps its own rules', () => {
    // GIVEN
    const table = buildRoutingTable([
      ingress('wild', { rules: [rule('*.example.com', ['/', 'wild'])] }),
      ingress('exact', { rules: [rule('api.example.com', ['/v1', 'api'])] }),
    ]);
    // THEN
    expect(resolveRoute(table, 'shop.example.com', '/').backend?.service).toBe('wild');
    expect(resolveRoute(table, 'api.example.com', '/v1').backend?.service).toBe('api');
    // the exact server took the host: the wildcard's "/" does not apply to it
    expect(resolveRoute(table, 'api.example.com', '/other').backend).toBeUndefined();
    expect(resolveRoute(table, 'a.b.example.com', '/').backend).toBeUndefined();
  });

  test('rules without a host serve every host no server names', () => {
    // GIVEN
    const table = buildRoutingTable([
      ingress('any', { rules: [rule(undefined, ['/', 'fallback'])] }),
      ingress('named', { rules: [rule('api.example.com', ['/api', 'api'])] }),
    ]);
    // THEN
    expect(resolveRoute(table, 'whatever.org', '/x').backend?.service).toBe('fallback');
    expect(resolveRoute(table, 'api.example.com', '/x').backend).toBeUndefined();
  });

  test('a defaultBackend without rules becomes the catch-all server', () => {
    // GIVEN
    const table = buildRoutingTable([
      ingress('catch', { defaultBackend: { service: { name: 'landing', port: { number: 80 } } } }),
    ]);
    // THEN
    expect(resolveRoute(table, 'anything.org', '/x/y').backend?.service).toBe('landing');
  });

  test("a defaultBackend with rules takes its hosts' unmatched paths", () => {
    // GIVEN
    const table = buildRoutingTable([
      ingress('shop', {
        defaultBackend: { service: { name: 'shop-404', port: { number: 80 } } },
        rules: [rule('shop.example.com', ['/cart', 'cart'])],
      }),
    ]);
    // THEN
    expect(resolveRoute(table, 'shop.example.com', '/cart').backend?.service).toBe('cart');
    expect(resolveRoute(table, 'shop.example.com', '/nope').backend?.service).toBe('shop-404');
    expect(resolveRoute(table, 'other.org', '/nope').backend).toBeUndefined();
  });

  test('the oldest Ingress keeps a location two Ingresses define', () => {
    // GIVEN
    const table = buildRoutingTable([
      ingress('newer', { rules: [rule('example.com', ['/api', 'v2'])] }, '2026-01-02T00:00:00Z'),
      ingress('older', { rules: [rule('example.com', ['/api', 'v1'])] }, '2026-01-01T00:00:00Z'),
    ]);
    // THEN
    expect(resolveRoute(table, 'example.com', '/api').backend?.service).toBe('v1');
  });

  test('Exact and Prefix on the same path from two Ingresses: Exact takes the exact path', () => {
    // GIVEN
    const table = buildRoutingTable([
      ingress('prefix', { rules: [rule('example.com', ['/foo', 'prefix', 'Prefix'])] }),
      ingress('exact', { rules: [rule('example.com', ['/foo', 'exact', 'Exact'])] }),
    ]);
    // THEN
    expect(resolveRoute(table, 'example.com', '/foo').backend?.service).toBe('exact');
    expect(resolveRoute(table, 'example.com', '/foo/bar').backend?.service).toBe('prefix');
  });

  test('backends live in the namespace of their Ingress', () => {
    // GIVEN
    const table = buildRoutingTable([
      ingress('shop', { rules: [rule('shop.example.com', ['/', 'web'])] }, undefined, 'shop'),
    ]);
    // THEN
    expect(resolveRoute(table, 'shop.example.com', '/').backend).toEqual({
      namespace: 'shop',
      service: 'web',
      port: { number: 80 },
    });
  });
});
