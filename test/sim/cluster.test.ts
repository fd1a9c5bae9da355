import type { Node, Pod, Service } from '../../lib/sim/api';
import { Cluster } from '../../lib/sim/cluster';
import { ManifestError } from '../../lib/sim/manifests';

const cm = (name: string, namespace?: string, data: Record<string, string> = {}) => ({
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: { name, ...(namespace ? { namespace } : {}) },
  data,
});

const web = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: 3
  selector:
    matchLabels: { app: web }
  template:
    metadata:
      labels: { app: web }
    spec:
      containers:
        - name: web
          image: nginx:1.27
`;

describe('Cluster', () => {
  test('starts like a fresh kind cluster: 3 Ready nodes of 4 CPU / 16Gi / 110 pods, system namespaces', () => {
    const cluster = new Cluster();
    const nodes = cluster.list<Node>('Node');
    expect(nodes.map((n) => n.metadata.name)).toEqual(['node-1', 'node-2', 'node-3']);
    expect(nodes[0].status?.allocatable).toMatchObject({ cpu: '4', memory: '16Gi', pods: '110' });
    expect(nodes[0].status?.conditions?.find((c) => c.type === 'Ready')?.status).toBe('True');
    expect(nodes[0].spec?.podCIDR).toBe('10.244.1.0/24');
    expect(nodes[0].metadata.labels).toMatchObject({
      'kubernetes.io/hostname': 'node-1',
      'kubernetes.io/os': 'linux',
    });
    for (const ns of ['default', 'kube-system']) {
      expect(cluster.get('Namespace', ns)?.status).toEqual({ phase: 'Active' });
    }
    expect(cluster.get<Service>('Service', 'kubernetes')?.spec?.clusterIP).toBe('10.96.0.1');
    expect(cluster.get('StorageClass', 'standard')).toBeDefined();
  });

  test('takes node count, sizes and NodeSpecs from options', () => {
    const sized = new Cluster({ nodes: 5, nodeCpu: '2', nodeMemory: '8Gi' });
    expect(sized.list('Node')).toHaveLength(5);
    expect(sized.get<Node>('Node', 'node-5')?.status?.capacity).toMatchObject({
      cpu: '2',
      memory: '8Gi',
    });
    const custom = new Cluster({
      nodes: [
        {
          name: 'db-node',
          labels: { disk: 'ssd' },
          taints: [{ key: 'dedicated', value: 'db', effect: 'NoSchedule' }],
        },
      ],
    });
    const node = custom.get<Node>('Node', 'db-node');
    expect(node?.metadata.labels?.disk).toBe('ssd');
    expect(node?.spec?.taints).toEqual([{ key: 'dedicated', value: 'db', effect: 'NoSchedule' }]);
  });

  test('apply says what it did, as kubectl apply does', () => {
    const cluster = new Cluster();
    expect(cluster.apply(cm('a'))).toEqual([
      { kind: 'ConfigMap', name: 'a', namespace: 'default', action: 'created' },
    ]);
    expect(cluster.apply(cm('a'))[0].action).toBe('unchanged');
    expect(cluster.apply(cm('a', undefined, { k: 'v' }))[0].action).toBe('configured');
    expect((cluster.get('ConfigMap', 'a') as { data?: unknown }).data).toEqual({ k: 'v' });
  });

  test('applies Namespaces first, whatever their place in the input', () => {
    const cluster = new Cluster();
    cluster.apply([
      cm('settings', 'shop'),
      { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'shop' } },
    ]);
    expect(cluster.get('ConfigMap', 'settings', 'shop')).toBeDefined();
  });

  test('fails to apply into a missing namespace, naming the source and document', () => {
    const cluster = new Cluster();
    const text = `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: b\n  namespace: shop\n`;
    expect(() => cluster.apply(text, 'app.yaml')).toThrow(
      /^app\.yaml: document 2: namespaces "shop" not found$/,
    );
    try {
      cluster.apply(text, 'app.yaml');
    } catch (e) {
      expect(ManifestError.is(e)).toBe(true);
    }
  });

  test('get and list return copies, and accept kubectl kind names', () => {
    const cluster = new Cluster();
    cluster.apply(web);
    const copy = cluster.get('deploy', 'web');
    expect(copy?.kind).toBe('Deployment');
    if (copy) copy.metadata.name = 'changed';
    expect(cluster.get('Deployment', 'web')?.metadata.name).toBe('web');
    expect(cluster.list('deployments')).toHaveLength(1);
    expect(cluster.get('Deployment', 'missing')).toBeUndefined();
  });

  test('fails to delete what does not exist, with the API server message', () => {
    expect(() => new Cluster().delete('Deployment', 'nope')).toThrow(
      /^deployments\.apps "nope" not found$/,
    );
  });

  test('deleting a Deployment removes its ReplicaSets and Pods', () => {
    const cluster = new Cluster();
    cluster.apply(web);
    cluster.converge();
    cluster.delete('Deployment', 'web');
    cluster.converge();
    expect(cluster.list('ReplicaSet')).toEqual([]);
    expect(cluster.list('Pod')).toEqual([]);
  });

  test('a deleted pod is replaced by its ReplicaSet', () => {
    const cluster = new Cluster();
    cluster.apply(web);
    cluster.converge();
    const [victim] = cluster.list<Pod>('Pod');
    cluster.deletePod(victim.metadata.name);
    expect(cluster.get('Pod', victim.metadata.name)?.metadata.deletionTimestamp).toBeDefined();
    const result = cluster.converge();
    expect(result.converged).toBe(true);
    const names = cluster.list<Pod>('Pod').map((p) => p.metadata.name);
    expect(names).toHaveLength(3);
    expect(names).not.toContain(victim.metadata.name);
  });

  test('a failed node goes NotReady and tainted after 40 s; 300 s later its pods are evicted and replaced elsewhere', () => {
    // GIVEN 3 pods spread over 3 nodes
    const cluster = new Cluster();
    cluster.apply(web);
    cluster.converge();
    const onNode1 = cluster.list<Pod>('Pod').filter((p) => p.spec?.nodeName === 'node-1');
    // WHEN node-1 fails and the node-monitor grace period passes
    cluster.failNode('node-1');
    cluster.advance(40);
    const node = cluster.get<Node>('Node', 'node-1');
    expect(node?.status?.conditions?.find((c) => c.type === 'Ready')?.status).toBe('Unknown');
    expect(node?.spec?.taints?.map((t) => `${t.key}:${t.effect}`)).toEqual([
      'node.kubernetes.io/unreachable:NoSchedule',
      'node.kubernetes.io/unreachable:NoExecute',
    ]);
    cluster.advance(301);
    cluster.converge();
    // THEN its pods are Terminating (their kubelet is down) and 3 others run elsewhere
    for (const pod of onNode1)
      expect(cluster.get('Pod', pod.metadata.name)?.metadata.deletionTimestamp).toBeDefined();
    const running = cluster.list<Pod>('Pod').filter((p) => !p.metadata.deletionTimestamp);
    expect(running).toHaveLength(3);
    for (const pod of running) expect(pod.spec?.nodeName).not.toBe('node-1');
    // WHEN it recovers, it is Ready and untainted again
    cluster.recoverNode('node-1');
    cluster.advance(0);
    expect(cluster.get<Node>('Node', 'node-1')?.spec?.taints).toBeUndefined();
    const nodeEvents = cluster
      .list('Event')
      .filter((e) => (e.involvedObject as { kind: string }).kind === 'Node')
      .map((e) => e.message);
    expect(nodeEvents).toEqual([
      'Node node-1 status is now: NodeNotReady',
      'Node node-1 status is now: NodeReady',
    ]);
  });

  test('objects() lists every object, without Events unless asked', () => {
    const cluster = new Cluster();
    cluster.apply(web);
    cluster.converge();
    const kinds = new Set(cluster.objects().map((o) => o.kind));
    expect([...kinds]).toEqual(
      expect.arrayContaining(['Namespace', 'Node', 'Deployment', 'ReplicaSet', 'Pod']),
    );
    expect(kinds.has('Event')).toBe(false);
    expect(cluster.objects({ events: true }).some((o) => o.kind === 'Event')).toBe(true);
  });
});

describe('Cluster.apply re-applying', () => {
  test('keeps annotations controllers added, drops ones the previous apply set and this one does not', () => {
    const cluster = new Cluster();
    const withNote = (note?: string) => ({
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'a', ...(note ? { annotations: { note } } : {}) },
    });
    cluster.apply(withNote('first'));
    cluster.converge();
    cluster.apply(web);
    cluster.converge();
    expect(cluster.get('Deployment', 'web')?.metadata.annotations).toMatchObject({
      'deployment.kubernetes.io/revision': '1',
    });
    cluster.apply(web);
    expect(cluster.get('Deployment', 'web')?.metadata.annotations).toMatchObject({
      'deployment.kubernetes.io/revision': '1',
    });
    cluster.apply(withNote());
    expect(cluster.get('ConfigMap', 'a')?.metadata.annotations).toBeUndefined();
  });
});

describe('node failure and pod readiness', () => {
  test('pods on a node that stops being Ready are marked not ready with it and leave the Service endpoints', () => {
    const cluster = new Cluster();
    cluster.apply(web);
    cluster.apply({
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 'web' },
      spec: { selector: { app: 'web' }, ports: [{ port: 80 }] },
    });
    cluster.converge();
    const onNode1 = cluster.list<Pod>('Pod').filter((p) => p.spec?.nodeName === 'node-1');
    expect(onNode1.length).toBeGreaterThan(0);
    cluster.failNode('node-1');
    cluster.advance(40);
    for (const pod of onNode1) {
      const live = cluster.get<Pod>('Pod', pod.metadata.name);
      expect(live?.status?.conditions?.find((c) => c.type === 'Ready')?.status).toBe('False');
    }
    const endpoints = cluster.get('Endpoints', 'web') as {
      subsets?: { addresses?: { nodeName?: string }[] }[];
    };
    const readyNodes = (endpoints.subsets ?? [])
      .flatMap((s) => s.addresses ?? [])
      .map((a) => a.nodeName);
    expect(readyNodes).not.toContain('node-1');
  });
});
