import type { Handle } from '../../../../lib/sim/scheduler/framework';
import type { NodeInfo } from '../../../../lib/sim/scheduler/node-info';
import {
  PodTopologySpread,
  scoreForCount,
  topologyNormalizingWeight,
} from '../../../../lib/sim/scheduler/plugins/pod-topology-spread';
import { node, nodeInfo, pod, podInfo } from '../fixtures';

function handleOf(nodes: NodeInfo[]): Handle {
  return { nodes: () => nodes } as unknown as Handle;
}

describe('PodTopologySpread default spreading (podtopologyspread/scoring.go)', () => {
  it.each([
    // count, maxSkew, domains → raw score
    [0, 3, 3, 2],
    [1, 3, 3, Math.log(5) + 2],
    [2, 5, 2, 2 * Math.log(4) + 4],
  ])('scoreForCount(%i, maxSkew %i, %i domains)', (count, skew, domains, want) => {
    expect(scoreForCount(count, skew, topologyNormalizingWeight(domains))).toBeCloseTo(want);
  });

  it('prefers the node with fewer pods of the same owner', () => {
    const nodes = [
      nodeInfo(node('a'), pod('r1', {}, {}, 'rs'), pod('r2', {}, {}, 'rs')),
      nodeInfo(node('b'), pod('r3', {}, {}, 'rs')),
      nodeInfo(node('c'), pod('x', {}, {}, 'other')),
    ];
    const plugin = new PodTopologySpread(handleOf(nodes));
    const incoming = podInfo(pod('r4', {}, {}, 'rs'));
    expect(plugin.preScore(incoming, nodes)).toBe(true);
    const scores = Float64Array.from(nodes.map((n) => plugin.score(incoming, n)));
    plugin.normalize(incoming, scores);
    expect(scores[2]).toBe(100);
    expect(scores[0]).toBeLessThan(scores[1]);
  });

  it('also spreads over zones when nodes carry the zone label', () => {
    const zone = (z: string) => ({ labels: { 'topology.kubernetes.io/zone': z } });
    const nodes = [
      nodeInfo(node('a1', zone('a')), pod('r1', {}, {}, 'rs')),
      nodeInfo(node('a2', zone('a'))),
      nodeInfo(node('b1', zone('b'))),
    ];
    const plugin = new PodTopologySpread(handleOf(nodes));
    const incoming = podInfo(pod('r2', {}, {}, 'rs'));
    plugin.preScore(incoming, nodes);
    const scores = Float64Array.from(nodes.map((n) => plugin.score(incoming, n)));
    plugin.normalize(incoming, scores);
    // a2 has no replica but its zone has one: b1 is best
    expect(scores[2]).toBe(100);
    expect(scores[1]).toBeLessThan(100);
    expect(scores[0]).toBeLessThan(scores[1]);
  });

  it('skips pods without an owner', () => {
    const plugin = new PodTopologySpread(handleOf([]));
    expect(plugin.preScore(podInfo(pod('bare')), [])).toBe(false);
  });
});
