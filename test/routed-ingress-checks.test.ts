import {
  hostProblem,
  pathProblem,
  serviceNameProblem,
  tlsHostCovers,
} from '../lib/routed-ingress-checks';

describe('hostProblem', () => {
  it.each([
    // host, accepted
    ['example.com', true],
    ['api.example.com', true],
    ['a', true],
    ['xn--bcher-kva.example', true], // punycode is plain DNS
    ['*.example.com', true], // wildcard as the whole first label
    ['*.com', true],
    ['1.2.3.4.example.com', true], // digits-only labels are fine in a longer name
    ['Example.com', false], // uppercase: the API server wants lowercase
    ['example.com.', false], // no trailing dot
    ['-example.com', false],
    ['exa_mple.com', false],
    ['example.com:8080', false], // no ports
    ['*', false], // a wildcard alone
    ['api.*.example.com', false], // wildcard not first
    ['*api.example.com', false], // wildcard only as a whole label
    ['**.example.com', false],
    ['a'.repeat(254), false], // longer than 253
    ['', false],
  ])('%s → accepted %s', (host, accepted) => {
    expect(hostProblem(host) === undefined).toBe(accepted);
  });

  it('rejects an IPv4 address as not a DNS name', () => {
    expect(hostProblem('10.0.0.1')).toMatch(
      /must be a DNS name, not an IP address \(got '10.0.0.1'\)/,
    );
  });

  it('names the wildcard rule in the message', () => {
    expect(hostProblem('api.*.example.com')).toMatch(/single leading '\*\.' label/);
  });
});

describe('pathProblem', () => {
  it.each([
    // path, message or undefined
    ['/', undefined],
    ['/api', undefined],
    ['/api/', undefined],
    ['/api/v1.2/items', undefined],
    ['api', /must be an absolute path starting with '\/' \(got 'api'\)/],
    ['', /must be an absolute path/],
    ['/api//v1', /must not contain '\/\/'/],
    ['/a/./b', /must not contain '\/\.\/'/],
    ['/a/../b', /must not contain '\/\.\.\/'/],
    ['/a%2Fb', /must not contain '%2F'/],
    ['/a%2fb', /must not contain '%2f'/],
    ['/a/..', /must not end with '\/\.\.'/],
    ['/a/.', /must not end with '\/\.'/],
  ])('%s → %s', (path, expected) => {
    const problem = pathProblem(path);
    if (expected === undefined) expect(problem).toBeUndefined();
    else expect(problem).toMatch(expected);
  });
});

describe('serviceNameProblem', () => {
  it.each([
    ['admin', true],
    ['api-v2', true],
    ['a', true],
    ['a'.repeat(63), true],
    ['a'.repeat(64), false],
    ['2fa', false], // DNS-1035: must start with a letter
    ['Admin', false],
    ['admin-', false],
    ['admin.svc', false], // a Service name is one label
    ['', false],
  ])('%s → accepted %s', (name, accepted) => {
    expect(serviceNameProblem(name) === undefined).toBe(accepted);
  });
});

describe('tlsHostCovers', () => {
  it.each([
    // TLS host, route host, covered
    ['example.com', 'example.com', true],
    ['example.com', 'api.example.com', false],
    ['*.example.com', 'api.example.com', true], // one label
    ['*.example.com', '*.example.com', true], // the same wildcard
    ['*.example.com', 'example.com', false], // the apex is not covered
    ['*.example.com', 'a.b.example.com', false], // nor two labels
    ['*.example.com', 'apiexample.com', false], // the '.' is part of the suffix
    ['api.example.com', '*.example.com', false], // a name does not cover a wildcard
  ])('%s covers %s → %s', (tlsHost, routeHost, covered) => {
    expect(tlsHostCovers(tlsHost, routeHost)).toBe(covered);
  });
});
