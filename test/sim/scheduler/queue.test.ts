import { backoffSeconds, SchedulingQueue } from '../../../lib/sim/scheduler/queue';
import { newHarness } from '../../../lib/sim/testing-harness';

describe('backoffSeconds (DefaultPodInitialBackoffDuration 1 s, max 10 s)', () => {
  it.each([
    [0, 0],
    [1, 1],
    [2, 2],
    [3, 4],
    [4, 8],
    [5, 10],
    [9, 10],
  ])('%i failed attempts → %i s', (attempts, seconds) => {
    expect(backoffSeconds(attempts)).toBe(seconds);
  });
});

describe('SchedulingQueue', () => {
  test('pops higher priority first, then in arrival order', () => {
    const h = newHarness({ nodes: 0 });
    const q = new SchedulingQueue(h.clock, () => undefined);
    q.add('a', 0, 'default', 'a');
    q.add('b', 100, 'default', 'b');
    q.add('c', 0, 'default', 'c');
    expect([q.pop()?.key, q.pop()?.key, q.pop()?.key, q.pop()]).toEqual(['b', 'a', 'c', undefined]);
  });

  test('parks an unschedulable pod until a move request, then backs off before retrying', () => {
    const h = newHarness({ nodes: 0 });
    let activations = 0;
    const q = new SchedulingQueue(h.clock, () => activations++);
    q.add('a', 0, 'default', 'a');
    const popped = q.pop()!;
    q.addUnschedulable(popped);
    expect(q.pop()).toBeUndefined();
    h.run(0.5);
    q.moveAllToActiveOrBackoff();
    expect(q.pop()).toBeUndefined(); // still within the 1 s back-off
    h.run(1);
    expect(q.pop()?.key).toBe('a');
    expect(activations).toBe(2);
  });

  test('a move request during the attempt sends the failed pod to back-off, not to the parked pods', () => {
    const h = newHarness({ nodes: 0 });
    const q = new SchedulingQueue(h.clock, () => undefined);
    q.add('a', 0, 'default', 'a');
    const popped = q.pop()!;
    q.moveAllToActiveOrBackoff(); // e.g. a node was added while scheduling
    q.addUnschedulable(popped);
    h.run(2);
    expect(q.pop()?.key).toBe('a');
  });

  test('forgets deleted pods', () => {
    const h = newHarness({ nodes: 0 });
    const q = new SchedulingQueue(h.clock, () => undefined);
    q.add('a', 0, 'default', 'a');
    q.delete('a');
    expect(q.pop()).toBeUndefined();
    expect(q.size).toBe(0);
  });
});
