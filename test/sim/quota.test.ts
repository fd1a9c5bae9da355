import type { Deployment, Pod } from '../../lib/sim/api';
import { Cluster } from '../../lib/sim/cluster';
import { formatAmount } from '../../lib/sim/quota';
import { newHarness } from '../../lib/sim/testing-harness';
import type { KubeObject } from '../../lib/sim/types';

function pod(name: string, resources?: Record<string, Record<string, string>>): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name },
    spec: {
      containers: [{ name: 'app', image: 'nginx:1.27', ...(resources ? { resources } : {}) }],
    },
  };
}

function quota(hard: Record<string, string>): KubeObject {
  return { apiVersion: 'v1', kind: 'ResourceQuota', metadata: { name: 'compute' }, spec: { hard } };
}

describe('formatAmount', () => {
  it.each([
    ['requests.cpu', 1500, '1500m'],
    ['limits.cpu', 2000, '2'],
    ['requests.memory', 2 ** 30, '1Gi'],
    ['memory', 700 * 2 ** 20, '700Mi'],
    ['requests.storage', 10 ** 9, '1G'],
    ['pods', 3, '3'],
  ])('%s %d → %s', (name, value, text) => {
    expect(formatAmount(name, value)).toBe(text);
  });
});

describe('ResourceQuota admission', () => {
  test('fails past the pod count, with the API server message', () => {
    const h = newHarness();
    h.store.create(quota({ pods: '2' }));
    h.store.create(pod('a'));
    h.store.create(pod('b'));
    expect(() => h.store.create(pod('c'))).toThrow(
      /^pods "c" is forbidden: exceeded quota: compute, requested: pods=1, used: pods=2, limited: pods=2$/,
    );
  });

  test('fails past a compute quota, naming only the exceeded resources', () => {
    const h = newHarness();
    h.store.create(quota({ 'requests.cpu': '1', 'requests.memory': '1Gi' }));
    h.store.create(pod('a', { requests: { cpu: '600m', memory: '256Mi' } }));
    expect(() => h.store.create(pod('b', { requests: { cpu: '500m', memory: '256Mi' } }))).toThrow(
      /^pods "b" is forbidden: exceeded quota: compute, requested: requests\.cpu=500m, used: requests\.cpu=600m, limited: requests\.cpu=1$/,
    );
  });

  test('fails when a pod leaves a tracked resource unset, naming resources and containers', () => {
    const h = newHarness();
    h.store.create(quota({ 'requests.cpu': '1', 'limits.memory': '1Gi' }));
    expect(() => h.store.create(pod('a'))).toThrow(
      /^pods "a" is forbidden: failed quota: compute: must specify requests\.cpu for: app; limits\.memory for: app$/,
    );
  });

  test('deleted and finished pods give their share back', () => {
    const h = newHarness();
    h.store.create(quota({ pods: '1' }));
    h.store.create(pod('a'));
    h.store.delete('Pod', 'a');
    expect(() => h.store.create(pod('b'))).not.toThrow();
    const b = h.store.get('Pod', 'b') as Pod;
    h.store.updateStatus({ ...b, status: { phase: 'Succeeded' } } as unknown as KubeObject);
    expect(() => h.store.create(pod('c'))).not.toThrow();
  });

  test('counts Services, NodePorts and count/<resource>', () => {
    const h = newHarness();
    h.store.create(quota({ 'services.nodeports': '1', 'count/deployments.apps': '0' }));
    const svc = (name: string) => ({
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name },
      spec: { type: 'NodePort', ports: [{ port: 80 }] },
    });
    h.store.create(svc('a'));
    expect(() => h.store.create(svc('b'))).toThrow(
      /exceeded quota: compute, requested: services\.nodeports=1, used: services\.nodeports=1, limited: services\.nodeports=1$/,
    );
    expect(() =>
      h.store.create({
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        metadata: { name: 'd' },
        spec: { template: { spec: { containers: [] } } },
      }),
    ).toThrow(
      /^deployments\.apps "d" is forbidden: exceeded quota: compute, requested: count\/deployments\.apps=1, used: count\/deployments\.apps=0, limited: count\/deployments\.apps=0$/,
    );
  });
});

describe('LimitRange admission', () => {
  const limitRange = (item: Record<string, unknown>): KubeObject => ({
    apiVersion: 'v1',
    kind: 'LimitRange',
    metadata: { name: 'limits' },
    spec: { limits: [{ type: 'Container', ...item }] },
  });

  test('gives containers the default limits and requests', () => {
    const h = newHarness();
    h.store.create(
      limitRange({ default: { cpu: '500m', memory: '512Mi' }, defaultRequest: { cpu: '100m' } }),
    );
    const created = h.store.create(pod('a')) as Pod;
    expect(created.spec?.containers[0].resources).toEqual({
      requests: { cpu: '100m', memory: '512Mi' },
      limits: { cpu: '500m', memory: '512Mi' },
    });
  });

  test('fails above max, with the API server message', () => {
    const h = newHarness();
    h.store.create(limitRange({ max: { cpu: '1' } }));
    expect(() => h.store.create(pod('a', { limits: { cpu: '2' } }))).toThrow(
      /^pods "a" is forbidden: maximum cpu usage per Container is 1, but limit is 2$/,
    );
  });
});

describe('quota through the cluster', () => {
  test('a Deployment past its namespace quota does not converge, and the quota status shows usage', () => {
    const cluster = new Cluster();
    cluster.apply([
      quota({ pods: '2' }),
      {
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        metadata: { name: 'web' },
        spec: {
          replicas: 3,
          selector: { matchLabels: { app: 'web' } },
          template: {
            metadata: { labels: { app: 'web' } },
            spec: { containers: [{ name: 'web', image: 'nginx:1.27' }] },
          },
        },
      },
    ]);
    const result = cluster.converge();
    expect(result.converged).toBe(false);
    expect(JSON.stringify(result.problems)).toMatch(
      /exceeded quota: compute, requested: pods=1, used: pods=2, limited: pods=2/,
    );
    expect(cluster.get<Deployment>('Deployment', 'web')?.status?.availableReplicas).toBe(2);
    expect(cluster.get('ResourceQuota', 'compute')?.status).toEqual({
      hard: { pods: '2' },
      used: { pods: '2' },
    });
  });
});
