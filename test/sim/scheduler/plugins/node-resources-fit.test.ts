import { Code } from '../../../../lib/sim/scheduler/framework';
import {
  insufficientResources,
  leastRequestedScore,
  NodeResourcesFit,
} from '../../../../lib/sim/scheduler/plugins/node-resources-fit';
import { node, nodeInfo, pod, podInfo } from '../fixtures';

describe('NodeResourcesFit filter (noderesources/fit.go fitsRequest)', () => {
  it.each([
    // pod requests, node, pods already there → reasons
    [{ cpu: '1' }, { cpu: '4' }, [], []],
    [{ cpu: '5' }, { cpu: '4' }, [], ['Insufficient cpu']],
    [{ cpu: '2' }, { cpu: '4' }, [{ cpu: '3' }], ['Insufficient cpu']],
    [{ cpu: '2' }, { cpu: '4' }, [{ cpu: '2' }], []], // exactly full fits
    [{ memory: '17Gi' }, {}, [], ['Insufficient memory']],
    [{ cpu: '5', memory: '17Gi' }, {}, [], ['Insufficient cpu', 'Insufficient memory']],
    [{}, { pods: 1 }, [{}], ['Too many pods']], // pod slots apply even without requests
    [{ cpu: '5' }, { pods: 1 }, [{}], ['Too many pods', 'Insufficient cpu']],
  ])('requests %j on %j holding %j → %j', (requests, n, existing, reasons) => {
    const info = nodeInfo(node('n', n), ...existing.map((r, i) => pod(`e${i}`, r)));
    expect(
      insufficientResources(podInfo(pod('p', requests)).requests, info).map((r) => r.reason),
    ).toEqual(reasons);
  });

  it('is unresolvable when the pod asks more than the node has in total', () => {
    const status = new NodeResourcesFit().filter(
      podInfo(pod('p', { cpu: '8' })),
      nodeInfo(node('n')),
    );
    expect(status).toEqual({
      code: Code.UnschedulableAndUnresolvable,
      plugin: 'NodeResourcesFit',
      reasons: ['Insufficient cpu'],
    });
  });

  it('is resolvable (preemption may help) when other pods use the room', () => {
    const status = new NodeResourcesFit().filter(
      podInfo(pod('p', { cpu: '2' })),
      nodeInfo(node('n'), pod('e', { cpu: '3' })),
    );
    expect(status?.code).toBe(Code.Unschedulable);
  });

  it('frees the room when a pod is removed from the node', () => {
    const info = nodeInfo(node('n'), pod('e', { cpu: '3' }));
    info.removePod('default/e');
    expect(new NodeResourcesFit().filter(podInfo(pod('p', { cpu: '2' })), info)).toBeUndefined();
  });
});

describe('LeastAllocated score (least_allocated.go)', () => {
  it.each([
    // requested, capacity → score
    [0, 4000, 100],
    [1000, 4000, 75],
    [4000, 4000, 0],
    [5000, 4000, 0],
    [1, 3, 66], // integer division
    [0, 0, 0],
  ])('leastRequestedScore(%i, %i) = %i', (requested, capacity, score) => {
    expect(leastRequestedScore(requested, capacity)).toBe(score);
  });

  it('averages cpu and memory, counting the incoming pod and scoring defaults', () => {
    // cpu (1000 + 1000)/4000 used → 50; memory (0 + 200Mi default)/16Gi → 98
    const score = new NodeResourcesFit().score(
      podInfo(pod('p', { cpu: '1' })),
      nodeInfo(node('n'), pod('e', { cpu: '1', memory: '0' })),
    );
    expect(score).toBe(Math.trunc((50 + 98) / 2));
  });
});

describe('NodeResourcesFit extended resources', () => {
  const gpuNode = (gpus: string) => {
    const n = node('gpu');
    n.status!.allocatable!['nvidia.com/gpu'] = gpus;
    return n;
  };
  const gpuPod = (name: string, gpus: string) => {
    const p = pod(name, { cpu: '100m' });
    p.spec!.containers[0].resources!.requests!['nvidia.com/gpu'] = gpus;
    return p;
  };

  it.each([
    // node gpus, gpus in use, wanted → reasons
    ['2', '0', '1', []],
    ['2', '1', '2', ['Insufficient nvidia.com/gpu']],
    ['2', '2', '1', ['Insufficient nvidia.com/gpu']],
  ])('%s gpus, %s in use, wanting %s → %j', (has, inUse, want, reasons) => {
    const info = nodeInfo(gpuNode(has), gpuPod('e', inUse));
    expect(
      insufficientResources(podInfo(gpuPod('p', want)).requests, info).map((r) => r.reason),
    ).toEqual(reasons);
  });

  it('is unresolvable on a node without the resource', () => {
    const status = new NodeResourcesFit().filter(podInfo(gpuPod('p', '1')), nodeInfo(node('n')));
    expect(status).toMatchObject({
      code: Code.UnschedulableAndUnresolvable,
      reasons: ['Insufficient nvidia.com/gpu'],
    });
  });
});
