/**
 * Peer ranges as the pack smoke reads them: each a caret range that allows the version the
 * lock file installs for bosun's own tests, and whose floor the smoke installs as well.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  caretFloor,
  lowestPeerVersions,
  peerRangeProblems,
  satisfiesCaret,
} from '../../scripts/pack-smoke/peer-versions';

describe('caretFloor', () => {
  it.each([
    ['^2.70.0', '2.70.0'],
    [' ^10.3.0 ', '10.3.0'],
    ['~2.70.0', undefined], // tilde: not what the smoke installs the floor of
    ['>=2.70.0', undefined],
    ['^2.70', undefined], // partial version
  ])('caretFloor(%j) = %j', (range, floor) => {
    expect(caretFloor(range)).toBe(floor);
  });
});

describe('satisfiesCaret', () => {
  it.each([
    // version, floor, satisfied
    ['2.70.106', '2.70.0', true],
    ['2.70.0', '2.70.0', true], // the floor itself
    ['2.71.0', '2.70.5', true], // higher minor, lower patch
    ['2.69.9', '2.70.0', false],
    ['2.70.5', '2.70.6', false],
    ['3.0.0', '2.70.0', false], // next major
    ['1.99.0', '2.0.0', false],
  ])('%s within ^%s: %s', (version, floor, expected) => {
    expect(satisfiesCaret(version, floor)).toBe(expected);
  });
});

describe('peerRangeProblems', () => {
  it('names a range that does not allow the tested version', () => {
    expect(peerRangeProblems({ cdk8s: '^2.71.0' }, { cdk8s: '2.70.106' })).toEqual([
      'peer cdk8s "^2.71.0" does not allow 2.70.106, the version bosun tests with',
    ]);
  });

  it('names a range that is not a caret range, and a peer the lock does not install', () => {
    expect(peerRangeProblems({ a: '*', b: '^1.0.0' }, { a: '1.0.0' })).toEqual([
      'peer a "*" is not a caret range (^x.y.z)',
      'peer b is not installed by package-lock.json',
    ]);
  });

  it("accepts bosun's own peer ranges and lock file", () => {
    const root = path.join(__dirname, '..', '..');
    const read = (file: string) => JSON.parse(fs.readFileSync(path.join(root, file), 'utf8'));
    const peers: Record<string, string> = read('package.json').peerDependencies;
    const lock: { packages: Record<string, { version: string }> } = read('package-lock.json');
    const locked = Object.fromEntries(
      Object.keys(peers).map((name) => [name, lock.packages[`node_modules/${name}`]?.version]),
    );
    expect(Object.keys(peers)).toEqual(['cdk8s', 'cdk8s-plus-28', 'constructs']);
    expect(peerRangeProblems(peers, locked)).toEqual([]);
  });
});

describe('lowestPeerVersions', () => {
  it('installs each caret floor', () => {
    expect(lowestPeerVersions({ cdk8s: '^2.70.0', constructs: '^10.3.0' })).toEqual({
      cdk8s: '2.70.0',
      constructs: '10.3.0',
    });
  });
});
