import type { Pod } from '../../../../lib/sim/api';
import { Scheduler } from '../../../../lib/sim/scheduler';
import { globalMin } from '../../../../lib/sim/scheduler/plugins/pod-topology-spread/constraints';
import { newHarness, type Harness } from '../../../../lib/sim/testing-harness';
import type { KubeObject } from '../../../../lib/sim/types';
import { pod } from '../fixtures';

const ZONE = 'topology.kubernetes.io/zone';

function spread(name: string, when: 'DoNotSchedule' | 'ScheduleAnyway', nodeName?: string): Pod {
  const p = pod(name, {}, {
    ...(nodeName ? { nodeName } : {}),
    topologySpreadConstraints: [
      {
        maxSkew: 1,
        topologyKey: ZONE,
        whenUnsatisfiable: when,
        labelSelector: { matchLabels: { app: 'web' } },
      },
    ],
  } as Partial<Pod['spec']>);
  p.metadata.labels = { app: 'web' };
  return p;
}

function create(h: Harness, p: Pod): void {
  h.store.create(p as unknown as KubeObject);
}

function get(h: Harness, name: string): Pod {
  return h.store.get('Pod', name) as unknown as Pod;
}

const zoned = () =>
  newHarness({
    nodes: [{ labels: { [ZONE]: 'a' } }, { labels: { [ZONE]: 'b' } }, {}],
  });

describe('globalMin', () => {
  it.each([
    // counts, minDomains → min
    [[2, 1], 1, 1],
    [[2, 1], 3, 0], // fewer domains than minDomains: the minimum is 0
    [[], 1, 0],
  ])('%j with minDomains %i → %i', (counts, minDomains, want) => {
    const map = new Map(counts.map((n, i) => [`d${i}`, n]));
    expect(globalMin(map, minDomains)).toBe(want);
  });
});

describe('PodTopologySpread constraints (filtering.go)', () => {
  test('DoNotSchedule sends the pod to the emptier zone and never to a node without the key', () => {
    const h = zoned();
    h.start(new Scheduler());
    create(h, spread('a1', 'DoNotSchedule', 'node-1'));
    create(h, spread('a2', 'DoNotSchedule', 'node-1'));
    create(h, spread('new', 'DoNotSchedule'));
    h.run(1);
    expect(get(h, 'new').spec?.nodeName).toBe('node-2');
  });

  test('fails with the skew and missing-label reasons when no node keeps the skew', () => {
    const h = zoned();
    h.start(new Scheduler());
    create(h, spread('a1', 'DoNotSchedule', 'node-1'));
    create(h, spread('a2', 'DoNotSchedule', 'node-1'));
    create(h, spread('b1', 'DoNotSchedule', 'node-2'));
    h.run(1);
    const node2 = h.store.get('Node', 'node-2') as KubeObject;
    h.store.update({ ...node2, spec: { ...(node2.spec ?? {}), unschedulable: true } });
    create(h, spread('new', 'DoNotSchedule'));
    h.run(1);
    const condition = get(h, 'new').status?.conditions?.find((c) => c.type === 'PodScheduled');
    expect(condition?.message).toBe(
      "0/3 nodes are available: 1 node(s) didn't match pod topology spread constraints, 1 node(s) didn't match pod topology spread constraints (missing required label), 1 node(s) were unschedulable. preemption: 0/3 nodes are available: 1 No preemption victims found for incoming pod, 2 Preemption is not helpful for scheduling.",
    );
  });

  test('ScheduleAnyway prefers the emptier zone but does not filter', () => {
    const h = zoned();
    h.start(new Scheduler());
    create(h, spread('a1', 'ScheduleAnyway', 'node-1'));
    create(h, spread('a2', 'ScheduleAnyway', 'node-1'));
    create(h, spread('new', 'ScheduleAnyway'));
    h.run(1);
    expect(get(h, 'new').spec?.nodeName).toBe('node-2');
  });
});
