import type { Deployment, ReplicaSet } from '../../../lib/sim/api';
import {
  calculateStatus,
  deploymentComplete,
  deploymentProgressing,
  deploymentTimedOut,
  findActiveOrLatest,
  findNewReplicaSet,
  getProportion,
  getValueFromIntOrPercent,
  lastRevision,
  maxRevision,
  maxSurge,
  maxUnavailable,
  newRSNewReplicas,
  progressCheckDelay,
  resolveFenceposts,
  setDeploymentCondition,
  setNewReplicaSetAnnotations,
} from '../../../lib/sim/controllers/deployment-util';

const T0 = Date.parse('2024-01-01T00:00:00Z');
const at = (seconds: number): string =>
  new Date(T0 + seconds * 1000).toISOString().replace('.000Z', 'Z');

function deployment(
  replicas: number,
  strategy: Partial<{
    type: 'RollingUpdate' | 'Recreate';
    surge: number | string;
    unavailable: number | string;
  }> = {},
  extra: Partial<Deployment['spec']> = {},
): Deployment {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'web', namespace: 'default', generation: 1 },
    spec: {
      replicas,
      selector: { matchLabels: { app: 'web' } },
      template: {
        metadata: { labels: { app: 'web' } },
        spec: { containers: [{ name: 'web', image: 'nginx:1' }] },
      },
      strategy: {
        type: strategy.type ?? 'RollingUpdate',
        rollingUpdate: {
          maxSurge: strategy.surge ?? '25%',
          maxUnavailable: strategy.unavailable ?? '25%',
        },
      },
      progressDeadlineSeconds: 600,
      revisionHistoryLimit: 10,
      ...extra,
    },
  };
}

function rs(
  name: string,
  replicas: number,
  opts: {
    available?: number;
    revision?: number;
    created?: number;
    image?: string;
    max?: number;
  } = {},
): ReplicaSet {
  const annotations: Record<string, string> = {};
  if (opts.revision !== undefined)
    annotations['deployment.kubernetes.io/revision'] = String(opts.revision);
  if (opts.max !== undefined)
    annotations['deployment.kubernetes.io/max-replicas'] = String(opts.max);
  return {
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: { name, uid: `uid-${name}`, creationTimestamp: at(opts.created ?? 0), annotations },
    spec: {
      replicas,
      selector: { matchLabels: { app: 'web' } },
      template: {
        metadata: { labels: { app: 'web', 'pod-template-hash': name } },
        spec: { containers: [{ name: 'web', image: opts.image ?? 'nginx:1' }] },
      },
    },
    status: {
      replicas,
      availableReplicas: opts.available ?? replicas,
      readyReplicas: opts.available ?? replicas,
    },
  };
}

describe('getValueFromIntOrPercent', () => {
  it.each([
    // value, total, roundUp → result
    ['25%', 10, true, 3],
    ['25%', 10, false, 2],
    [1, 10, true, 1],
    ['100%', 3, false, 3],
    ['0%', 5, true, 0],
    [undefined, 5, true, 0],
  ])('(%j, %i, %j) → %i', (value, total, roundUp, expected) => {
    expect(getValueFromIntOrPercent(value, total, roundUp)).toBe(expected);
  });

  it('fails on a string that is not a percentage', () => {
    expect(() => getValueFromIntOrPercent('5', 10, true)).toThrow(/string is not a percentage/);
  });
});

describe('resolveFenceposts', () => {
  it.each([
    // maxSurge, maxUnavailable, desired → surge, unavailable
    ['25%', '25%', 10, 3, 2], // surge rounds up, unavailable down
    ['25%', '25%', 8, 2, 2],
    ['25%', '25%', 1, 1, 0],
    ['0%', '0%', 3, 0, 1], // both zero: unavailable forced to 1
    [0, '1%', 2, 0, 1], // 1% of 2 floors to 0, then forced to 1
    [1, 0, 5, 1, 0],
    ['50%', 2, 3, 2, 2],
  ])('resolveFenceposts(%j, %j, %i) → surge %i, unavailable %i', (s, u, n, es, eu) => {
    expect(resolveFenceposts(s, u, n)).toEqual({ surge: es, unavailable: eu });
  });
});

describe('maxUnavailable and maxSurge', () => {
  it.each([
    // replicas, strategy → maxUnavailable, maxSurge
    [10, {}, 2, 3],
    [0, {}, 0, 0],
    [3, { type: 'Recreate' as const }, 0, 0],
    [2, { unavailable: 5, surge: 0 }, 2, 0], // capped at replicas
  ])('%i replicas %j → unavailable %i, surge %i', (replicas, strategy, unavailable, surge) => {
    const d = deployment(replicas, strategy);
    expect(maxUnavailable(d)).toBe(unavailable);
    expect(maxSurge(d)).toBe(surge);
  });
});

describe('newRSNewReplicas', () => {
  it.each([
    // replicas, old RS size, new RS size → new RS target
    [10, 10, 0, 3], // up to replicas + surge (13) in total
    [10, 8, 3, 5],
    [10, 10, 3, 3], // at 13 already: cannot scale up
    [10, 0, 8, 10], // never beyond replicas
    [1, 1, 0, 1],
  ])('%i replicas, old %i, new %i → %i', (replicas, oldSize, newSize, expected) => {
    const d = deployment(replicas);
    const oldRS = rs('old', oldSize, { created: 0 });
    const newRS = rs('new', newSize, { created: 1, image: 'nginx:2' });
    expect(newRSNewReplicas(d, [oldRS, newRS], newRS)).toBe(expected);
  });

  it('gives Recreate the full size at once', () => {
    const d = deployment(4, { type: 'Recreate' });
    expect(newRSNewReplicas(d, [rs('new', 0)], rs('new', 0))).toBe(4);
  });
});

describe('deploymentComplete', () => {
  it.each([
    // updated, replicas, available, observedGeneration → complete
    [3, 3, 3, 1, true],
    [2, 3, 3, 1, false],
    [3, 4, 3, 1, false],
    [3, 3, 2, 1, false],
    [3, 3, 3, 0, false],
  ])(
    'updated %i, replicas %i, available %i, observed %i → %j',
    (updated, replicas, available, observed, expected) => {
      const status = {
        updatedReplicas: updated,
        replicas,
        availableReplicas: available,
        observedGeneration: observed,
      };
      expect(deploymentComplete(deployment(3), status)).toBe(expected);
    },
  );
});

describe('deploymentProgressing', () => {
  it.each([
    // old status, new status → progressing
    [{ replicas: 3, updatedReplicas: 1 }, { replicas: 3, updatedReplicas: 2 }, true],
    [{ replicas: 4, updatedReplicas: 2 }, { replicas: 3, updatedReplicas: 2 }, true],
    [{ readyReplicas: 1 }, { readyReplicas: 2 }, true],
    [{ availableReplicas: 1 }, { availableReplicas: 2 }, true],
    [
      { replicas: 3, updatedReplicas: 1, readyReplicas: 2 },
      { replicas: 3, updatedReplicas: 1, readyReplicas: 2 },
      false,
    ],
  ])('%j → %j: %j', (oldStatus, newStatus, expected) => {
    const d = { ...deployment(3), status: oldStatus };
    expect(deploymentProgressing(d, newStatus)).toBe(expected);
  });
});

describe('deploymentTimedOut and progressCheckDelay', () => {
  const progressing = (reason: string, seconds: number) => ({
    conditions: [
      {
        type: 'Progressing',
        status: 'True' as const,
        reason,
        lastUpdateTime: at(seconds),
        lastTransitionTime: at(seconds),
      },
    ],
  });

  it.each([
    // reason, last update, now → timed out
    ['ReplicaSetUpdated', 0, 600, false], // strictly after the deadline
    ['ReplicaSetUpdated', 0, 600.5, true],
    ['NewReplicaSetAvailable', 0, 9999, false],
    ['ProgressDeadlineExceeded', 0, 1, true],
  ])('%s updated at %is, now %is → %j', (reason, updated, now, expected) => {
    expect(deploymentTimedOut(deployment(3), progressing(reason, updated), T0 + now * 1000)).toBe(
      expected,
    );
  });

  it('rechecks one second after the deadline passes', () => {
    const d = { ...deployment(3), status: progressing('ReplicaSetUpdated', 100) };
    expect(progressCheckDelay(d, { replicas: 3 }, T0 + 160_000)).toBe(541);
  });

  it('needs no recheck once complete', () => {
    const d = { ...deployment(3), status: progressing('ReplicaSetUpdated', 100) };
    const done = { replicas: 3, updatedReplicas: 3, availableReplicas: 3, observedGeneration: 1 };
    expect(progressCheckDelay(d, done, T0 + 160_000)).toBeUndefined();
  });
});

describe('getProportion', () => {
  it.each([
    // rs size, max-replicas annotation, deployment replicas, toAdd, added → proportion
    [5, 10, 20, 10, 0, 5], // half of the old size gets half of the growth (surge 0)
    [5, 10, 20, 10, 8, 2], // never more than what is left to add
    [5, 10, 2, -8, 0, -4], // 5 * 2 / 10 = 1 → -4
    [0, 10, 20, 10, 0, 0], // an empty ReplicaSet never grows proportionally
  ])(
    'rs %i (max %i), deployment %i, add %i, added %i → %i',
    (size, max, replicas, toAdd, added, expected) => {
      const d = deployment(replicas, { surge: 0, unavailable: 1 });
      expect(getProportion(rs('a', size, { max }), d, toAdd, added)).toBe(expected);
    },
  );
});

describe('findActiveOrLatest', () => {
  it('returns the only active ReplicaSet', () => {
    const active = rs('b', 3, { created: 1 });
    expect(
      findActiveOrLatest(rs('c', 0, { created: 2 }), [rs('a', 0), active])?.metadata.name,
    ).toBe('b');
  });

  it('returns the new one when none is active', () => {
    expect(findActiveOrLatest(rs('c', 0, { created: 2 }), [rs('a', 0)])?.metadata.name).toBe('c');
  });

  it('returns nothing when several are active', () => {
    expect(findActiveOrLatest(rs('c', 1, { created: 2 }), [rs('a', 2)])).toBeUndefined();
  });
});

describe('revisions', () => {
  it.each([
    // revisions → max, last (second highest)
    [[1, 2, 3], 3, 2],
    [[3, 1], 3, 1],
    [[5], 5, 0],
  ])('%j → max %i, last %i', (revisions, max, last) => {
    const list = revisions.map((r, i) => rs(`rs${i}`, 0, { revision: r }));
    expect(maxRevision(list)).toBe(max);
    expect(lastRevision(list)).toBe(last);
  });

  it('raises a reused ReplicaSet to the new revision and keeps its history', () => {
    const old = rs('a', 0, { revision: 1 });
    expect(setNewReplicaSetAnnotations(deployment(3), old, 3, true)).toBe(true);
    expect(old.metadata.annotations).toMatchObject({
      'deployment.kubernetes.io/revision': '3',
      'deployment.kubernetes.io/revision-history': '1',
    });
  });

  it('sets the replica annotations on a new ReplicaSet', () => {
    const fresh = rs('a', 0);
    delete fresh.metadata.annotations;
    setNewReplicaSetAnnotations(deployment(10), fresh, 1, false);
    expect(fresh.metadata.annotations).toEqual({
      'deployment.kubernetes.io/revision': '1',
      'deployment.kubernetes.io/desired-replicas': '10',
      'deployment.kubernetes.io/max-replicas': '13',
    });
  });
});

describe('findNewReplicaSet', () => {
  it('matches the template ignoring the hash label, oldest first', () => {
    const d = deployment(3);
    const match = rs('b', 1, { created: 2 });
    const older = rs('a', 1, { created: 1 });
    const other = rs('c', 1, { created: 0, image: 'nginx:2' });
    expect(findNewReplicaSet(d, [match, other, older])?.metadata.name).toBe('a');
  });
});

describe('setDeploymentCondition', () => {
  it('keeps lastTransitionTime when only the reason changes', () => {
    const status = {
      conditions: [
        {
          type: 'Progressing',
          status: 'True' as const,
          reason: 'A',
          lastTransitionTime: at(1),
          lastUpdateTime: at(1),
        },
      ],
    };
    setDeploymentCondition(status, {
      type: 'Progressing',
      status: 'True',
      reason: 'B',
      lastTransitionTime: at(5),
      lastUpdateTime: at(5),
    });
    expect(status.conditions[0]).toMatchObject({
      reason: 'B',
      lastTransitionTime: at(1),
      lastUpdateTime: at(5),
    });
  });

  it('leaves a condition with the same status and reason alone', () => {
    const status = {
      conditions: [
        { type: 'Available', status: 'True' as const, reason: 'A', lastUpdateTime: at(1) },
      ],
    };
    setDeploymentCondition(status, {
      type: 'Available',
      status: 'True',
      reason: 'A',
      lastUpdateTime: at(9),
    });
    expect(status.conditions[0].lastUpdateTime).toBe(at(1));
  });
});

describe('calculateStatus', () => {
  it('sums ReplicaSet statuses and sets Available', () => {
    const newRS = rs('new', 3, { available: 1 });
    const oldRS = rs('old', 8, { available: 8 });
    const status = calculateStatus([oldRS, newRS], newRS, deployment(10), at(0));
    expect(status).toMatchObject({
      observedGeneration: 1,
      replicas: 11,
      updatedReplicas: 3,
      readyReplicas: 9,
      availableReplicas: 9,
      unavailableReplicas: 2,
    });
    expect(status.conditions).toEqual([
      expect.objectContaining({
        type: 'Available',
        status: 'True',
        reason: 'MinimumReplicasAvailable',
      }),
    ]);
  });

  it('reports MinimumReplicasUnavailable below replicas − maxUnavailable', () => {
    const only = rs('new', 10, { available: 7 });
    const status = calculateStatus([only], only, deployment(10), at(0));
    expect(status.conditions?.[0]).toMatchObject({
      status: 'False',
      reason: 'MinimumReplicasUnavailable',
    });
    expect(status.unavailableReplicas).toBe(3);
  });
});
