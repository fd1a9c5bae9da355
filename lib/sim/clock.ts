/**
 * @module
 * The virtual clock: a binary min-heap of callbacks keyed by (time, insertion sequence), so
 * callbacks at the same instant run in the order they were scheduled. Nothing sleeps; the
 * cluster pops callbacks and jumps time forward to each one.
 */
import type { Clock, ScheduleOptions } from './framework';

/** The simulator's fixed epoch: virtual second 0 (timestamps are stable across runs). */
export const EPOCH_MS = Date.UTC(2024, 0, 1, 0, 0, 0);

interface Entry {
  readonly time: number;
  readonly seq: number;
  readonly fn: () => void;
  readonly background: boolean;
  cancelled: boolean;
}

let cachedSecond = NaN;
let cachedText = '';

/** RFC 3339 time (whole seconds, as metav1.Time serializes) of a virtual second. */
export function rfc3339(seconds: number): string {
  const whole = Math.floor(seconds);
  // thousands of writes share each virtual second: format it once
  if (whole !== cachedSecond) {
    cachedText = new Date(EPOCH_MS + whole * 1000).toISOString().replace('.000Z', 'Z');
    cachedSecond = whole;
  }
  return cachedText;
}

/** Virtual seconds of an RFC 3339 timestamp made by {@link rfc3339}. */
export function secondsOf(timestamp: string): number {
  return (Date.parse(timestamp) - EPOCH_MS) / 1000;
}

/** A deterministic event queue on virtual time. */
export class VirtualClock implements Clock {
  #now = 0;
  #seq = 0;
  #heap: Entry[] = [];
  #foreground = 0;

  /** Virtual seconds since the cluster started. */
  now(): number {
    return this.#now;
  }

  /** RFC 3339 timestamp for `seconds` (default now). */
  timestamp(seconds: number = this.#now): string {
    return rfc3339(seconds);
  }

  /** Run `fn` after `delaySeconds`; returns a function that cancels it. */
  after(delaySeconds: number, fn: () => void, options: ScheduleOptions = {}): () => void {
    const delay = Number.isFinite(delaySeconds) && delaySeconds > 0 ? delaySeconds : 0;
    const entry: Entry = {
      time: this.#now + delay,
      seq: this.#seq++,
      fn,
      background: options.background === true,
      cancelled: false,
    };
    if (!entry.background) this.#foreground++;
    this.#push(entry);
    return () => {
      if (entry.cancelled) return;
      entry.cancelled = true;
      if (!entry.background) this.#foreground--;
    };
  }

  /** Callbacks waiting that are not background housekeeping. */
  get pendingForeground(): number {
    return this.#foreground;
  }

  /** Time of the next callback, or undefined when none waits. */
  peek(): number | undefined {
    this.#dropCancelled();
    return this.#heap[0]?.time;
  }

  /** Runs the next callback (moving time to it); false when none waits. */
  step(): boolean {
    this.#dropCancelled();
    const entry = this.#pop();
    if (!entry) return false;
    if (!entry.background) this.#foreground--;
    entry.cancelled = true;
    this.#now = entry.time;
    entry.fn();
    return true;
  }

  /** Runs every callback due up to `time`, then sets the clock to `time`. */
  runUntil(time: number): void {
    for (let next = this.peek(); next !== undefined && next <= time; next = this.peek())
      this.step();
    if (time > this.#now) this.#now = time;
  }

  #dropCancelled(): void {
    while (this.#heap.length > 0 && this.#heap[0].cancelled) this.#pop();
  }

  #push(entry: Entry): void {
    const heap = this.#heap;
    heap.push(entry);
    let i = heap.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!before(entry, heap[parent])) break;
      heap[i] = heap[parent];
      i = parent;
    }
    heap[i] = entry;
  }

  #pop(): Entry | undefined {
    const heap = this.#heap;
    const top = heap[0];
    const last = heap.pop();
    if (heap.length === 0 || last === undefined) return top;
    let i = 0;
    const n = heap.length;
    for (;;) {
      const left = 2 * i + 1;
      if (left >= n) break;
      const right = left + 1;
      const child = right < n && before(heap[right], heap[left]) ? right : left;
      if (!before(heap[child], last)) break;
      heap[i] = heap[child];
      i = child;
    }
    heap[i] = last;
    return top;
  }
}

function before(a: Entry, b: Entry): boolean {
  return a.time < b.time || (a.time === b.time && a.seq < b.seq);
}
