/**
 * The DefaultStorageClass and DefaultIngressClass admission plugins run in every cluster
 * (plugin/pkg/admission/storage/storageclass/setdefault, plugin/pkg/admission/network/
 * defaultingressclass): a claim or an Ingress created without a class is stored with the
 * default one, as `kubectl get pvc` / `kubectl get ingress` show it, and before ResourceQuota
 * charges it.
 */
import { Cluster } from '../../../lib/sim/cluster';
import type { KubeObject } from '../../../lib/sim/types';

function claim(name: string, spec: Record<string, unknown> = {}): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'PersistentVolumeClaim',
    metadata: { name },
    spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } }, ...spec },
  };
}

function ingress(name: string, extra: { className?: string; legacy?: string } = {}): KubeObject {
  return {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'Ingress',
    metadata: {
      name,
      ...(extra.legacy ? { annotations: { 'kubernetes.io/ingress.class': extra.legacy } } : {}),
    },
    spec: {
      ...(extra.className ? { ingressClassName: extra.className } : {}),
      rules: [{ host: `${name}.example.com` }],
    },
  };
}

const classOf = (cluster: Cluster, kind: string, name: string): unknown =>
  (cluster.get(kind, name)?.spec as Record<string, unknown> | undefined)?.[
    kind === 'Ingress' ? 'ingressClassName' : 'storageClassName'
  ];

describe('DefaultStorageClass admission', () => {
  it('stores a claim without a class with the default class', () => {
    const cluster = new Cluster();
    cluster.apply(claim('data'));
    expect(classOf(cluster, 'PersistentVolumeClaim', 'data')).toBe('standard');
  });

  it("leaves a claim's explicit class alone, the empty class included", () => {
    const cluster = new Cluster();
    cluster.apply([
      claim('fast', { storageClassName: 'fast' }),
      claim('static', { storageClassName: '' }),
    ]);
    expect(classOf(cluster, 'PersistentVolumeClaim', 'fast')).toBe('fast');
    expect(classOf(cluster, 'PersistentVolumeClaim', 'static')).toBe('');
  });

  it('runs before ResourceQuota, so that a per-class storage quota charges the classless claim', () => {
    const cluster = new Cluster();
    cluster.apply({
      apiVersion: 'v1',
      kind: 'ResourceQuota',
      metadata: { name: 'storage' },
      spec: { hard: { 'standard.storageclass.storage.k8s.io/requests.storage': '1Gi' } },
    });
    cluster.apply(claim('first'));
    expect(() => cluster.apply(claim('second'))).toThrow(
      /persistentvolumeclaims "second" is forbidden: exceeded quota: storage, requested: standard\.storageclass\.storage\.k8s\.io\/requests\.storage=1Gi/,
    );
  });
});

describe('DefaultIngressClass admission', () => {
  it('stores an Ingress without a class with the default class', () => {
    const cluster = new Cluster();
    cluster.apply(ingress('web'));
    expect(classOf(cluster, 'Ingress', 'web')).toBe('nginx');
  });

  it('leaves an Ingress that names a class, by field or legacy annotation, alone', () => {
    const cluster = new Cluster();
    cluster.apply([
      ingress('named', { className: 'traefik' }),
      ingress('legacy', { legacy: 'traefik' }),
    ]);
    expect(classOf(cluster, 'Ingress', 'named')).toBe('traefik');
    expect(classOf(cluster, 'Ingress', 'legacy')).toBeUndefined();
  });
});
