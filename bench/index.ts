/**
 * @module
 * `npm run bench`: how fast the simulator converges a big cluster. 100 Deployments of 100
 * replicas (10,000 pods) on 100 nodes, against a 1,000-pod baseline measured in the same
 * run (10 Deployments on 10 nodes), so machine speed cancels out of the ratio. Prints pods/s,
 * wall seconds, CPU seconds and peak heap; the target is the 10k run under 5 s wall.
 *
 * `npm run bench:envelope` (or `bench/index.ts --envelope`) runs Kubernetes' scalability
 * envelope instead: 1,500 Deployments of 100 replicas (150,000 pods) on 5,000 nodes, against
 * the 10k run as the baseline measured in the same process. It needs a bigger heap than
 * Node's default, hence `--max-old-space-size` in that script.
 */
import { Cluster } from '../lib/sim';
import type { KubeObject } from '../lib/sim';
import { deployment, service } from '../test/sim/fixtures/workloads';
import { withPeakHeap } from './peak-heap';

interface Scenario {
  readonly name: string;
  readonly deployments: number;
  readonly replicas: number;
  readonly nodes: number;
}

/** Deployment `app-<i>` of `replicas` nginx pods (10m CPU, 16Mi each) and its Service. */
function app(i: number, replicas: number): KubeObject[] {
  const name = `app-${i}`;
  return [
    deployment(name, replicas, {
      name: 'web',
      image: 'nginx:1.27',
      ports: [{ containerPort: 80 }],
      resources: { requests: { cpu: '10m', memory: '16Mi' } },
    }),
    service(name, [{ port: 80 }]),
  ];
}

interface Outcome {
  readonly seconds: number;
  readonly cpuSeconds: number;
  readonly pods: number;
  readonly heapMb: number;
  readonly peakHeapMb: number;
  readonly converged: boolean;
  readonly virtual: number;
}

function run(scenario: Scenario): Outcome {
  // CPU time next to wall time: on a shared machine wall time also measures the neighbours
  const cpuStart = process.cpuUsage();
  const started = process.hrtime.bigint();
  const { result: converged, peakHeapBytes } = withPeakHeap(() => {
    const cluster = new Cluster({ nodes: scenario.nodes, seed: 1 });
    const objects: KubeObject[] = [];
    for (let i = 0; i < scenario.deployments; i++) objects.push(...app(i, scenario.replicas));
    cluster.apply(objects);
    return { cluster, result: cluster.converge({ timeoutSeconds: 600 }) };
  });
  const { cluster, result } = converged;
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const cpu = process.cpuUsage(cpuStart);
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;
  const heapMb = process.memoryUsage().heapUsed / 2 ** 20;
  // count from the Deployments' status: listing 10,000 pod copies would take longer than the run
  const pods = cluster
    .list('Deployment')
    .reduce(
      (n, d) => n + ((d.status as { readyReplicas?: number } | undefined)?.readyReplicas ?? 0),
      0,
    );
  if (!result.converged) {
    console.log(`  ${scenario.name}: NOT converged:`, result.problems.slice(0, 5));
  }
  return {
    seconds,
    cpuSeconds,
    pods,
    heapMb,
    peakHeapMb: peakHeapBytes / 2 ** 20,
    converged: result.converged,
    virtual: result.seconds,
  };
}

function report(name: string, r: Outcome): void {
  const rate = Math.round(r.pods / r.seconds);
  console.log(
    `${name.padEnd(28)} ${String(r.pods).padStart(6)} pods  ${r.seconds.toFixed(2).padStart(6)} s wall  ` +
      `(${r.cpuSeconds.toFixed(2)} s cpu)  ${String(rate).padStart(7)} pods/s  heap ${r.heapMb.toFixed(0)} MB (peak ${r.peakHeapMb.toFixed(0)})  virtual ${r.virtual} s  ` +
      (r.converged ? 'converged' : 'NOT converged'),
  );
}

/** Kubernetes' envelope (150k pods on 5k nodes) against the 10k run as this run's baseline. */
function envelope(): void {
  const baseline = run({ name: 'big', deployments: 100, replicas: 100, nodes: 100 });
  report('10k (100x100 on 100)', baseline);
  const big = run({ name: 'envelope', deployments: 1500, replicas: 100, nodes: 5000 });
  report('150k (1500x100 on 5000)', big);
  const perPodRatio = big.seconds / big.pods / (baseline.seconds / baseline.pods);
  console.log(`per-pod cost vs 10k: ${perPodRatio.toFixed(2)}x (1.00 = linear scaling)`);
  // "converges in seconds": well under a minute is the goal, under 20 s the ideal
  const verdict = (limit: number): string => (big.seconds < limit ? 'met' : 'MISSED');
  console.log(`goal < 60 s wall: ${verdict(60)}; ideal < 20 s wall: ${verdict(20)}`);
}

function main(): void {
  if (process.argv.includes('--envelope')) {
    envelope();
    return;
  }
  if (process.env.BENCH_ONLY === 'big') {
    report(
      '10k (100x100 on 100)',
      run({ name: 'big', deployments: 100, replicas: 100, nodes: 100 }),
    );
    return;
  }
  if (process.env.BENCH_DEPLOYMENTS) {
    // e.g. BENCH_DEPLOYMENTS=500 BENCH_REPLICAS=100 BENCH_NODES=500 for a look at bigger clusters
    const deployments = Number(process.env.BENCH_DEPLOYMENTS);
    const replicas = Number(process.env.BENCH_REPLICAS ?? 100);
    const nodes = Number(process.env.BENCH_NODES ?? Math.ceil((deployments * replicas) / 100));
    const label = `${deployments}x${replicas} on ${nodes}`;
    report(label, run({ name: 'custom', deployments, replicas, nodes }));
    return;
  }
  const baseline = run({ name: 'baseline', deployments: 10, replicas: 100, nodes: 10 });
  report('baseline (10x100 on 10)', baseline);
  const big = run({ name: 'big', deployments: 100, replicas: 100, nodes: 100 });
  report('10k (100x100 on 100)', big);
  const perPodRatio = big.seconds / big.pods / (baseline.seconds / baseline.pods);
  console.log(`per-pod cost vs baseline: ${perPodRatio.toFixed(2)}x (1.00 = linear scaling)`);
  console.log(big.seconds < 5 ? 'target met: < 5 s wall' : 'target MISSED: >= 5 s wall');
}

main();
