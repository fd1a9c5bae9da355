import { resolveRange } from '../lib/webapp-defaults';
import { pullPolicyFor, writableVolumeNames } from '../lib/webapp';

describe('resolveRange', () => {
  const fallback = { request: '100m', limit: '500m' };
  test.each<[{ request?: string; limit?: string } | undefined, { request: string; limit: string }]>(
    [
      // given → resolved
      [undefined, { request: '100m', limit: '500m' }],
      [{}, { request: '100m', limit: '500m' }],
      [{ request: '250m' }, { request: '250m', limit: '500m' }],
      [{ request: '2' }, { request: '2', limit: '2' }], // above the default limit: limit follows
      [{ limit: '1' }, { request: '100m', limit: '1' }],
      [{ limit: '50m' }, { request: '50m', limit: '50m' }], // below the default request: request follows
      [
        { request: '1', limit: '2' },
        { request: '1', limit: '2' },
      ],
    ],
  )('%j → %j', (given, resolved) => {
    expect(resolveRange(given, fallback)).toEqual(resolved);
  });
});

describe('pullPolicyFor', () => {
  test.each([
    ['shop:1.4', 'IfNotPresent'],
    ['shop', 'Always'],
    ['shop:latest', 'Always'],
    ['registry.local:5000/shop', 'Always'], // the colon belongs to the registry port
    ['registry.local:5000/shop:2', 'IfNotPresent'],
    ['shop@sha256:abc', 'IfNotPresent'],
  ])('%s → %s', (image, policy) => {
    expect(pullPolicyFor(image)).toBe(policy);
  });
});

describe('writableVolumeNames', () => {
  test.each<[string[], string[]]>([
    [['/tmp'], ['tmp']],
    [
      ['/tmp', '/var/cache/nginx'],
      ['tmp', 'var-cache-nginx'],
    ],
    [
      ['/var/cache', '/var_cache'],
      ['var-cache', 'var-cache-1'],
    ],
    [['/___'], ['writable-0']],
  ])('%j → %j', (paths, names) => {
    expect(writableVolumeNames(paths)).toEqual(names);
  });
});
