/**
 * Scheduler scenarios through the whole simulator (`new Cluster()`), after the Kubernetes docs'
 * examples: an nginx Deployment and its failure variants (too-large requests, a nodeSelector
 * no node matches, tainted nodes), and replicas spreading over nodes.
 */
import { Cluster } from '../../../lib/sim';

function deployment(opts: {
  replicas?: number;
  cpu?: string;
  nodeSelector?: Record<string, string>;
  tolerations?: Record<string, string>[];
}): string {
  const spec = {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'nginx', labels: { app: 'nginx' } },
    spec: {
      replicas: opts.replicas ?? 3,
      selector: { matchLabels: { app: 'nginx' } },
      template: {
        metadata: { labels: { app: 'nginx' } },
        spec: {
          ...(opts.nodeSelector ? { nodeSelector: opts.nodeSelector } : {}),
          ...(opts.tolerations ? { tolerations: opts.tolerations } : {}),
          containers: [
            {
              name: 'nginx',
              image: 'nginx:1.27',
              ports: [{ containerPort: 80 }],
              resources: { requests: { cpu: opts.cpu ?? '100m', memory: '64Mi' } },
            },
          ],
        },
      },
    },
  };
  return JSON.stringify(spec);
}

function podNodes(cluster: Cluster): (string | undefined)[] {
  return cluster.list('Pod').map((p) => (p.spec as { nodeName?: string } | undefined)?.nodeName);
}

describe('scheduler scenarios', () => {
  test('spreads 3 replicas over the 3 nodes of the default cluster', () => {
    const cluster = new Cluster({ seed: 1 });
    cluster.apply(deployment({ replicas: 3 }));
    const result = cluster.converge();
    expect(result.problems.filter((p) => p.reason === 'FailedScheduling')).toEqual([]);
    expect(new Set(podNodes(cluster))).toEqual(new Set(['node-1', 'node-2', 'node-3']));
  });

  test('fails when requests exceed every node: Insufficient cpu on all 3', () => {
    const cluster = new Cluster({ seed: 1 });
    cluster.apply(deployment({ replicas: 1, cpu: '8' }));
    const result = cluster.converge();
    expect(result.converged).toBe(false);
    const failed = result.problems.filter(
      (p) => p.kind === 'Pod' && p.reason === 'FailedScheduling',
    );
    expect(failed).toHaveLength(1);
    expect(failed[0].message).toMatch(/^0\/3 nodes are available: 3 Insufficient cpu\./);
    expect(failed[0].name).toMatch(/^nginx-[a-z0-9]+-[a-z0-9]{5}$/);
  });

  test('fails when no node carries the nodeSelector label', () => {
    const cluster = new Cluster({ seed: 1 });
    cluster.apply(deployment({ replicas: 2, nodeSelector: { disktype: 'ssd' } }));
    const failed = cluster
      .converge()
      .problems.filter((p) => p.kind === 'Pod' && p.reason === 'FailedScheduling');
    expect(failed).toHaveLength(2);
    for (const p of failed) {
      expect(p.message).toBe(
        "0/3 nodes are available: 3 node(s) didn't match Pod's node affinity/selector. preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.",
      );
    }
  });

  test('runs on a labelled node when the selector matches it', () => {
    const cluster = new Cluster({ seed: 1, nodes: [{}, { labels: { disktype: 'ssd' } }, {}] });
    cluster.apply(deployment({ replicas: 2, nodeSelector: { disktype: 'ssd' } }));
    const result = cluster.converge();
    expect(result.problems.filter((p) => p.reason === 'FailedScheduling')).toEqual([]);
    expect(podNodes(cluster)).toEqual(['node-2', 'node-2']);
  });

  test('fails on tainted nodes unless the pods tolerate the taint', () => {
    const taint = { key: 'dedicated', value: 'db', effect: 'NoSchedule' as const };
    const nodes = [{ taints: [taint] }, { taints: [taint] }];
    const plain = new Cluster({ seed: 1, nodes });
    plain.apply(deployment({ replicas: 1 }));
    const failed = plain.converge().problems.filter((p) => p.reason === 'FailedScheduling');
    expect(failed.map((p) => p.message)).toEqual([
      '0/2 nodes are available: 2 node(s) had untolerated taint {dedicated: db}. preemption: 0/2 nodes are available: 2 Preemption is not helpful for scheduling.',
    ]);

    const tolerant = new Cluster({ seed: 1, nodes });
    tolerant.apply(
      deployment({
        replicas: 2,
        tolerations: [{ key: 'dedicated', operator: 'Equal', value: 'db', effect: 'NoSchedule' }],
      }),
    );
    const result = tolerant.converge();
    expect(result.problems.filter((p) => p.reason === 'FailedScheduling')).toEqual([]);
  });

  test('schedules a pending pod once a node recovers from failure', () => {
    const cluster = new Cluster({ seed: 1, nodes: 1 });
    cluster.failNode('node-1');
    cluster.advance(40); // the node lifecycle controller has marked it unreachable
    cluster.apply(deployment({ replicas: 1 }));
    cluster.converge({ timeoutSeconds: 60 });
    const pending = cluster.list('Pod')[0];
    expect((pending.spec as { nodeName?: string }).nodeName).toBeUndefined();
    cluster.recoverNode('node-1');
    cluster.converge();
    expect(podNodes(cluster)).toEqual(['node-1']);
  });

  test('same seed, same placements', () => {
    const placements = () => {
      const cluster = new Cluster({ seed: 42, nodes: 5 });
      cluster.apply(deployment({ replicas: 12 }));
      cluster.converge();
      return cluster
        .list('Pod')
        .map((p) => `${p.metadata.name}@${(p.spec as { nodeName?: string }).nodeName}`);
    };
    expect(placements()).toEqual(placements());
  });
});
