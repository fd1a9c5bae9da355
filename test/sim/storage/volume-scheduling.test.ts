import type { KubeEvent, Pod } from '../../../lib/sim/api';
import { Cluster } from '../../../lib/sim/cluster';
import type { Problem } from '../../../lib/sim/types';
import { claim, podWithClaims, storageClass, volume } from './fixtures';

function schedulingMessage(problems: Problem[], pod: string): string | undefined {
  return problems.find((p) => p.kind === 'Pod' && p.name === pod && p.reason === 'FailedScheduling')
    ?.message;
}

function nodeOf(c: Cluster, name: string): string | undefined {
  return (c.get('Pod', name) as unknown as Pod | undefined)?.spec?.nodeName;
}

const onNode = (node: string): Record<string, unknown> => ({
  nodeSelector: { 'kubernetes.io/hostname': node },
});

describe('VolumeBinding: claims decide where a pod may run', () => {
  test('fails with "persistentvolumeclaim not found" when the claim does not exist', () => {
    const c = new Cluster();
    c.apply(podWithClaims('app', ['nope']));
    const r = c.converge({ timeoutSeconds: 60 });
    expect(schedulingMessage(r.problems, 'app')).toMatch(
      /^0\/3 nodes are available: persistentvolumeclaim "nope" not found\./,
    );
  });

  test('fails with "pod has unbound immediate PersistentVolumeClaims" while an Immediate claim is unbound', () => {
    const c = new Cluster();
    c.apply([
      storageClass('manual', { provisioner: 'kubernetes.io/no-provisioner' }),
      claim('data', '1Gi', { storageClassName: 'manual' }),
      podWithClaims('app', ['data']),
    ]);
    const r = c.converge({ timeoutSeconds: 60 });
    expect(schedulingMessage(r.problems, 'app')).toMatch(
      /^0\/3 nodes are available: pod has unbound immediate PersistentVolumeClaims\./,
    );
  });

  test('schedules the pod once its Immediate claim gets a volume', () => {
    const c = new Cluster();
    c.apply([claim('data', '1Gi', { storageClassName: '' }), podWithClaims('app', ['data'])]);
    c.converge({ timeoutSeconds: 60 });
    expect(nodeOf(c, 'app')).toBeUndefined();
    c.apply(volume('pv-1', '1Gi'));
    expect(c.converge().converged).toBe(true);
    expect(nodeOf(c, 'app')).toBeDefined();
  });

  test('fails with "volume node affinity conflict" when the bound volume lives on no schedulable node', () => {
    const c = new Cluster();
    c.apply([
      volume('far', '1Gi', { node: 'node-9' }),
      claim('data', '1Gi', { storageClassName: '' }),
      podWithClaims('app', ['data']),
    ]);
    const r = c.converge({ timeoutSeconds: 60 });
    expect(schedulingMessage(r.problems, 'app')).toMatch(
      /^0\/3 nodes are available: 3 node\(s\) had volume node affinity conflict\./,
    );
  });

  test('treats a claim without storageClassName as the default class, even before it is filled in', () => {
    // GIVEN a pod listed before its class-less claim, in one apply
    const c = new Cluster();
    c.apply([podWithClaims('app', ['data']), claim('data', '1Gi')]);
    // THEN it schedules on the first try: no FailedScheduling was ever recorded
    expect(c.converge().converged).toBe(true);
    const failures = (c.list('Event') as unknown as KubeEvent[]).filter(
      (e) => e.reason === 'FailedScheduling',
    );
    expect(failures).toEqual([]);
  });

  test('places the pod on the node of its bound local volume', () => {
    const c = new Cluster();
    c.apply([
      volume('near', '1Gi', { node: 'node-3' }),
      claim('data', '1Gi', { storageClassName: '' }),
      podWithClaims('app', ['data']),
    ]);
    expect(c.converge().converged).toBe(true);
    expect(nodeOf(c, 'app')).toBe('node-3');
  });

  test('fails with "didn\'t find available persistent volumes to bind" for a WaitForFirstConsumer class with nothing to offer', () => {
    const c = new Cluster();
    c.apply([
      storageClass('local', {
        provisioner: 'kubernetes.io/no-provisioner',
        mode: 'WaitForFirstConsumer',
      }),
      claim('data', '1Gi', { storageClassName: 'local' }),
      podWithClaims('app', ['data']),
    ]);
    const r = c.converge({ timeoutSeconds: 60 });
    expect(schedulingMessage(r.problems, 'app')).toMatch(
      /^0\/3 nodes are available: 3 node\(s\) didn't find available persistent volumes to bind\./,
    );
  });
});

describe('VolumeRestrictions: exclusive volumes', () => {
  test('never runs pods on two nodes with one ReadWriteOnce volume', () => {
    // GIVEN a RWO volume without node affinity, used by a pod on node-1
    const c = new Cluster();
    c.apply([
      volume('shared', '1Gi'),
      claim('data', '1Gi', { storageClassName: '' }),
      podWithClaims('first', ['data'], onNode('node-1')),
    ]);
    c.converge();
    expect(nodeOf(c, 'first')).toBe('node-1');
    // WHEN a second pod must run on node-2 and a third may run anywhere
    c.apply([
      podWithClaims('second', ['data'], onNode('node-2')),
      podWithClaims('third', ['data']),
    ]);
    const r = c.converge({ timeoutSeconds: 60 });
    // THEN the second stays Pending with the Multi-Attach rule, the third joins node-1
    expect(nodeOf(c, 'second')).toBeUndefined();
    expect(schedulingMessage(r.problems, 'second')).toMatch(
      /^0\/3 nodes are available: .*node\(s\) did not have the ReadWriteOnce volume attached \(Multi-Attach error: it is in use on another node\)/,
    );
    expect(nodeOf(c, 'third')).toBe('node-1');
  });

  test('lets pods on any node share a ReadWriteMany volume', () => {
    const c = new Cluster();
    c.apply([
      volume('nfs', '1Gi', { accessModes: ['ReadWriteMany'] }),
      claim('data', '1Gi', { storageClassName: '', accessModes: ['ReadWriteMany'] }),
      podWithClaims('a', ['data'], onNode('node-1')),
      podWithClaims('b', ['data'], onNode('node-2')),
    ]);
    expect(c.converge().converged).toBe(true);
    expect([nodeOf(c, 'a'), nodeOf(c, 'b')]).toEqual(['node-1', 'node-2']);
  });

  test('fails a second pod on a ReadWriteOncePod claim with the scheduler’s message', () => {
    const c = new Cluster();
    c.apply([
      volume('solo', '1Gi', { accessModes: ['ReadWriteOncePod'] }),
      claim('data', '1Gi', { storageClassName: '', accessModes: ['ReadWriteOncePod'] }),
      podWithClaims('a', ['data']),
    ]);
    c.converge();
    c.apply(podWithClaims('b', ['data']));
    const r = c.converge({ timeoutSeconds: 60 });
    expect(schedulingMessage(r.problems, 'b')).toMatch(
      /^0\/3 nodes are available: node has pod using PersistentVolumeClaim with the same name and ReadWriteOncePod access mode\./,
    );
  });
});
