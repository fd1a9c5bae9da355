import type { PersistentVolume, PersistentVolumeClaim } from '../../../lib/sim/storage/api';
import {
  accessModesSatisfy,
  explainNoMatch,
  findMatchingVolume,
} from '../../../lib/sim/storage/matching';
import { claim, volume } from './fixtures';

const pvc = (...args: Parameters<typeof claim>): PersistentVolumeClaim =>
  claim(...args) as unknown as PersistentVolumeClaim;
const pv = (...args: Parameters<typeof volume>): PersistentVolume => {
  const v = volume(...args) as unknown as PersistentVolume;
  v.status = { phase: 'Available' };
  return v;
};

describe('accessModesSatisfy (CheckAccessModes)', () => {
  it.each([
    // claim modes, volume modes → fits
    [['ReadWriteOnce'], ['ReadWriteOnce'], true],
    [['ReadWriteOnce'], ['ReadWriteOnce', 'ReadOnlyMany'], true],
    [['ReadWriteMany'], ['ReadWriteOnce'], false],
    [['ReadWriteOnce', 'ReadOnlyMany'], ['ReadWriteOnce'], false],
    [[], ['ReadWriteOnce'], true],
  ] as const)('claim %j on volume %j → %s', (claimModes, volumeModes, want) => {
    expect(accessModesSatisfy([...claimModes], [...volumeModes])).toBe(want);
  });
});

describe('findMatchingVolume (index.go findByClaim)', () => {
  it.each([
    // description, claim, volumes → chosen volume name
    [
      'the smallest volume that holds the request wins',
      pvc('c', '5Gi', { storageClassName: '' }),
      [pv('big', '20Gi'), pv('fit', '10Gi'), pv('small', '1Gi')],
      'fit',
    ],
    [
      'an exact size fits',
      pvc('c', '10Gi', { storageClassName: '' }),
      [pv('a', '10Gi'), pv('b', '11Gi')],
      'a',
    ],
    [
      'a volume of another class never matches',
      pvc('c', '1Gi', { storageClassName: 'fast' }),
      [
        pv('slow', '1Gi', { storageClassName: 'slow' }),
        pv('fast', '5Gi', { storageClassName: 'fast' }),
      ],
      'fast',
    ],
    [
      "class '' matches only volumes without a class",
      pvc('c', '1Gi', { storageClassName: '' }),
      [pv('classy', '1Gi', { storageClassName: 'standard' }), pv('plain', '2Gi')],
      'plain',
    ],
    [
      'access modes must include the claim’s',
      pvc('c', '1Gi', { storageClassName: '', accessModes: ['ReadWriteMany'] }),
      [pv('rwo', '1Gi'), pv('rwx', '5Gi', { accessModes: ['ReadWriteMany'] })],
      'rwx',
    ],
    [
      'volumes with fewer access modes are tried first',
      pvc('c', '1Gi', { storageClassName: '' }),
      [pv('two', '1Gi', { accessModes: ['ReadWriteOnce', 'ReadOnlyMany'] }), pv('one', '9Gi')],
      'one',
    ],
    [
      'the selector filters by label',
      pvc('c', '1Gi', { storageClassName: '', selector: { matchLabels: { tier: 'db' } } }),
      [pv('web', '1Gi', { labels: { tier: 'web' } }), pv('db', '3Gi', { labels: { tier: 'db' } })],
      'db',
    ],
    [
      'a volume pre-bound to the claim wins outright',
      pvc('c', '1Gi', { storageClassName: '' }),
      [pv('free', '1Gi'), pv('mine', '8Gi', { claimRef: { name: 'c' } })],
      'mine',
    ],
    [
      'a volume pre-bound to another claim is skipped',
      pvc('c', '1Gi', { storageClassName: '' }),
      [pv('theirs', '1Gi', { claimRef: { name: 'other' } }), pv('free', '2Gi')],
      'free',
    ],
    [
      'nothing fits a request larger than every volume',
      pvc('c', '50Gi', { storageClassName: '' }),
      [pv('a', '10Gi')],
      undefined,
    ],
  ])('%s', (_description, c, volumes, want) => {
    expect(findMatchingVolume(c, volumes)?.metadata.name).toBe(want);
  });

  test('WaitForFirstConsumer claims match only pre-bound volumes on the controller path', () => {
    const c = pvc('c', '1Gi', { storageClassName: 'local' });
    const free = pv('free', '1Gi', { storageClassName: 'local' });
    expect(findMatchingVolume(c, [free], { delayBinding: true })).toBeUndefined();
    // the scheduler path (with a node) does match it
    const node = { name: 'node-1', labels: { 'kubernetes.io/hostname': 'node-1' } };
    expect(findMatchingVolume(c, [free], { delayBinding: true, node })?.metadata.name).toBe('free');
  });

  test('the scheduler path skips volumes whose node affinity excludes the node', () => {
    const c = pvc('c', '1Gi', { storageClassName: '' });
    const node2 = { name: 'node-2', labels: { 'kubernetes.io/hostname': 'node-2' } };
    const volumes = [pv('on-1', '1Gi', { node: 'node-1' }), pv('on-2', '2Gi', { node: 'node-2' })];
    expect(findMatchingVolume(c, volumes, { node: node2 })?.metadata.name).toBe('on-2');
  });
});

describe('explainNoMatch', () => {
  test('names the field the closest volume failed on', () => {
    const c = pvc('c', '5Gi', { storageClassName: '' });
    expect(explainNoMatch(c, [pv('small', '1Gi')])).toBe(
      'small has capacity 1Gi, the claim requests 5Gi',
    );
  });

  test('says when no volume has the class at all', () => {
    const c = pvc('c', '5Gi', { storageClassName: 'gold' });
    expect(explainNoMatch(c, [pv('small', '1Gi')])).toBe(
      'no PersistentVolume has storageClassName "gold"',
    );
  });
});
