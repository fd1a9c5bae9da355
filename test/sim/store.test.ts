import { NamespaceController } from '../../lib/sim/controllers/namespace';
import type { WatchEvent } from '../../lib/sim/framework';
import { ApiError } from '../../lib/sim/framework';
import { newHarness } from '../../lib/sim/testing-harness';
import type { KubeObject } from '../../lib/sim/types';

function deployment(name: string, replicas = 1): KubeObject {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, labels: { app: name } },
    spec: {
      replicas,
      selector: { matchLabels: { app: name } },
      template: {
        metadata: { labels: { app: name } },
        spec: { containers: [{ name: 'c', image: 'nginx:1.27' }] },
      },
    },
  };
}

function pod(
  name: string,
  extra: { nodeName?: string; labels?: Record<string, string>; owner?: KubeObject } = {},
): KubeObject {
  const owner = extra.owner;
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name,
      labels: extra.labels ?? { app: 'web' },
      ...(owner
        ? {
            ownerReferences: [
              {
                apiVersion: owner.apiVersion,
                kind: owner.kind,
                name: owner.metadata.name,
                uid: owner.metadata.uid ?? '',
                controller: true,
              },
            ],
          }
        : {}),
    },
    spec: {
      containers: [{ name: 'c', image: 'nginx:1.27' }],
      ...(extra.nodeName ? { nodeName: extra.nodeName } : {}),
    },
  };
}

describe('SimStore', () => {
  test('create sets uid, resourceVersion, generation 1, creationTimestamp in virtual time and the default namespace', () => {
    const h = newHarness();
    h.run(90);
    const created = h.store.create(deployment('web'));
    expect(created.metadata).toMatchObject({
      namespace: 'default',
      generation: 1,
      creationTimestamp: '2024-01-01T00:01:30Z',
    });
    expect(created.metadata.uid).toMatch(/^[0-9a-f-]{36}$/);
    expect(Number(created.metadata.resourceVersion)).toBeGreaterThan(0);
  });

  test('every write increments resourceVersion', () => {
    const h = newHarness();
    const a = h.store.create(deployment('web'));
    const b = h.store.update({ ...a, spec: { ...(a.spec as object), replicas: 2 } });
    const c = h.store.updateStatus({ ...b, status: { replicas: 2 } });
    expect(Number(b.metadata.resourceVersion)).toBeGreaterThan(Number(a.metadata.resourceVersion));
    expect(Number(c.metadata.resourceVersion)).toBeGreaterThan(Number(b.metadata.resourceVersion));
  });

  test('generation changes only when the spec changes', () => {
    const h = newHarness();
    const a = h.store.create(deployment('web'));
    const labelled = h.store.update({
      ...a,
      metadata: { ...a.metadata, labels: { app: 'web', team: 'x' } },
    });
    expect(labelled.metadata.generation).toBe(1);
    const withStatus = h.store.updateStatus({ ...labelled, status: { observedGeneration: 1 } });
    expect(withStatus.metadata.generation).toBe(1);
    const scaled = h.store.update({
      ...withStatus,
      spec: { ...(withStatus.spec as object), replicas: 5 },
    });
    expect(scaled.metadata.generation).toBe(2);
    expect(scaled.status).toEqual({ observedGeneration: 1 }); // update keeps status
  });

  test('an update that changes nothing is not a write', () => {
    const h = newHarness();
    const a = h.store.create(deployment('web'));
    const writes = h.store.writes;
    const same = h.store.update(structuredClone(a));
    expect(same.metadata.resourceVersion).toBe(a.metadata.resourceVersion);
    expect(h.store.writes).toBe(writes);
  });

  test('fails to create an object that already exists, with the API server message', () => {
    const h = newHarness();
    h.store.create(deployment('web'));
    expect(() => h.store.create(deployment('web'))).toThrow(
      /^deployments\.apps "web" already exists$/,
    );
    try {
      h.store.create(deployment('web'));
    } catch (e) {
      expect(e).toBeInstanceOf(ApiError);
      expect((e as ApiError).code).toBe(409);
    }
  });

  test('fails to create in a namespace that does not exist', () => {
    const h = newHarness();
    const d = deployment('web');
    d.metadata.namespace = 'shop';
    expect(() => h.store.create(d)).toThrow(/namespaces "shop" not found/);
  });

  test('fails to create an object with an invalid name', () => {
    const h = newHarness();
    expect(() => h.store.create(deployment('Web_App'))).toThrow(
      /Deployment\.apps "Web_App" is invalid: metadata\.name: Invalid value: "Web_App": a lowercase RFC 1123 subdomain/,
    );
  });

  test('generateName gets five random characters', () => {
    const h = newHarness();
    const p = pod('');
    p.metadata.generateName = 'web-';
    expect(h.store.create(p).metadata.name).toMatch(/^web-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
  });

  test('watchers get ADDED, MODIFIED (with the old object) and DELETED', () => {
    const h = newHarness();
    const events: WatchEvent[] = [];
    h.store.watch('Deployment', (e) => events.push(e));
    const a = h.store.create(deployment('web'));
    h.store.update({ ...a, spec: { ...(a.spec as object), replicas: 3 } });
    h.store.delete('Deployment', 'web');
    expect(events.map((e) => e.type)).toEqual(['ADDED', 'MODIFIED', 'DELETED']);
    expect((events[1].oldObject?.spec as { replicas: number }).replicas).toBe(1);
  });

  test('lists by kind and namespace in creation order, and selects by labels', () => {
    const h = newHarness();
    h.store.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'shop' } });
    h.store.create(pod('b', { labels: { app: 'web', tier: 'front' } }));
    h.store.create(pod('a', { labels: { app: 'api' } }));
    const other = pod('c', { labels: { app: 'web' } });
    other.metadata.namespace = 'shop';
    h.store.create(other);
    expect(h.store.list('Pod').map((p) => p.metadata.name)).toEqual(['b', 'a', 'c']);
    expect(h.store.list('Pod', 'default').map((p) => p.metadata.name)).toEqual(['b', 'a']);
    expect(h.store.select('Pod', 'default', { app: 'web' }).map((p) => p.metadata.name)).toEqual([
      'b',
    ]);
    expect(h.store.select('Pod', 'shop', { app: 'web' }).map((p) => p.metadata.name)).toEqual([
      'c',
    ]);
    expect(h.store.select('Pod', 'default', {})).toHaveLength(2);
  });

  test('the label index follows label changes', () => {
    const h = newHarness();
    const p = h.store.create(pod('a', { labels: { app: 'web' } }));
    h.store.update({ ...p, metadata: { ...p.metadata, labels: { app: 'api' } } });
    expect(h.store.select('Pod', 'default', { app: 'web' })).toHaveLength(0);
    expect(h.store.select('Pod', 'default', { app: 'api' })).toHaveLength(1);
  });

  test('indexes pods by node and objects by owner uid', () => {
    const h = newHarness();
    const owner = h.store.create(deployment('web'));
    const p = h.store.create(pod('a', { owner }));
    expect(h.store.ownedBy('Pod', owner.metadata.uid ?? '')).toHaveLength(1);
    expect(h.store.podsOnNode('node-1')).toHaveLength(0);
    h.store.update({ ...p, spec: { ...(p.spec as object), nodeName: 'node-1' } });
    expect(h.store.podsOnNode('node-1').map((x) => x.metadata.name)).toEqual(['a']);
  });

  test('deleting an owner deletes its dependents in the background (cascading delete)', () => {
    // GIVEN a Deployment owning a ReplicaSet owning an unscheduled Pod
    const h = newHarness();
    const d = h.store.create(deployment('web'));
    const rs = h.store.create({
      ...deployment('web-abc'),
      kind: 'ReplicaSet',
      metadata: {
        name: 'web-abc',
        ownerReferences: [
          {
            apiVersion: 'apps/v1',
            kind: 'Deployment',
            name: 'web',
            uid: d.metadata.uid ?? '',
            controller: true,
          },
        ],
      },
    });
    h.store.create(pod('web-abc-x', { owner: rs }));
    // WHEN the Deployment is deleted
    h.store.delete('Deployment', 'web');
    h.run();
    // THEN the ReplicaSet and the Pod are gone too
    expect(h.store.get('ReplicaSet', 'web-abc')).toBeUndefined();
    expect(h.store.get('Pod', 'web-abc-x')).toBeUndefined();
  });

  test('a dependent with another live owner only loses the dangling reference', () => {
    const h = newHarness();
    const a = h.store.create(deployment('a'));
    const b = h.store.create(deployment('b'));
    const p = pod('shared', { owner: a });
    p.metadata.ownerReferences?.push({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      name: 'b',
      uid: b.metadata.uid ?? '',
    });
    h.store.create(p);
    h.store.delete('Deployment', 'a');
    h.run();
    expect(h.store.get('Pod', 'shared')?.metadata.ownerReferences?.map((r) => r.name)).toEqual([
      'b',
    ]);
  });

  test('deleting a bound pod marks it Terminating with its grace period; grace 0 removes it', () => {
    // GIVEN a pod bound to a node
    const h = newHarness();
    h.store.create(pod('a', { nodeName: 'node-1' }));
    // WHEN it is deleted
    h.store.delete('Pod', 'a');
    // THEN it stays, with deletionTimestamp = now + terminationGracePeriodSeconds (30 by default)
    const marked = h.store.get('Pod', 'a');
    expect(marked?.metadata.deletionTimestamp).toBe('2024-01-01T00:00:30Z');
    expect(marked?.metadata.deletionGracePeriodSeconds).toBe(30);
    // WHEN the kubelet finalizes it
    h.store.delete('Pod', 'a', 'default', { gracePeriodSeconds: 0 });
    // THEN it is gone
    expect(h.store.get('Pod', 'a')).toBeUndefined();
  });

  test('an unscheduled pod is deleted at once', () => {
    const h = newHarness();
    h.store.create(pod('a'));
    h.store.delete('Pod', 'a');
    expect(h.store.get('Pod', 'a')).toBeUndefined();
  });

  test('finalizers hold an object until the last one is removed', () => {
    const h = newHarness();
    const cm = h.store.create({
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'c', finalizers: ['x/y'] },
      data: {},
    });
    h.store.delete('ConfigMap', 'c');
    const held = h.store.get('ConfigMap', 'c');
    expect(held?.metadata.deletionTimestamp).toBeDefined();
    h.store.update({ ...cm, metadata: { ...cm.metadata, finalizers: [] } });
    expect(h.store.get('ConfigMap', 'c')).toBeUndefined();
  });

  test('creating a pod sets phase Pending and the QoS class; status in the input is ignored', () => {
    const h = newHarness();
    const p = pod('a');
    p.status = { phase: 'Running' };
    expect(h.store.create(p).status).toEqual({ phase: 'Pending', qosClass: 'BestEffort' });
  });

  test('deleting a namespace deletes what is in it, then the namespace', () => {
    const h = newHarness();
    h.start(new NamespaceController());
    h.store.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'shop' } });
    const cm = {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'c', namespace: 'shop' },
      data: {},
    };
    h.store.create(cm);
    h.store.delete('Namespace', 'shop');
    expect(h.store.get('Namespace', 'shop')?.status).toEqual({ phase: 'Terminating' });
    expect(() => h.store.create({ ...cm, metadata: { name: 'd', namespace: 'shop' } })).toThrow(
      /being terminated/,
    );
    h.run();
    expect(h.store.get('ConfigMap', 'c', 'shop')).toBeUndefined();
    expect(h.store.get('Namespace', 'shop')).toBeUndefined();
  });

  test('Events are recorded and aggregated, and do not count as writes', () => {
    const h = newHarness();
    const p = h.store.create(pod('a'));
    const writes = h.store.writes;
    h.events.event(p, 'Warning', 'FailedScheduling', 'no nodes', 'default-scheduler');
    h.run(10);
    h.events.event(p, 'Warning', 'FailedScheduling', 'no nodes', 'default-scheduler');
    const events = h.store.list('Event');
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      reason: 'FailedScheduling',
      count: 2,
      firstTimestamp: '2024-01-01T00:00:00Z',
      lastTimestamp: '2024-01-01T00:00:10Z',
      involvedObject: { kind: 'Pod', name: 'a', namespace: 'default' },
    });
    expect(h.store.writes).toBe(writes);
  });
});
