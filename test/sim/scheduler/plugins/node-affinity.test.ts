import type { NodeSelectorTerm } from '../../../../lib/sim/api';
import { Code } from '../../../../lib/sim/scheduler/framework';
import { matchesTerm, NodeAffinity } from '../../../../lib/sim/scheduler/plugins/node-affinity';
import { node, nodeInfo, pod, podInfo } from '../fixtures';

const labels = { disktype: 'ssd', zone: 'a', cores: '8' };

describe('matchesTerm (nodeaffinity.go)', () => {
  it.each<[NodeSelectorTerm, boolean]>([
    [{ matchExpressions: [{ key: 'disktype', operator: 'In', values: ['ssd', 'nvme'] }] }, true],
    [{ matchExpressions: [{ key: 'disktype', operator: 'NotIn', values: ['ssd'] }] }, false],
    [{ matchExpressions: [{ key: 'gpu', operator: 'NotIn', values: ['yes'] }] }, true],
    [{ matchExpressions: [{ key: 'zone', operator: 'Exists' }] }, true],
    [{ matchExpressions: [{ key: 'zone', operator: 'DoesNotExist' }] }, false],
    [{ matchExpressions: [{ key: 'cores', operator: 'Gt', values: ['4'] }] }, true],
    [{ matchExpressions: [{ key: 'cores', operator: 'Lt', values: ['4'] }] }, false],
    [
      {
        matchExpressions: [
          { key: 'disktype', operator: 'In', values: ['ssd'] },
          { key: 'zone', operator: 'In', values: ['b'] },
        ],
      },
      false, // expressions are ANDed
    ],
    [{ matchFields: [{ key: 'metadata.name', operator: 'In', values: ['n1'] }] }, true],
    [{}, false], // an empty term matches nothing
  ])('%j → %s', (term, want) => {
    expect(matchesTerm(term, labels, 'n1')).toBe(want);
  });
});

describe('NodeAffinity', () => {
  const plugin = new NodeAffinity();

  it('rejects a node missing a nodeSelector label with the Kubernetes reason', () => {
    const status = plugin.filter(
      podInfo(pod('p', {}, { nodeSelector: { disktype: 'ssd' } })),
      nodeInfo(node('n')),
    );
    expect(status).toEqual({
      code: Code.UnschedulableAndUnresolvable,
      plugin: 'NodeAffinity',
      reasons: ["node(s) didn't match Pod's node affinity/selector"],
    });
  });

  it('ORs required terms', () => {
    const p = pod(
      'p',
      {},
      {
        affinity: {
          nodeAffinity: {
            requiredDuringSchedulingIgnoredDuringExecution: {
              nodeSelectorTerms: [
                { matchExpressions: [{ key: 'zone', operator: 'In', values: ['b'] }] },
                { matchExpressions: [{ key: 'disktype', operator: 'Exists' }] },
              ],
            },
          },
        },
      },
    );
    expect(plugin.filter(podInfo(p), nodeInfo(node('n', { labels })))).toBeUndefined();
    expect(plugin.filter(podInfo(p), nodeInfo(node('n')))).toBeDefined();
  });

  it('scores preferred terms by weight, normalized to the best node', () => {
    const p = pod(
      'p',
      {},
      {
        affinity: {
          nodeAffinity: {
            preferredDuringSchedulingIgnoredDuringExecution: [
              {
                weight: 10,
                preference: {
                  matchExpressions: [{ key: 'disktype', operator: 'In', values: ['ssd'] }],
                },
              },
              {
                weight: 30,
                preference: { matchExpressions: [{ key: 'zone', operator: 'In', values: ['a'] }] },
              },
            ],
          },
        },
      },
    );
    const info = podInfo(p);
    expect(plugin.preScore(info)).toBe(true);
    const scores = Float64Array.from([
      plugin.score(info, nodeInfo(node('a', { labels }))),
      plugin.score(info, nodeInfo(node('b', { labels: { disktype: 'ssd' } }))),
      plugin.score(info, nodeInfo(node('c'))),
    ]);
    expect(Array.from(scores)).toEqual([40, 10, 0]);
    plugin.normalize(info, scores);
    expect(Array.from(scores)).toEqual([100, 25, 0]);
  });
});
