import type { PodTemplateSpec } from '../../../lib/sim/api';
import {
  canonicalJson,
  fnv32a,
  podTemplateHash,
  safeEncodeString,
} from '../../../lib/sim/controllers/pod-template-hash';

const template = (
  image: string,
  labels: Record<string, string> = { app: 'web' },
): PodTemplateSpec => ({
  metadata: { labels },
  spec: { containers: [{ name: 'web', image }] },
});

describe('fnv32a', () => {
  it.each([
    // input → FNV-1a 32-bit, the published test vectors
    ['', 0x811c9dc5],
    ['a', 0xe40c292c],
    ['foobar', 0xbf9cf968],
  ])('hashes %j to %i', (input, expected) => {
    expect(fnv32a(new TextEncoder().encode(input))).toBe(expected);
  });
});

describe('safeEncodeString', () => {
  it.each([
    // digits map to the consonant/digit alphabet by char code mod 27 (rand.SafeEncodeString)
    ['0123456789', '456789bcdf'],
    ['', ''],
  ])('encodes %j as %j', (input, expected) => {
    expect(safeEncodeString(input)).toBe(expected);
  });
});

describe('canonicalJson', () => {
  it('sorts keys at every level and drops undefined', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { f: 2, e: 1 }], c: undefined } })).toBe(
      '{"a":{"d":[1,{"e":1,"f":2}]},"b":1}',
    );
  });
});

describe('podTemplateHash', () => {
  it('is stable and made only of safe characters', () => {
    const hash = podTemplateHash(template('nginx:1.25'));
    expect(hash).toBe(podTemplateHash(template('nginx:1.25')));
    expect(hash).toMatch(/^[456789bcdf]{1,10}$/);
  });

  it('changes with the template', () => {
    expect(podTemplateHash(template('nginx:1.25'))).not.toBe(
      podTemplateHash(template('nginx:1.26')),
    );
  });

  it('ignores key order and the pod-template-hash label', () => {
    const a = template('nginx:1.25', { app: 'web', tier: 'front' });
    const b = template('nginx:1.25', { tier: 'front', app: 'web', 'pod-template-hash': 'abc' });
    expect(podTemplateHash(a)).toBe(podTemplateHash(b));
  });

  it('changes with a collision count, even 0', () => {
    const t = template('nginx:1.25');
    expect(podTemplateHash(t, 0)).not.toBe(podTemplateHash(t));
    expect(podTemplateHash(t, 1)).not.toBe(podTemplateHash(t, 0));
  });
});
