/**
 * A node that stops answering, as the node lifecycle controller handles it
 * (pkg/controller/nodelifecycle/node_lifecycle_controller.go, pkg/controller/tainteviction):
 * after `--node-monitor-grace-period` (40 s, pkg/controller/nodelifecycle/config/v1alpha1/
 * defaults.go) Ready becomes Unknown and the node is tainted `node.kubernetes.io/unreachable`
 * (NoSchedule and NoExecute); its pods are marked not ready (MarkPodsNotReady) and leave the
 * Endpoints; they are evicted once the 300 s toleration the DefaultTolerationSeconds admission
 * plugin adds (plugin/pkg/admission/defaulttolerationseconds) runs out; a Deployment's
 * replacements run elsewhere, while a StatefulSet's pod stays Terminating until the node returns
 * (pkg/controller/statefulset: a pod's identity is never run twice).
 */
import type { Condition, Endpoints, Node, Pod, Taint } from '../../../lib/sim/api';
import { Cluster } from '../../../lib/sim/cluster';
import { secondsOf } from '../../../lib/sim/clock';
import { database, webApp } from './fault-fixtures';

const GRACE = 40;
const TOLERATION = 300;

function readyOf(cluster: Cluster, node: string): Condition | undefined {
  return cluster.get<Node>('Node', node)?.status?.conditions?.find((c) => c.type === 'Ready');
}

function podsOn(cluster: Cluster, node: string, app: string): Pod[] {
  return cluster
    .list<Pod>('Pod')
    .filter((p) => p.spec?.nodeName === node && p.metadata.labels?.app === app);
}

function readyAddresses(cluster: Cluster, service: string): string[] {
  const endpoints = cluster.get<Endpoints>('Endpoints', service);
  return (endpoints?.subsets ?? []).flatMap((s) => (s.addresses ?? []).map((a) => a.ip));
}

/** A cluster of 3 nodes with 3 web pods, one per node (seed 1 spreads them). */
function webCluster(): Cluster {
  const cluster = new Cluster({ seed: 1 });
  cluster.apply(webApp('web', 3));
  expect(cluster.converge().problems).toEqual([]);
  expect(podsOn(cluster, 'node-1', 'web')).toHaveLength(1);
  return cluster;
}

describe('a lost node', () => {
  it('keeps the node Ready until the 40 s node-monitor grace period has passed', () => {
    const cluster = webCluster();
    cluster.failNode('node-1');
    cluster.advance(GRACE - 1);
    expect(readyOf(cluster, 'node-1')?.status).toBe('True');
  });

  it('keeps its pods in the Endpoints during the grace period (nobody knows yet)', () => {
    const cluster = webCluster();
    const lost = podsOn(cluster, 'node-1', 'web')[0];
    cluster.failNode('node-1');
    cluster.advance(GRACE - 1);
    expect(readyAddresses(cluster, 'web')).toContain(lost.status?.podIP);
    expect(cluster.get<Node>('Node', 'node-1')?.spec?.taints).toBeUndefined();
  });

  it('is never marked when it comes back within the grace period', () => {
    const cluster = webCluster();
    cluster.failNode('node-1');
    cluster.advance(GRACE - 10);
    cluster.recoverNode('node-1');
    expect(cluster.converge().problems).toEqual([]);
    expect(readyOf(cluster, 'node-1')?.status).toBe('True');
    const nodeEvents = cluster
      .list('Event')
      .filter((e) => (e.involvedObject as { kind: string }).kind === 'Node');
    expect(nodeEvents).toEqual([]);
  });

  it('fails for a node that does not exist', () => {
    const cluster = new Cluster();
    expect(() => cluster.failNode('node-9')).toThrow(/nodes "node-9" not found/);
    expect(() => cluster.recoverNode('node-9')).toThrow(/nodes "node-9" not found/);
  });

  it('is Ready=Unknown and tainted unreachable once the grace period has passed', () => {
    const cluster = webCluster();
    cluster.failNode('node-1');
    cluster.advance(GRACE);
    expect(readyOf(cluster, 'node-1')).toMatchObject({
      status: 'Unknown',
      reason: 'NodeStatusUnknown',
      message: 'Kubelet stopped posting node status.',
    });
    // the pressure conditions too: nobody knows any more (tryUpdateNodeHealth)
    const statuses = cluster.get<Node>('Node', 'node-1')?.status?.conditions?.map((c) => c.status);
    expect(statuses).toEqual(['Unknown', 'Unknown', 'Unknown', 'Unknown']);
    const taints = cluster.get<Node>('Node', 'node-1')?.spec?.taints ?? [];
    expect(taints.map((t) => `${t.key}:${t.effect}`)).toEqual([
      'node.kubernetes.io/unreachable:NoSchedule',
      'node.kubernetes.io/unreachable:NoExecute',
    ]);
  });

  it('takes its pods out of the Endpoints as not ready', () => {
    const cluster = webCluster();
    const lost = podsOn(cluster, 'node-1', 'web')[0];
    expect(readyAddresses(cluster, 'web')).toContain(lost.status?.podIP);
    cluster.failNode('node-1');
    cluster.advance(GRACE);
    const pod = cluster.get<Pod>('Pod', lost.metadata.name);
    expect(pod?.status?.conditions?.find((c) => c.type === 'Ready')?.status).toBe('False');
    expect(readyAddresses(cluster, 'web')).toHaveLength(2);
    expect(readyAddresses(cluster, 'web')).not.toContain(lost.status?.podIP);
  });

  it('gives every pod the 300 s not-ready and unreachable tolerations (DefaultTolerationSeconds)', () => {
    const cluster = webCluster();
    for (const pod of cluster.list<Pod>('Pod')) {
      expect(pod.spec?.tolerations).toEqual(
        expect.arrayContaining([
          {
            key: 'node.kubernetes.io/not-ready',
            operator: 'Exists',
            effect: 'NoExecute',
            tolerationSeconds: 300,
          },
          {
            key: 'node.kubernetes.io/unreachable',
            operator: 'Exists',
            effect: 'NoExecute',
            tolerationSeconds: 300,
          },
        ]),
      );
    }
  });

  it('evicts its pods when the 300 s toleration of the NoExecute taint runs out, not before', () => {
    const cluster = webCluster();
    const lost = podsOn(cluster, 'node-1', 'web')[0].metadata.name;
    cluster.failNode('node-1');
    cluster.advance(GRACE);
    const taint = (cluster.get<Node>('Node', 'node-1')?.spec?.taints ?? []).find(
      (t: Taint) => t.effect === 'NoExecute',
    );
    const tainted = secondsOf(taint?.timeAdded ?? '');
    cluster.advance(tainted + TOLERATION - 1 - cluster.now);
    expect(cluster.get<Pod>('Pod', lost)?.metadata.deletionTimestamp).toBeUndefined();
    cluster.advance(1);
    // marked for deletion; its kubelet is down, so it stays Terminating
    expect(cluster.get<Pod>('Pod', lost)?.metadata.deletionTimestamp).toBeDefined();
    cluster.advance(120);
    expect(cluster.get<Pod>('Pod', lost)).toBeDefined();
  });

  it('has the Deployment replace its pods on the other nodes', () => {
    const cluster = webCluster();
    const lost = podsOn(cluster, 'node-1', 'web')[0].metadata.name;
    cluster.failNode('node-1');
    const result = cluster.converge({ timeoutSeconds: 900 });
    expect(result.problems.filter((p) => p.kind === 'Deployment')).toEqual([]);
    const live = cluster.list<Pod>('Pod').filter((p) => !p.metadata.deletionTimestamp);
    expect(live).toHaveLength(3);
    expect(live.every((p) => p.spec?.nodeName !== 'node-1')).toBe(true);
    expect(live.map((p) => p.metadata.name)).not.toContain(lost);
    expect(readyAddresses(cluster, 'web')).toHaveLength(3);
  });

  it('keeps a StatefulSet pod Terminating on the lost node, without a second copy, until it returns', () => {
    // GIVEN a 3-replica database with one pod (and its volume) per node
    const cluster = new Cluster({ seed: 1 });
    cluster.apply(database('db', 3));
    expect(cluster.converge({ timeoutSeconds: 900 }).problems).toEqual([]);
    const lost = cluster.list<Pod>('Pod').find((p) => p.spec?.nodeName === 'node-2');
    expect(lost).toBeDefined();
    const name = lost?.metadata.name ?? '';
    const uid = lost?.metadata.uid;
    // WHEN node-2 is lost for longer than the toleration
    cluster.failNode('node-2');
    cluster.converge({ timeoutSeconds: 900 });
    // THEN the pod is Terminating and not recreated anywhere
    const stuck = cluster.list<Pod>('Pod').filter((p) => p.metadata.name === name);
    expect(stuck).toHaveLength(1);
    expect(stuck[0].metadata.uid).toBe(uid);
    expect(stuck[0].metadata.deletionTimestamp).toBeDefined();
    // WHEN the node returns
    cluster.recoverNode('node-2');
    const result = cluster.converge({ timeoutSeconds: 900 });
    // THEN the old pod is finished and the StatefulSet runs a new one with the same claim
    expect(result.problems).toEqual([]);
    const back = cluster.get<Pod>('Pod', name);
    expect(back?.metadata.uid).not.toBe(uid);
    expect(back?.metadata.deletionTimestamp).toBeUndefined();
    expect(
      back?.spec?.volumes?.find((v) => v.name === 'data')?.persistentVolumeClaim?.claimName,
    ).toBe(`data-${name}`);
  });

  it('is Ready and untainted again after recoverNode, and runs pods again', () => {
    const cluster = webCluster();
    cluster.failNode('node-1');
    cluster.converge({ timeoutSeconds: 900 });
    cluster.recoverNode('node-1');
    const result = cluster.converge();
    expect(result.problems).toEqual([]);
    expect(readyOf(cluster, 'node-1')?.status).toBe('True');
    expect(cluster.get<Node>('Node', 'node-1')?.spec?.taints ?? []).toEqual([]);
    // the evicted pod's kubelet is back and finishes its deletion
    expect(cluster.list<Pod>('Pod').filter((p) => p.metadata.deletionTimestamp)).toEqual([]);
    // and the node takes new pods again
    cluster.apply(webApp('more', 6));
    expect(cluster.converge().problems).toEqual([]);
    expect(podsOn(cluster, 'node-1', 'more').length).toBeGreaterThan(0);
  });
});
