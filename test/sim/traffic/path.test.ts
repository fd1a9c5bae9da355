import type { PathType } from '../../../lib/sim/traffic/ingress-api';
import { normalizeRequestPath, pathMatches, selectPath } from '../../../lib/sim/traffic/path';

describe('pathMatches', () => {
  it.each<[PathType, string, string, boolean]>([
    // the table of kubernetes.io/docs/concepts/services-networking/ingress/ "Examples"
    ['Prefix', '/', '/anything/at/all', true],
    ['Exact', '/foo', '/foo', true],
    ['Exact', '/foo', '/bar', false],
    ['Exact', '/foo', '/foo/', false],
    ['Exact', '/foo/', '/foo', false],
    ['Prefix', '/foo', '/foo', true],
    ['Prefix', '/foo', '/foo/', true],
    ['Prefix', '/foo/', '/foo', true],
    ['Prefix', '/foo/', '/foo/', true],
    ['Prefix', '/aaa/bb', '/aaa/bbb', false],
    ['Prefix', '/aaa/bbb', '/aaa/bbb', true],
    ['Prefix', '/aaa/bbb/', '/aaa/bbb', true], // ignores the rule's trailing slash
    ['Prefix', '/aaa/bbb', '/aaa/bbb/', true], // matches the request's trailing slash
    ['Prefix', '/aaa/bbb', '/aaa/bbb/ccc', true], // matches a subpath
    ['Prefix', '/aaa/bbb', '/aaa/bbbxyz', false], // not a string prefix
    ['Prefix', '/aaa', '/ccc', false],
    ['Prefix', '/foo', '/foobar', false],
    ['Prefix', '/foo', '/foo?x=1', true], // the query is not part of the path
    ['Exact', '/foo', '/foo#top', true],
    ['Prefix', '/Foo', '/foo', false], // case-sensitive
    // ingress-nginx renders ImplementationSpecific as a plain nginx prefix location
    ['ImplementationSpecific', '/foo', '/foobar', true],
    ['ImplementationSpecific', '/foo', '/bar', false],
  ])('%s %s vs request %s: %s', (type, rule, request, expected) => {
    expect(pathMatches(type, rule, request)).toBe(expected);
  });
});

describe('selectPath', () => {
  const candidates = (
    ...paths: [string, PathType][]
  ): { path: string; pathType: PathType; value: string }[] =>
    paths.map(([path, pathType]) => ({ path, pathType, value: `${pathType} ${path}` }));

  it.each<[string, [string, PathType][], string, string | undefined]>([
    [
      'the longest prefix wins',
      [
        ['/', 'Prefix'],
        ['/aaa', 'Prefix'],
      ],
      '/aaa/ccc',
      'Prefix /aaa',
    ],
    [
      'the longest of three',
      [
        ['/', 'Prefix'],
        ['/aaa', 'Prefix'],
        ['/aaa/bbb', 'Prefix'],
      ],
      '/aaa/bbb',
      'Prefix /aaa/bbb',
    ],
    [
      'the root takes the rest',
      [
        ['/', 'Prefix'],
        ['/aaa', 'Prefix'],
      ],
      '/ccc',
      'Prefix /',
    ],
    ['no match', [['/aaa', 'Prefix']], '/ccc', undefined],
    [
      'Exact beats Prefix on the same path',
      [
        ['/foo', 'Prefix'],
        ['/foo', 'Exact'],
      ],
      '/foo',
      'Exact /foo',
    ],
    [
      'Prefix takes what Exact does not',
      [
        ['/foo', 'Prefix'],
        ['/foo', 'Exact'],
      ],
      '/foo/',
      'Prefix /foo',
    ],
    [
      'Exact beats a shorter Prefix',
      [
        ['/foo', 'Prefix'],
        ['/foo/bar', 'Exact'],
      ],
      '/foo/bar',
      'Exact /foo/bar',
    ],
    [
      '/foo vs /foo/ vs /foobar: /foobar is not under /foo',
      [
        ['/foo', 'Prefix'],
        ['/', 'Prefix'],
      ],
      '/foobar',
      'Prefix /',
    ],
    [
      'a trailing slash on the rule does not make it longer',
      [
        ['/foo/', 'Prefix'],
        ['/foo', 'Prefix'],
      ],
      '/foo/x',
      'Prefix /foo/',
    ],
    [
      'Prefix beats ImplementationSpecific of the same length',
      [
        ['/api', 'ImplementationSpecific'],
        ['/api', 'Prefix'],
      ],
      '/api/v1',
      'Prefix /api',
    ],
  ])('%s', (_name, paths, request, expected) => {
    expect(selectPath(candidates(...paths), request)?.value).toBe(expected);
  });
});

describe('normalizeRequestPath', () => {
  it.each([
    ['/a/b?c=d', '/a/b'],
    ['a/b', '/a/b'],
    ['', '/'],
    ['/x#y', '/x'],
  ])('%j → %j', (input, expected) => {
    expect(normalizeRequestPath(input)).toBe(expected);
  });
});
