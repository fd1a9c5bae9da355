import type { Pod } from '../../../../lib/sim/api';
import { Scheduler } from '../../../../lib/sim/scheduler';
import { termMatches } from '../../../../lib/sim/scheduler/plugins/inter-pod-affinity';
import type { PodAffinityTerm } from '../../../../lib/sim/scheduler/pod-info';
import { newHarness, type Harness } from '../../../../lib/sim/testing-harness';
import type { KubeObject } from '../../../../lib/sim/types';
import { pod } from '../fixtures';

const HOST = 'kubernetes.io/hostname';

function labelled(
  name: string,
  labels: Record<string, string>,
  spec: Partial<Pod['spec']> = {},
  ns = 'default',
): Pod {
  const p = pod(name, {}, spec);
  p.metadata.labels = labels;
  p.metadata.namespace = ns;
  return p;
}

function antiAffinity(labels: Record<string, string>, topologyKey = HOST): Partial<Pod['spec']> {
  return {
    affinity: {
      podAntiAffinity: {
        requiredDuringSchedulingIgnoredDuringExecution: [
          { labelSelector: { matchLabels: labels }, topologyKey },
        ],
      },
    },
  };
}

function affinity(labels: Record<string, string>, topologyKey = HOST): Partial<Pod['spec']> {
  return {
    affinity: {
      podAffinity: {
        requiredDuringSchedulingIgnoredDuringExecution: [
          { labelSelector: { matchLabels: labels }, topologyKey },
        ],
      },
    },
  };
}

function create(h: Harness, p: Pod): void {
  h.store.create(p as unknown as KubeObject);
}

function get(h: Harness, name: string): Pod {
  return h.store.get('Pod', name) as unknown as Pod;
}

function message(h: Harness, name: string): string | undefined {
  return get(h, name).status?.conditions?.find((c) => c.type === 'PodScheduled')?.message;
}

describe('termMatches (interpodaffinity, GetNamespacesFromPodAffinityTerm)', () => {
  const owner = labelled('owner', {}, {}, 'shop');
  const nsLabels = (ns: string): Record<string, string> => (ns === 'team' ? { team: 'a' } : {});
  it.each<[PodAffinityTerm, string, Record<string, string>, boolean]>([
    [
      { labelSelector: { matchLabels: { app: 'db' } }, topologyKey: HOST },
      'shop',
      { app: 'db' },
      true,
    ],
    [
      { labelSelector: { matchLabels: { app: 'db' } }, topologyKey: HOST },
      'other',
      { app: 'db' },
      false,
    ], // own namespace by default
    [
      { labelSelector: { matchLabels: { app: 'db' } }, namespaces: ['other'], topologyKey: HOST },
      'other',
      { app: 'db' },
      true,
    ],
    [
      { labelSelector: { matchLabels: { app: 'db' } }, namespaceSelector: {}, topologyKey: HOST },
      'any',
      { app: 'db' },
      true,
    ],
    [
      {
        labelSelector: { matchLabels: { app: 'db' } },
        namespaceSelector: { matchLabels: { team: 'a' } },
        topologyKey: HOST,
      },
      'team',
      { app: 'db' },
      true,
    ],
    [{ topologyKey: HOST }, 'shop', { app: 'db' }, false], // nil selector selects nothing
    [{ labelSelector: {}, topologyKey: HOST }, 'shop', { app: 'db' }, true], // empty selector selects all
  ])('%j in %s with %j → %s', (term, ns, labels, want) => {
    expect(termMatches(term, owner, labelled('t', labels, {}, ns), nsLabels)).toBe(want);
  });
});

describe('InterPodAffinity filter', () => {
  test('fails the 4th replica with hostname anti-affinity on 3 nodes', () => {
    const h = newHarness();
    h.start(new Scheduler());
    for (const n of ['w1', 'w2', 'w3', 'w4'])
      create(h, labelled(n, { app: 'web' }, antiAffinity({ app: 'web' })));
    h.run(1);
    const placed = ['w1', 'w2', 'w3'].map((n) => get(h, n).spec?.nodeName);
    expect(new Set(placed).size).toBe(3);
    expect(get(h, 'w4').spec?.nodeName).toBeUndefined();
    expect(message(h, 'w4')).toBe(
      "0/3 nodes are available: 3 node(s) didn't match pod anti-affinity rules. preemption: 0/3 nodes are available: 3 No preemption victims found for incoming pod.",
    );
  });

  test('keeps a pod off nodes where a placed pod’s anti-affinity selects it', () => {
    const h = newHarness({ nodes: 2 });
    h.start(new Scheduler());
    create(
      h,
      labelled('loner', { app: 'loner' }, { nodeName: 'node-1', ...antiAffinity({ app: 'web' }) }),
    );
    create(h, labelled('web', { app: 'web' }));
    h.run(1);
    expect(get(h, 'web').spec?.nodeName).toBe('node-2');
  });

  test('reports the existing pods’ anti-affinity when it blocks every node', () => {
    const h = newHarness({ nodes: 1 });
    h.start(new Scheduler());
    create(
      h,
      labelled('loner', { app: 'loner' }, { nodeName: 'node-1', ...antiAffinity({ app: 'web' }) }),
    );
    create(h, labelled('web', { app: 'web' }));
    h.run(1);
    expect(message(h, 'web')).toMatch(
      /^0\/1 nodes are available: 1 node\(s\) didn't satisfy existing pods anti-affinity rules\./,
    );
  });

  test('places a pod next to the pod its affinity selects', () => {
    const h = newHarness();
    h.start(new Scheduler());
    create(h, labelled('db', { app: 'db' }, { nodeName: 'node-2' }));
    create(h, labelled('cache', { app: 'cache' }, affinity({ app: 'db' })));
    h.run(1);
    expect(get(h, 'cache').spec?.nodeName).toBe('node-2');
  });

  test('fails affinity to pods that do not exist, unless the pod selects itself', () => {
    const h = newHarness();
    h.start(new Scheduler());
    create(h, labelled('lonely', { app: 'cache' }, affinity({ app: 'db' })));
    create(h, labelled('first', { app: 'group' }, affinity({ app: 'group' })));
    h.run(1);
    expect(message(h, 'lonely')).toBe(
      "0/3 nodes are available: 3 node(s) didn't match pod affinity rules. preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.",
    );
    expect(get(h, 'first').spec?.nodeName).toBeDefined();
  });
});

describe('InterPodAffinity score', () => {
  function preferred(kind: 'podAffinity' | 'podAntiAffinity', labels: Record<string, string>) {
    return {
      affinity: {
        [kind]: {
          preferredDuringSchedulingIgnoredDuringExecution: [
            {
              weight: 100,
              podAffinityTerm: { labelSelector: { matchLabels: labels }, topologyKey: HOST },
            },
          ],
        },
      },
    } as Partial<Pod['spec']>;
  }

  test('prefers the node next to the pod its preferred affinity selects', () => {
    const h = newHarness();
    h.start(new Scheduler());
    create(h, labelled('db', { app: 'db' }, { nodeName: 'node-3' }));
    create(h, labelled('api', { app: 'api' }, preferred('podAffinity', { app: 'db' })));
    h.run(1);
    expect(get(h, 'api').spec?.nodeName).toBe('node-3');
  });

  test('avoids, but may still use, nodes its preferred anti-affinity selects', () => {
    const h = newHarness({ nodes: 2 });
    h.start(new Scheduler());
    create(h, labelled('noisy', { app: 'noisy' }, { nodeName: 'node-1' }));
    create(h, labelled('quiet', { app: 'quiet' }, preferred('podAntiAffinity', { app: 'noisy' })));
    h.run(1);
    expect(get(h, 'quiet').spec?.nodeName).toBe('node-2');

    const one = newHarness({ nodes: 1 });
    one.start(new Scheduler());
    create(one, labelled('noisy', { app: 'noisy' }, { nodeName: 'node-1' }));
    create(
      one,
      labelled('quiet', { app: 'quiet' }, preferred('podAntiAffinity', { app: 'noisy' })),
    );
    one.run(1);
    expect(get(one, 'quiet').spec?.nodeName).toBe('node-1');
  });
});
