/**
 * Scenarios for the ResourceQuota admission plugin and controller through a whole cluster
 * (plugin/pkg/admission/resourcequota/controller.go, pkg/controller/resourcequota): the API
 * server's messages, a Deployment blocked by quota (ReplicaFailure, FailedCreate), status.used
 * as `kubectl describe quota` shows it, and room freed when pods go away.
 */
import type {
  Container,
  Deployment,
  Pod,
  ReplicaSet,
  ResourceRequirements,
} from '../../../lib/sim/api';
import { Cluster } from '../../../lib/sim/cluster';
import { ManifestError } from '../../../lib/sim/manifests';
import type { KubeObject } from '../../../lib/sim/types';
import * as workloads from '../fixtures/workloads';

function quota(
  name: string,
  hard: Record<string, string>,
  extra: Record<string, unknown> = {},
): KubeObject {
  return { apiVersion: 'v1', kind: 'ResourceQuota', metadata: { name }, spec: { hard, ...extra } };
}

const RESOURCES: ResourceRequirements = {
  requests: { cpu: '250m', memory: '512Mi' },
  limits: { cpu: '500m', memory: '512Mi' },
};

const app = (resources: ResourceRequirements): Container => ({
  name: 'app',
  image: 'nginx:1.27',
  resources,
});

function deployment(name: string, replicas: number, resources = RESOURCES): KubeObject {
  return workloads.deployment(name, replicas, app(resources));
}

function barePod(name: string, resources = RESOURCES): KubeObject {
  return workloads.pod(name, app(resources));
}

function used(cluster: Cluster, name: string): Record<string, string> | undefined {
  return (cluster.get('ResourceQuota', name)?.status as { used?: Record<string, string> })?.used;
}

describe('ResourceQuota admission', () => {
  it('fails a pod beyond the pods quota with the API server message', () => {
    // GIVEN a quota of two pods, both used
    const cluster = new Cluster();
    cluster.apply([quota('compute', { pods: '2' }), barePod('a'), barePod('b')]);
    cluster.converge();
    // WHEN a third pod is created THEN the API server forbids it
    expect(() => cluster.apply(barePod('c'))).toThrow(
      /pods "c" is forbidden: exceeded quota: compute, requested: pods=1, used: pods=2, limited: pods=2$/,
    );
  });

  it('fails a pod that would exceed several resources, naming each sorted', () => {
    const cluster = new Cluster();
    cluster.apply([
      quota('compute', { 'requests.cpu': '300m', 'limits.memory': '1Gi', pods: '10' }),
      barePod('a'),
    ]);
    const error = (() => {
      try {
        cluster.apply(
          barePod('b', { requests: { cpu: '100m' }, limits: { cpu: '1', memory: '768Mi' } }),
        );
      } catch (e) {
        return e;
      }
      return undefined;
    })();
    expect(error).toBeInstanceOf(ManifestError);
    expect((error as Error).message).toMatch(
      /exceeded quota: compute, requested: limits\.memory=768Mi,requests\.cpu=100m, used: limits\.memory=512Mi,requests\.cpu=250m, limited: limits\.memory=1Gi,requests\.cpu=300m$/,
    );
  });

  it('fails a pod without limits when the quota limits cpu (failed quota: must specify)', () => {
    const cluster = new Cluster();
    cluster.apply(quota('compute', { 'limits.cpu': '2', 'requests.memory': '1Gi' }));
    expect(() => cluster.apply(barePod('a', { requests: { cpu: '100m' } }))).toThrow(
      /pods "a" is forbidden: failed quota: compute: must specify limits\.cpu for: app; requests\.memory for: app$/,
    );
  });

  it('counts objects with count/<resource> and the legacy names', () => {
    const cluster = new Cluster();
    cluster.apply([
      quota('objects', {
        configmaps: '1',
        'count/deployments.apps': '1',
        'services.nodeports': '1',
      }),
      { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'one' }, data: {} },
      deployment('web', 0),
    ]);
    expect(() =>
      cluster.apply({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'two' } }),
    ).toThrow(
      /configmaps "two" is forbidden: exceeded quota: objects, requested: configmaps=1, used: configmaps=1, limited: configmaps=1/,
    );
    expect(() => cluster.apply(deployment('api', 0))).toThrow(
      /deployments\.apps "api" is forbidden: exceeded quota: objects, requested: count\/deployments\.apps=1, used: count\/deployments\.apps=1, limited: count\/deployments\.apps=1/,
    );
    expect(() =>
      cluster.apply({
        apiVersion: 'v1',
        kind: 'Service',
        metadata: { name: 'np' },
        spec: { type: 'NodePort', selector: { app: 'web' }, ports: [{ port: 80 }, { port: 443 }] },
      }),
    ).toThrow(
      /services "np" is forbidden: exceeded quota: objects, requested: services\.nodeports=2, used: services\.nodeports=0, limited: services\.nodeports=1/,
    );
  });

  it('applies a scoped quota only to the pods in its scope', () => {
    // GIVEN a quota of zero BestEffort pods
    const cluster = new Cluster();
    cluster.apply(quota('best-effort', { pods: '0' }, { scopes: ['BestEffort'] }));
    // THEN a pod with requests is admitted and one without is not
    expect(() => cluster.apply(barePod('burstable'))).not.toThrow();
    expect(() => cluster.apply(barePod('besteffort', {}))).toThrow(
      /exceeded quota: best-effort, requested: pods=1, used: pods=0, limited: pods=0/,
    );
  });

  it('applies only to its own namespace', () => {
    const cluster = new Cluster();
    cluster.apply([
      { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'team' } },
      { ...quota('none', { pods: '0' }), metadata: { name: 'none', namespace: 'team' } },
    ]);
    expect(() => cluster.apply(barePod('a'))).not.toThrow();
    expect(() =>
      cluster.apply({ ...barePod('a'), metadata: { name: 'a', namespace: 'team' } }),
    ).toThrow(/forbidden/);
  });
});

describe('ResourceQuota status', () => {
  it('reports hard and used as kubectl describe quota shows them', () => {
    // GIVEN a quota and a Deployment of three pods within it
    const cluster = new Cluster();
    cluster.apply([
      quota('compute', {
        pods: '10',
        'requests.cpu': '2',
        'requests.memory': '4Gi',
        'limits.memory': '8Gi',
        'count/configmaps': '5',
      }),
      deployment('web', 3),
    ]);
    // WHEN it converges
    const result = cluster.converge();
    // THEN status.hard copies spec.hard and status.used sums the pods
    expect(result.problems).toEqual([]);
    expect(cluster.get('ResourceQuota', 'compute')?.status).toEqual({
      hard: {
        pods: '10',
        'requests.cpu': '2',
        'requests.memory': '4Gi',
        'limits.memory': '8Gi',
        'count/configmaps': '5',
      },
      used: {
        pods: '3',
        'requests.cpu': '750m',
        'requests.memory': '1536Mi',
        'limits.memory': '1536Mi',
        'count/configmaps': '0',
      },
    });
  });

  it('frees the share of a pod once the pod is gone', () => {
    const cluster = new Cluster();
    cluster.apply([quota('compute', { pods: '5' }), barePod('a'), barePod('b')]);
    cluster.converge();
    expect(used(cluster, 'compute')).toEqual({ pods: '2' });
    cluster.deletePod('a');
    cluster.converge();
    expect(cluster.get('Pod', 'a')).toBeUndefined();
    expect(used(cluster, 'compute')).toEqual({ pods: '1' });
  });
});

describe('ResourceQuota lifecycle', () => {
  it('counts the pods that existed before the quota was created', () => {
    const cluster = new Cluster();
    cluster.apply([barePod('a'), barePod('b')]);
    cluster.apply(quota('compute', { pods: '2', 'requests.cpu': '1' }));
    cluster.converge();
    expect(used(cluster, 'compute')).toEqual({ pods: '2', 'requests.cpu': '500m' });
    expect(() => cluster.apply(barePod('c'))).toThrow(/exceeded quota: compute, requested: pods=1/);
  });

  it('admits again once the quota is raised, and the blocked ReplicaSet catches up', () => {
    const cluster = new Cluster();
    cluster.apply([quota('compute', { pods: '2' }), deployment('web', 3)]);
    expect(cluster.converge().problems.map((p) => p.reason)).toEqual(['FailedCreate']);
    cluster.apply(quota('compute', { pods: '5' }));
    expect(cluster.converge({ timeoutSeconds: 1200 }).problems).toEqual([]);
    expect(cluster.get('ResourceQuota', 'compute')?.status).toEqual({
      hard: { pods: '5' },
      used: { pods: '3' },
    });
  });

  it('admits everything once the quota is deleted', () => {
    const cluster = new Cluster();
    cluster.apply([quota('compute', { pods: '0' })]);
    cluster.delete('ResourceQuota', 'compute');
    expect(() => cluster.apply(barePod('a'))).not.toThrow();
  });

  it('stops charging a pod stuck Terminating on a lost node after its grace period (QuotaV1Pod)', () => {
    // GIVEN a Deployment of three pods at a quota of three, one pod per node
    const cluster = new Cluster({ seed: 1 });
    cluster.apply([quota('compute', { pods: '3' }), deployment('web', 3)]);
    expect(cluster.converge().problems).toEqual([]);
    // WHEN node-1 is lost: 40 s later it is NotReady, its pod is evicted 300 s after that and
    // stays Terminating
    cluster.failNode('node-1');
    cluster.advance(350);
    const active = (): Pod[] =>
      cluster.list<Pod>('Pod').filter((p) => !p.metadata.deletionTimestamp);
    // 10 s after the eviction the Terminating pod still counts: the replacement is forbidden
    expect(active()).toHaveLength(2);
    expect(used(cluster, 'compute')).toEqual({ pods: '3' });
    const result = cluster.converge({ timeoutSeconds: 1500 });
    // THEN once deletionTimestamp + grace has passed the quota lets the replacement in
    expect(result.problems).toEqual([]);
    const pods = cluster.list<Pod>('Pod');
    expect(pods.filter((p) => p.metadata.deletionTimestamp)).toHaveLength(1);
    expect(
      pods.filter((p) => !p.metadata.deletionTimestamp && p.spec?.nodeName !== 'node-1'),
    ).toHaveLength(3);
    expect(used(cluster, 'compute')).toEqual({ pods: '3' });
  });
});

describe('a Deployment blocked by quota', () => {
  it('fails with ReplicaFailure and FailedCreate in the API server words', () => {
    // GIVEN a quota of two pods WHEN a Deployment wants three
    const cluster = new Cluster();
    cluster.apply([quota('compute', { pods: '2' }), deployment('web', 3)]);
    const result = cluster.converge();
    // THEN the ReplicaSet and the Deployment carry ReplicaFailure, and the problem says why
    const rs = cluster.list<ReplicaSet>('ReplicaSet')[0];
    const rsFailure = rs.status?.conditions?.find((c) => c.type === 'ReplicaFailure');
    expect(rsFailure).toMatchObject({ status: 'True', reason: 'FailedCreate' });
    expect(rsFailure?.message).toMatch(
      /^pods "web-[a-z0-9]+-[a-z0-9]{5}" is forbidden: exceeded quota: compute, requested: pods=1, used: pods=2, limited: pods=2$/,
    );
    const d = cluster.get<Deployment>('Deployment', 'web');
    expect(d?.status?.conditions?.find((c) => c.type === 'ReplicaFailure')).toMatchObject({
      status: 'True',
      reason: 'FailedCreate',
    });
    expect(result.converged).toBe(false);
    expect(result.problems).toEqual([
      expect.objectContaining({
        kind: 'Deployment',
        name: 'web',
        reason: 'FailedCreate',
        message: expect.stringMatching(
          /exceeded quota: compute, requested: pods=1, used: pods=2, limited: pods=2; 2\/3 replicas available$/,
        ),
      }),
    ]);
    const events = cluster.list<KubeObject & { reason: string; message: string }>('Event');
    expect(
      events.some(
        (e) =>
          e.reason === 'FailedCreate' &&
          /^Error creating: pods ".*" is forbidden: exceeded quota/.test(e.message),
      ),
    ).toBe(true);
  });

  it('reports a bare ReplicaSet blocked by quota as a problem too', () => {
    const cluster = new Cluster();
    const rs = deployment('rs', 2);
    cluster.apply([quota('compute', { pods: '1' }), { ...rs, kind: 'ReplicaSet' }]);
    expect(cluster.converge().problems).toEqual([
      expect.objectContaining({
        kind: 'ReplicaSet',
        name: 'rs',
        reason: 'FailedCreate',
        message: expect.stringMatching(/exceeded quota: compute/),
      }),
    ]);
  });

  it('finishes once another pod leaves room (the ReplicaSet retries)', () => {
    // GIVEN a quota of three pods, a pod holding one, and a Deployment of three blocked at two
    const cluster = new Cluster();
    cluster.apply([quota('compute', { pods: '3' }), barePod('hog'), deployment('web', 3)]);
    expect(cluster.converge().problems.map((p) => p.reason)).toEqual(['FailedCreate']);
    // WHEN the other pod is deleted
    cluster.deletePod('hog');
    // THEN the ReplicaSet's next retry creates the third pod and the quota reports three pods
    const result = cluster.converge({ timeoutSeconds: 1200 });
    expect(result.problems).toEqual([]);
    expect(cluster.get<Deployment>('Deployment', 'web')?.status?.availableReplicas).toBe(3);
    expect(used(cluster, 'compute')).toEqual({ pods: '3' });
  });

  it('replaces a deleted pod once the old one is gone (terminating pods still count)', () => {
    // GIVEN a Deployment of two at a quota of two pods
    const cluster = new Cluster();
    cluster.apply([quota('compute', { pods: '2' }), deployment('web', 2)]);
    expect(cluster.converge().problems).toEqual([]);
    // WHEN one pod is deleted (30 s of graceful termination)
    const victim = cluster.list<Pod>('Pod')[0].metadata.name;
    cluster.deletePod(victim);
    cluster.advance(1);
    // THEN its replacement waits for it: the terminating pod still uses the quota
    expect(cluster.list<Pod>('Pod')).toHaveLength(2);
    // AND once it is gone the ReplicaSet's resync on the deletion creates the replacement
    const result = cluster.converge();
    expect(result.problems).toEqual([]);
    const names = cluster.list<Pod>('Pod').map((p) => p.metadata.name);
    expect(names).toHaveLength(2);
    expect(names).not.toContain(victim);
  });
});

describe('a StatefulSet blocked by quota', () => {
  it('is a FailedCreate problem naming the quota (quotaProblems)', () => {
    const cluster = new Cluster();
    cluster.apply([
      quota('compute', { pods: '1' }),
      workloads.statefulSet('db', {
        replicas: 2,
        claims: false,
        container: { name: 'db', image: 'postgres:16', resources: RESOURCES },
      }),
    ]);
    const problems = cluster.converge().problems;
    expect(problems).toContainEqual(
      expect.objectContaining({
        kind: 'StatefulSet',
        name: 'db',
        reason: 'FailedCreate',
        message: expect.stringMatching(
          /pods "db-1" is forbidden: exceeded quota: compute, requested: pods=1, used: pods=1, limited: pods=1; 1\/2 pods created$/,
        ),
      }),
    );
  });

  it('is a FailedCreate problem when its claims exceed the storage quota', () => {
    const cluster = new Cluster();
    cluster.apply([
      quota('storage', { 'requests.storage': '2Gi', persistentvolumeclaims: '5' }),
      workloads.statefulSet('db', { replicas: 3 }),
    ]);
    const problems = cluster.converge().problems;
    expect(problems).toContainEqual(
      expect.objectContaining({
        kind: 'StatefulSet',
        name: 'db',
        reason: 'FailedCreate',
        message: expect.stringMatching(
          /persistentvolumeclaims "data-db-2" is forbidden: exceeded quota: storage, requested: requests\.storage=1Gi, used: requests\.storage=2Gi, limited: requests\.storage=2Gi; 2\/3 pods created$/,
        ),
      }),
    );
    expect(cluster.get('ResourceQuota', 'storage')?.status).toEqual({
      hard: { 'requests.storage': '2Gi', persistentvolumeclaims: '5' },
      used: { 'requests.storage': '2Gi', persistentvolumeclaims: '2' },
    });
  });
});
