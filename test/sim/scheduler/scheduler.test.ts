import type { Pod } from '../../../lib/sim/api';
import {
  DEFAULT_PROFILE,
  defaultRegistry,
  Scheduler,
  schedulingProblems,
} from '../../../lib/sim/scheduler';
import { newHarness, type Harness } from '../../../lib/sim/testing-harness';
import type { KubeObject } from '../../../lib/sim/types';
import { pod } from './fixtures';

function create(h: Harness, p: Pod): void {
  h.store.create(p as unknown as KubeObject);
}

function get(h: Harness, name: string): Pod {
  return h.store.get('Pod', name) as unknown as Pod;
}

function scheduledCondition(p: Pod) {
  return p.status?.conditions?.find((c) => c.type === 'PodScheduled');
}

function eventsFor(h: Harness, name: string): { reason: string; message: string; type: string }[] {
  return h.store
    .list('Event')
    .map(
      (e) =>
        e as unknown as {
          involvedObject: { name: string };
          reason: string;
          message: string;
          type: string;
        },
    )
    .filter((e) => e.involvedObject.name === name);
}

describe('Scheduler', () => {
  test('binds a pod that fits: spec.nodeName, PodScheduled=True and a Scheduled event', () => {
    // GIVEN a 3-node cluster and the scheduler
    const h = newHarness();
    h.start(new Scheduler());
    // WHEN a pod is created
    create(h, pod('web', { cpu: '500m', memory: '256Mi' }));
    h.run(1);
    // THEN it is bound
    const bound = get(h, 'web');
    expect(bound.spec?.nodeName).toMatch(/^node-[123]$/);
    expect(scheduledCondition(bound)).toMatchObject({ status: 'True' });
    expect(eventsFor(h, 'web')).toContainEqual(
      expect.objectContaining({
        reason: 'Scheduled',
        message: `Successfully assigned default/web to ${bound.spec?.nodeName}`,
      }),
    );
  });

  test('fails with Insufficient cpu on every node when the request exceeds each node', () => {
    const h = newHarness();
    h.start(new Scheduler());
    create(h, pod('big', { cpu: '8' }));
    h.run(1);
    const p = get(h, 'big');
    expect(p.spec?.nodeName).toBeUndefined();
    const message =
      '0/3 nodes are available: 3 Insufficient cpu. preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.';
    expect(scheduledCondition(p)).toMatchObject({
      status: 'False',
      reason: 'Unschedulable',
      message,
    });
    expect(eventsFor(h, 'big')).toContainEqual(
      expect.objectContaining({ type: 'Warning', reason: 'FailedScheduling', message }),
    );
    expect(schedulingProblems(h.store, h.clock)).toEqual([
      { kind: 'Pod', namespace: 'default', name: 'big', reason: 'FailedScheduling', message },
    ]);
  });

  test('says no preemption victims were found when other pods of equal priority use the room', () => {
    const h = newHarness({ nodes: 1 });
    h.start(new Scheduler());
    create(h, pod('first', { cpu: '3' }));
    h.run(1);
    create(h, pod('second', { cpu: '2' }));
    h.run(1);
    expect(scheduledCondition(get(h, 'second'))?.message).toBe(
      '0/1 nodes are available: 1 Insufficient cpu. preemption: 0/1 nodes are available: 1 No preemption victims found for incoming pod.',
    );
  });

  test('fails with the node affinity/selector reason when no node carries the label', () => {
    const h = newHarness();
    h.start(new Scheduler());
    create(h, pod('ssd', {}, { nodeSelector: { disktype: 'ssd' } }));
    h.run(1);
    expect(scheduledCondition(get(h, 'ssd'))?.message).toBe(
      "0/3 nodes are available: 3 node(s) didn't match Pod's node affinity/selector. preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.",
    );
  });

  test('counts one reason per node: taints first, then resources', () => {
    const h = newHarness({
      nodes: [
        { taints: [{ key: 'dedicated', value: 'db', effect: 'NoSchedule' }] },
        { cpu: '1' },
        { cpu: '1' },
      ],
    });
    h.start(new Scheduler());
    create(h, pod('p', { cpu: '2' }));
    h.run(1);
    expect(scheduledCondition(get(h, 'p'))?.message).toBe(
      '0/3 nodes are available: 1 node(s) had untolerated taint {dedicated: db}, 2 Insufficient cpu. preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.',
    );
  });

  test('places a tolerating pod on the tainted node only', () => {
    const taint = { key: 'dedicated', value: 'db', effect: 'NoSchedule' as const };
    const h = newHarness({ nodes: [{ taints: [taint] }, { taints: [taint] }, {}] });
    h.start(new Scheduler());
    create(h, pod('plain'));
    create(
      h,
      pod('db', {}, { tolerations: [{ key: 'dedicated', operator: 'Equal', value: 'db' }] }),
    );
    h.run(1);
    expect(get(h, 'plain').spec?.nodeName).toBe('node-3');
    expect(get(h, 'db').spec?.nodeName).toBeDefined();
  });

  test('spreads 3 replicas of one owner over 3 nodes', () => {
    const h = newHarness();
    h.start(new Scheduler());
    for (const name of ['r-1', 'r-2', 'r-3']) create(h, pod(name, { cpu: '100m' }, {}, 'rs-uid'));
    h.run(1);
    const nodes = ['r-1', 'r-2', 'r-3'].map((n) => get(h, n).spec?.nodeName);
    expect(new Set(nodes).size).toBe(3);
  });

  test('packs up to the pods limit and reports Too many pods beyond it', () => {
    const h = newHarness({ nodes: [{ pods: 2 }] });
    h.start(new Scheduler());
    for (const name of ['a', 'b', 'c']) create(h, pod(name));
    h.run(1);
    expect(get(h, 'c').spec?.nodeName).toBeUndefined();
    expect(scheduledCondition(get(h, 'c'))?.message).toMatch(
      /^0\/1 nodes are available: 1 Too many pods\./,
    );
  });

  test('retries a parked pod when a node is added', () => {
    const h = newHarness({ nodes: [{ cpu: '1' }] });
    h.start(new Scheduler());
    create(h, pod('p', { cpu: '2' }));
    h.run(1);
    expect(get(h, 'p').spec?.nodeName).toBeUndefined();
    h.store.create({
      apiVersion: 'v1',
      kind: 'Node',
      metadata: { name: 'big', labels: { 'kubernetes.io/hostname': 'big' } },
      status: { allocatable: { cpu: '8', memory: '32Gi', pods: '110' } },
    });
    h.run(15);
    expect(get(h, 'p').spec?.nodeName).toBe('big');
    expect(scheduledCondition(get(h, 'p'))).toMatchObject({ status: 'True' });
  });

  test('sees a node change for pods whose answer it remembered (untainting a node)', () => {
    const h = newHarness({ nodes: [{ taints: [{ key: 'maintenance', effect: 'NoSchedule' }] }] });
    h.start(new Scheduler());
    create(h, pod('first', { cpu: '100m' }));
    create(h, pod('second', { cpu: '100m' })); // same signature: remembered answer
    h.run(1);
    expect(get(h, 'second').spec?.nodeName).toBeUndefined();
    const n = h.store.get('Node', 'node-1') as KubeObject;
    h.store.update({ ...n, spec: { ...(n.spec ?? {}), taints: [] } });
    h.run(15);
    expect(get(h, 'first').spec?.nodeName).toBe('node-1');
    expect(get(h, 'second').spec?.nodeName).toBe('node-1');
  });

  test('retries a parked pod when a bound pod is deleted and frees room', () => {
    const h = newHarness({ nodes: [{ cpu: '2' }] });
    h.start(new Scheduler());
    create(h, pod('old', { cpu: '2' }));
    h.run(1);
    create(h, pod('new', { cpu: '2' }));
    h.run(1);
    expect(get(h, 'new').spec?.nodeName).toBeUndefined();
    h.store.delete('Pod', 'old', 'default', { gracePeriodSeconds: 0 });
    h.run(15);
    expect(get(h, 'new').spec?.nodeName).toBe('node-1');
  });

  test('releases the resources of finished pods', () => {
    const h = newHarness({ nodes: [{ cpu: '2' }] });
    h.start(new Scheduler());
    create(h, pod('job', { cpu: '2' }));
    h.run(1);
    const job = get(h, 'job');
    h.store.updateStatus({
      ...(job as unknown as KubeObject),
      status: { ...job.status, phase: 'Succeeded' },
    });
    create(h, pod('next', { cpu: '2' }));
    h.run(1);
    expect(get(h, 'next').spec?.nodeName).toBe('node-1');
  });

  test('retries parked pods every 5 minutes even without cluster events', () => {
    const h = newHarness({ nodes: 1 });
    h.start(new Scheduler());
    create(h, pod('p', { cpu: '8' }));
    h.run(1);
    const failures = () => eventsFor(h, 'p').filter((e) => e.reason === 'FailedScheduling');
    const first = JSON.stringify(failures());
    h.run(299);
    expect(JSON.stringify(failures())).toBe(first);
    h.run(60);
    expect(JSON.stringify(failures())).not.toBe(first); // count went up
  });

  test('ignores pods for another scheduler and pods already bound', () => {
    const h = newHarness();
    h.start(new Scheduler());
    create(h, pod('other', {}, { schedulerName: 'my-scheduler' }));
    create(h, pod('pinned', { cpu: '1' }, { nodeName: 'node-2' }));
    h.run(1);
    expect(get(h, 'other').spec?.nodeName).toBeUndefined();
    expect(scheduledCondition(get(h, 'other'))).toBeUndefined();
    expect(get(h, 'pinned').spec?.nodeName).toBe('node-2');
  });

  test('counts pods bound before it started', () => {
    const h = newHarness({ nodes: [{ cpu: '2' }] });
    create(h, pod('pinned', { cpu: '2' }, { nodeName: 'node-1' }));
    h.start(new Scheduler());
    create(h, pod('p', { cpu: '1' }));
    h.run(1);
    expect(scheduledCondition(get(h, 'p'))?.message).toMatch(/1 Insufficient cpu/);
  });

  test('reports "no nodes available" when the cluster has no node', () => {
    const h = newHarness({ nodes: 0 });
    h.start(new Scheduler());
    create(h, pod('p'));
    h.run(1);
    expect(scheduledCondition(get(h, 'p'))?.message).toBe('no nodes available to schedule pods');
  });

  test('holds back a pod with scheduling gates until they are removed', () => {
    const h = newHarness();
    h.start(new Scheduler());
    create(
      h,
      pod('gated', {}, { schedulingGates: [{ name: 'example.com/wait' }] } as Partial<Pod['spec']>),
    );
    h.run(1);
    expect(get(h, 'gated').spec?.nodeName).toBeUndefined();
    expect(scheduledCondition(get(h, 'gated'))).toMatchObject({
      status: 'False',
      reason: 'SchedulingGated',
      message: 'Scheduling is blocked due to non-empty scheduling gates',
    });
    expect(schedulingProblems(h.store, h.clock)).toEqual([
      expect.objectContaining({ name: 'gated', reason: 'SchedulingGated' }),
    ]);
    const gated = get(h, 'gated');
    h.store.update({
      ...(gated as unknown as KubeObject),
      spec: { ...gated.spec, schedulingGates: [] },
    });
    h.run(1);
    expect(get(h, 'gated').spec?.nodeName).toBeDefined();
    expect(scheduledCondition(get(h, 'gated'))).toMatchObject({ status: 'True' });
  });

  test('reports an internal error as a SchedulerError and goes on with other pods', () => {
    // GIVEN a profile with a filter that throws for one pod
    const Broken = class {
      readonly name = 'Broken';
      filter(p: { pod: Pod }) {
        if (p.pod.metadata.name === 'bad') throw new Error('something broke');
        return undefined;
      }
    };
    const h = newHarness();
    h.start(
      new Scheduler({
        registry: { ...defaultRegistry, Broken: () => new Broken() },
        profile: { ...DEFAULT_PROFILE, plugins: [...DEFAULT_PROFILE.plugins, { name: 'Broken' }] },
      }),
    );
    create(h, pod('bad'));
    create(h, pod('good'));
    h.run(1);
    expect(scheduledCondition(get(h, 'bad'))).toMatchObject({
      status: 'False',
      reason: 'SchedulerError',
      message: 'something broke',
    });
    expect(get(h, 'good').spec?.nodeName).toBeDefined();
    expect(schedulingProblems(h.store, h.clock)).toEqual([
      expect.objectContaining({
        name: 'bad',
        reason: 'FailedScheduling',
        message: 'something broke',
      }),
    ]);
  });

  test('is deterministic for a seed', () => {
    const placements = (seed: number) => {
      const h = newHarness({ nodes: 5, seed });
      h.start(new Scheduler());
      for (let i = 0; i < 20; i++) create(h, pod(`p${i}`));
      h.run(1);
      return Array.from({ length: 20 }, (_, i) => get(h, `p${i}`).spec?.nodeName);
    };
    expect(placements(7)).toEqual(placements(7));
  });
});

describe('Scheduler preemption', () => {
  test('evicts a lower-priority pod and nominates its node', () => {
    const h = newHarness({ nodes: [{ cpu: '2' }] });
    h.start(new Scheduler());
    create(h, pod('low', { cpu: '2' }, { priority: 0 }));
    h.run(1);
    create(h, pod('high', { cpu: '2' }, { priority: 1000 }));
    h.run(1);
    const high = get(h, 'high') as Pod & { status: { nominatedNodeName?: string } };
    expect(high.status.nominatedNodeName).toBe('node-1');
    expect(get(h, 'low').metadata.deletionTimestamp).toBeDefined();
    expect(eventsFor(h, 'low')).toContainEqual(expect.objectContaining({ reason: 'Preempted' }));
    // retried while the victim still terminates: it waits instead of evicting more
    h.run(400);
    expect(scheduledCondition(get(h, 'high'))?.message).toBe(
      '0/1 nodes are available: 1 Insufficient cpu. preemption: not eligible due to a terminating pod on the nominated node.',
    );
    // the victim's kubelet would finish it; here it goes at once
    h.store.delete('Pod', 'low', 'default', { gracePeriodSeconds: 0 });
    h.run(15);
    expect(get(h, 'high').spec?.nodeName).toBe('node-1');
  });

  test('does not preempt with preemptionPolicy Never', () => {
    const h = newHarness({ nodes: [{ cpu: '2' }] });
    h.start(new Scheduler());
    create(h, pod('low', { cpu: '2' }));
    h.run(1);
    create(
      h,
      pod('high', { cpu: '2' }, { priority: 1000, preemptionPolicy: 'Never' } as Partial<
        Pod['spec']
      >),
    );
    h.run(1);
    expect(scheduledCondition(get(h, 'high'))?.message).toBe(
      '0/1 nodes are available: 1 Insufficient cpu. preemption: not eligible due to preemptionPolicy=Never.',
    );
    expect(get(h, 'low').metadata.deletionTimestamp).toBeUndefined();
  });
});
