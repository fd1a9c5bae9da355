import { Cluster } from '../../lib/sim/cluster';

describe('namespaces', () => {
  test('default, kube-system, kube-public and kube-node-lease exist and are Active, labelled with their name', () => {
    const cluster = new Cluster();
    expect(cluster.list('Namespace').map((n) => n.metadata.name)).toEqual([
      'default',
      'kube-node-lease',
      'kube-public',
      'kube-system',
    ]);
    for (const ns of cluster.list('Namespace')) {
      expect(ns.status).toEqual({ phase: 'Active' });
      expect(ns.metadata.labels).toEqual({ 'kubernetes.io/metadata.name': ns.metadata.name });
    }
  });

  test('a new namespace is Active at once', () => {
    const cluster = new Cluster();
    cluster.apply({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'shop' } });
    expect(cluster.get('Namespace', 'shop')?.status).toEqual({ phase: 'Active' });
  });

  test('deleting a namespace deletes its workloads, waits for their pods, then goes', () => {
    // GIVEN a Deployment running in namespace shop
    const cluster = new Cluster();
    cluster.apply(`apiVersion: v1
kind: Namespace
metadata:
  name: shop
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: shop
spec:
  replicas: 2
  selector: { matchLabels: { app: web } }
  template:
    metadata: { labels: { app: web } }
    spec: { containers: [{ name: web, image: 'nginx:1.27' }] }
`);
    cluster.converge();
    expect(cluster.list('Pod', 'shop')).toHaveLength(2);
    // WHEN the namespace is deleted
    cluster.delete('Namespace', 'shop');
    expect(cluster.get('Namespace', 'shop')?.status).toEqual({ phase: 'Terminating' });
    cluster.converge();
    // THEN everything in it is gone, and so is the namespace
    expect(cluster.list('Pod', 'shop')).toEqual([]);
    expect(cluster.list('Deployment', 'shop')).toEqual([]);
    expect(cluster.get('Namespace', 'shop')).toBeUndefined();
  });

  test('fails to create in a terminating namespace, with the API server message', () => {
    const cluster = new Cluster();
    cluster.apply([
      { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'shop' } },
      {
        apiVersion: 'v1',
        kind: 'ConfigMap',
        metadata: { name: 'a', namespace: 'shop', finalizers: ['example.com/hold'] },
      },
    ]);
    cluster.delete('Namespace', 'shop');
    cluster.advance(1);
    expect(() =>
      cluster.apply(
        { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'b', namespace: 'shop' } },
        'b.yaml',
      ),
    ).toThrow(
      /^b\.yaml: document 1: configmaps "b" is forbidden: unable to create new content in namespace shop because it is being terminated$/,
    );
  });
});

test('fails to delete the default namespace, with the API server message', () => {
  expect(() => new Cluster().delete('Namespace', 'default')).toThrow(
    /^namespaces "default" is forbidden: this namespace may not be deleted$/,
  );
});
