import {
  failureInstant,
  firstCountedTick,
  planProbes,
  probeTiming,
  successInstant,
} from '../../../lib/sim/kubelet/probe-timing';

describe('probe timing', () => {
  test('defaults are period 10, success 1, failure 3, no initial delay', () => {
    expect(probeTiming({})).toEqual({
      initialDelaySeconds: 0,
      periodSeconds: 10,
      successThreshold: 1,
      failureThreshold: 3,
    });
  });

  it.each([
    // initialDelay, period, from → first counted tick
    [0, 10, 0, 0],
    [5, 10, 0, 10],
    [10, 10, 0, 10],
    [10, 5, 0, 10],
    [0, 10, 12, 20],
    [30, 10, 12, 30],
    [7, 3, 0, 9],
  ])(
    'initialDelay %d, period %d, from %d → tick %d',
    (initialDelaySeconds, periodSeconds, from, tick) => {
      expect(firstCountedTick({ initialDelaySeconds, periodSeconds }, from)).toBe(tick);
    },
  );

  it.each([
    // initialDelay, period, successThreshold, healthyAfter → ready after
    [0, 10, 1, 0, 0],
    [10, 5, 1, 0, 10],
    [5, 10, 1, 0, 10],
    [0, 10, 1, 12, 20],
    [0, 10, 2, 12, 30],
    [15, 10, 3, 0, 40],
    [0, 10, 1, Infinity, Infinity],
  ])(
    'readiness initialDelay %d period %d success %d, healthy after %d → success at %d',
    (initialDelaySeconds, periodSeconds, successThreshold, healthyAfter, expected) => {
      const timing = { initialDelaySeconds, periodSeconds, successThreshold, failureThreshold: 3 };
      expect(successInstant(timing, healthyAfter)).toBe(expected);
    },
  );

  it.each([
    // initialDelay, period, failureThreshold, healthyAfter → failure at (undefined: passes in time)
    [0, 10, 3, 45, 20],
    [0, 10, 3, 20, undefined],
    [0, 10, 3, 21, 20],
    [30, 10, 3, 45, undefined],
    [5, 5, 1, 7, 5],
    [0, 10, 3, Infinity, 20],
  ])(
    'liveness initialDelay %d period %d failure %d, healthy after %d → failure at %s',
    (initialDelaySeconds, periodSeconds, failureThreshold, healthyAfter, expected) => {
      const timing = { initialDelaySeconds, periodSeconds, successThreshold: 1, failureThreshold };
      expect(failureInstant(timing, healthyAfter)).toBe(expected);
    },
  );
});

describe('planProbes', () => {
  test('a container without probes is started and ready at once', () => {
    expect(planProbes({}, 30)).toEqual({ startedAfter: 0, readyAfter: 0 });
  });

  test('readiness waits for the process and rounds up to the period', () => {
    const plan = planProbes({ readinessProbe: { initialDelaySeconds: 10, periodSeconds: 5 } }, 12);
    expect(plan).toEqual({ startedAfter: 0, readyAfter: 15 });
  });

  test('a startup probe holds readiness back until it passes', () => {
    const plan = planProbes(
      {
        startupProbe: { periodSeconds: 10, failureThreshold: 30 },
        readinessProbe: { periodSeconds: 5 },
      },
      42,
    );
    expect(plan).toEqual({ startedAfter: 50, readyAfter: 50 });
  });

  test('liveness kills a container that answers too late', () => {
    const plan = planProbes({ livenessProbe: { periodSeconds: 10, failureThreshold: 3 } }, 45);
    // without a readiness probe it counts as ready until it is killed
    expect(plan).toEqual({ startedAfter: 0, readyAfter: 0, killedAfter: 20, killedBy: 'liveness' });
  });

  test('a startup probe whose budget runs out kills the container', () => {
    const plan = planProbes({ startupProbe: { periodSeconds: 5, failureThreshold: 3 } }, 60);
    expect(plan).toEqual({
      startedAfter: Infinity,
      readyAfter: Infinity,
      killedAfter: 10,
      killedBy: 'startup',
    });
  });

  test('liveness with enough initial delay lets a slow starter live and become ready', () => {
    const plan = planProbes(
      {
        livenessProbe: { initialDelaySeconds: 30, periodSeconds: 10 },
        readinessProbe: { initialDelaySeconds: 10, periodSeconds: 5 },
      },
      25,
    );
    expect(plan).toEqual({ startedAfter: 0, readyAfter: 25 });
  });
});
