/**
 * Table tests for how the HPA limits and stabilizes its proposals, after
 * pkg/controller/podautoscaler/horizontal_test.go: without `behavior` (max(2×, 4) per sync,
 * 300 s of downscale stabilization) and with the default and given `behavior` policies
 * (4 pods or 100% per 15 s, whichever is larger; 100% down per 15 s).
 */
import type { HPAScalingRules } from '../../../lib/sim/controllers/hpa-api';
import {
  defaultScaleDownRules,
  defaultScaleUpRules,
} from '../../../lib/sim/controllers/hpa-defaults';
import {
  calculateScaleDownLimitWithBehaviors,
  calculateScaleUpLimit,
  calculateScaleUpLimitWithScalingRules,
  convertDesiredReplicasWithBehaviorRate,
  convertDesiredReplicasWithRules,
  stabilizeRecommendation,
  stabilizeRecommendationWithBehaviors,
  storeScaleEvent,
} from '../../../lib/sim/controllers/hpa-normalize';
import type { TimestampedScaleEvent } from '../../../lib/sim/controllers/hpa-normalize';

const NOW = 1000;
const up = (change: number, ago: number): TimestampedScaleEvent => ({
  replicaChange: change,
  timestamp: NOW - ago,
  outdated: false,
});

describe('without behavior', () => {
  it.each([
    // current → limit
    [1, 4],
    [2, 4],
    [3, 6],
    [10, 20],
  ])('calculateScaleUpLimit(%i) is %i', (current, limit) => {
    expect(calculateScaleUpLimit(current)).toBe(limit);
  });

  it.each([
    // current, desired, min, max → replicas, reason
    [2, 8, 2, 10, 4, 'ScaleUpLimit'],
    [4, 8, 2, 10, 8, 'DesiredWithinRange'],
    [8, 20, 2, 10, 10, 'TooManyReplicas'],
    [3, 1, 2, 10, 2, 'TooFewReplicas'],
    [5, 3, 2, 10, 3, 'DesiredWithinRange'],
  ])(
    'convertDesiredReplicasWithRules(current %i, desired %i, min %i, max %i) is %i (%s)',
    (current, desired, min, max, replicas, reason) => {
      const result = convertDesiredReplicasWithRules(current, desired, min, max);
      expect(result).toMatchObject({ replicas, reason });
    },
  );

  it.each([
    // recommendation age (s), its value, new proposal → stabilized
    [100, 8, 2, 8],
    [300, 8, 2, 8], // exactly at the window's edge still counts
    [301, 8, 2, 2],
    [100, 2, 8, 8], // scale-ups are not held back
  ])(
    'a recommendation %i s old of %i holds a proposal of %i at %i',
    (age, old, proposal, result) => {
      const recommendations = [{ recommendation: old, timestamp: NOW - age }];
      expect(stabilizeRecommendation(recommendations, proposal, NOW)).toBe(result);
    },
  );

  test('records each proposal, reusing the slot of one older than the window', () => {
    const recommendations = [
      { recommendation: 8, timestamp: NOW - 400 },
      { recommendation: 5, timestamp: NOW - 10 },
    ];
    stabilizeRecommendation(recommendations, 2, NOW);
    expect(recommendations).toEqual([
      { recommendation: 2, timestamp: NOW },
      { recommendation: 5, timestamp: NOW - 10 },
    ]);
  });
});

describe('scale limits with behavior', () => {
  const defaults = defaultScaleUpRules();

  it.each<[string, number, TimestampedScaleEvent[], HPAScalingRules, number]>([
    ['4 pods beat 100% from 1', 1, [], defaults, 5],
    ['4 pods beat 100% from 2', 2, [], defaults, 6],
    ['100% beats 4 pods from 10', 10, [], defaults, 20],
    ['a scale-up within the period counts against it', 6, [up(4, 5)], defaults, 6],
    ['a scale-up exactly one period ago no longer counts', 6, [up(4, 15)], defaults, 12],
    ['selectPolicy Min takes the smaller', 10, [], { ...defaults, selectPolicy: 'Min' }, 14],
    [
      'selectPolicy Disabled keeps the count',
      10,
      [],
      { ...defaults, selectPolicy: 'Disabled' },
      10,
    ],
    [
      'a percent rounds up',
      3,
      [],
      { selectPolicy: 'Max', policies: [{ type: 'Percent', value: 10, periodSeconds: 60 }] },
      4,
    ],
  ])('scale-up limit: %s', (_name, current, events, rules, limit) => {
    expect(calculateScaleUpLimitWithScalingRules(current, events, [], rules, NOW)).toBe(limit);
  });

  it.each<[string, number, TimestampedScaleEvent[], HPAScalingRules, number]>([
    ['100% per 15 s allows any scale-down', 8, [], defaultScaleDownRules(), 0],
    [
      'one pod per minute',
      5,
      [],
      { selectPolicy: 'Max', policies: [{ type: 'Pods', value: 1, periodSeconds: 60 }] },
      4,
    ],
    [
      'one pod per minute, one removed 30 s ago',
      5,
      [up(1, 30)],
      { selectPolicy: 'Max', policies: [{ type: 'Pods', value: 1, periodSeconds: 60 }] },
      5,
    ],
    [
      'a percent truncates',
      5,
      [],
      { selectPolicy: 'Max', policies: [{ type: 'Percent', value: 50, periodSeconds: 60 }] },
      2,
    ],
  ])('scale-down limit: %s', (_name, current, downEvents, rules, limit) => {
    expect(calculateScaleDownLimitWithBehaviors(current, [], downEvents, rules, NOW)).toBe(limit);
  });

  const args = (current: number, desired: number, min = 2, max = 10) => ({
    scaleUp: defaultScaleUpRules(),
    scaleDown: { ...defaultScaleDownRules(), stabilizationWindowSeconds: 300 },
    minReplicas: min,
    maxReplicas: max,
    currentReplicas: current,
    desiredReplicas: desired,
  });

  it.each([
    // current, desired, min, max → replicas, reason
    [2, 8, 2, 10, 6, 'ScaleUpLimit'],
    [6, 30, 2, 10, 10, 'TooManyReplicas'],
    [8, 1, 2, 10, 2, 'TooFewReplicas'],
    [4, 6, 2, 10, 6, 'DesiredWithinRange'],
  ])(
    'convertDesiredReplicasWithBehaviorRate(current %i, desired %i, min %i, max %i) is %i (%s)',
    (current, desired, min, max, replicas, reason) => {
      expect(
        convertDesiredReplicasWithBehaviorRate(args(current, desired, min, max), [], [], NOW),
      ).toMatchObject({
        replicas,
        reason,
      });
    },
  );

  it.each([
    // recommendation age, value, current, desired → stabilized, reason
    [100, 8, 8, 2, 8, 'ScaleDownStabilized'],
    [301, 8, 8, 2, 2, 'ScaleDownStabilized'],
    [100, 2, 2, 8, 8, 'ScaleUpStabilized'],
  ])(
    'a recommendation %i s old of %i, current %i, desired %i → %i',
    (age, old, current, desired, replicas, reason) => {
      const recommendations = [{ recommendation: old, timestamp: NOW - age }];
      expect(
        stabilizeRecommendationWithBehaviors(recommendations, args(current, desired), NOW),
      ).toMatchObject({ replicas, reason });
    },
  );

  test('a scale-up stabilization window holds the lowest recent recommendation', () => {
    const recommendations = [{ recommendation: 3, timestamp: NOW - 30 }];
    const a = {
      ...args(3, 8),
      scaleUp: { ...defaultScaleUpRules(), stabilizationWindowSeconds: 60 },
    };
    expect(stabilizeRecommendationWithBehaviors(recommendations, a, NOW).replicas).toBe(3);
  });

  test('storeScaleEvent records scale-ups and scale-downs apart, reusing outdated entries', () => {
    const ups: TimestampedScaleEvent[] = [up(4, 100)];
    const downs: TimestampedScaleEvent[] = [];
    storeScaleEvent(defaultScaleUpRules(), defaultScaleDownRules(), ups, downs, 2, 6, NOW);
    storeScaleEvent(defaultScaleUpRules(), defaultScaleDownRules(), ups, downs, 6, 4, NOW);
    expect(ups).toEqual([{ replicaChange: 4, timestamp: NOW, outdated: false }]);
    expect(downs).toEqual([{ replicaChange: 2, timestamp: NOW, outdated: false }]);
  });
});
