import type { Rng } from '../../../lib/sim/framework';
import { numFeasibleNodesToFind, selectHost } from '../../../lib/sim/scheduler/schedule-one';

describe('numFeasibleNodesToFind (schedule_one.go)', () => {
  it.each([
    // percentage, nodes → nodes to find
    [0, 3, 3], // small clusters: every node
    [0, 99, 99],
    [0, 100, 100],
    [0, 1000, 420], // 50 - 1000/125 = 42%
    [0, 5000, 500], // 10%
    [0, 6000, 300], // 50 - 48 = 2% → raised to the 5% floor
    [0, 20000, 1000], // 5%
    [0, 1500, 570], // 38%
    [30, 1000, 300], // explicit percentage
    [1, 1000, 100], // never fewer than 100
    [100, 5000, 5000],
  ])('percentage %i of %i nodes → %i', (percentage, nodes, want) => {
    expect(numFeasibleNodesToFind(percentage, nodes)).toBe(want);
  });
});

describe('selectHost', () => {
  const fixed = (value: number): Rng => ({ next: () => 0, int: () => value, string: () => '' });

  it('picks the only highest score without drawing', () => {
    const rng = { next: () => 0, int: jest.fn(() => 0), string: () => '' };
    expect(selectHost([10, 30, 20], rng)).toBe(1);
    expect(rng.int).not.toHaveBeenCalled();
  });

  it.each([
    // draw → index among the tied maxima [1, 3, 4]
    [0, 1],
    [1, 3],
    [2, 4],
  ])('draw %i among ties picks index %i', (draw, index) => {
    expect(selectHost([5, 9, 1, 9, 9], fixed(draw))).toBe(index);
  });
});
