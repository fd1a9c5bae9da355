import type { Container, Pod } from '../../../lib/sim/api';
import { qosClass } from '../../../lib/sim/kubelet/qos';

function pod(containers: Partial<Container>[], initContainers: Partial<Container>[] = []): Pod {
  const named = (list: Partial<Container>[], prefix: string) =>
    list.map((c, i) => ({ name: `${prefix}${i}`, ...c }));
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'p' },
    spec: { containers: named(containers, 'c'), initContainers: named(initContainers, 'i') },
  };
}

const both = { cpu: '500m', memory: '256Mi' };

describe('qosClass', () => {
  it.each<[string, Partial<Container>[], Partial<Container>[], string]>([
    ['no resources at all', [{}], [], 'BestEffort'],
    [
      'limits equal requests for cpu and memory',
      [{ resources: { requests: both, limits: both } }],
      [],
      'Guaranteed',
    ],
    ['limits only (requests default to them)', [{ resources: { limits: both } }], [], 'Guaranteed'],
    [
      'requests below limits',
      [{ resources: { requests: { cpu: '250m', memory: '256Mi' }, limits: both } }],
      [],
      'Burstable',
    ],
    ['requests only', [{ resources: { requests: both } }], [], 'Burstable'],
    [
      'a cpu limit without a memory limit',
      [{ resources: { limits: { cpu: '1' } } }],
      [],
      'Burstable',
    ],
    [
      'one container without resources beside a guaranteed one',
      [{ resources: { limits: both } }, {}],
      [],
      'Burstable',
    ],
    [
      'an init container with requests only',
      [{}],
      [{ resources: { requests: { cpu: '100m' } } }],
      'Burstable',
    ],
    [
      'zero quantities count as unset',
      [{ resources: { requests: { cpu: '0' } } }],
      [],
      'BestEffort',
    ],
  ])('%s → %s', (_case, containers, initContainers, expected) => {
    expect(qosClass(pod(containers, initContainers))).toBe(expected);
  });
});
