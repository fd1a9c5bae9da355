import type { Pod, Service } from '../../lib/sim/api';
import { computeSubsets } from '../../lib/sim/controllers/endpoints';

function readyPod(name: string, ip: string, uid = name): Pod {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace: 'default', uid },
    spec: { containers: [{ name: 'c', image: 'nginx', ports: [{ containerPort: 80 }] }] },
    status: { phase: 'Running', podIP: ip, conditions: [{ type: 'Ready', status: 'True' }] },
  } as Pod;
}

const service = {
  apiVersion: 'v1',
  kind: 'Service',
  metadata: { name: 'web', namespace: 'default' },
  spec: {
    selector: { app: 'web' },
    ports: [
      { name: 'http', port: 80 },
      { port: 81, targetPort: 80 },
    ],
  },
} as Service;

describe('computeSubsets address order (SortSubsets)', () => {
  it.each([
    // ips in pod order → ips in endpoint order
    [
      ['10.244.2.1', '10.244.10.1', '10.244.1.20', '10.244.1.3'],
      ['10.244.1.3', '10.244.1.20', '10.244.2.1', '10.244.10.1'],
    ],
    [
      ['10.0.0.1', '9.255.255.255'],
      ['9.255.255.255', '10.0.0.1'],
    ],
    [
      ['010.0.0.2', '10.0.0.1'],
      ['10.0.0.1', '010.0.0.2'],
    ], // leading zeros count as decimal
    [
      ['fd00::2', '10.0.0.1', 'fd00::1'],
      ['fd00::2', 'fd00::1', '10.0.0.1'],
    ], // not dotted: 0, then by uid
  ])('%j → %j', (ips, sorted) => {
    const pods = ips.map((ip, i) => readyPod(`p${i}`, ip, `uid-${i}`));
    const [subset] = computeSubsets(service, pods);
    expect(subset.addresses?.map((a) => a.ip)).toEqual(sorted);
    expect(subset.ports).toEqual([
      { name: 'http', port: 80, protocol: 'TCP' },
      { port: 80, protocol: 'TCP' },
    ]);
  });

  it('orders equal addresses by pod uid and groups pods by the ports they serve', () => {
    const named: Service = {
      ...service,
      spec: { ...service.spec, ports: [{ name: 'metrics', port: 9090, targetPort: 'metrics' }] },
    } as Service;
    const withMetrics = (name: string, ip: string, uid: string): Pod => {
      const p = readyPod(name, ip, uid);
      p.spec!.containers[0].ports = [{ name: 'metrics', containerPort: 9100 }];
      return p;
    };
    const subsets = computeSubsets(named, [
      withMetrics('b', '10.0.0.1', 'uid-b'),
      readyPod('plain', '10.0.0.9'), // no such named port: serves nothing here
      withMetrics('a', '10.0.0.1', 'uid-a'),
    ]);
    expect(subsets).toHaveLength(1);
    expect(subsets[0].addresses?.map((a) => a.targetRef?.uid)).toEqual(['uid-a', 'uid-b']);
    expect(subsets[0].ports).toEqual([{ name: 'metrics', port: 9100, protocol: 'TCP' }]);
  });
});
