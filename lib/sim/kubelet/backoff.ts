/**
 * @module
 * The kubelet's back-off bookkeeping on virtual time, after client-go's
 * `k8s.io/client-go/util/flowcontrol/backoff.go` (used by pkg/kubelet/kubelet.go for container
 * restarts and by pkg/kubelet/images/image_manager.go for image pulls, both created with
 * `NewBackOff(10s, MaxContainerBackOff=300s)`): each key doubles from 10 s up to 300 s, and an
 * entry not updated for twice the maximum (10 minutes) starts over.
 */

/** First back-off (kubelet.go `backOffPeriod`). */
export const INITIAL_BACKOFF_SECONDS = 10;
/** Longest back-off (kubelet.go `MaxContainerBackOff`). */
export const MAX_BACKOFF_SECONDS = 300;

interface Entry {
  backoff: number;
  lastUpdate: number;
}

/** Per-key exponential back-off; times are virtual seconds passed in by the caller. */
export class Backoff {
  readonly #initial: number;
  readonly #max: number;
  readonly #entries = new Map<string, Entry>();

  constructor(initial = INITIAL_BACKOFF_SECONDS, max = MAX_BACKOFF_SECONDS) {
    this.#initial = initial;
    this.#max = max;
  }

  /** The current back-off of `key` in seconds, 0 when it has none. */
  get(key: string): number {
    return this.#entries.get(key)?.backoff ?? 0;
  }

  /** Records a failure at `eventTime`: the first (or first after 10 idle minutes) is 10 s, then doubles to the cap. */
  next(key: string, eventTime: number): void {
    const entry = this.#entries.get(key);
    if (!entry || this.#hasExpired(eventTime, entry.lastUpdate)) {
      this.#entries.set(key, { backoff: this.#initial, lastUpdate: eventTime });
      return;
    }
    entry.backoff = Math.min(entry.backoff * 2, this.#max);
    entry.lastUpdate = eventTime;
  }

  /** True while `now` is within the back-off that started at `eventTime` (container restarts). */
  isInBackOffSince(key: string, eventTime: number, now: number): boolean {
    const entry = this.#entries.get(key);
    if (!entry || this.#hasExpired(now, entry.lastUpdate)) return false;
    return now - eventTime < entry.backoff;
  }

  /** True while `now` is within the back-off since the last failure (image pulls). */
  isInBackOffSinceUpdate(key: string, now: number): boolean {
    const entry = this.#entries.get(key);
    if (!entry || this.#hasExpired(now, entry.lastUpdate)) return false;
    return now - entry.lastUpdate < entry.backoff;
  }

  /** When the back-off since the last failure ends, or `now` when there is none. */
  retryAt(key: string, now: number): number {
    const entry = this.#entries.get(key);
    if (!entry || this.#hasExpired(now, entry.lastUpdate)) return now;
    return Math.max(now, entry.lastUpdate + entry.backoff);
  }

  /** Forgets `key` (the pod is gone). */
  delete(key: string): void {
    this.#entries.delete(key);
  }

  #hasExpired(eventTime: number, lastUpdate: number): boolean {
    return eventTime - lastUpdate > 2 * this.#max;
  }
}

/**
 * A duration as Go's `time.Duration.String()` prints whole seconds, which is how the kubelet
 * writes back-offs into messages: formatGoDuration(10) === '10s', formatGoDuration(80) ===
 * '1m20s', formatGoDuration(300) === '5m0s', formatGoDuration(3600) === '1h0m0s'.
 */
export function formatGoDuration(seconds: number): string {
  if (seconds < 60) return `${trimFloat(seconds)}s`;
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = trimFloat(seconds - h * 3600 - m * 60);
  return h > 0 ? `${h}h${m}m${s}s` : `${m}m${s}s`;
}

function trimFloat(n: number): string {
  return String(Math.round(n * 1000) / 1000);
}
