/**
 * @module
 * The scheduling queue on the virtual clock, after kubernetes
 * pkg/scheduler/backend/queue/scheduling_queue.go (PriorityQueue): an active queue ordered by
 * priority then arrival (PrioritySort), a back-off per pod (1 s doubling to 10 s), and the
 * unschedulable pods, parked until a cluster event moves them back (MoveAllToActiveOrBackoffQueue)
 * or until they have waited 5 minutes (flushUnschedulablePodsLeftover, checked every 30 s).
 * A move request that arrives while a pod is being scheduled sends that pod to back-off rather
 * than to the unschedulable pods (moveRequestCycle), so the event is not lost.
 */
import type { Clock } from '../framework';

/** DefaultPodInitialBackoffDuration, seconds. */
export const INITIAL_BACKOFF_SECONDS = 1;
/** DefaultPodMaxBackoffDuration, seconds. */
export const MAX_BACKOFF_SECONDS = 10;
/** DefaultPodMaxInUnschedulablePodsDuration, seconds. */
export const MAX_IN_UNSCHEDULABLE_SECONDS = 5 * 60;
/** Period of flushUnschedulablePodsLeftover, seconds. */
export const FLUSH_UNSCHEDULABLE_PERIOD_SECONDS = 30;

/** A pod the queue tracks (QueuedPodInfo). */
export interface QueuedPod {
  readonly key: string;
  readonly namespace: string;
  readonly name: string;
  priority: number;
  /** Failed attempts so far (drives the back-off). */
  attempts: number;
  /** Virtual time of the last attempt. */
  lastAttempt: number;
  /** When it was parked as unschedulable. */
  parkedAt: number;
  /** The scheduling cycle it was popped in. */
  cycle: number;
  seq: number;
  backoffPending: boolean;
}

/** Back-off before the next attempt after `attempts` failures: 1, 2, 4, 8, 10, 10... seconds. */
export function backoffSeconds(attempts: number): number {
  if (attempts <= 0) return 0;
  return Math.min(INITIAL_BACKOFF_SECONDS * 2 ** (attempts - 1), MAX_BACKOFF_SECONDS);
}

/** Active, back-off and unschedulable pods. */
export class SchedulingQueue {
  readonly #clock: Clock;
  readonly #onActive: () => void;
  readonly #known = new Map<string, QueuedPod>();
  readonly #active: QueuedPod[] = []; // binary heap
  readonly #inActive = new Set<string>();
  readonly #unschedulable = new Map<string, QueuedPod>();
  #seq = 0;
  #cycle = 0;
  #moveRequestCycle = -1;

  /** `onActive` is called whenever a pod becomes active (the scheduler then drains the queue). */
  constructor(clock: Clock, onActive: () => void) {
    this.#clock = clock;
    this.#onActive = onActive;
  }

  /** Number of pods waiting in any sub-queue. */
  get size(): number {
    return this.#known.size;
  }

  /** True when the key is tracked. */
  has(key: string): boolean {
    return this.#known.has(key);
  }

  /** A new unscheduled pod, or an update to one: (re)activate it at once. */
  add(key: string, priority: number, namespace: string, name: string): void {
    let q = this.#known.get(key);
    if (!q) {
      q = {
        key,
        namespace,
        name,
        priority,
        attempts: 0,
        lastAttempt: 0,
        parkedAt: 0,
        cycle: 0,
        seq: 0,
        backoffPending: false,
      };
      this.#known.set(key, q);
    }
    q.priority = priority;
    this.#unschedulable.delete(key);
    this.#activate(q);
  }

  /** Forgets a pod (deleted, bound, or no longer ours). */
  delete(key: string): void {
    this.#known.delete(key);
    this.#unschedulable.delete(key);
    // Heap entries of forgotten keys are skipped by pop().
    this.#inActive.delete(key);
  }

  /** The next pod to schedule, highest priority first; starts a scheduling cycle. */
  pop(): QueuedPod | undefined {
    while (this.#active.length > 0) {
      const q = this.#heapPop();
      if (!this.#inActive.has(q.key) || this.#known.get(q.key) !== q) continue;
      this.#inActive.delete(q.key);
      q.cycle = ++this.#cycle;
      q.lastAttempt = this.#clock.now();
      return q;
    }
    return undefined;
  }

  /** Parks a pod that fit nowhere (AddUnschedulableIfNotPresent). */
  addUnschedulable(q: QueuedPod): void {
    if (this.#known.get(q.key) !== q) return; // deleted meanwhile
    q.attempts++;
    if (this.#moveRequestCycle >= q.cycle) {
      this.#backoff(q);
      return;
    }
    q.parkedAt = this.#clock.now();
    this.#unschedulable.set(q.key, q);
  }

  /** Retries a pod later after an error (binding failed), with back-off. */
  retryLater(q: QueuedPod): void {
    if (this.#known.get(q.key) !== q) return;
    q.attempts++;
    this.#backoff(q);
  }

  /** A cluster event may have made parked pods schedulable (MoveAllToActiveOrBackoffQueue). */
  moveAllToActiveOrBackoff(): void {
    this.#moveRequestCycle = this.#cycle;
    if (this.#unschedulable.size === 0) return;
    const parked = [...this.#unschedulable.values()];
    this.#unschedulable.clear();
    for (const q of parked) this.#backoff(q);
  }

  /** Moves pods parked for more than 5 minutes (flushUnschedulablePodsLeftover). */
  flushUnschedulableLeftover(): void {
    const now = this.#clock.now();
    for (const q of [...this.#unschedulable.values()]) {
      if (now - q.parkedAt <= MAX_IN_UNSCHEDULABLE_SECONDS) continue;
      this.#unschedulable.delete(q.key);
      this.#backoff(q);
    }
  }

  #backoff(q: QueuedPod): void {
    const wait = q.lastAttempt + backoffSeconds(q.attempts) - this.#clock.now();
    if (wait <= 0) return this.#activate(q);
    if (q.backoffPending) return;
    q.backoffPending = true;
    this.#clock.after(wait, () => {
      q.backoffPending = false;
      if (this.#known.get(q.key) === q && !this.#unschedulable.has(q.key)) this.#activate(q);
    });
  }

  #activate(q: QueuedPod): void {
    if (this.#inActive.has(q.key)) return;
    q.seq = ++this.#seq;
    this.#inActive.add(q.key);
    this.#heapPush(q);
    this.#onActive();
  }

  static #before(a: QueuedPod, b: QueuedPod): boolean {
    return a.priority !== b.priority ? a.priority > b.priority : a.seq < b.seq;
  }

  #heapPush(q: QueuedPod): void {
    const h = this.#active;
    h.push(q);
    let i = h.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!SchedulingQueue.#before(h[i], h[parent])) break;
      [h[i], h[parent]] = [h[parent], h[i]];
      i = parent;
    }
  }

  #heapPop(): QueuedPod {
    const h = this.#active;
    const top = h[0];
    const last = h.pop() as QueuedPod;
    if (h.length > 0) {
      h[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < h.length && SchedulingQueue.#before(h[l], h[m])) m = l;
        if (r < h.length && SchedulingQueue.#before(h[r], h[m])) m = r;
        if (m === i) break;
        [h[i], h[m]] = [h[m], h[i]];
        i = m;
      }
    }
    return top;
  }
}
