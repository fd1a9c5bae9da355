import type { Pod, ReplicaSet } from '../../../lib/sim/api';
import {
  calculateReplicaSetStatus,
  countReplicas,
  generateName,
  getPodsToDelete,
  isPodAvailable,
  logarithmicRankDiff,
  podFromTemplate,
  podNotReadyReason,
  rankPodsForDeletion,
  slowStartBatch,
} from '../../../lib/sim/controllers/replicaset-util';

const T0 = Date.parse('2024-01-01T00:00:00Z');
const at = (seconds: number): string =>
  new Date(T0 + seconds * 1000).toISOString().replace('.000Z', 'Z');
const NOW = T0 + 10_000 * 1000;

interface PodOpts {
  node?: string;
  phase?: 'Pending' | 'Running' | 'Unknown';
  readySince?: number;
  restarts?: number;
  created?: number;
  cost?: string;
  uid?: string;
  labels?: Record<string, string>;
}

function pod(name: string, o: PodOpts = {}): Pod {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name,
      uid: o.uid ?? name,
      creationTimestamp: at(o.created ?? 0),
      labels: o.labels ?? { app: 'web' },
      ...(o.cost !== undefined
        ? { annotations: { 'controller.kubernetes.io/pod-deletion-cost': o.cost } }
        : {}),
    },
    spec: { containers: [{ name: 'c' }], ...(o.node !== undefined ? { nodeName: o.node } : {}) },
    status: {
      phase: o.phase ?? 'Running',
      conditions:
        o.readySince !== undefined
          ? [{ type: 'Ready', status: 'True', lastTransitionTime: at(o.readySince) }]
          : [],
      containerStatuses: [
        {
          name: 'c',
          image: 'x',
          ready: o.readySince !== undefined,
          restartCount: o.restarts ?? 0,
          state: {},
        },
      ],
    },
  };
}

describe('rankPodsForDeletion', () => {
  it.each([
    // [first to delete, kept] and why
    ['unscheduled before scheduled', pod('a'), pod('b', { node: 'n1', phase: 'Pending' })],
    [
      'pending before unknown',
      pod('a', { node: 'n1', phase: 'Pending' }),
      pod('b', { node: 'n1', phase: 'Unknown' }),
    ],
    [
      'unknown before running',
      pod('a', { node: 'n1', phase: 'Unknown' }),
      pod('b', { node: 'n1', phase: 'Running' }),
    ],
    ['not ready before ready', pod('a', { node: 'n1' }), pod('b', { node: 'n1', readySince: 0 })],
    [
      'lower deletion cost first',
      pod('a', { node: 'n1', readySince: 0, cost: '-5' }),
      pod('b', { node: 'n2', readySince: 0 }),
    ],
    [
      'ready for less time first (other log2 bucket)',
      pod('b', { node: 'n1', readySince: 9990 }),
      pod('a', { node: 'n2', readySince: 100 }),
    ],
    [
      'more restarts first',
      pod('b', { node: 'n1', readySince: 5, restarts: 3 }),
      pod('a', { node: 'n2', readySince: 5 }),
    ],
    [
      'newer first',
      pod('b', { node: 'n1', readySince: 5000, created: 9000 }),
      pod('a', { node: 'n2', readySince: 5000, created: 1 }),
    ],
  ])('%s', (_why, first, kept) => {
    expect(
      rankPodsForDeletion([kept, first], [kept, first], NOW).map((p) => p.metadata.name),
    ).toEqual([first.metadata.name, kept.metadata.name]);
  });

  it('deletes from the node with more sibling pods first', () => {
    const crowded = pod('crowded', { node: 'n1', readySince: 5 });
    const alone = pod('alone', { node: 'n2', readySince: 5 });
    const sibling = pod('sibling', { node: 'n1', readySince: 5 });
    expect(
      getPodsToDelete([alone, crowded], [alone, crowded, sibling], 1, NOW)[0].metadata.name,
    ).toBe('crowded');
  });

  it('lets UIDs decide within the same log2 age bucket', () => {
    const p1 = pod('p1', { node: 'n1', readySince: 9000, uid: 'uid-b' });
    const p2 = pod('p2', { node: 'n2', readySince: 9001, uid: 'uid-a' });
    expect(rankPodsForDeletion([p1, p2], [p1, p2], NOW)[0].metadata.name).toBe('p2');
  });

  it('returns every pod unsorted when all are deleted', () => {
    const pods = [pod('a', { node: 'n1', readySince: 1 }), pod('b')];
    expect(getPodsToDelete(pods, pods, 5, NOW)).toEqual(pods);
  });
});

describe('logarithmicRankDiff', () => {
  it.each([
    // seconds ago t1, t2 → sign of the difference
    [10, 11, 0], // same power of two in nanoseconds
    [10, 100, -1],
    [0, 1, -1], // zero age ranks -1
  ])('%is vs %is → %i', (a, b, sign) => {
    expect(Math.sign(logarithmicRankDiff(NOW - a * 1000, NOW - b * 1000, NOW))).toBe(sign);
  });
});

describe('isPodAvailable', () => {
  it.each([
    // minReadySeconds, ready since (s), now (s) → available
    [0, 0, 0, true],
    [10, 0, 10, false], // strictly more than minReadySeconds
    [10, 0, 10.5, true],
  ])('minReady %i, ready at %i, now %i → %j', (minReady, since, now, expected) => {
    expect(isPodAvailable(pod('a', { readySince: since }), minReady, T0 + now * 1000)).toBe(
      expected,
    );
  });

  it('is false for a pod that is not ready', () => {
    expect(isPodAvailable(pod('a'), 0, NOW)).toBe(false);
  });
});

describe('slowStartBatch', () => {
  it.each([
    // count, calls that succeed → successes, calls made
    [10, 10, 10, 10],
    [10, 0, 0, 1], // first batch of 1 fails: stop
    [10, 2, 2, 3], // batch 1 ok, batch 2: one ok, one fails → stop
    [5, 4, 4, 5],
  ])(
    'count %i with %i good calls → %i successes after %i calls',
    (count, good, successes, calls) => {
      let made = 0;
      const result = slowStartBatch(count, 1, () => {
        made++;
        if (made > good) throw new Error('quota');
      });
      expect(result.successes).toBe(successes);
      expect(made).toBe(calls);
      expect(result.error === undefined).toBe(successes === count);
    },
  );
});

describe('generateName', () => {
  it('appends five characters to a base cut to 58', () => {
    const name = generateName(`${'x'.repeat(70)}-`, (n) => 'b'.repeat(n));
    expect(name).toBe(`${'x'.repeat(58)}bbbbb`);
  });
});

const replicaSet: ReplicaSet = {
  apiVersion: 'apps/v1',
  kind: 'ReplicaSet',
  metadata: { name: 'web-abc', namespace: 'prod', uid: 'rs-uid', generation: 2 },
  spec: {
    replicas: 3,
    minReadySeconds: 0,
    selector: { matchLabels: { app: 'web' } },
    template: {
      metadata: { labels: { app: 'web', tier: 'front' }, annotations: { a: '1' } },
      spec: { containers: [{ name: 'c', image: 'x' }] },
    },
  },
};

describe('podFromTemplate', () => {
  it('copies labels and annotations and sets the controller reference', () => {
    const p = podFromTemplate(replicaSet, 'web-abc-bcdfg');
    expect(p.metadata).toEqual({
      name: 'web-abc-bcdfg',
      generateName: 'web-abc-',
      namespace: 'prod',
      labels: { app: 'web', tier: 'front' },
      annotations: { a: '1' },
      ownerReferences: [
        {
          apiVersion: 'apps/v1',
          kind: 'ReplicaSet',
          name: 'web-abc',
          uid: 'rs-uid',
          controller: true,
          blockOwnerDeletion: true,
        },
      ],
    });
  });
});

describe('countReplicas and calculateReplicaSetStatus', () => {
  it('counts active, fully labeled, ready and available pods', () => {
    const pods = [
      pod('a', { readySince: 0, labels: { app: 'web', tier: 'front' } }),
      pod('b', { labels: { app: 'web' } }),
      {
        ...pod('c', { readySince: 0 }),
        metadata: { ...pod('c').metadata, deletionTimestamp: at(1) },
      },
    ];
    expect(countReplicas(replicaSet, pods, NOW)).toEqual({
      replicas: 2,
      fullyLabeledReplicas: 1,
      readyReplicas: 1,
      availableReplicas: 1,
    });
  });

  it('raises ReplicaFailure FailedCreate with the API server message', () => {
    const counts = { replicas: 1, fullyLabeledReplicas: 1, readyReplicas: 1, availableReplicas: 1 };
    const status = calculateReplicaSetStatus(
      replicaSet,
      counts,
      'pods "x" is forbidden: exceeded quota: q',
      at(5),
    );
    expect(status).toEqual({
      replicas: 1,
      fullyLabeledReplicas: 1,
      readyReplicas: 1,
      availableReplicas: 1,
      observedGeneration: 2,
      conditions: [
        {
          type: 'ReplicaFailure',
          status: 'True',
          lastTransitionTime: at(5),
          reason: 'FailedCreate',
          message: 'pods "x" is forbidden: exceeded quota: q',
        },
      ],
    });
  });

  it('drops ReplicaFailure after a clean sync', () => {
    const failing = {
      ...replicaSet,
      status: { replicas: 1, conditions: [{ type: 'ReplicaFailure', status: 'True' as const }] },
    };
    const counts = { replicas: 3, fullyLabeledReplicas: 3, readyReplicas: 3, availableReplicas: 3 };
    expect(calculateReplicaSetStatus(failing, counts, undefined, at(9)).conditions).toBeUndefined();
  });
});

describe('podNotReadyReason', () => {
  it.each([
    [
      'a waiting reason',
      {
        containerStatuses: [
          {
            name: 'c',
            image: 'x',
            ready: false,
            restartCount: 0,
            state: { waiting: { reason: 'ImagePullBackOff' } },
          },
        ],
      },
      'ImagePullBackOff',
    ],
    [
      'unschedulable',
      {
        phase: 'Pending' as const,
        conditions: [{ type: 'PodScheduled', status: 'False' as const, reason: 'Unschedulable' }],
      },
      'Unschedulable',
    ],
    [
      'running but not ready',
      {
        phase: 'Running' as const,
        conditions: [{ type: 'Ready', status: 'False' as const, reason: 'ContainersNotReady' }],
      },
      'ContainersNotReady',
    ],
    ['no status yet', {}, 'Pending'],
  ])('names %s', (_what, status, expected) => {
    expect(podNotReadyReason({ ...pod('a'), status })).toBe(expected);
  });
});

describe('podFromTemplate spec copies', () => {
  function withSpec(spec: unknown): ReplicaSet {
    return {
      apiVersion: 'apps/v1',
      kind: 'ReplicaSet',
      metadata: { name: 'web-abc', namespace: 'default', uid: 'rs-uid' },
      spec: { template: { metadata: { labels: { app: 'web' } }, spec } },
    } as unknown as ReplicaSet;
  }

  it.each([
    [
      'plain data',
      { containers: [{ name: 'web', ports: [{ containerPort: 80 }] }], a: null, b: true },
    ],
    ['undefined fields', { containers: [{ name: 'web', image: undefined }], hostname: undefined }],
    ['integer-like keys', { nodeSelector: { b: '1', '2': 'x', a: '3' }, containers: [] }],
    ['a non-finite number', { containers: [], activeDeadlineSeconds: Number.NaN }],
    ['a Date', { containers: [], when: new Date(0) }],
    ['undefined in a list', { containers: [undefined] }],
  ])('prints as the JSON round trip of the template (%s), in its own objects', (_case, spec) => {
    const rs = withSpec(spec);
    const a = podFromTemplate(rs, 'web-abc-aaaaa');
    const b = podFromTemplate(rs, 'web-abc-bbbbb');
    expect(JSON.stringify(a.spec)).toBe(JSON.stringify(spec));
    expect(a.spec).toStrictEqual(JSON.parse(JSON.stringify(spec)));
    expect(a.spec).not.toBe(b.spec);
    expect(a.spec?.containers).not.toBe(b.spec?.containers);
    expect(a.spec?.containers).not.toBe((spec as { containers: unknown }).containers);
  });
});
