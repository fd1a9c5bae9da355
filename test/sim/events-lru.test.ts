/**
 * The event recorder remembers at most MAX_REMEMBERED_EVENTS distinct events for aggregation
 * (client-go's LRU): the least recently recorded one is forgotten first, so its next repeat
 * makes a new Event, while a repeat of a remembered one bumps its count.
 */
import type { KubeEvent } from '../../lib/sim/api';
import { MAX_REMEMBERED_EVENTS } from '../../lib/sim/events';
import { newHarness } from '../../lib/sim/testing-harness';
import type { KubeObject } from '../../lib/sim/types';

const pod: KubeObject = {
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name: 'web', namespace: 'default', uid: 'u-1' },
};

function record(h: ReturnType<typeof newHarness>, message: string): void {
  h.events.event(pod, 'Normal', 'Note', message, 'tester');
}

function countsOf(h: ReturnType<typeof newHarness>, message: string): number[] {
  return h.store
    .list<KubeEvent>('Event')
    .filter((e) => e.message === message)
    .map((e) => e.count);
}

describe('StoreEventRecorder aggregation memory', () => {
  it('forgets the least recently recorded event first, twice over the whole memory', () => {
    const h = newHarness();
    record(h, 'first');
    record(h, 'second');
    for (let i = 0; i < MAX_REMEMBERED_EVENTS - 2; i++) record(h, `filler ${i}`);
    record(h, 'first'); // remembered: refreshed, now the most recent
    record(h, 'overflow 1'); // evicts 'second', the oldest
    record(h, 'second'); // forgotten: a new Event; evicts 'filler 0'
    record(h, 'first'); // still remembered
    expect(countsOf(h, 'first')).toEqual([3]);
    expect(countsOf(h, 'second')).toEqual([1, 1]);
    // a second round of evictions walks on from where the first stopped
    for (let i = 0; i < MAX_REMEMBERED_EVENTS; i++) record(h, `more ${i}`);
    record(h, 'first'); // evicted by now: a new Event
    record(h, `more ${MAX_REMEMBERED_EVENTS - 1}`); // the most recent: aggregated
    expect(countsOf(h, 'first')).toEqual([3, 1]);
    expect(countsOf(h, `more ${MAX_REMEMBERED_EVENTS - 1}`)).toEqual([2]);
    expect(countsOf(h, 'filler 1')).toEqual([1]);
    record(h, 'filler 1'); // long forgotten
    expect(countsOf(h, 'filler 1')).toEqual([1, 1]);
  });
});
