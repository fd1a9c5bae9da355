import { SchedulerCache } from '../../../lib/sim/scheduler/cache';
import type { Handle, ScorePlugin } from '../../../lib/sim/scheduler/framework';
import type { NodeInfo } from '../../../lib/sim/scheduler/node-info';
import { NodeResourcesBalancedAllocation } from '../../../lib/sim/scheduler/plugins/node-resources-balanced-allocation';
import { NodeResourcesFit } from '../../../lib/sim/scheduler/plugins/node-resources-fit';
import { PodTopologySpread } from '../../../lib/sim/scheduler/plugins/pod-topology-spread';
import { node, nodeInfo, pod, podInfo } from './fixtures';

/** Nodes of different sizes and loads, in a cache (sharing its columns) and standalone. */
function cluster(zones = true): {
  cache: SchedulerCache;
  cached: NodeInfo[];
  standalone: NodeInfo[];
} {
  const zone = (z: string): Record<string, string> =>
    zones ? { 'topology.kubernetes.io/zone': z } : {};
  const specs = [
    node('a', { cpu: '2', memory: '4Gi' }),
    node('b', { cpu: '8', memory: '32Gi', labels: zone('z1') }),
    node('c', { cpu: '0', memory: '1Gi' }),
    node('d', { cpu: '4', memory: '16Gi', labels: zone('z2') }),
  ];
  const placed: [string, ReturnType<typeof pod>][] = [
    ['a', pod('a1', { cpu: '1500m', memory: '1Gi' }, {}, 'rs')],
    ['b', pod('b1', { cpu: '100m' }, {}, 'rs')],
    ['b', pod('b2', {}, {}, 'other')],
    ['d', pod('d1', { memory: '15Gi' }, {}, 'rs')],
  ];
  const cache = new SchedulerCache();
  for (const n of specs) cache.upsertNode(n);
  for (const [at, p] of placed) cache.addPod(podInfo(p), at);
  const standalone = specs.map((n) =>
    nodeInfo(n, ...placed.filter(([at]) => at === n.metadata.name).map(([, p]) => p)),
  );
  return { cache, cached: [...cache.nodes()], standalone };
}

const plugins: [string, (h: Handle) => ScorePlugin][] = [
  ['NodeResourcesFit', () => new NodeResourcesFit()],
  ['NodeResourcesBalancedAllocation', () => new NodeResourcesBalancedAllocation()],
  ['PodTopologySpread', (h) => new PodTopologySpread(h)],
];

describe.each(plugins)('%s scoreNodes', (_name, make) => {
  const incoming = podInfo(pod('new', { cpu: '250m', memory: '512Mi' }, {}, 'rs'));

  /**
   * `score` per node and `scoreNodes` for all; the owner counts (and the zone counts' nodes)
   * come from `cache` when given, else from the nodes themselves; `rows` go to scoreNodes.
   */
  function both(
    nodes: NodeInfo[],
    cache?: SchedulerCache,
    rows?: Int32Array,
  ): { one: number[]; all: number[] } {
    const handle = {
      nodes: () => (cache ? cache.nodes() : nodes),
      ...(cache ? { ownerCounts: (id: number) => cache.ownerCounts(id) } : {}),
    } as unknown as Handle;
    const plugin = make(handle);
    plugin.preScore?.(incoming, nodes);
    const one = nodes.map((n) => plugin.score(incoming, n));
    plugin.preScore?.(incoming, nodes, rows);
    const all = new Float64Array(nodes.length);
    plugin.scoreNodes?.(incoming, nodes, all, rows);
    return { one, all: Array.from(all) };
  }

  it('gives every node of a cache the score `score` gives it', () => {
    const { cache, cached } = cluster();
    const { one, all } = both(cached, cache);
    expect(all).toEqual(one);
    expect(new Set(one).size).toBeGreaterThan(1); // the nodes really differ
  });

  it('gives the same scores for nodes outside a cache, and for a mix', () => {
    const { cache, cached, standalone } = cluster();
    expect(both(standalone).all).toEqual(both(cached, cache).one);
    const mixed = [cached[0], standalone[1], cached[2], standalone[3]];
    expect(both(mixed).all).toEqual(both(cached, cache).one);
  });

  it.each([
    ['with zones', true],
    ['without zones', false],
  ])("gives the same scores from the cache's rows, for all nodes or a subset (%s)", (_, zones) => {
    const { cache } = cluster(zones);
    const { nodes, rows } = cache.snapshot();
    for (const picked of [
      [0, 1, 2, 3],
      [3, 1],
    ]) {
      const chosen = picked.map((i) => nodes[i]);
      const { one, all } = both(
        chosen,
        cache,
        Int32Array.from(picked, (i) => rows[i]),
      );
      expect(all).toEqual(one);
    }
  });

  it('follows the cache as pods come and go and nodes change', () => {
    const { cache } = cluster();
    cache.removePod('default/a1');
    cache.addPod(podInfo(pod('c1', { cpu: '10m' }, {}, 'rs')), 'c');
    cache.upsertNode(node('b', { cpu: '16', memory: '8Gi' }));
    for (let i = 0; i < 70; i++) cache.upsertNode(node(`extra-${i}`, { cpu: String(1 + (i % 5)) }));
    const { one, all } = both([...cache.nodes()], cache);
    expect(all).toEqual(one);
  });
});
