import { pullPolicyFor, writableVolumeNames } from '../lib/webapp';

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
