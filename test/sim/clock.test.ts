import { rfc3339, VirtualClock } from '../../lib/sim/clock';

describe('VirtualClock', () => {
  test('runs callbacks in (time, insertion) order', () => {
    // GIVEN callbacks scheduled out of order, two at the same instant
    const clock = new VirtualClock();
    const seen: string[] = [];
    clock.after(5, () => seen.push('b@5'));
    clock.after(1, () => seen.push('a@1'));
    clock.after(5, () => seen.push('c@5'));
    clock.after(0, () => seen.push('now'));
    // WHEN everything runs
    while (clock.step());
    // THEN time order, ties in insertion order
    expect(seen).toEqual(['now', 'a@1', 'b@5', 'c@5']);
    expect(clock.now()).toBe(5);
  });

  test('keeps order across many interleaved callbacks (heap property)', () => {
    const clock = new VirtualClock();
    const times: number[] = [];
    for (let i = 0; i < 500; i++) {
      const t = (i * 7919) % 101;
      clock.after(t, () => times.push(clock.now()));
    }
    while (clock.step());
    expect(times).toEqual([...times].sort((a, b) => a - b));
    expect(times).toHaveLength(500);
  });

  test('a cancelled callback never runs and does not count as pending work', () => {
    const clock = new VirtualClock();
    const fn = jest.fn();
    const cancel = clock.after(3, fn);
    expect(clock.pendingForeground).toBe(1);
    cancel();
    expect(clock.pendingForeground).toBe(0);
    expect(clock.step()).toBe(false);
    expect(fn).not.toHaveBeenCalled();
  });

  test('background callbacks are not foreground work', () => {
    const clock = new VirtualClock();
    clock.after(10, () => undefined, { background: true });
    expect(clock.pendingForeground).toBe(0);
    expect(clock.peek()).toBe(10);
  });

  test('runUntil runs what is due and moves time to the target', () => {
    const clock = new VirtualClock();
    const fn = jest.fn();
    clock.after(2, fn);
    clock.after(20, fn);
    clock.runUntil(10);
    expect(fn).toHaveBeenCalledTimes(1);
    expect(clock.now()).toBe(10);
  });

  test('callbacks scheduled from callbacks run at their own time', () => {
    const clock = new VirtualClock();
    const seen: number[] = [];
    clock.after(1, () => clock.after(1, () => seen.push(clock.now())));
    clock.after(3, () => seen.push(clock.now()));
    while (clock.step());
    expect(seen).toEqual([2, 3]);
  });

  test('timestamps are RFC 3339 on a fixed epoch, whole seconds', () => {
    expect(rfc3339(0)).toBe('2024-01-01T00:00:00Z');
    expect(rfc3339(61.7)).toBe('2024-01-01T00:01:01Z');
    const clock = new VirtualClock();
    clock.runUntil(3600);
    expect(clock.timestamp()).toBe('2024-01-01T01:00:00Z');
  });
});
