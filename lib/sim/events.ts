/**
 * @module
 * The event recorder: core/v1 Events in the store, aggregated as client-go's EventCorrelator
 * does (tools/record/events_cache.go): a repeat of the same source, object, type, reason and
 * message bumps `count` and `lastTimestamp` instead of making a new Event. The source is the
 * reporting component and, for node agents (the kubelet), the node it runs on (`source.host`).
 */
import type { KubeEvent } from './api';
import { EPOCH_MS } from './clock';
import type { Clock, EventRecorder, Store } from './framework';
import type { KubeObject } from './types';

/** How many distinct events the correlator remembers (events_cache.go `maxLruCacheEntries`). */
export const MAX_REMEMBERED_EVENTS = 4096;

/** Records Events into the store. */
export class StoreEventRecorder implements EventRecorder {
  readonly #store: Store;
  readonly #clock: Clock;
  readonly #seen = new Map<string, { name: string; namespace: string }>();
  /**
   * Walks `#seen` in insertion order, so that the least recently recorded key is its next
   * value: a fresh `keys()` per eviction would first skip every key deleted at the front
   * (thousands once events stream in), which made each new event cost microseconds.
   */
  #oldest: Iterator<string> = this.#seen.keys();
  #sequence = 0;
  /**
   * The last instant an event was named at, and its milliseconds in hex: number-to-hex is
   * slow, and events come in bursts at one instant.
   */
  #namedAt = NaN;
  #namedMillis = '';

  constructor(store: Store, clock: Clock) {
    this.#store = store;
    this.#clock = clock;
  }

  #millisHex(now: number): string {
    if (now !== this.#namedAt) {
      this.#namedAt = now;
      this.#namedMillis = (EPOCH_MS + Math.floor(now * 1000)).toString(16);
    }
    return this.#namedMillis;
  }

  event(
    involved: KubeObject,
    type: 'Normal' | 'Warning',
    reason: string,
    message: string,
    component: string,
    host?: string,
  ): void {
    const meta = involved.metadata;
    // events about cluster-scoped objects (Nodes) live in `default`, as the recorder puts them
    const namespace = meta.namespace || 'default';
    // events_cache.go getEventKey: the source (component and host) is part of the identity
    const key = `${component}\u0000${host ?? ''}\u0000${involved.kind}\u0000${namespace}\u0000${meta.name}\u0000${meta.uid ?? ''}\u0000${type}\u0000${reason}\u0000${message}`;
    const now = this.#clock.timestamp();
    const seen = this.#seen.get(key);
    const existing = seen && this.#store.get<KubeEvent>('Event', seen.name, seen.namespace);
    if (existing) {
      this.#store.update({ ...existing, count: existing.count + 1, lastTimestamp: now });
      // keep it fresh in the LRU order
      this.#seen.delete(key);
      this.#seen.set(key, seen);
      return;
    }
    // record.go names events `<object>.<unix nanos in hex>` (16 hex digits); here the
    // milliseconds in hex then a (5+ digit) sequence, which keeps them unique without BigInt
    const millis = this.#millisHex(this.#clock.now());
    const suffix = millis + (this.#sequence++).toString(16).padStart(5, '0');
    const involvedObject = {
      apiVersion: involved.apiVersion,
      kind: involved.kind,
      name: meta.name,
      ...(meta.namespace ? { namespace: meta.namespace } : {}),
      ...(meta.uid ? { uid: meta.uid } : {}),
    };
    const event: KubeEvent = {
      apiVersion: 'v1',
      kind: 'Event',
      metadata: { name: `${meta.name}.${suffix}`, namespace },
      involvedObject,
      reason,
      message,
      type,
      count: 1,
      firstTimestamp: now,
      lastTimestamp: now,
      // kubectl describe's "From" column: `kubelet, node-1` for a kubelet's event
      source: host ? { component, host } : { component },
      reportingComponent: component,
      ...(host ? { reportingInstance: host } : {}),
    };
    const created = this.#store.create(event);
    this.#seen.set(key, { name: created.metadata.name, namespace });
    if (this.#seen.size > MAX_REMEMBERED_EVENTS) {
      // least recently recorded first: Map iteration follows insertion order
      let oldest = this.#oldest.next();
      if (oldest.done) oldest = (this.#oldest = this.#seen.keys()).next();
      if (!oldest.done) this.#seen.delete(oldest.value);
    }
  }
}
