import type { Pod } from '../../../lib/sim/api';
import type { StatefulSet } from '../../../lib/sim/controllers/statefulset-api';
import { versionedPod } from '../../../lib/sim/controllers/statefulset-control';
import {
  claimOwnerRefs,
  claimsForOrdinal,
  computeReplicaStatus,
  ordinalOf,
} from '../../../lib/sim/controllers/statefulset-utils';
import { statefulSet } from '../storage/fixtures';

function sts(o: Parameters<typeof statefulSet>[1] = {}): StatefulSet {
  const s = statefulSet('db', o) as unknown as StatefulSet;
  s.metadata.uid = 'set-uid';
  s.metadata.namespace = 'default';
  return s;
}

const pod = (name: string, uid: string): Pod => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name, uid },
  spec: { containers: [] },
});

describe('ordinalOf (getParentNameAndOrdinal)', () => {
  it.each([
    ['db', 'db-0', 0],
    ['db', 'db-12', 12],
    ['db', 'db-x', -1],
    ['db', 'db-01', -1],
    ['db', 'dbx-1', -1],
    ['my-db', 'my-db-3', 3],
  ])('ordinalOf(%s, %s) = %i', (set, name, want) => {
    expect(ordinalOf(set, name)).toBe(want);
  });
});

describe('claimOwnerRefs (updateClaimOwnerRefForSetAndPod)', () => {
  const owner = (refs: { kind: string }[]): string[] => refs.map((r) => r.kind);
  it.each([
    // whenDeleted, whenScaled, scaled down → owner kinds
    ['Retain', 'Retain', false, []],
    ['Retain', 'Retain', true, []],
    ['Delete', 'Retain', false, ['StatefulSet']],
    ['Delete', 'Retain', true, ['StatefulSet']],
    ['Retain', 'Delete', false, []],
    ['Retain', 'Delete', true, ['Pod']],
    ['Delete', 'Delete', false, ['StatefulSet']],
    ['Delete', 'Delete', true, ['Pod']],
  ] as const)('whenDeleted %s, whenScaled %s, scaled down %s → %j', (d, s, down, want) => {
    const set = sts({ retention: { whenDeleted: d, whenScaled: s } });
    expect(owner(claimOwnerRefs([], set, pod('db-2', 'pod-uid'), down))).toEqual(want);
  });

  test('the set is never the controller of its claims', () => {
    const set = sts({ retention: { whenDeleted: 'Delete' } });
    expect(claimOwnerRefs([], set, undefined, false)[0].controller).toBeUndefined();
  });
});

describe('claimsForOrdinal (getPersistentVolumeClaims)', () => {
  test('names each claim <template>-<set>-<ordinal> and adds the selector labels', () => {
    const [c] = claimsForOrdinal(sts({ size: '2Gi' }), 4);
    expect(c.metadata).toEqual({ name: 'data-db-4', namespace: 'default', labels: { app: 'db' } });
    expect(c.spec?.resources?.requests?.storage).toBe('2Gi');
  });
});

describe('versionedPod (newVersionedStatefulSetPod)', () => {
  const revisions = {
    current: { name: 'db-old', template: { spec: { containers: [{ name: 'c', image: 'v1' }] } } },
    update: { name: 'db-new', template: { spec: { containers: [{ name: 'c', image: 'v2' }] } } },
  };
  it.each([
    // partition, ordinal → revision
    [0, 0, 'db-new'],
    [2, 1, 'db-old'],
    [2, 2, 'db-new'],
  ])('partition %i, ordinal %i → %s', (partition, ordinal, want) => {
    const set = sts({ updateStrategy: { type: 'RollingUpdate', rollingUpdate: { partition } } });
    const p = versionedPod(set, revisions, ordinal);
    expect(p.metadata.labels?.['controller-revision-hash']).toBe(want);
  });

  test('OnDelete always recreates from the update revision', () => {
    const set = sts({ updateStrategy: { type: 'OnDelete' } });
    expect(versionedPod(set, revisions, 0).spec?.containers[0].image).toBe('v2');
  });
});

describe('computeReplicaStatus', () => {
  test('counts terminating pods as replicas but not as current or updated', () => {
    const running: Pod = {
      ...pod('db-0', 'a'),
      metadata: { name: 'db-0', labels: { 'controller-revision-hash': 'r1' } },
      status: {
        phase: 'Running',
        conditions: [{ type: 'Ready', status: 'True', lastTransitionTime: '2024-01-01T00:00:00Z' }],
      },
    };
    const terminating: Pod = {
      ...pod('db-1', 'b'),
      metadata: {
        name: 'db-1',
        labels: { 'controller-revision-hash': 'r1' },
        deletionTimestamp: '2024-01-01T00:01:00Z',
      },
    };
    expect(computeReplicaStatus([running, terminating], 0, 0, 'r1', 'r2')).toEqual({
      replicas: 2,
      readyReplicas: 1,
      availableReplicas: 1,
      currentReplicas: 1,
      updatedReplicas: 0,
    });
  });
});
