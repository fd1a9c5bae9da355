import type { Pod } from '../../lib/sim/api';
import type { WatchEvent } from '../../lib/sim/framework';
import { ApiError } from '../../lib/sim/framework';
import { bindingFor } from '../../lib/sim/pod-binding';
import { newHarness } from '../../lib/sim/testing-harness';
import type { KubeObject } from '../../lib/sim/types';

function pod(name: string): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name },
    spec: { containers: [{ name: 'c', image: 'nginx:1.27' }] },
  };
}

/** A harness with one stored pod `web`, and the Pod watch events from then on. */
function setup(): { h: ReturnType<typeof newHarness>; stored: Pod; events: WatchEvent[] } {
  const h = newHarness();
  h.run(30);
  const stored = h.store.create(pod('web')) as Pod;
  const events: WatchEvent[] = [];
  h.store.watch('Pod', (e) => events.push(e));
  return { h, stored, events };
}

function errorOf(fn: () => unknown): ApiError {
  try {
    fn();
  } catch (error) {
    if (error instanceof ApiError) return error;
    throw error;
  }
  throw new Error('expected an ApiError');
}

describe('pods/binding (BindingREST.Create)', () => {
  it('sets nodeName and PodScheduled=True in one write', () => {
    const { h, stored, events } = setup();
    h.store.create(bindingFor(stored, 'node-2'));
    expect(events).toHaveLength(1);
    const bound = events[0].object as Pod;
    expect(events[0].type).toBe('MODIFIED');
    expect(bound.spec?.nodeName).toBe('node-2');
    expect(bound.status?.conditions).toEqual([
      {
        type: 'PodScheduled',
        status: 'True',
        lastProbeTime: null,
        lastTransitionTime: '2024-01-01T00:00:30Z',
      },
    ]);
    expect(bound.status?.phase).toBe('Pending'); // the rest of the status is kept
    expect(Number(bound.metadata.resourceVersion)).toBe(
      Number(stored.metadata.resourceVersion) + 1,
    );
    expect(bound.metadata.generation).toBe((stored.metadata.generation ?? 0) + 1);
    expect(h.store.get('Pod', 'web')).toBe(bound);
    expect(h.store.list('Binding')).toEqual([]); // nothing stored for the binding itself
  });

  it('keeps the transition time of an earlier PodScheduled=True', () => {
    const { h, stored } = setup();
    const scheduledAt = '2024-01-01T00:00:01Z';
    const condition = { type: 'PodScheduled', status: 'True', lastTransitionTime: scheduledAt };
    h.store.updateStatus({ ...stored, status: { ...stored.status, conditions: [condition] } });
    h.store.create(bindingFor(stored, 'node-1'));
    const bound = h.store.get('Pod', 'web') as Pod;
    expect(bound.status?.conditions?.[0].lastTransitionTime).toBe(scheduledAt);
  });

  it.each([
    [
      'the pod is already bound',
      (h: ReturnType<typeof newHarness>, p: Pod) => h.store.create(bindingFor(p, 'node-1')),
      409,
      'Operation cannot be fulfilled on pods/binding "web": pod web is already assigned to node "node-1"',
    ],
    [
      'the pod is being deleted',
      (h: ReturnType<typeof newHarness>, p: Pod) =>
        h.store.update({ ...p, metadata: { ...p.metadata, finalizers: ['x'] } }) &&
        h.store.delete('Pod', 'web'),
      409,
      'Operation cannot be fulfilled on pods/binding "web": pod web is being deleted, cannot be assigned to a host',
    ],
  ])('fails with a Conflict when %s', (_case, before, code, message) => {
    const { h, stored, events } = setup();
    before(h, stored);
    const writes = events.length;
    const error = errorOf(() => h.store.create(bindingFor(stored, 'node-2')));
    expect(error.code).toBe(code);
    expect(error.message).toBe(message);
    expect(events).toHaveLength(writes);
  });

  it('fails with a Conflict when the UID precondition names another pod', () => {
    const { h, stored } = setup();
    const other = { ...stored, metadata: { ...stored.metadata, uid: 'someone-else' } };
    expect(errorOf(() => h.store.create(bindingFor(other, 'node-1'))).message).toMatch(
      /^Operation cannot be fulfilled on pods\/binding "web": Precondition failed: UID in precondition: someone-else/,
    );
  });

  it('fails with NotFound for a missing pod and Invalid without a target', () => {
    const { h, stored } = setup();
    const missing = { ...stored, metadata: { ...stored.metadata, name: 'gone', uid: undefined } };
    expect(errorOf(() => h.store.create(bindingFor(missing, 'node-1'))).message).toBe(
      'pods "gone" not found',
    );
    const noTarget = { ...bindingFor(stored, 'node-1'), target: { name: '' } };
    expect(errorOf(() => h.store.create(noTarget)).code).toBe(422);
  });
});
