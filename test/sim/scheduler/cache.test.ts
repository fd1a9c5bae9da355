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
});
