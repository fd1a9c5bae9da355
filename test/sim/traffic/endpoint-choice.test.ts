import {
  chooseEndpoint,
  newBalancerState,
  RoundRobin,
  SessionAffinityTable,
} from '../../../lib/sim/traffic/endpoint-choice';
import type { Endpoint } from '../../../lib/sim/traffic/endpoint-choice';

const a: Endpoint = { ip: '10.244.1.2', pod: 'web-a' };
const b: Endpoint = { ip: '10.244.2.2', pod: 'web-b' };
const c: Endpoint = { ip: '10.244.3.2', pod: 'web-c' };

describe('RoundRobin', () => {
  test('takes the endpoints in turn, per key', () => {
    // GIVEN
    const rr = new RoundRobin();
    // WHEN
    const picks = [1, 2, 3, 4].map(() => rr.pick('svc', [a, b, c]).pod);
    // THEN
    expect(picks).toEqual(['web-a', 'web-b', 'web-c', 'web-a']);
    expect(rr.pick('other', [a, b, c]).pod).toBe('web-a');
  });
});

describe('SessionAffinityTable', () => {
  it.each([
    // seconds since the last request, timeout, candidates → sticky endpoint
    ['fresh', 10, 10800, [a, b], 'web-a'],
    ['one second before the timeout', 10799, 10800, [a, b], 'web-a'],
    ['at the timeout (--rcheck --seconds is strict)', 10800, 10800, [a, b], undefined],
    ['long expired', 20000, 10800, [a, b], undefined],
    ['the endpoint is gone', 10, 10800, [b], undefined],
    ['a short custom timeout', 61, 60, [a, b], undefined],
  ])('%s', (_name, elapsed, timeout, candidates, expected) => {
    // GIVEN
    const table = new SessionAffinityTable();
    table.record('client', a, 100);
    // THEN
    expect(table.lookup('client', 100 + elapsed, timeout, candidates)?.pod).toBe(expected);
  });
});

describe('chooseEndpoint', () => {
  test('without affinity: round-robin', () => {
    // GIVEN
    const state = newBalancerState();
    const choose = () =>
      chooseEndpoint(state, { key: 'k', clientIp: '1.2.3.4', candidates: [a, b], now: 0 })?.pod;
    // THEN
    expect([choose(), choose(), choose()]).toEqual(['web-a', 'web-b', 'web-a']);
  });

  test('with ClientIP affinity: a client sticks, another client is balanced', () => {
    // GIVEN
    const state = newBalancerState();
    const choose = (clientIp: string, now: number) =>
      chooseEndpoint(state, {
        key: 'k',
        clientIp,
        candidates: [a, b, c],
        now,
        affinityTimeoutSeconds: 100,
      })?.pod;
    // THEN
    expect(choose('1.1.1.1', 0)).toBe('web-a');
    expect(choose('2.2.2.2', 1)).toBe('web-b');
    expect(choose('1.1.1.1', 50)).toBe('web-a');
    expect(choose('1.1.1.1', 149)).toBe('web-a'); // the window slides with each request
    expect(choose('1.1.1.1', 249)).toBe('web-c'); // 100 s of silence: balanced afresh
  });

  test('no candidates: no endpoint', () => {
    expect(
      chooseEndpoint(newBalancerState(), { key: 'k', clientIp: 'x', candidates: [], now: 0 }),
    ).toBeUndefined();
  });
});
