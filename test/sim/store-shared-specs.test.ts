import { Cluster } from '../../lib/sim';
import type { SimContext } from '../../lib/sim/framework';
import { defaultControllers } from '../../lib/sim/preset';
import { sameJsonText } from '../../lib/sim/deep-equal';
import { newHarness } from '../../lib/sim/testing-harness';
import type { KubeObject } from '../../lib/sim/types';
import { deployment } from './fixtures/workloads';

describe('sameJsonText', () => {
  it.each([
    // a, b, same JSON text?
    [{ a: 1, b: [1, { c: 'x' }] }, { a: 1, b: [1, { c: 'x' }] }, true],
    [{ a: 1, b: 2 }, { b: 2, a: 1 }, false], // key order shows in the JSON
    [{ a: 1 }, { a: 1, b: 2 }, false],
    [{ a: 1, b: 2 }, { a: 1 }, false],
    [[1, 2], [1, 2, 3], false],
    [[1], { 0: 1 }, false],
    [{ a: null }, { a: {} }, false],
    ['x', 'x', true],
    [{ a: [] }, { a: [] }, true],
  ])('%j vs %j → %s', (a, b, same) => {
    expect(sameJsonText(a, b)).toBe(same);
  });
});

function ownedPod(name: string, ownerUid: string, image: string): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name,
      ownerReferences: [
        { apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'rs', uid: ownerUid, controller: true },
      ],
    },
    spec: { containers: [{ name: 'web', image }] },
  };
}

describe('SimStore pod spec sharing', () => {
  it('stores the pods of one controller with one spec object when their admitted specs print the same', () => {
    const h = newHarness();
    const a = h.store.create(ownedPod('a', 'owner-1', 'nginx:1'));
    const b = h.store.create(ownedPod('b', 'owner-1', 'nginx:1'));
    const other = h.store.create(ownedPod('c', 'owner-1', 'nginx:2'));
    const elsewhere = h.store.create(ownedPod('d', 'owner-2', 'nginx:1'));
    expect(b.spec).toBe(a.spec);
    expect(other.spec).not.toBe(a.spec);
    expect(other.spec).toEqual(
      expect.objectContaining({ containers: [expect.objectContaining({ image: 'nginx:2' })] }),
    );
    expect(elsewhere.spec).not.toBe(a.spec);
    expect(elsewhere.spec).toEqual(a.spec);
    // the shared spec is still the defaulted one every pod would have had
    expect(JSON.stringify(b.spec)).toBe(
      JSON.stringify(h.store.create(ownedPod('e', 'owner-3', 'nginx:1')).spec),
    );
  });

  it('keeps bare pods (no controller) on their own spec', () => {
    const h = newHarness();
    const bare = (name: string): KubeObject => ({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name },
      spec: { containers: [{ name: 'web', image: 'nginx:1' }] },
    });
    expect(h.store.create(bare('a')).spec).not.toBe(h.store.create(bare('b')).spec);
  });

  it('hands out independent copies of pods that share a spec', () => {
    const cluster = new Cluster({ nodes: 1, seed: 1 });
    cluster.apply([deployment('web', 2, { name: 'web', image: 'nginx:1.27' })]);
    cluster.converge();
    const [first, second] = cluster.list('Pod');
    (first.spec as { containers: { image: string }[] }).containers[0].image = 'changed';
    expect((second.spec as { containers: { image: string }[] }).containers[0].image).toBe(
      'nginx:1.27',
    );
    const again = cluster.get('Pod', first.metadata.name);
    expect((again?.spec as { containers: { image: string }[] }).containers[0].image).toBe(
      'nginx:1.27',
    );
  });
});

/** Freezes `value` and everything under it, so any later write to it throws (strict mode). */
function deepFreeze(value: unknown): void {
  if (typeof value !== 'object' || value === null || Object.isFrozen(value)) return;
  Object.freeze(value);
  for (const item of Object.values(value)) deepFreeze(item);
}

function limitedPod(name: string, ownerUid: string): KubeObject {
  const pod = ownedPod(name, ownerUid, 'nginx:1');
  (pod.spec as { containers: Record<string, unknown>[] }).containers[0].resources = {
    limits: { cpu: '100m', memory: '64Mi' },
  };
  return pod;
}

describe('writers of a pod that shares its spec', () => {
  it('bind, update, status update and delete leave the shared spec object untouched', () => {
    const h = newHarness();
    const a = h.store.create(limitedPod('a', 'owner-1'));
    const b = h.store.create(limitedPod('b', 'owner-1'));
    expect(b.spec).toBe(a.spec);
    const printed = JSON.stringify(a.spec);
    deepFreeze(a.spec);
    // a metadata-only update carries the stored spec object through admission (defaulting)
    h.store.update({ ...a, metadata: { ...a.metadata, labels: { extra: 'x' } } });
    h.store.updateStatus({ ...a, status: { phase: 'Running' } });
    const node = h.store.list('Node')[0].metadata.name;
    h.store.create({
      apiVersion: 'v1',
      kind: 'Binding',
      metadata: { name: 'a', namespace: 'default' },
      target: { kind: 'Node', name: node },
    } as KubeObject);
    expect((h.store.get('Pod', 'a', 'default')?.spec as { nodeName?: string }).nodeName).toBe(node);
    h.store.delete('Pod', 'a', 'default');
    expect(JSON.stringify(b.spec)).toBe(printed);
    expect(h.store.get('Pod', 'b', 'default')?.spec).toBe(a.spec);
  });

  it('no component writes into a stored pod spec through a rollout, scale-down and node loss', () => {
    const freezer = {
      name: 'spec-freezer',
      start(ctx: SimContext) {
        ctx.store.watch('Pod', (event) => deepFreeze(event.object.spec));
      },
    };
    const cluster = new Cluster({
      nodes: 2,
      seed: 1,
      controllers: [freezer, ...defaultControllers()],
    });
    const container = {
      name: 'web',
      image: 'nginx:1.27',
      resources: { limits: { cpu: '100m', memory: '64Mi' } },
    };
    cluster.apply([deployment('web', 4, container)]);
    cluster.converge();
    cluster.apply([deployment('web', 2, { ...container, image: 'nginx:1.28' })]);
    cluster.converge();
    cluster.failNode(cluster.list('Node')[0].metadata.name);
    cluster.converge();
    expect(cluster.problems().filter((p) => p.kind === 'Simulator')).toEqual([]);
    const images = cluster
      .list('Pod')
      .filter((p) => p.metadata.deletionTimestamp === undefined)
      .map((p) => (p.spec as { containers: { image: string }[] }).containers[0].image);
    expect(images).toEqual(['nginx:1.28', 'nginx:1.28']);
  });
});
