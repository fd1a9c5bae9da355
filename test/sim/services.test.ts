import type { Service } from '../../lib/sim/api';
import { newHarness } from '../../lib/sim/testing-harness';
import type { KubeObject } from '../../lib/sim/types';

function service(name: string, spec: Record<string, unknown>): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name },
    spec: { selector: { app: name }, ports: [{ port: 80 }], ...spec },
  };
}

function inServiceCidr(ip: string): boolean {
  const [a, b] = ip.split('.').map(Number);
  return a === 10 && b >= 96 && b <= 111;
}

describe('Service allocation', () => {
  test('the kubernetes Service holds 10.96.0.1', () => {
    const h = newHarness();
    expect((h.store.get('Service', 'kubernetes') as Service).spec?.clusterIP).toBe('10.96.0.1');
  });

  test('a ClusterIP Service gets a free address from 10.96.0.0/12', () => {
    const h = newHarness();
    const ips = ['a', 'b', 'c'].map(
      (n) => (h.store.create(service(n, {})) as Service).spec?.clusterIP ?? '',
    );
    for (const ip of ips) expect(inServiceCidr(ip)).toBe(true);
    expect(new Set([...ips, '10.96.0.1']).size).toBe(4);
    const created = h.store.get('Service', 'a') as Service;
    expect(created.spec?.clusterIPs).toEqual([created.spec?.clusterIP]);
  });

  test('an explicit ClusterIP is honoured', () => {
    const h = newHarness();
    expect(
      (h.store.create(service('a', { clusterIP: '10.96.100.100' })) as Service).spec?.clusterIP,
    ).toBe('10.96.100.100');
  });

  test('fails when the ClusterIP is taken, with the API server message', () => {
    const h = newHarness();
    expect(() => h.store.create(service('a', { clusterIP: '10.96.0.1' }))).toThrow(
      /^Service "a" is invalid: spec\.clusterIPs: Invalid value: \[\]string\{"10\.96\.0\.1"\}: failed to allocate IP 10\.96\.0\.1: provided IP is already allocated$/,
    );
  });

  test('fails when the ClusterIP is outside the service CIDR', () => {
    const h = newHarness();
    expect(() => h.store.create(service('a', { clusterIP: '192.168.0.1' }))).toThrow(
      /the provided IP \(192\.168\.0\.1\) is not in the valid range\. The range of valid IPs is 10\.96\.0\.0\/12$/,
    );
  });

  test('a headless Service keeps clusterIP None', () => {
    const h = newHarness();
    const s = h.store.create(service('db', { clusterIP: 'None' })) as Service;
    expect(s.spec?.clusterIP).toBe('None');
    expect(s.spec?.clusterIPs).toEqual(['None']);
  });

  test('a NodePort Service gets a port in 30000-32767 for each port', () => {
    const h = newHarness();
    const s = h.store.create(
      service('a', { type: 'NodePort', ports: [{ port: 80 }, { port: 443, name: 'https' }] }),
    ) as Service;
    for (const port of s.spec?.ports ?? []) {
      expect(port.nodePort).toBeGreaterThanOrEqual(30000);
      expect(port.nodePort).toBeLessThanOrEqual(32767);
    }
  });

  test('an explicit nodePort is honoured, and a clash is rejected with the API server message', () => {
    const h = newHarness();
    const a = h.store.create(
      service('a', { type: 'NodePort', ports: [{ port: 80, nodePort: 31000 }] }),
    ) as Service;
    expect(a.spec?.ports?.[0].nodePort).toBe(31000);
    expect(() =>
      h.store.create(service('b', { type: 'NodePort', ports: [{ port: 80, nodePort: 31000 }] })),
    ).toThrow(
      /^Service "b" is invalid: spec\.ports\[0\]\.nodePort: Invalid value: 31000: provided port is already allocated$/,
    );
  });

  test('fails when the nodePort is outside the range', () => {
    const h = newHarness();
    expect(() =>
      h.store.create(service('a', { type: 'NodePort', ports: [{ port: 80, nodePort: 80 }] })),
    ).toThrow(
      /spec\.ports\[0\]\.nodePort: Invalid value: 80: provided port is not in the valid range\. The range of valid ports is 30000-32767$/,
    );
  });

  test('fails when a ClusterIP Service names a nodePort', () => {
    const h = newHarness();
    expect(() => h.store.create(service('a', { ports: [{ port: 80, nodePort: 31000 }] }))).toThrow(
      /spec\.ports\[0\]\.nodePort: Forbidden: may not be used when `type` is 'ClusterIP'/,
    );
  });

  test('a rejected Service allocates nothing; a deleted one frees its port', () => {
    const h = newHarness();
    h.store.create(service('a', { type: 'NodePort', ports: [{ port: 80, nodePort: 31000 }] }));
    expect(() =>
      h.store.create(
        service('b', {
          type: 'NodePort',
          clusterIP: '10.96.5.5',
          ports: [{ port: 80, nodePort: 31000 }],
        }),
      ),
    ).toThrow(/already allocated/);
    expect(
      (h.store.create(service('c', { clusterIP: '10.96.5.5' })) as Service).spec?.clusterIP,
    ).toBe('10.96.5.5');
    h.store.delete('Service', 'a');
    const b = h.store.create(
      service('b', { type: 'NodePort', ports: [{ port: 80, nodePort: 31000 }] }),
    ) as Service;
    expect(b.spec?.ports?.[0].nodePort).toBe(31000);
  });

  test('an update keeps the allocated ClusterIP and nodePorts', () => {
    const h = newHarness();
    const a = h.store.create(service('a', { type: 'NodePort' })) as Service;
    const updated = h.store.update(
      service('a', { type: 'NodePort', sessionAffinity: 'ClientIP' }),
    ) as Service;
    expect(updated.spec?.clusterIP).toBe(a.spec?.clusterIP);
    expect(updated.spec?.ports?.[0].nodePort).toBe(a.spec?.ports?.[0].nodePort);
  });

  test('a LoadBalancer Service gets node ports and an external IP', () => {
    const h = newHarness();
    const s = h.store.create(service('a', { type: 'LoadBalancer' })) as Service;
    expect(s.spec?.ports?.[0].nodePort).toBeGreaterThanOrEqual(30000);
    expect(s.status?.loadBalancer?.ingress?.[0].ip).toBe('172.18.255.200');
  });

  test('an ExternalName Service gets no ClusterIP', () => {
    const h = newHarness();
    const s = h.store.create({
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 'ext' },
      spec: { type: 'ExternalName', externalName: 'db.example.com' },
    }) as Service;
    expect(s.spec?.clusterIP).toBeUndefined();
  });
});
