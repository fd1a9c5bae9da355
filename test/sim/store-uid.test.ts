import { newHarness } from '../../lib/sim/testing-harness';
import type { KubeObject } from '../../lib/sim/types';

function configMap(name: string, data: Record<string, string> = {}): KubeObject {
  return { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name }, data };
}

describe('SimStore.byUid', () => {
  it('finds every stored object by its uid, as last written, until it is removed', () => {
    const h = newHarness();
    const a = h.store.create(configMap('a'));
    const b = h.store.create(configMap('b'));
    expect(a.metadata.uid).toMatch(/^5a1b0000-0000-4000-8000-[0-9a-f]{12}$/);
    expect(h.store.byUid(a.metadata.uid as string)).toBe(a);
    const updated = h.store.update(configMap('b', { k: 'v' }));
    expect(updated).not.toBe(b);
    expect(h.store.byUid(b.metadata.uid as string)).toBe(updated);
    h.store.delete('ConfigMap', 'a');
    expect(h.store.byUid(a.metadata.uid as string)).toBeUndefined();
    const again = h.store.create(configMap('a'));
    expect(again.metadata.uid).not.toBe(a.metadata.uid);
    expect(h.store.byUid(again.metadata.uid as string)).toBe(again);
  });

  it.each([
    ['a uid of another format', 'abc'],
    ['a uid with our prefix that was never handed out', '5a1b0000-0000-4000-8000-0000000fffff'],
    ['a malformed counter', '5a1b0000-0000-4000-8000-zzzzzzzzzzzz'],
    ['the empty string', ''],
  ])('answers undefined for %s', (_case, uid) => {
    const h = newHarness();
    h.store.create(configMap('a'));
    expect(h.store.byUid(uid)).toBeUndefined();
  });
});
