import type { Pod, Taint, Toleration } from '../../../lib/sim/api';
import { evictionDelay } from '../../../lib/sim/controllers/node-lifecycle-taint-eviction';

const UNREACHABLE: Taint = { key: 'node.kubernetes.io/unreachable', effect: 'NoExecute' };
const NO_SCHEDULE: Taint = { key: 'node.kubernetes.io/unreachable', effect: 'NoSchedule' };

function pod(tolerations: Toleration[]): Pod {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'p' },
    spec: { containers: [], tolerations },
  } as Pod;
}

describe('evictionDelay', () => {
  it.each<[string, Toleration[], Taint[], number | undefined]>([
    // tolerations, taints → seconds until eviction (undefined: never)
    ['no NoExecute taint', [], [NO_SCHEDULE], undefined],
    ['untolerated NoExecute taint', [], [UNREACHABLE], 0],
    [
      'DefaultTolerationSeconds toleration',
      [{ key: UNREACHABLE.key, operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 }],
      [UNREACHABLE],
      300,
    ],
    [
      'the smallest of two matching limits',
      [
        { key: UNREACHABLE.key, operator: 'Exists', tolerationSeconds: 60 },
        { operator: 'Exists', tolerationSeconds: 30 },
      ],
      [UNREACHABLE],
      30,
    ],
    ['tolerated without a limit', [{ operator: 'Exists' }], [UNREACHABLE], undefined],
    [
      'a toleration of another effect does not match',
      [{ key: UNREACHABLE.key, operator: 'Exists', effect: 'NoSchedule' }],
      [UNREACHABLE],
      0,
    ],
    [
      'Equal needs the same value',
      [{ key: 'dedicated', operator: 'Equal', value: 'db', tolerationSeconds: 10 }],
      [{ key: 'dedicated', value: 'web', effect: 'NoExecute' }],
      0,
    ],
    [
      'a negative limit evicts at once',
      [{ operator: 'Exists', tolerationSeconds: -5 }],
      [UNREACHABLE],
      0,
    ],
  ])('%s', (_case, tolerations, taints, expected) => {
    expect(evictionDelay(pod(tolerations), taints)).toBe(expected);
  });
});
