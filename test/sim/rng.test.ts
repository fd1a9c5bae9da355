import { NAME_SUFFIX_ALPHABET, SeededRng } from '../../lib/sim/rng';

describe('SeededRng', () => {
  test('the same seed gives the same sequence', () => {
    const a = new SeededRng(42);
    const b = new SeededRng(42);
    expect(Array.from({ length: 20 }, () => a.next())).toEqual(
      Array.from({ length: 20 }, () => b.next()),
    );
  });

  test('different seeds and streams give different sequences', () => {
    const first = new SeededRng(1).string(10, NAME_SUFFIX_ALPHABET);
    expect(new SeededRng(2).string(10, NAME_SUFFIX_ALPHABET)).not.toBe(first);
    expect(new SeededRng(1, 1).string(10, NAME_SUFFIX_ALPHABET)).not.toBe(first);
  });

  test('next is in [0, 1) and int in [0, n)', () => {
    const rng = new SeededRng(7);
    for (let i = 0; i < 1000; i++) {
      const x = rng.next();
      expect(x).toBeGreaterThanOrEqual(0);
      expect(x).toBeLessThan(1);
      const n = rng.int(27);
      expect(Number.isInteger(n) && n >= 0 && n < 27).toBe(true);
    }
  });

  test('string draws only from the alphabet', () => {
    const s = new SeededRng(3).string(200, NAME_SUFFIX_ALPHABET);
    expect(s).toHaveLength(200);
    expect(s).toMatch(/^[bcdfghjklmnpqrstvwxz2456789]+$/);
  });

  test('is roughly uniform', () => {
    const rng = new SeededRng(9);
    const counts = new Array(10).fill(0);
    for (let i = 0; i < 10000; i++) counts[rng.int(10)]++;
    for (const c of counts) expect(Math.abs(c - 1000)).toBeLessThan(150);
  });
});
