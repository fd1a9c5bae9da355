/**
 * The event recorder: Events carry their source (`component`, and `host` for node agents) as
 * `kubectl describe` shows it in its "From" column, and repeats are aggregated per source.
 */
import type { KubeEvent, Pod } from '../../lib/sim/api';
import { Cluster } from '../../lib/sim/cluster';
import { newHarness } from '../../lib/sim/testing-harness';
import type { KubeObject } from '../../lib/sim/types';

const pod: KubeObject = {
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name: 'web', namespace: 'default', uid: 'u-1' },
};

function eventsOf(cluster: Cluster, name: string): KubeEvent[] {
  return cluster.list<KubeEvent>('Event').filter((e) => e.involvedObject.name === name);
}

describe('StoreEventRecorder', () => {
  it('records the reporting host as source.host and reportingInstance', () => {
    const h = newHarness();
    h.events.event(pod, 'Normal', 'Pulled', 'pulled', 'kubelet', 'node-2');
    const [event] = h.store.list<KubeEvent>('Event');
    expect(event.source).toEqual({ component: 'kubelet', host: 'node-2' });
    expect(event).toMatchObject({ reportingComponent: 'kubelet', reportingInstance: 'node-2' });
  });

  it('leaves the host out for a component without one', () => {
    const h = newHarness();
    h.events.event(pod, 'Normal', 'Scheduled', 'assigned', 'default-scheduler');
    const [event] = h.store.list<KubeEvent>('Event');
    expect(event.source).toEqual({ component: 'default-scheduler' });
    expect(event).not.toHaveProperty('reportingInstance');
  });

  it('aggregates repeats from the same host and keeps other hosts apart', () => {
    const h = newHarness();
    h.events.event(pod, 'Warning', 'BackOff', 'back-off', 'kubelet', 'node-1');
    h.events.event(pod, 'Warning', 'BackOff', 'back-off', 'kubelet', 'node-1');
    h.events.event(pod, 'Warning', 'BackOff', 'back-off', 'kubelet', 'node-2');
    const events = h.store.list<KubeEvent>('Event');
    expect(events.map((e) => [e.source?.host, e.count])).toEqual([
      ['node-1', 2],
      ['node-2', 1],
    ]);
  });
});

describe('Events of a running pod', () => {
  it("name the pod's node as the host of the kubelet's events, and none for the scheduler", () => {
    const cluster = new Cluster({ images: { 'web:broken': { pull: 'fail' } } });
    cluster.apply({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'web' },
      spec: { containers: [{ name: 'app', image: 'web:broken' }] },
    });
    cluster.converge({ timeoutSeconds: 60 });
    const node = cluster.get<Pod>('Pod', 'web')?.spec?.nodeName;
    expect(node).toBeDefined();
    const sources = eventsOf(cluster, 'web').map((e) => [e.reason, e.source]);
    expect(sources).toContainEqual(['Scheduled', { component: 'default-scheduler' }]);
    expect(sources).toContainEqual(['Failed', { component: 'kubelet', host: node }]);
    const kubeletEvents = eventsOf(cluster, 'web').filter((e) => e.source?.component === 'kubelet');
    expect(kubeletEvents.length).toBeGreaterThan(0);
    expect(kubeletEvents.every((e) => e.source?.host === node)).toBe(true);
  });

  it("records a returning node's NodeReady as its kubelet's, from that node", () => {
    const cluster = new Cluster();
    cluster.failNode('node-2');
    cluster.advance(40);
    cluster.recoverNode('node-2');
    const ready = eventsOf(cluster, 'node-2').find((e) => e.reason === 'NodeReady');
    expect(ready?.source).toEqual({ component: 'kubelet', host: 'node-2' });
    const notReady = eventsOf(cluster, 'node-2').find((e) => e.reason === 'NodeNotReady');
    expect(notReady?.source).toEqual({ component: 'node-controller' });
  });
});

describe('Event names', () => {
  it('are `<object>.<milliseconds of the instant in hex><sequence>`, the instant read at each event', () => {
    const h = newHarness();
    const name = (): string => {
      const events = h.store.list<KubeEvent>('Event');
      return events[events.length - 1].metadata.name;
    };
    const hex = (seconds: number): string =>
      (Date.UTC(2024, 0, 1) + Math.floor(seconds * 1000)).toString(16);
    const start = h.clock.now();
    h.events.event(pod, 'Normal', 'A', 'a', 'kubelet');
    expect(name()).toBe(`web.${hex(start)}00000`);
    h.events.event(pod, 'Normal', 'B', 'b', 'kubelet');
    expect(name()).toBe(`web.${hex(start)}00001`);
    h.run(1.5);
    h.events.event(pod, 'Normal', 'C', 'c', 'kubelet');
    expect(name()).toBe(`web.${hex(start + 1.5)}00002`);
  });
});
