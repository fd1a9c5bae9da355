/**
 * HorizontalPodAutoscaler scenarios through the whole simulated cluster, against the numbers
 * of pkg/controller/podautoscaler/horizontal.go: the example Spring API (2–10 pods at 50% CPU)
 * under load, the 300 s scale-down stabilization, min/max clamps, `behavior` policies,
 * autoscaling/v1, and the controller's own words when it cannot work.
 */
import { Testing } from 'cdk8s';
import { SPRING_API_NAMESPACE, SpringApiChart } from '../../../apps/spring-api';
import type { Deployment, KubeEvent } from '../../../lib/sim/api';
import { Cluster } from '../../../lib/sim/cluster';
import type { HorizontalPodAutoscaler } from '../../../lib/sim/controllers/hpa-api';
import { webWithHpa } from './fixtures';

const NS = SPRING_API_NAMESPACE;

/** A cluster running the example Spring API, converged; with the names of its HPA and Deployment. */
function springApi(seed = 1): { cluster: Cluster; hpa: string; deployment: string } {
  const cluster = new Cluster({ seed });
  cluster.apply({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: NS } });
  cluster.apply(Testing.synth(new SpringApiChart(Testing.app(), 'api')));
  expect(cluster.converge().converged).toBe(true);
  const [hpa] = cluster.list<HorizontalPodAutoscaler>('HorizontalPodAutoscaler', NS);
  return { cluster, hpa: hpa.metadata.name, deployment: hpa.spec!.scaleTargetRef.name };
}

const hpaOf = (cluster: Cluster, name: string, ns = NS) =>
  cluster.get<HorizontalPodAutoscaler>('HorizontalPodAutoscaler', name, ns)!;
const replicasOf = (cluster: Cluster, name: string, ns = NS) =>
  cluster.get<Deployment>('Deployment', name, ns)!.spec!.replicas;
const condition = (hpa: HorizontalPodAutoscaler, type: string) =>
  hpa.status?.conditions?.find((c) => c.type === type);

describe('the example Spring API HPA (2–10 pods at 50% CPU)', () => {
  test('GIVEN no load WHEN converged THEN it sits at minReplicas with 10% CPU and reports why', () => {
    const { cluster, hpa, deployment } = springApi();
    const status = hpaOf(cluster, hpa).status!;
    expect(replicasOf(cluster, deployment)).toBe(2);
    expect(status).toMatchObject({ currentReplicas: 2, desiredReplicas: 2 });
    expect(status.currentMetrics).toEqual([
      {
        type: 'Resource',
        resource: { name: 'cpu', current: { averageUtilization: 10, averageValue: '25m' } },
      },
    ]);
    expect(status.lastScaleTime).toBeDefined();
    expect(status.observedGeneration).toBe(1);
    const h = hpaOf(cluster, hpa);
    expect(condition(h, 'AbleToScale')).toMatchObject({
      status: 'True',
      reason: 'ReadyForNewScale',
    });
    expect(condition(h, 'ScalingActive')).toMatchObject({
      status: 'True',
      reason: 'ValidMetricFound',
      message:
        'the HPA was able to successfully calculate a replica count from cpu resource utilization (percentage of request)',
    });
    expect(condition(h, 'ScalingLimited')).toMatchObject({
      status: 'True',
      reason: 'TooFewReplicas',
      message: 'the desired replica count is less than the minimum replica count',
    });
  });

  test('GIVEN a Deployment without replicas WHEN the HPA first syncs THEN it raises 1 to minReplicas at once', () => {
    const { cluster } = springApi();
    const rescales = cluster
      .list<KubeEvent>('Event', NS)
      .filter((e) => e.reason === 'SuccessfulRescale')
      .map((e) => e.message);
    expect(rescales).toEqual([
      'New size: 2; reason: Current number of replicas below Spec.MinReplicas',
    ]);
  });

  test('GIVEN 200% CPU WHEN time passes THEN it scales 2 → 4 → 8 in limited steps, the first within 15 s', () => {
    const { cluster, hpa, deployment } = springApi();
    cluster.setCpuUtilization('Deployment', deployment, 200, NS);
    cluster.advance(15);
    expect(replicasOf(cluster, deployment)).toBe(4);
    const limited = hpaOf(cluster, hpa);
    expect(condition(limited, 'ScalingLimited')).toMatchObject({
      status: 'True',
      reason: 'ScaleUpLimit',
      message: 'the desired replica count is increasing faster than the maximum scale rate',
    });
    expect(limited.status?.currentMetrics?.[0].resource?.current.averageUtilization).toBe(200);
    const seen = [2, 4];
    for (let s = 0; s < 120; s++) {
      cluster.advance(1);
      const replicas = replicasOf(cluster, deployment)!;
      if (replicas !== seen[seen.length - 1]) seen.push(replicas);
    }
    expect(seen).toEqual([2, 4, 8]);
    const settled = hpaOf(cluster, hpa).status!;
    // 2 pods' worth of 200% spread over 8 pods: 50%, on target
    expect(settled).toMatchObject({ currentReplicas: 8, desiredReplicas: 8 });
    expect(settled.currentMetrics?.[0].resource?.current.averageUtilization).toBe(50);
  });

  test('GIVEN 8 pods WHEN the load drops to 10% THEN it scales down only after the 300 s stabilization window', () => {
    const { cluster, hpa, deployment } = springApi();
    cluster.setCpuUtilization('Deployment', deployment, 200, NS);
    cluster.advance(120);
    expect(replicasOf(cluster, deployment)).toBe(8);
    cluster.setCpuUtilization('Deployment', deployment, 10, NS);
    cluster.advance(300);
    expect(replicasOf(cluster, deployment)).toBe(8);
    expect(condition(hpaOf(cluster, hpa), 'AbleToScale')).toMatchObject({
      reason: 'ScaleDownStabilized',
      message:
        'recent recommendations were higher than current one, applying the highest recent recommendation',
    });
    cluster.advance(15);
    // 10% of 8 pods' requests on 8 pods → ceil(8 × 10/50) = 2, the minimum
    expect(replicasOf(cluster, deployment)).toBe(2);
    expect(hpaOf(cluster, hpa).status).toMatchObject({ currentReplicas: 8, desiredReplicas: 2 });
  });

  test('GIVEN the same seed WHEN the load scenario runs twice THEN everything is the same', () => {
    const run = () => {
      const { cluster, hpa, deployment } = springApi(7);
      cluster.setCpuUtilization('Deployment', deployment, 200, NS);
      const history: number[] = [];
      for (let s = 0; s < 10; s++) {
        cluster.advance(15);
        history.push(replicasOf(cluster, deployment)!);
      }
      return {
        history,
        hpa: hpaOf(cluster, hpa),
        pods: cluster.list('Pod', NS).map((p) => p.metadata.name),
      };
    };
    expect(run()).toEqual(run());
  });
});

describe('min and max', () => {
  test('GIVEN more replicas than maxReplicas WHEN the HPA syncs THEN it lowers them to max at once', () => {
    const cluster = new Cluster();
    cluster.apply(webWithHpa({ replicas: 8 }));
    cluster.advance(15);
    expect(replicasOf(cluster, 'web', 'default')).toBe(5);
    const events = cluster.list<KubeEvent>('Event').filter((e) => e.reason === 'SuccessfulRescale');
    expect(events.map((e) => e.message)).toEqual([
      'New size: 5; reason: Current number of replicas above Spec.MaxReplicas',
    ]);
  });

  test('GIVEN heavy load WHEN held at maxReplicas THEN ScalingLimited says so and the cluster still converges', () => {
    const cluster = new Cluster();
    cluster.apply(webWithHpa({ replicas: 1 }));
    expect(cluster.converge().converged).toBe(true);
    cluster.setCpuUtilization('Deployment', 'web', 1000);
    const result = cluster.converge();
    expect(result.converged).toBe(true);
    expect(replicasOf(cluster, 'web', 'default')).toBe(5);
    expect(condition(hpaOf(cluster, 'web', 'default'), 'ScalingLimited')).toMatchObject({
      status: 'True',
      reason: 'TooManyReplicas',
      message: 'the desired replica count is more than the maximum replica count',
    });
  });

  test('GIVEN no load WHEN 300 s have passed THEN it scales 3 down to minReplicas 1', () => {
    const cluster = new Cluster();
    cluster.apply(webWithHpa({ replicas: 3 }));
    cluster.advance(300);
    expect(replicasOf(cluster, 'web', 'default')).toBe(3);
    cluster.advance(30);
    expect(replicasOf(cluster, 'web', 'default')).toBe(1);
  });
});

describe('behavior', () => {
  test('GIVEN a scale-up policy of 1 pod per 60 s WHEN loaded THEN it adds one pod a minute', () => {
    const cluster = new Cluster();
    cluster.apply(
      webWithHpa({
        replicas: 2,
        hpa: `  minReplicas: 2
  maxReplicas: 10
  metrics:
  - type: Resource
    resource: { name: cpu, target: { type: Utilization, averageUtilization: 50 } }
  behavior:
    scaleUp:
      policies: [{ type: Pods, value: 1, periodSeconds: 60 }]`,
      }),
    );
    cluster.converge();
    cluster.setCpuUtilization('Deployment', 'web', 300);
    cluster.advance(15);
    expect(replicasOf(cluster, 'web', 'default')).toBe(3);
    expect(condition(hpaOf(cluster, 'web', 'default'), 'ScalingLimited')).toMatchObject({
      status: 'True',
      reason: 'ScaleUpLimit',
    });
    cluster.advance(44);
    expect(replicasOf(cluster, 'web', 'default')).toBe(3);
    cluster.advance(16);
    expect(replicasOf(cluster, 'web', 'default')).toBe(4);
  });

  test('GIVEN a partial behavior WHEN stored THEN the API server fills in the default rules', () => {
    const cluster = new Cluster();
    cluster.apply(
      webWithHpa({
        hpa: `  maxReplicas: 4
  behavior:
    scaleDown: { stabilizationWindowSeconds: 60 }`,
      }),
    );
    const spec = hpaOf(cluster, 'web', 'default').spec!;
    expect(spec.minReplicas).toBe(1);
    expect(spec.metrics).toEqual([
      {
        type: 'Resource',
        resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 80 } },
      },
    ]);
    expect(spec.behavior).toEqual({
      scaleUp: {
        stabilizationWindowSeconds: 0,
        selectPolicy: 'Max',
        policies: [
          { type: 'Pods', value: 4, periodSeconds: 15 },
          { type: 'Percent', value: 100, periodSeconds: 15 },
        ],
      },
      scaleDown: {
        stabilizationWindowSeconds: 60,
        selectPolicy: 'Max',
        policies: [{ type: 'Percent', value: 100, periodSeconds: 15 }],
      },
    });
  });

  test('GIVEN a scale-down window of 60 s WHEN the load drops THEN it scales down after 60 s, not 300 s', () => {
    const cluster = new Cluster();
    cluster.apply(
      webWithHpa({
        replicas: 4,
        hpa: `  minReplicas: 1
  maxReplicas: 4
  behavior:
    scaleDown: { stabilizationWindowSeconds: 60 }`,
      }),
    );
    cluster.advance(60);
    expect(replicasOf(cluster, 'web', 'default')).toBe(4);
    cluster.advance(15);
    expect(replicasOf(cluster, 'web', 'default')).toBe(1);
  });
});

describe('metrics', () => {
  const withMetrics = (metrics: string, memory = true) =>
    webWithHpa({
      replicas: 2,
      hpa: `  minReplicas: 2
  maxReplicas: 10
  metrics:
${metrics}`,
    }).replace(
      'resources: { requests: { cpu: 100m } }',
      memory
        ? 'resources: { requests: { cpu: 100m, memory: 128Mi } }'
        : 'resources: { requests: { cpu: 100m } }',
    );

  test('GIVEN a memory target above the 50% default WHEN converged THEN it stays at min and reports memory', () => {
    const cluster = new Cluster();
    cluster.apply(
      withMetrics(`  - type: Resource
    resource: { name: memory, target: { type: Utilization, averageUtilization: 70 } }`),
    );
    expect(cluster.converge().converged).toBe(true);
    expect(hpaOf(cluster, 'web', 'default').status?.currentMetrics).toEqual([
      {
        type: 'Resource',
        resource: { name: 'memory', current: { averageUtilization: 50, averageValue: '67108864' } },
      },
    ]);
    expect(replicasOf(cluster, 'web', 'default')).toBe(2);
  });

  test('GIVEN cpu and memory targets WHEN cpu is loaded THEN the larger proposal wins', () => {
    const cluster = new Cluster();
    cluster.apply(
      withMetrics(`  - type: Resource
    resource: { name: cpu, target: { type: Utilization, averageUtilization: 50 } }
  - type: Resource
    resource: { name: memory, target: { type: Utilization, averageUtilization: 70 } }`),
    );
    cluster.converge();
    cluster.setCpuUtilization('Deployment', 'web', 100);
    cluster.advance(15);
    expect(replicasOf(cluster, 'web', 'default')).toBe(4);
  });

  test('GIVEN an AverageValue cpu target WHEN loaded THEN it compares the average usage per pod', () => {
    const cluster = new Cluster();
    cluster.apply(
      withMetrics(`  - type: Resource
    resource: { name: cpu, target: { type: AverageValue, averageValue: 50m } }`),
    );
    cluster.converge();
    cluster.setCpuUtilization('Deployment', 'web', 150);
    cluster.advance(15);
    // 150m used by each of 2 pods against 50m → ceil(2 × 3) = 6, limited to max(2 × 2, 4)
    expect(replicasOf(cluster, 'web', 'default')).toBe(4);
    expect(hpaOf(cluster, 'web', 'default').status?.currentMetrics).toEqual([
      { type: 'Resource', resource: { name: 'cpu', current: { averageValue: '150m' } } },
    ]);
  });

  test('GIVEN a ContainerResource target WHEN loaded THEN it judges that container against its own request', () => {
    const cluster = new Cluster();
    cluster.apply(
      withMetrics(
        `  - type: ContainerResource
    containerResource: { name: cpu, container: web, target: { type: Utilization, averageUtilization: 50 } }`,
        false,
      ).replace(
        '      - name: web',
        '      - { name: log-shipper, image: fluent/fluent-bit:3.1, resources: { requests: { cpu: 100m } } }\n      - name: web',
      ),
    );
    cluster.converge();
    // 100% of both containers' requests (200m a pod); the app container's half is 100m: 200% of 50%
    cluster.setCpuUtilization('Deployment', 'web', 100);
    cluster.advance(15);
    expect(replicasOf(cluster, 'web', 'default')).toBe(4);
    expect(hpaOf(cluster, 'web', 'default').status?.currentMetrics).toEqual([
      {
        type: 'ContainerResource',
        containerResource: {
          name: 'cpu',
          container: 'web',
          current: { averageUtilization: 100, averageValue: '100m' },
        },
      },
    ]);
  });

  test('fails to converge with a Pods metric, which no adapter serves', () => {
    const cluster = new Cluster();
    cluster.apply(
      withMetrics(`  - type: Pods
    pods:
      metric: { name: requests_per_second }
      target: { type: AverageValue, averageValue: "10" }`),
    );
    const problem = cluster.converge().problems.find((p) => p.kind === 'HorizontalPodAutoscaler');
    expect(problem).toMatchObject({ reason: 'FailedGetPodsMetric' });
    expect(problem?.message).toMatch(/^the HPA was unable to compute the replica count: /);
  });
});

describe('other targets', () => {
  test('GIVEN a StatefulSet target WHEN loaded THEN it scales the StatefulSet through spec.replicas', () => {
    const cluster = new Cluster();
    cluster.apply(`
apiVersion: apps/v1
kind: StatefulSet
metadata: { name: db }
spec:
  replicas: 1
  serviceName: db
  selector: { matchLabels: { app: db } }
  template:
    metadata: { labels: { app: db } }
    spec:
      containers:
      - { name: db, image: redis:7, resources: { requests: { cpu: 100m } } }
---
apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata: { name: db }
spec:
  scaleTargetRef: { apiVersion: apps/v1, kind: StatefulSet, name: db }
  minReplicas: 1
  maxReplicas: 3
  metrics:
  - type: Resource
    resource: { name: cpu, target: { type: Utilization, averageUtilization: 50 } }
`);
    cluster.converge();
    cluster.setCpuUtilization('StatefulSet', 'db', 150);
    expect(cluster.converge().converged).toBe(true);
    expect(cluster.get<Deployment>('StatefulSet', 'db')?.spec?.replicas).toBe(3);
    expect(cluster.list('Pod').map((p) => p.metadata.name)).toEqual(['db-0', 'db-1', 'db-2']);
  });

  test('fails to converge when the target kind cannot be scaled', () => {
    const cluster = new Cluster();
    cluster.apply(
      webWithHpa({}).replace('kind: Deployment, name: web', 'kind: Service, name: web'),
    );
    const problem = cluster.converge().problems.find((p) => p.kind === 'HorizontalPodAutoscaler');
    expect(problem).toMatchObject({
      reason: 'FailedGetScale',
      message: `the HPA controller was unable to get the target's current scale: no matches for kind "Service" in group "apps"`,
    });
  });
});

describe('autoscaling/v1', () => {
  test('GIVEN targetCPUUtilizationPercentage WHEN loaded THEN it scales and reports currentCPUUtilizationPercentage', () => {
    const cluster = new Cluster();
    cluster.apply(
      webWithHpa({ replicas: 2 }).replace(
        /apiVersion: autoscaling\/v2[\s\S]*$/,
        `apiVersion: autoscaling/v1
kind: HorizontalPodAutoscaler
metadata: { name: web }
spec:
  scaleTargetRef: { apiVersion: apps/v1, kind: Deployment, name: web }
  minReplicas: 2
  maxReplicas: 6
  targetCPUUtilizationPercentage: 50
`,
      ),
    );
    cluster.converge();
    expect(hpaOf(cluster, 'web', 'default').status).toMatchObject({
      currentReplicas: 2,
      desiredReplicas: 2,
      currentCPUUtilizationPercentage: 10,
    });
    cluster.setCpuUtilization('deploy', 'web', 150);
    cluster.advance(15);
    // ceil(2 × 150/50) = 6, within max(2 × 2, 4) = 4 per sync
    expect(replicasOf(cluster, 'web', 'default')).toBe(4);
    expect(hpaOf(cluster, 'web', 'default').status?.currentCPUUtilizationPercentage).toBe(150);
  });
});

describe('problems', () => {
  test("fails to converge when the target has no CPU requests, in the controller's words", () => {
    const cluster = new Cluster();
    cluster.apply(webWithHpa({ replicas: 2, cpu: null }));
    const result = cluster.converge();
    expect(result.converged).toBe(false);
    const problem = result.problems.find((p) => p.kind === 'HorizontalPodAutoscaler');
    expect(problem).toMatchObject({
      name: 'web',
      namespace: 'default',
      reason: 'FailedGetResourceMetric',
    });
    expect(problem?.message).toMatch(
      /^the HPA was unable to compute the replica count: failed to get cpu utilization: missing request for cpu in container web of Pod web-[a-z0-9]+-[a-z0-9]{5}$/,
    );
    expect(condition(hpaOf(cluster, 'web', 'default'), 'ScalingActive')).toMatchObject({
      status: 'False',
    });
    const warnings = cluster
      .list<KubeEvent>('Event')
      .filter((e) => e.reason === 'FailedComputeMetricsReplicas')
      .map((e) => e.message);
    expect(warnings).toContainEqual(
      expect.stringMatching(
        /^invalid metrics \(1 invalid out of 1\), first error is: failed to get cpu resource metric value: failed to get cpu utilization: missing request for cpu in container web of Pod web-/,
      ),
    );
  });

  test('fails to converge when the target does not exist', () => {
    const cluster = new Cluster();
    cluster.apply(webWithHpa({ target: 'ghost' }));
    const result = cluster.converge();
    expect(result.converged).toBe(false);
    expect(result.problems).toContainEqual({
      kind: 'HorizontalPodAutoscaler',
      namespace: 'default',
      name: 'web',
      reason: 'FailedGetScale',
      message: `the HPA controller was unable to get the target's current scale: deployments/scale.apps "ghost" not found`,
    });
  });

  test('is not a problem when the target was scaled to zero on purpose', () => {
    const cluster = new Cluster();
    cluster.apply(webWithHpa({ replicas: 0 }));
    const result = cluster.converge();
    expect(result.problems.filter((p) => p.kind === 'HorizontalPodAutoscaler')).toEqual([]);
    expect(condition(hpaOf(cluster, 'web', 'default'), 'ScalingActive')).toMatchObject({
      status: 'False',
      reason: 'ScalingDisabled',
    });
  });

  test('fails to converge when two HPAs scale the same pods', () => {
    const cluster = new Cluster();
    cluster.apply(webWithHpa({ replicas: 2 }));
    cluster.apply(
      webWithHpa({ replicas: 2 }).replace(
        /metadata: \{ name: web \}\nspec:\n {2}scaleTargetRef/,
        'metadata: { name: web-2 }\nspec:\n  scaleTargetRef',
      ),
    );
    const problems = cluster
      .converge()
      .problems.filter((p) => p.kind === 'HorizontalPodAutoscaler');
    const message =
      'pods by selector app=web are controlled by multiple HPAs: [default/web default/web-2]';
    expect(problems).toEqual([
      {
        kind: 'HorizontalPodAutoscaler',
        namespace: 'default',
        name: 'web',
        reason: 'AmbiguousSelector',
        message,
      },
      {
        kind: 'HorizontalPodAutoscaler',
        namespace: 'default',
        name: 'web-2',
        reason: 'AmbiguousSelector',
        message,
      },
    ]);
  });

  test('fails when setCpuUtilization names a workload that does not exist', () => {
    const cluster = new Cluster();
    expect(() => cluster.setCpuUtilization('Deployment', 'nope', 50)).toThrow(
      /deployments\.apps "nope" not found/,
    );
  });

  test('fails when setCpuUtilization gets a negative percent', () => {
    const cluster = new Cluster();
    cluster.apply(webWithHpa({}));
    expect(() => cluster.setCpuUtilization('Deployment', 'web', -5)).toThrow(
      /percent must be a number >= 0 \(got -5\)/,
    );
  });
});
