import { SchedulerCache } from '../../../lib/sim/scheduler/cache';
import { node, pod, podInfo } from './fixtures';

describe('SchedulerCache', () => {
  test('counts a pod on its node and forgets it on removal', () => {
    const cache = new SchedulerCache();
    cache.upsertNode(node('n1'));
    cache.addPod(podInfo(pod('p', { cpu: '1' })), 'n1');
    expect(cache.node('n1')?.requested.milliCpu).toBe(1000);
    expect(cache.removePod('default/p')).toBe('n1');
    expect(cache.node('n1')?.requested.milliCpu).toBe(0);
  });

  test('holds pods bound to a node it does not know until the node appears', () => {
    const cache = new SchedulerCache();
    cache.addPod(podInfo(pod('p', { cpu: '1' })), 'late');
    expect(cache.nodes()).toHaveLength(0);
    cache.upsertNode(node('late'));
    expect(cache.node('late')?.pods.size).toBe(1);
  });

  test('moves a pod counted on another node', () => {
    const cache = new SchedulerCache();
    cache.upsertNode(node('a'));
    cache.upsertNode(node('b'));
    const p = podInfo(pod('p', { cpu: '1' }));
    cache.addPod(p, 'a');
    cache.addPod(p, 'b');
    expect(cache.node('a')?.pods.size).toBe(0);
    expect(cache.node('b')?.pods.size).toBe(1);
  });

  test('refreshes allocatable and taints when a node changes', () => {
    const cache = new SchedulerCache();
    cache.upsertNode(node('a', { cpu: '2' }));
    cache.upsertNode(node('a', { cpu: '8', taints: [{ key: 'k', effect: 'NoSchedule' }] }));
    expect(cache.nodes()).toHaveLength(1);
    expect(cache.node('a')?.allocatable.milliCpu).toBe(8000);
    expect(cache.node('a')?.noScheduleTaints).toHaveLength(1);
  });

  test('keeps per-owner pod counts by node index through adds, removals, node loss and return', () => {
    const cache = new SchedulerCache();
    const a = cache.upsertNode(node('a'));
    const b = cache.upsertNode(node('b'));
    const r1 = podInfo(pod('r1', {}, {}, 'rs'));
    const r2 = podInfo(pod('r2', {}, {}, 'rs'));
    cache.addPod(r1, 'a');
    cache.addPod(r2, 'b');
    const counts = () => {
      const c = cache.ownerCounts(r1.ownerId);
      return [c?.[a.index] ?? 0, c?.[b.index] ?? 0];
    };
    expect(counts()).toEqual([1, 1]);
    cache.removePod(r1.key);
    expect(counts()).toEqual([0, 1]);
    cache.removeNode('b');
    expect(counts()).toEqual([0, 0]);
    const back = cache.upsertNode(node('b'));
    expect(cache.ownerCounts(r1.ownerId)?.[back.index]).toBe(1);
  });
});
