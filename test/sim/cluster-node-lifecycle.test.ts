import type { Pod, Taint, Toleration } from '../../lib/sim/api';
import { evictionDelay } from '../../lib/sim/controllers/node-lifecycle-taint-eviction';

const unreachable: Taint = { key: 'node.kubernetes.io/unreachable', effect: 'NoExecute' };
const noSchedule: Taint = { key: 'dedicated', value: 'db', effect: 'NoSchedule' };

function pod(tolerations: Toleration[]): Pod {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'p' },
    spec: { containers: [], tolerations },
  };
}

describe('evictionDelay', () => {
  it.each<[string, Toleration[], Taint[], number | undefined]>([
    ['no NoExecute taint: never evicted', [], [noSchedule], undefined],
    ['NoExecute taint not tolerated: at once', [], [unreachable], 0],
    [
      'the default 300 s toleration',
      [
        {
          key: 'node.kubernetes.io/unreachable',
          operator: 'Exists',
          effect: 'NoExecute',
          tolerationSeconds: 300,
        },
      ],
      [unreachable],
      300,
    ],
    [
      'tolerated forever (no tolerationSeconds)',
      [{ key: 'node.kubernetes.io/unreachable', operator: 'Exists' }],
      [unreachable],
      undefined,
    ],
    [
      'an empty key with Exists tolerates everything',
      [{ operator: 'Exists' }],
      [unreachable],
      undefined,
    ],
    [
      'the shortest matching tolerationSeconds wins',
      [
        { key: 'node.kubernetes.io/unreachable', operator: 'Exists', tolerationSeconds: 300 },
        { operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 60 },
      ],
      [unreachable],
      60,
    ],
    [
      'a toleration for another effect does not count',
      [{ key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoSchedule' }],
      [unreachable],
      0,
    ],
    [
      'Equal (the default operator) needs the same value',
      [{ key: 'dedicated', value: 'db', tolerationSeconds: 10 }],
      [{ key: 'dedicated', value: 'web', effect: 'NoExecute' }],
      0,
    ],
    [
      'a negative tolerationSeconds evicts at once',
      [{ operator: 'Exists', tolerationSeconds: -5 }],
      [unreachable],
      0,
    ],
  ])('%s', (_name, tolerations, taints, expected) => {
    expect(evictionDelay(pod(tolerations), taints)).toBe(expected);
  });
});
