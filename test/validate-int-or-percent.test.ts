import { Testing } from 'cdk8s';
import { checkIntOrPercent, isZeroIntOrPercent } from '../lib/validate';

describe('checkIntOrPercent', () => {
  test.each<[number | string | undefined, boolean]>([
    // value → accepted?
    [undefined, true],
    [0, true],
    [3, true],
    ['0%', true],
    ['25%', true],
    ['100%', true],
    ['101%', false],
    ['25', false],
    ['025%', false],
    ['-1%', false],
    ['2.5%', false],
    [-1, false],
    [1.5, false],
  ])('%p → %s', (value, accepted) => {
    const check = () => checkIntOrPercent(Testing.chart(), 'rollout.maxSurge', value);
    if (accepted) expect(check).not.toThrow();
    else
      expect(check).toThrow(
        /rollout.maxSurge must be an integer >= 0 or a percentage such as '25%'/,
      );
  });
});

describe('isZeroIntOrPercent', () => {
  test.each<[number | string | undefined, boolean]>([
    [0, true],
    ['0%', true],
    [1, false],
    ['1%', false],
    [undefined, false],
  ])('%p → %s', (value, zero) => {
    expect(isZeroIntOrPercent(value)).toBe(zero);
  });
});
