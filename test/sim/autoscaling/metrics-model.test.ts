/**
 * The simulated metrics-server: load as CONTRACT.md's `setCpuUtilization` defines it (a total
 * demand fixed at the call, shared evenly by the ready pods), the idle default, and memory.
 */
import type { Pod } from '../../../lib/sim/api';
import { HorizontalPodAutoscalerController } from '../../../lib/sim/controllers/hpa';
import {
  DEFAULT_IDLE_CPU_PERCENT,
  DEFAULT_MEMORY_PERCENT,
  MetricsModel,
  metricsFor,
  setCpuUtilization,
} from '../../../lib/sim/metrics';
import { newHarness } from '../../../lib/sim/testing-harness';
import * as workloads from '../fixtures/workloads';
import { NOW, podsAndMetrics } from './fixtures';

const web = { kind: 'Deployment', namespace: 'default', name: 'web' };

function pods(rows: Parameters<typeof podsAndMetrics>[0]): Pod[] {
  return podsAndMetrics(rows).pods;
}

const values = (samples: Map<string, { value: number }>) =>
  Object.fromEntries([...samples].map(([name, s]) => [name, s.value]));

describe('MetricsModel', () => {
  test('GIVEN no load set THEN each running pod idles at 10% of its CPU request', () => {
    const model = new MetricsModel();
    const samples = model.samples(
      web,
      pods([{ cpuRequest: '500m' }, { cpuRequest: '1' }]),
      'cpu',
      NOW,
    );
    expect(DEFAULT_IDLE_CPU_PERCENT).toBe(10);
    expect(values(samples)).toEqual({ 'web-0': 50, 'web-1': 100 });
  });

  test('GIVEN a demand THEN the ready pods share it evenly and unready pods use nothing', () => {
    const model = new MetricsModel();
    model.setCpuDemand(web, 900);
    const samples = model.samples(web, pods([{}, {}, { ready: false }, {}]), 'cpu', NOW);
    expect(values(samples)).toEqual({ 'web-0': 300, 'web-1': 300, 'web-2': 0, 'web-3': 300 });
  });

  test('has no sample for pods that are not running or are being deleted', () => {
    const model = new MetricsModel();
    const samples = model.samples(
      web,
      pods([{ phase: 'Pending' }, { deleting: true }, {}]),
      'cpu',
      NOW,
    );
    expect([...samples.keys()]).toEqual(['web-2']);
  });

  test('stamps each sample with the time and the 15 s metric window', () => {
    const samples = new MetricsModel().samples(web, pods([{}]), 'cpu', NOW);
    expect(samples.get('web-0')).toMatchObject({ timestamp: NOW, window: 15 });
  });

  test('reports memory at half the request by default, or as set', () => {
    const model = new MetricsModel();
    const [pod] = pods([{}]);
    pod.spec!.containers[0].resources = { requests: { memory: '512Mi' } };
    expect(DEFAULT_MEMORY_PERCENT).toBe(50);
    expect(model.samples(web, [pod], 'memory', NOW).get('web-0')?.value).toBe(256 * 2 ** 20);
    model.setMemoryUtilization(web, 75);
    expect(model.samples(web, [pod], 'memory', NOW).get('web-0')?.value).toBe(384 * 2 ** 20);
  });
});

describe('setCpuUtilization', () => {
  const deployment = (replicas: number) =>
    workloads.deployment('web', replicas, {
      name: 'web',
      image: 'web:1',
      resources: { requests: { cpu: '250m' } },
    });

  test('GIVEN no pods yet THEN the demand is the percent of the template requests times replicas', () => {
    const h = newHarness();
    h.store.create(deployment(3));
    setCpuUtilization(h.store, 'Deployment', 'web', 200);
    expect(metricsFor(h.store).cpuDemand(web)).toBe(1500);
  });

  test('GIVEN running pods THEN the demand is the percent of their summed requests at the call', () => {
    const h = newHarness();
    h.store.create(deployment(3));
    for (const name of ['a', 'b']) {
      h.store.create({
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: { name, labels: { app: 'web' } },
        spec: {
          containers: [{ name: 'web', image: 'web:1', resources: { requests: { cpu: '250m' } } }],
        },
      });
    }
    setCpuUtilization(h.store, 'Deployment', 'web', 50);
    expect(metricsFor(h.store).cpuDemand(web)).toBe(250);
  });

  test('keeps one model per cluster', () => {
    const a = newHarness();
    const b = newHarness();
    expect(metricsFor(a.store)).toBe(metricsFor(a.store));
    expect(metricsFor(a.store)).not.toBe(metricsFor(b.store));
  });
});

describe('HorizontalPodAutoscalerController on the harness', () => {
  test('syncs an HPA one period after it is created, then every 15 s', () => {
    const h = newHarness();
    const controller = new HorizontalPodAutoscalerController();
    const synced: number[] = [];
    const sync = controller.sync.bind(controller);
    controller.sync = (key: string) => {
      synced.push(h.clock.now());
      sync(key);
    };
    h.start(controller);
    h.store.create({
      apiVersion: 'autoscaling/v2',
      kind: 'HorizontalPodAutoscaler',
      metadata: { name: 'web' },
      spec: {
        scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web' },
        maxReplicas: 3,
      },
    });
    h.run(50);
    expect(synced).toEqual([15, 30, 45]);
  });
});
