import { Backoff, formatGoDuration } from '../../../lib/sim/kubelet/backoff';

describe('Backoff', () => {
  test('doubles from 10 s and caps at 300 s, as the kubelet crash back-off does', () => {
    // GIVEN a container that fails every time it is restarted
    const backoff = new Backoff();
    const seen: number[] = [];
    // WHEN eight failures are recorded one back-off apart
    let t = 0;
    for (let i = 0; i < 8; i++) {
      backoff.next('pod_web', t);
      seen.push(backoff.get('pod_web'));
      t += backoff.get('pod_web');
    }
    // THEN the delays follow 10, 20, 40, ... capped at 300
    expect(seen).toEqual([10, 20, 40, 80, 160, 300, 300, 300]);
  });

  test('starts over after ten quiet minutes', () => {
    // GIVEN a key backed off to 40 s
    const backoff = new Backoff();
    backoff.next('k', 0);
    backoff.next('k', 10);
    backoff.next('k', 30);
    expect(backoff.get('k')).toBe(40);
    // WHEN the next failure comes more than 600 s after the last one
    backoff.next('k', 631);
    // THEN the back-off is 10 s again
    expect(backoff.get('k')).toBe(10);
  });

  it.each([
    // eventTime, now, in back-off?
    [100, 100, true],
    [100, 109, true],
    [100, 110, false],
    [100, 200, false],
  ])('isInBackOffSince(%d) at %d with a 10 s back-off is %s', (eventTime, now, expected) => {
    const backoff = new Backoff();
    backoff.next('k', 90);
    expect(backoff.isInBackOffSince('k', eventTime, now)).toBe(expected);
  });

  test('a key without failures is never in back-off', () => {
    const backoff = new Backoff();
    expect(backoff.isInBackOffSince('k', 0, 0)).toBe(false);
    expect(backoff.isInBackOffSinceUpdate('k', 0)).toBe(false);
    expect(backoff.retryAt('k', 5)).toBe(5);
  });

  test('retryAt is the last failure plus the back-off', () => {
    const backoff = new Backoff();
    backoff.next('k', 7);
    expect(backoff.isInBackOffSinceUpdate('k', 16)).toBe(true);
    expect(backoff.isInBackOffSinceUpdate('k', 17)).toBe(false);
    expect(backoff.retryAt('k', 8)).toBe(17);
  });
});

describe('formatGoDuration', () => {
  it.each([
    [10, '10s'],
    [40, '40s'],
    [80, '1m20s'],
    [160, '2m40s'],
    [300, '5m0s'],
    [3600, '1h0m0s'],
    [1.5, '1.5s'],
  ])('%d s prints as %s', (seconds, text) => {
    expect(formatGoDuration(seconds)).toBe(text);
  });
});
