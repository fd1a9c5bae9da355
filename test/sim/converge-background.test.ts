/**
 * converge() with an HPA: the sync of an HPA with more to do is foreground work, so the run
 * goes on while it stabilizes, and a write inside the settle window at the timeout counts as
 * "still changing" only while such work waits.
 */
import type { Deployment } from '../../lib/sim/api';
import { Cluster } from '../../lib/sim/cluster';
import type { HorizontalPodAutoscaler } from '../../lib/sim/controllers/hpa-api';
import { hpaAtRest } from '../../lib/sim/controllers/hpa-at-rest';
import { webWithHpa } from './autoscaling/fixtures';

/** Memory and CPU targets: with memory at 50% of request, 5 pods step down one at a time. */
const CPU_AND_MEMORY = `  minReplicas: 1
  maxReplicas: 5
  metrics:
  - type: Resource
    resource: { name: cpu, target: { type: Utilization, averageUtilization: 50 } }
  - type: Resource
    resource: { name: memory, target: { type: Utilization, averageUtilization: 80 } }`;

describe('converge with an HPA', () => {
  it('converges when the HPA scaled down after its 300 s window and then rests', () => {
    // GIVEN 3 idle replicas whose HPA (min 1) scales them down once the window has passed
    const cluster = new Cluster();
    cluster.apply(webWithHpa({ replicas: 3 }));
    // WHEN converging with the default 600 s timeout
    const result = cluster.converge();
    // THEN the scale-down (330 s) and the HPA's status catching up (345 s) were the last
    // changes, and the run is converged, not StillChanging
    expect(result).toMatchObject({ converged: true, problems: [], timedOut: false });
    expect(result.seconds).toBe(345);
    expect(cluster.get<Deployment>('Deployment', 'web')?.spec?.replicas).toBe(1);
  });

  it('keeps running while the HPA waits out a scale-down window longer than the settle window', () => {
    // GIVEN 3 idle replicas whose HPA holds scale-downs for 400 s (settle window: 330 s)
    const cluster = new Cluster();
    cluster.apply(
      webWithHpa({
        replicas: 3,
        hpa: `  minReplicas: 1
  maxReplicas: 5
  behavior:
    scaleDown: { stabilizationWindowSeconds: 400 }
  metrics:
  - type: Resource
    resource: { name: cpu, target: { type: Utilization, averageUtilization: 50 } }`,
      }),
    );
    // WHEN converging: the stabilizing HPA's next sync is foreground work, so converge()
    // does not stop at 330 s without writes
    const result = cluster.converge();
    // THEN the scale-down happens within the run (its last write at 435 s), not after it
    expect(result).toMatchObject({ converged: true, problems: [], timedOut: false });
    expect(result.seconds).toBe(435);
    expect(cluster.get<Deployment>('Deployment', 'web')?.spec?.replicas).toBe(1);
  });

  it('still reports StillChanging while the HPA holds a scale-down back at the timeout', () => {
    // GIVEN 5 replicas at half their memory request; the HPA steps down 5 → 4 → 3 ...
    const cluster = new Cluster();
    cluster.apply(
      webWithHpa({ replicas: 5, hpa: CPU_AND_MEMORY }).replace(
        'requests: { cpu: 100m }',
        'requests: { cpu: 100m, memory: 128Mi }',
      ),
    );
    // WHEN the timeout comes inside the next stabilization window
    const result = cluster.converge();
    // THEN it is still changing, and the HPA says why
    expect(result.timedOut).toBe(true);
    expect(result.problems.map((p) => p.reason)).toEqual(['StillChanging']);
    const hpa = cluster.get<HorizontalPodAutoscaler>('HorizontalPodAutoscaler', 'web');
    expect(hpa?.status?.conditions?.find((c) => c.type === 'AbleToScale')?.reason).toBe(
      'ScaleDownStabilized',
    );
  });

  it('still reports StillChanging for a rollout slower than the timeout', () => {
    // GIVEN pods that take 200 s to answer their readiness probe
    const cluster = new Cluster({ images: { 'nginx:1.27': { startupSeconds: 200 } } });
    cluster.apply(
      webWithHpa({ replicas: 1 }).replace(
        'image: nginx:1.27',
        'image: nginx:1.27\n        readinessProbe: { httpGet: { path: /, port: 80 } }',
      ),
    );
    // WHEN the timeout is shorter
    const result = cluster.converge({ timeoutSeconds: 120 });
    // THEN it timed out while changing
    expect(result.converged).toBe(false);
    expect(result.timedOut).toBe(true);
  });
});

describe('hpaAtRest', () => {
  const condition = (type: string, status: 'True' | 'False', reason: string) => ({
    type,
    status,
    reason,
  });
  const hpa = (
    current: number,
    desired: number,
    conditions: ReturnType<typeof condition>[],
  ): HorizontalPodAutoscaler =>
    ({
      apiVersion: 'autoscaling/v2',
      kind: 'HorizontalPodAutoscaler',
      metadata: { name: 'web' },
      status: { currentReplicas: current, desiredReplicas: desired, conditions },
    }) as HorizontalPodAutoscaler;
  const never = {
    apiVersion: 'autoscaling/v2',
    kind: 'HorizontalPodAutoscaler',
    metadata: { name: 'web' },
  } as HorizontalPodAutoscaler;
  const ready = condition('AbleToScale', 'True', 'ReadyForNewScale');
  const active = condition('ScalingActive', 'True', 'ValidMetricFound');

  it.each<[string, HorizontalPodAutoscaler, boolean]>([
    ['at its recommendation', hpa(2, 2, [ready, active]), true],
    ['just scaled: status not caught up', hpa(3, 1, [ready, active]), false],
    [
      'SucceededRescale: the next sync confirms',
      hpa(1, 1, [condition('AbleToScale', 'True', 'SucceededRescale'), active]),
      false,
    ],
    [
      'a scale-down held by the stabilization window',
      hpa(4, 4, [condition('AbleToScale', 'True', 'ScaleDownStabilized'), active]),
      false,
    ],
    [
      'a scale-up held by its rate limit',
      hpa(4, 4, [ready, active, condition('ScalingLimited', 'True', 'ScaleUpLimit')]),
      false,
    ],
    [
      'held at maxReplicas',
      hpa(5, 5, [ready, active, condition('ScalingLimited', 'True', 'TooManyReplicas')]),
      true,
    ],
    [
      'unable to compute metrics (a problem, not a change)',
      hpa(2, 0, [ready, condition('ScalingActive', 'False', 'FailedGetResourceMetric')]),
      true,
    ],
    ['never synced', never, false],
  ])('%s', (_name, object, expected) => {
    expect(hpaAtRest(object)).toBe(expected);
  });
});
