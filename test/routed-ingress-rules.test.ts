import {
  type ResolvedRoute,
  buildIngressRules,
  compareHosts,
  comparePathPrecedence,
} from '../lib/routed-ingress-rules';

describe('comparePathPrecedence', () => {
  it.each([
    // a, b, sign of compare(a, b)
    [['/api/v1', 'Prefix'], ['/api', 'Prefix'], -1], // longer first
    [['/', 'Prefix'], ['/api', 'Prefix'], 1],
    [['/api', 'Exact'], ['/api', 'Prefix'], -1], // same length: Exact first
    [['/api', 'Prefix'], ['/api', 'Exact'], 1],
    [['/abc', 'Prefix'], ['/abd', 'Prefix'], -1], // then alphabetical
    [['/api', 'Prefix'], ['/api', 'Prefix'], 0],
    [['/B', 'Prefix'], ['/a', 'Prefix'], -1], // by code unit, not locale ('B' < 'a')
  ] as const)('%j vs %j → %i', ([aPath, aType], [bPath, bType], sign) => {
    const result = comparePathPrecedence(
      { path: aPath, pathType: aType },
      { path: bPath, pathType: bType },
    );
    expect(Math.sign(result)).toBe(sign);
  });
});

describe('compareHosts', () => {
  it.each([
    ['a.example.com', 'b.example.com', -1],
    ['b.example.com', 'a.example.com', 1],
    ['*.example.com', 'api.example.com', -1], // '*' sorts before letters
    [undefined, 'example.com', 1], // the catch-all rule goes last
    ['example.com', undefined, -1],
    [undefined, undefined, 0],
  ])('%s vs %s → %i', (a, b, sign) => {
    expect(Math.sign(compareHosts(a, b))).toBe(sign);
  });
});

describe('buildIngressRules', () => {
  const route = (host: string | undefined, path: string, serviceName = 'svc'): ResolvedRoute => ({
    host,
    path,
    pathType: 'Prefix',
    serviceName,
    port: 80,
  });

  it('groups routes into one rule per host, hosts sorted and the catch-all last', () => {
    // GIVEN routes for three hosts, interleaved, and one without a host
    const routes = [
      route('example.com', '/api'),
      route(undefined, '/'),
      route('api.example.com', '/'),
      route('example.com', '/admin'),
    ];

    // WHEN
    const rules = buildIngressRules(routes);

    // THEN
    expect(rules.map((r) => r.host)).toEqual(['api.example.com', 'example.com', undefined]);
    expect(rules[1].http?.paths.map((p) => p.path)).toEqual(['/admin', '/api']);
    expect(rules[2]).not.toHaveProperty('host');
  });

  it('points each path at its Service port by number', () => {
    const rules = buildIngressRules([{ ...route('example.com', '/'), port: 8080 }]);
    expect(rules[0].http?.paths[0].backend).toEqual({
      service: { name: 'svc', port: { number: 8080 } },
    });
  });

  it('gives the same rules whatever order the routes come in', () => {
    const routes = [
      route('b.example.com', '/x'),
      route('a.example.com', '/'),
      route('a.example.com', '/long/path'),
      route('a.example.com', '/b'),
      { ...route('a.example.com', '/b'), pathType: 'Exact' as const },
    ];
    const reversed = [...routes].reverse();
    expect(buildIngressRules(reversed)).toEqual(buildIngressRules(routes));
    expect(buildIngressRules(routes)[0].http?.paths.map((p) => `${p.pathType} ${p.path}`)).toEqual([
      'Prefix /long/path',
      'Exact /b',
      'Prefix /b',
      'Prefix /',
    ]);
  });

  it('makes no rules from no routes', () => {
    expect(buildIngressRules([])).toEqual([]);
  });
});
