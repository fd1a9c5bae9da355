import type { Rng } from '../../../lib/sim/framework';
import { SchedulerCache } from '../../../lib/sim/scheduler/cache';
import type { Handle } from '../../../lib/sim/scheduler/framework';
import { DEFAULT_PROFILE, defaultRegistry } from '../../../lib/sim/scheduler/plugins/registry';
import { ProfileRuntime } from '../../../lib/sim/scheduler/profile-runtime';
import { Algorithm } from '../../../lib/sim/scheduler/schedule-one';
import { node, pod, podInfo } from './fixtures';

const zone = { 'topology.kubernetes.io/zone': 'z1' };
const prefer = [{ key: 'k', value: 'v', effect: 'PreferNoSchedule' as const }];

describe('NodeColumns', () => {
  it('counts the nodes with a zone or a PreferNoSchedule taint as nodes come, change and go', () => {
    const cache = new SchedulerCache();
    const { columns } = cache.snapshot();
    cache.upsertNode(node('a'));
    cache.upsertNode(node('b', { labels: zone }));
    cache.upsertNode(node('c', { taints: prefer }));
    expect([columns.zonedNodes, columns.preferNoScheduleNodes]).toEqual([1, 1]);
    cache.upsertNode(node('a', { labels: zone, taints: prefer }));
    expect([columns.zonedNodes, columns.preferNoScheduleNodes]).toEqual([2, 2]);
    cache.upsertNode(node('a', { labels: zone, taints: prefer })); // unchanged: counted once
    cache.upsertNode(node('c'));
    expect([columns.zonedNodes, columns.preferNoScheduleNodes]).toEqual([2, 1]);
    cache.removeNode('b');
    cache.removeNode('a');
    expect([columns.zonedNodes, columns.preferNoScheduleNodes]).toEqual([0, 0]);
  });

  it('keeps rows, generations and requests with each node, across growth', () => {
    const cache = new SchedulerCache();
    for (let i = 0; i < 100; i++) cache.upsertNode(node(`n${i}`, { cpu: String(1 + (i % 3)) }));
    cache.removeNode('n10');
    cache.addPod(podInfo(pod('p', { cpu: '250m', memory: '1Gi' })), 'n99');
    const { nodes, rows, columns } = cache.snapshot();
    expect(nodes).toHaveLength(99);
    nodes.forEach((n, i) => {
      expect(rows[i]).toBe(n.index);
      expect(columns.generation[n.index]).toBe(n.generation);
      expect(columns.allocatableMilliCpu[n.index]).toBe(n.allocatable.milliCpu);
      expect(columns.requestedMilliCpu[n.index]).toBe(n.requested.milliCpu);
      expect(columns.nonZeroMemory[n.index]).toBe(n.nonZeroRequested.memory);
    });
    expect(columns.requestedMemory[cache.node('n99')?.index ?? -1]).toBe(2 ** 30);
  });
});

describe('Algorithm filter memo', () => {
  const rng: Rng = { next: () => 0, int: () => 0, string: () => '' };

  function setup(): { cache: SchedulerCache; algorithm: Algorithm } {
    const cache = new SchedulerCache();
    const handle = {
      nodes: () => cache.nodes(),
      node: (name: string) => cache.node(name),
      nodesWithRequiredAntiAffinity: () => cache.nodesWithRequiredAntiAffinity(),
      ownerCounts: (id: number) => cache.ownerCounts(id),
      store: { get: () => undefined, list: () => [], select: () => [], watch: () => undefined },
    } as unknown as Handle;
    const algorithm = new Algorithm(
      new ProfileRuntime(DEFAULT_PROFILE, defaultRegistry, handle),
      rng,
    );
    return { cache, algorithm };
  }

  it('asks the filters again once a node changed, and reuses a rejection while it has not', () => {
    const { cache, algorithm } = setup();
    cache.upsertNode(node('small', { pods: 1 }));
    cache.upsertNode(node('big', { cpu: '1' }));
    const first = podInfo(pod('p1', { cpu: '600m' }));
    const placed = algorithm.schedulePod(first, cache.snapshot());
    expect(placed.node?.name).toBe('small'); // least allocated: 600m of 4 beats 600m of 1
    cache.addPod(first, 'small');
    // Same signature: `small` changed (now full), so its memoized fit must not be reused.
    const second = podInfo(pod('p2', { cpu: '600m' }));
    expect(algorithm.schedulePod(second, cache.snapshot()).node?.name).toBe('big');
    cache.addPod(second, 'big');
    const third = algorithm.schedulePod(podInfo(pod('p3', { cpu: '600m' })), cache.snapshot());
    const fourth = algorithm.schedulePod(podInfo(pod('p4', { cpu: '600m' })), cache.snapshot());
    expect(third.node).toBeUndefined();
    expect(fourth.node).toBeUndefined();
    const reasons = (r: typeof third) =>
      r.node ? [] : r.rejected.map((x) => `${x.node.name}: ${x.status.reasons.join(', ')}`);
    expect(reasons(third)).toEqual(['small: Too many pods', 'big: Insufficient cpu']);
    expect(reasons(fourth)).toEqual(reasons(third));
    if (!third.node && !fourth.node) {
      // the memoized rejection itself, not a recomputed one
      expect(fourth.rejected[0].status).toBe(third.rejected[0].status);
    }
  });
});
