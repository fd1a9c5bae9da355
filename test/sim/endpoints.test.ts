import type { Endpoints, Pod, Service, ServicePort } from '../../lib/sim/api';
import { computeSubsets, EndpointsController, findPort } from '../../lib/sim/controllers/endpoints';
import { newHarness } from '../../lib/sim/testing-harness';
import type { Harness } from '../../lib/sim/testing-harness';
import type { KubeObject } from '../../lib/sim/types';

function pod(
  name: string,
  ip: string | undefined,
  ready: boolean,
  labels: Record<string, string> = { app: 'web' },
): Pod {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace: 'default', uid: `uid-${name}`, labels },
    spec: {
      nodeName: 'node-1',
      containers: [{ name: 'web', image: 'nginx', ports: [{ name: 'http', containerPort: 8080 }] }],
    },
    status: {
      phase: 'Running',
      ...(ip ? { podIP: ip } : {}),
      conditions: [{ type: 'Ready', status: ready ? 'True' : 'False' }],
    },
  };
}

function service(ports: ServicePort[], extra = {}): Service {
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: 'web', namespace: 'default' },
    spec: { selector: { app: 'web' }, ports, ...extra },
  };
}

describe('findPort', () => {
  const p = pod('a', '10.244.1.2', true);
  it.each<[string | number | undefined, number | undefined]>([
    [80, 80],
    ['http', 8080],
    ['9090', 9090],
    ['metrics', undefined],
    [undefined, 80],
  ])('targetPort %p → %p', (targetPort, expected) => {
    expect(findPort(p, { port: 80, ...(targetPort !== undefined ? { targetPort } : {}) })).toBe(
      expected,
    );
  });
});

describe('computeSubsets', () => {
  test('ready pods are addresses, unready ones notReadyAddresses, sorted by IP; named targetPorts resolve', () => {
    const subsets = computeSubsets(
      service([{ name: 'http', port: 80, targetPort: 'http', protocol: 'TCP' }]),
      [pod('b', '10.244.2.9', true), pod('a', '10.244.10.1', true), pod('c', '10.244.1.5', false)],
    );
    expect(subsets).toEqual([
      {
        addresses: [
          expect.objectContaining({
            ip: '10.244.2.9',
            nodeName: 'node-1',
            targetRef: expect.objectContaining({ kind: 'Pod', name: 'b' }),
          }),
          expect.objectContaining({ ip: '10.244.10.1' }),
        ],
        notReadyAddresses: [expect.objectContaining({ ip: '10.244.1.5' })],
        ports: [{ name: 'http', port: 8080, protocol: 'TCP' }],
      },
    ]);
  });

  test('pods without an IP, terminating or finished pods are left out', () => {
    const terminating = pod('t', '10.244.1.3', true);
    terminating.metadata.deletionTimestamp = '2024-01-01T00:00:00Z';
    const done = pod('d', '10.244.1.4', false);
    done.status = { ...done.status, phase: 'Succeeded' };
    expect(
      computeSubsets(service([{ port: 80, targetPort: 8080 }]), [
        pod('n', undefined, false),
        terminating,
        done,
      ]),
    ).toEqual([]);
  });

  test('a pod without the named port serves none of that port', () => {
    expect(
      computeSubsets(service([{ port: 80, targetPort: 'metrics' }]), [
        pod('a', '10.244.1.2', true),
      ]),
    ).toEqual([]);
  });

  test('publishNotReadyAddresses lists unready pods as ready', () => {
    const subsets = computeSubsets(
      service([{ port: 80, targetPort: 8080 }], { publishNotReadyAddresses: true }),
      [pod('a', '10.244.1.2', false)],
    );
    expect(subsets[0].addresses).toHaveLength(1);
    expect(subsets[0].notReadyAddresses).toBeUndefined();
  });
});

describe('EndpointsController', () => {
  function setup(): Harness {
    const h = newHarness();
    h.start(new EndpointsController());
    return h;
  }

  function runPod(h: Harness, p: Pod): void {
    const created = h.store.create({ ...p, status: undefined } as unknown as KubeObject);
    h.store.updateStatus({ ...created, status: p.status });
  }

  test('creates an Endpoints object named like the Service and follows pod readiness', () => {
    // GIVEN a Service and one running but unready pod
    const h = setup();
    h.store.create(service([{ port: 80, targetPort: 'http' }]) as unknown as KubeObject);
    runPod(h, pod('web-1', '10.244.1.2', false));
    h.run(1);
    const before = h.store.get('Endpoints', 'web') as Endpoints;
    expect(before.subsets?.[0].notReadyAddresses?.map((a) => a.ip)).toEqual(['10.244.1.2']);
    // WHEN the pod becomes ready
    const live = h.store.get('Pod', 'web-1') as Pod;
    h.store.updateStatus({
      ...live,
      status: { ...live.status, conditions: [{ type: 'Ready', status: 'True' }] },
    } as unknown as KubeObject);
    h.run(1);
    // THEN it moves to the ready addresses with the resolved port
    const after = h.store.get('Endpoints', 'web') as Endpoints;
    expect(after.subsets).toEqual([
      {
        addresses: [expect.objectContaining({ ip: '10.244.1.2' })],
        ports: [{ port: 8080, protocol: 'TCP' }],
      },
    ]);
  });

  test('a pod whose labels stop matching leaves the Endpoints', () => {
    const h = setup();
    h.store.create(service([{ port: 80 }]) as unknown as KubeObject);
    runPod(h, pod('web-1', '10.244.1.2', true));
    h.run(1);
    const live = h.store.get('Pod', 'web-1') as Pod;
    h.store.update({
      ...live,
      metadata: { ...live.metadata, labels: { app: 'other' } },
    } as unknown as KubeObject);
    h.run(1);
    expect((h.store.get('Endpoints', 'web') as Endpoints).subsets).toBeUndefined();
  });

  test('deleting the Service deletes its Endpoints; ExternalName Services get none', () => {
    const h = setup();
    h.store.create(service([{ port: 80 }]) as unknown as KubeObject);
    h.store.create({
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 'ext' },
      spec: { type: 'ExternalName', externalName: 'example.com', selector: { app: 'web' } },
    });
    h.run(1);
    expect(h.store.get('Endpoints', 'web')).toBeDefined();
    expect(h.store.get('Endpoints', 'ext')).toBeUndefined();
    h.store.delete('Service', 'web');
    h.run(1);
    expect(h.store.get('Endpoints', 'web')).toBeUndefined();
  });
});
