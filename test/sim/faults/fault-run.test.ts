/**
 * The fault run: a rollout of 10 replicas at 25%/25% (maxSurge 3, maxUnavailable 2)
 * while seeded random pod kills hit the web pods and the database, and one node is lost.
 *
 * The bound that holds, checked at every pod change: the Deployment controller never takes a
 * pod away unless it can spare it (at least replicas - maxUnavailable = 8 stay available,
 * pkg/controller/deployment/rolling.go `reconcileOldReplicaSets`), and never runs more than
 * replicas + maxSurge = 13 pods that are not terminating. Only the faults take availability
 * lower: available >= 8 - deficit, where the deficit counts the available pods the faults took
 * (one per kill of an available pod, one per available pod on the lost node) and shrinks by
 * one each time a pod becomes available. The lost node's pods count in the deficit until their
 * replacements are Ready (after the 300 s toleration). No PersistentVolumeClaim is ever lost:
 * the database keeps the same claims (same uids), all Bound, through kills, the node loss and
 * the node's return.
 */
import type { Deployment, Pod } from '../../../lib/sim/api';
import { Cluster } from '../../../lib/sim/cluster';
import { defaultControllers } from '../../../lib/sim/preset';
import { SeededRng } from '../../../lib/sim/rng';
import type { PersistentVolumeClaim } from '../../../lib/sim/storage/api';
import { AvailabilityProbe, database, isAvailable, webApp } from './fault-fixtures';

function claims(cluster: Cluster): Map<string, string | undefined> {
  return new Map(
    cluster
      .list<PersistentVolumeClaim>('PersistentVolumeClaim')
      .map((c) => [c.metadata.name, c.metadata.uid]),
  );
}

describe('a rollout under faults', () => {
  it('keeps availability within the rollout bound, never exceeds 13 pods and loses no claim', () => {
    // GIVEN 10 web replicas and a 3-replica database on 4 nodes
    const probe = new AvailabilityProbe('web', 8);
    const cluster = new Cluster({
      seed: 9,
      nodes: 4,
      controllers: [...defaultControllers(), probe],
    });
    cluster.apply([...webApp('web', 10, 'nginx:1.26'), ...database('db', 3)]);
    expect(cluster.converge({ timeoutSeconds: 900 }).problems).toEqual([]);
    const before = claims(cluster);
    expect([...before.keys()].sort()).toEqual(['data-db-0', 'data-db-1', 'data-db-2']);
    expect(probe.available.size).toBe(10);

    // WHEN the image changes, a seeded choice of pods is killed every 3 s, and node-2 is lost
    const rng = new SeededRng(42);
    probe.recording = true;
    cluster.apply(webApp('web', 10, 'nginx:1.27'));
    for (let step = 0; step < 10; step++) {
      cluster.advance(3);
      if (step === 4) {
        const onNode = cluster
          .list<Pod>('Pod')
          .filter((p) => p.spec?.nodeName === 'node-2' && p.metadata.labels?.app === 'web');
        probe.disrupt(onNode.filter(isAvailable).length);
        cluster.failNode('node-2');
      }
      const alive = cluster
        .list<Pod>('Pod')
        .filter((p) => !p.metadata.deletionTimestamp && p.spec?.nodeName !== 'node-2');
      const victim = alive[rng.int(alive.length)];
      if (victim.metadata.labels?.app === 'web' && isAvailable(victim)) probe.disrupt(1);
      cluster.deletePod(victim.metadata.name);
    }
    const result = cluster.converge({ timeoutSeconds: 1200 });

    // THEN the bounds held at every change
    expect(probe.violations).toEqual([]);
    expect(probe.maxActive).toBeLessThanOrEqual(13);
    // AND the rollout finished on the live nodes
    expect(result.problems.filter((p) => p.kind === 'Deployment')).toEqual([]);
    const web = cluster
      .list<Pod>('Pod')
      .filter((p) => p.metadata.labels?.app === 'web' && !p.metadata.deletionTimestamp);
    expect(web).toHaveLength(10);
    expect(web.every((p) => p.spec?.containers[0].image === 'nginx:1.27')).toBe(true);
    expect(web.every((p) => p.spec?.nodeName !== 'node-2')).toBe(true);
    expect(cluster.get<Deployment>('Deployment', 'web')?.status).toMatchObject({
      replicas: 10,
      updatedReplicas: 10,
      availableReplicas: 10,
    });
    // AND no claim was lost while the node was away
    expect(claims(cluster)).toEqual(before);

    // WHEN node-2 returns
    cluster.recoverNode('node-2');
    const after = cluster.converge({ timeoutSeconds: 900 });
    // THEN everything converges with the same claims, all Bound
    expect(after.problems).toEqual([]);
    expect(claims(cluster)).toEqual(before);
    expect(
      cluster.list<PersistentVolumeClaim>('PersistentVolumeClaim').map((c) => c.status?.phase),
    ).toEqual(['Bound', 'Bound', 'Bound']);
    expect(cluster.list<Pod>('Pod').filter((p) => p.metadata.labels?.app === 'db')).toHaveLength(3);
  });
});
