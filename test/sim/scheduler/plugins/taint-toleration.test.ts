import type { Taint, Toleration } from '../../../../lib/sim/api';
import { Code } from '../../../../lib/sim/scheduler/framework';
import {
  intolerablePreferNoSchedule,
  TaintToleration,
} from '../../../../lib/sim/scheduler/plugins/taint-toleration';
import { toleratesTaint } from '../../../../lib/sim/scheduler/taints';
import { node, nodeInfo, pod, podInfo } from '../fixtures';

const dedicated: Taint = { key: 'dedicated', value: 'db', effect: 'NoSchedule' };

describe('toleratesTaint (core/v1 toleration.go)', () => {
  it.each<[Toleration, boolean]>([
    [{ key: 'dedicated', operator: 'Equal', value: 'db', effect: 'NoSchedule' }, true],
    [{ key: 'dedicated', value: 'db' }, true], // empty effect matches all, operator defaults to Equal
    [{ key: 'dedicated', value: 'web' }, false],
    [{ key: 'dedicated', operator: 'Exists' }, true],
    [{ operator: 'Exists' }, true], // empty key with Exists tolerates everything
    [{ key: 'dedicated', operator: 'Exists', effect: 'NoExecute' }, false],
    [{ key: 'other', operator: 'Exists' }, false],
  ])('%j → %s', (toleration, want) => {
    expect(toleratesTaint(toleration, dedicated)).toBe(want);
  });
});

describe('TaintToleration', () => {
  const plugin = new TaintToleration();

  it('rejects a node with an untolerated NoSchedule taint, naming key and value', () => {
    const status = plugin.filter(podInfo(pod('p')), nodeInfo(node('n', { taints: [dedicated] })));
    expect(status).toEqual({
      code: Code.UnschedulableAndUnresolvable,
      plugin: 'TaintToleration',
      reasons: ['node(s) had untolerated taint {dedicated: db}'],
    });
  });

  it('prints an empty value for taints without one (not-ready, unreachable)', () => {
    const status = plugin.filter(
      podInfo(pod('p')),
      nodeInfo(
        node('n', { taints: [{ key: 'node.kubernetes.io/not-ready', effect: 'NoSchedule' }] }),
      ),
    );
    expect(status?.reasons).toEqual([
      'node(s) had untolerated taint {node.kubernetes.io/not-ready: }',
    ]);
  });

  it('admits a pod that tolerates the taint, and ignores PreferNoSchedule taints in the filter', () => {
    const tolerant = pod('p', {}, { tolerations: [{ key: 'dedicated', operator: 'Exists' }] });
    expect(
      plugin.filter(podInfo(tolerant), nodeInfo(node('n', { taints: [dedicated] }))),
    ).toBeUndefined();
    const soft: Taint = { key: 'spot', value: 'true', effect: 'PreferNoSchedule' };
    expect(
      plugin.filter(podInfo(pod('p')), nodeInfo(node('n', { taints: [soft] }))),
    ).toBeUndefined();
  });

  it('scores nodes with fewer untolerated PreferNoSchedule taints higher', () => {
    const soft: Taint = { key: 'spot', value: 'true', effect: 'PreferNoSchedule' };
    expect(intolerablePreferNoSchedule([soft, dedicated], [])).toBe(1);
    expect(
      intolerablePreferNoSchedule(
        [soft],
        [{ key: 'spot', operator: 'Exists', effect: 'NoSchedule' }],
      ),
    ).toBe(1);
    const scores = Float64Array.from([1, 0, 2]);
    plugin.normalize(podInfo(pod('p')), scores);
    expect(Array.from(scores)).toEqual([50, 100, 0]);
  });
});
