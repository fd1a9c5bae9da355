/**
 * Table tests for the replica calculator, after pkg/controller/podautoscaler/
 * replica_calculator_test.go: utilization against requests, the 0.1 tolerance, ceil, unready
 * and missing pods, and the controller's errors.
 */
import {
  calculatePodRequests,
  getRawResourceReplicas,
  getResourceReplicas,
  getResourceUtilizationRatio,
  groupPods,
} from '../../../lib/sim/controllers/hpa-replica-calculator';
import { NOW, podsAndMetrics } from './fixtures';
import type { PodRow } from './fixtures';

const run = (current: number, target: number, rows: PodRow[]) => {
  const { pods, metrics } = podsAndMetrics(rows);
  return getResourceReplicas(current, target, 'cpu', pods, metrics, { now: NOW });
};

describe('getResourceReplicas', () => {
  it.each<[string, number, number, PodRow[], number, number]>([
    // name, current, target %, pods → replicas, utilization %
    [
      'scales up by the ratio to the target',
      3,
      30,
      [{ usage: 300 }, { usage: 500 }, { usage: 700 }],
      5,
      50,
    ],
    [
      'scales down by the ratio to the target',
      5,
      50,
      [{ usage: 100 }, { usage: 300 }, { usage: 500 }, { usage: 250 }, { usage: 250 }],
      3,
      28,
    ],
    [
      'keeps the count within the 0.1 tolerance',
      3,
      100,
      [{ usage: 1010 }, { usage: 1030 }, { usage: 1020 }],
      3,
      102,
    ],
    [
      'keeps the count at exactly 10% below the target',
      2,
      50,
      [{ usage: 450 }, { usage: 450 }],
      2,
      45,
    ],
    ['rounds up (ceil) just outside the tolerance', 2, 50, [{ usage: 600 }, { usage: 600 }], 3, 60],
    [
      'counts unready pods as 0% on a scale-up',
      3,
      30,
      [{ usage: 300, ready: false }, { usage: 500 }, { usage: 700 }],
      4,
      60,
    ],
    [
      'ignores unready pods on a scale-down',
      3,
      50,
      [{ usage: 100, ready: false }, { usage: 100 }, { usage: 100 }],
      1,
      10,
    ],
    [
      'counts Pending pods as unready',
      3,
      50,
      [{ phase: 'Pending' }, { usage: 800 }, { usage: 800 }],
      3,
      80,
    ],
    [
      'ignores deleting pods',
      3,
      50,
      [{ usage: 1000, deleting: true }, { usage: 250 }, { usage: 250 }],
      1,
      25,
    ],
    [
      'ignores failed pods',
      3,
      50,
      [{ usage: 1000, phase: 'Failed' }, { usage: 250 }, { usage: 250 }],
      1,
      25,
    ],
    [
      'counts missing pods as 100% on a scale-down',
      4,
      50,
      [{}, { usage: 100 }, { usage: 100 }, { usage: 100 }],
      3,
      10,
    ],
    [
      'counts missing pods as 0% on a scale-up (which can cancel it)',
      4,
      50,
      [{}, { usage: 700 }, { usage: 700 }, { usage: 700 }],
      4,
      70,
    ],
    [
      'keeps the count when missing pods would turn a scale-down into a scale-up',
      4,
      50,
      [{}, {}, { usage: 400 }, { usage: 95 }],
      4,
      24,
    ],
    [
      'treats a pod ready for less than one metric window as unready while initializing',
      2,
      50,
      [{ usage: 900, startedAgo: 60, readySince: 5 }, { usage: 900 }],
      2,
      90,
    ],
    [
      'uses a pod ready for a full window while initializing',
      2,
      50,
      [{ usage: 900, startedAgo: 60, readySince: 20 }, { usage: 900 }],
      4,
      90,
    ],
  ])('%s', (_name, current, target, rows, replicas, utilization) => {
    const proposal = run(current, target, rows);
    expect(proposal.replicas).toBe(replicas);
    expect(proposal.utilization).toBe(utilization);
  });

  test('reports the average usage per pod as the raw value', () => {
    expect(run(2, 50, [{ usage: 200 }, { usage: 300 }]).rawAverage).toBe(250);
  });

  test('fails when a container has no CPU request, naming the container and pod', () => {
    expect(() => run(2, 50, [{ usage: 200 }, { usage: 200, cpuRequest: null }])).toThrow(
      /^missing request for cpu in container app of Pod web-1$/,
    );
  });

  test('fails when a ContainerResource names a container the pod does not have', () => {
    const { pods, metrics } = podsAndMetrics([{ usage: 200 }]);
    expect(() => getResourceReplicas(1, 50, 'cpu', pods, metrics, { now: NOW }, 'sidecar')).toThrow(
      /^container sidecar not found in Pod web-0$/,
    );
  });

  test('counts only the named container for ContainerResource metrics', () => {
    const { pods, metrics } = podsAndMetrics([{ usage: 300, cpuRequest: '200m' }]);
    expect(getResourceReplicas(1, 50, 'cpu', pods, metrics, { now: NOW }, 'app')).toMatchObject({
      replicas: 3,
      utilization: 150,
    });
  });

  test('fails when the selector matches no pods', () => {
    expect(() => run(2, 50, [])).toThrow(
      /^no pods returned by selector while calculating replica count$/,
    );
  });

  test('fails when every pod is unready', () => {
    expect(() => run(2, 50, [{ usage: 100, ready: false }, { phase: 'Pending' }])).toThrow(
      /^did not receive metrics for targeted pods \(pods might be unready\)$/,
    );
  });
});

describe('groupPods', () => {
  test('sorts pods into ready, unready, missing and ignored', () => {
    const { pods, metrics } = podsAndMetrics([
      { usage: 1 },
      { usage: 1, ready: false },
      {},
      { usage: 1, deleting: true },
      { phase: 'Pending' },
    ]);
    const groups = groupPods(pods, metrics, 'cpu', { now: NOW });
    expect(groups.readyPodCount).toBe(1);
    expect([...groups.unreadyPods]).toEqual(['web-1', 'web-4']);
    expect([...groups.missingPods]).toEqual(['web-2']);
    expect([...groups.ignoredPods]).toEqual(['web-3']);
  });

  test('uses the sample of a pod that was ready once and is unready after its initialization period', () => {
    const { pods, metrics } = podsAndMetrics([{ usage: 1, ready: false, readySince: 100 }]);
    expect(groupPods(pods, metrics, 'cpu', { now: NOW }).readyPodCount).toBe(1);
  });

  test('does not judge readiness for memory', () => {
    const { pods, metrics } = podsAndMetrics([{ usage: 1, ready: false }]);
    expect(groupPods(pods, metrics, 'memory', { now: NOW }).readyPodCount).toBe(1);
  });
});

describe('getResourceUtilizationRatio', () => {
  it.each([
    // usage, request, target → utilization (truncated), ratio
    [[333], [1000], 50, 33, 0.66],
    [[999, 1000], [1000, 1000], 100, 99, 0.99],
  ])('usage %j of requests %j at target %i', (usage, requests, target, utilization, ratio) => {
    const metrics = new Map(usage.map((v, i) => [`p${i}`, { value: v, timestamp: 0, window: 15 }]));
    const req = new Map(requests.map((v, i) => [`p${i}`, v]));
    const result = getResourceUtilizationRatio(metrics, req, target);
    expect(result.utilization).toBe(utilization);
    expect(result.usageRatio).toBeCloseTo(ratio);
  });
});

describe('calculatePodRequests', () => {
  test('sums the containers of each pod in millicores', () => {
    const { pods } = podsAndMetrics([{ cpuRequest: '250m' }, { cpuRequest: '1.5' }]);
    expect([...calculatePodRequests(pods, 'cpu')]).toEqual([
      ['web-0', 250],
      ['web-1', 1500],
    ]);
  });
});

describe('getRawResourceReplicas (AverageValue targets)', () => {
  it.each<[string, number, PodRow[], number]>([
    ['scales up by the ratio to the average value', 2, [{ usage: 400 }, { usage: 400 }], 4],
    ['keeps the count within the tolerance', 2, [{ usage: 210 }, { usage: 210 }], 2],
    ['scales down', 4, [{ usage: 50 }, { usage: 50 }, { usage: 50 }, { usage: 50 }], 1],
  ])('%s', (_name, current, rows, replicas) => {
    const { pods, metrics } = podsAndMetrics(rows);
    expect(getRawResourceReplicas(current, 200, 'cpu', pods, metrics, { now: NOW }).replicas).toBe(
      replicas,
    );
  });
});
