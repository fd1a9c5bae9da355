import {
  balancedResourceScore,
  NodeResourcesBalancedAllocation,
} from '../../../../lib/sim/scheduler/plugins/node-resources-balanced-allocation';
import { node, nodeInfo, pod, podInfo } from '../fixtures';

describe('NodeResourcesBalancedAllocation (balanced_allocation.go)', () => {
  it.each([
    // requested, allocatable → score
    [[2, 8], [4, 16], 100], // 50% and 50%
    [[4, 0], [4, 16], 50], // 100% vs 0%: std 0.5
    [[1, 12], [4, 16], 75], // 25% vs 75%
    [[8, 0], [4, 16], 50], // fractions capped at 1
    [[1, 1], [4, 0], 100], // no memory capacity: one fraction, std 0
    [[1, 1, 1], [2, 4, 1], 68], // three resources: population std (0.312)
  ])('balancedResourceScore(%j, %j) = %i', (requested, allocatable, score) => {
    expect(balancedResourceScore(requested, allocatable)).toBe(score);
  });

  it('skips pods without requests (best effort)', () => {
    expect(new NodeResourcesBalancedAllocation().preScore(podInfo(pod('p')))).toBe(false);
  });

  it('scores the node as it would be with the pod on it', () => {
    const plugin = new NodeResourcesBalancedAllocation();
    // 2 of 4 cpu and 8 of 16Gi memory: balanced
    expect(plugin.score(podInfo(pod('p', { cpu: '2', memory: '8Gi' })), nodeInfo(node('n')))).toBe(
      100,
    );
    expect(plugin.score(podInfo(pod('p', { cpu: '4' })), nodeInfo(node('n')))).toBe(50);
  });
});
