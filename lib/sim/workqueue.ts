/**
 * @module
 * A rate-limited work queue on the virtual clock, after client-go's workqueue: keys are
 * deduplicated while waiting, a sync runs once per key per turn, failures are retried with
 * exponential back-off up to `maxRetries` (KC deployment_controller.go `handleErr`).
 */
import type { Clock } from './framework';

/** Tuning for a {@link WorkQueue}. */
export interface WorkQueueOptions {
  /** First retry delay in seconds. @default 0.005 (client-go's 5ms) */
  readonly baseDelay?: number;
  /** Longest retry delay in seconds. @default 1000 */
  readonly maxDelay?: number;
  /** Retries before a key is dropped (the sync's error is then the caller's to report). @default 15 */
  readonly maxRetries?: number;
  /** Called when a key is dropped after maxRetries. @default - ignored */
  readonly onDrop?: (key: string, error: unknown) => void;
}

/** Keys waiting for a sync, processed on the virtual clock. */
export class WorkQueue {
  readonly #clock: Clock;
  readonly #sync: (key: string) => void;
  readonly #options: WorkQueueOptions;
  readonly #pending = new Set<string>();
  readonly #failures = new Map<string, number>();

  constructor(clock: Clock, sync: (key: string) => void, options: WorkQueueOptions = {}) {
    this.#clock = clock;
    this.#sync = sync;
    this.#options = options;
  }

  /** Sync `key` soon (at the current virtual instant, after what is already queued). */
  add(key: string): void {
    if (this.#pending.has(key)) return;
    this.#pending.add(key);
    this.#clock.after(0, () => this.#process(key));
  }

  /** Sync `key` after `seconds` of virtual time (e.g. the minReadySeconds recheck). */
  addAfter(key: string, seconds: number): void {
    if (seconds <= 0) return this.add(key);
    this.#clock.after(seconds, () => this.add(key));
  }

  #process(key: string): void {
    this.#pending.delete(key);
    try {
      this.#sync(key);
      this.#failures.delete(key);
    } catch (error) {
      const failures = (this.#failures.get(key) ?? 0) + 1;
      const maxRetries = this.#options.maxRetries ?? 15;
      if (failures > maxRetries) {
        this.#failures.delete(key);
        this.#options.onDrop?.(key, error);
        return;
      }
      this.#failures.set(key, failures);
      const base = this.#options.baseDelay ?? 0.005;
      const delay = Math.min(base * 2 ** (failures - 1), this.#options.maxDelay ?? 1000);
      this.addAfter(key, delay);
    }
  }
}

/** `namespace/name`, the key controllers queue. */
export function keyOf(obj: { metadata: { name: string; namespace?: string } }): string {
  return `${obj.metadata.namespace ?? ''}/${obj.metadata.name}`;
}

/** Splits a key made by {@link keyOf}. */
export function splitKey(key: string): { namespace: string; name: string } {
  const slash = key.indexOf('/');
  return { namespace: key.slice(0, slash), name: key.slice(slash + 1) };
}
