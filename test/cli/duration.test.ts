import { ageSince, humanDuration } from '../../lib/cli/duration';

describe('humanDuration', () => {
  it.each([
    // seconds → kubectl AGE
    [-5, '<invalid>'], // more than 1 s in the future
    [-1, '0s'], // tolerated clock skew
    [0, '0s'],
    [45, '45s'],
    [119, '119s'], // seconds up to two minutes
    [120, '2m'],
    [200, '3m20s'],
    [599, '9m59s'],
    [600, '10m'], // from ten minutes, whole minutes
    [179 * 60 + 59, '179m'],
    [3 * 3600, '3h'],
    [3 * 3600 + 25 * 60, '3h25m'],
    [8 * 3600, '8h'], // from eight hours, whole hours
    [47 * 3600, '47h'],
    [2 * 86400, '2d'],
    [2 * 86400 + 4 * 3600, '2d4h'],
    [8 * 86400 + 5 * 3600, '8d'], // from eight days, whole days
    [729 * 86400, '729d'],
    [2 * 365 * 86400 + 10 * 86400, '2y10d'],
    [9 * 365 * 86400, '9y'],
    [12.9, '12s'], // fractions are truncated, as Go's int() does
  ])('humanDuration(%d) is %s', (seconds, expected) => {
    expect(humanDuration(seconds)).toBe(expected);
  });
});

describe('ageSince', () => {
  it('measures from the creation timestamp to the virtual now', () => {
    expect(ageSince('2024-01-01T00:00:00Z', '2024-01-01T00:03:20Z')).toBe('3m20s');
  });

  it('is <unknown> without a creation timestamp, as kubectl prints it', () => {
    expect(ageSince(undefined, '2024-01-01T00:00:00Z')).toBe('<unknown>');
  });
});
