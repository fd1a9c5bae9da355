/**
 * Pods that die: a deleted pod is replaced by its owner (pkg/controller/replicaset
 * `manageReplicas`, pkg/controller/statefulset: same name, same claim), and a container that
 * keeps crashing is restarted with the kubelet's back-off, 10 s doubling up to 5 min
 * (pkg/kubelet/kubelet.go `backOffPeriod`, `MaxContainerBackOff`), its restartCount counting up;
 * an image that does not pull goes ErrImagePull then ImagePullBackOff.
 */
import type { Pod } from '../../../lib/sim/api';
import type { PersistentVolumeClaim } from '../../../lib/sim/storage/api';
import { Cluster } from '../../../lib/sim/cluster';
import { defaultControllers } from '../../../lib/sim/preset';
import type { KubeObject } from '../../../lib/sim/types';
import { RestartProbe, database, webApp } from './fault-fixtures';

function pod(name: string, image: string): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name },
    spec: { containers: [{ name: 'app', image }] },
  };
}

describe('deletePod', () => {
  it('has the Deployment replace the pod under a new name', () => {
    const cluster = new Cluster({ seed: 4 });
    cluster.apply(webApp('web', 3));
    cluster.converge();
    const victim = cluster.list<Pod>('Pod')[1].metadata.name;
    cluster.deletePod(victim);
    expect(cluster.converge().problems).toEqual([]);
    const names = cluster.list<Pod>('Pod').map((p) => p.metadata.name);
    expect(names).toHaveLength(3);
    expect(names).not.toContain(victim);
  });

  it('has the StatefulSet recreate the pod under the same name with the same claim', () => {
    const cluster = new Cluster({ seed: 4 });
    cluster.apply(database('db', 2));
    expect(cluster.converge({ timeoutSeconds: 900 }).problems).toEqual([]);
    const before = cluster.get<Pod>('Pod', 'db-1');
    const claim = cluster.get<PersistentVolumeClaim>('PersistentVolumeClaim', 'data-db-1');
    cluster.deletePod('db-1');
    expect(cluster.converge({ timeoutSeconds: 900 }).problems).toEqual([]);
    const after = cluster.get<Pod>('Pod', 'db-1');
    expect(after?.metadata.uid).not.toBe(before?.metadata.uid);
    expect(after?.spec?.nodeName).toBe(before?.spec?.nodeName);
    const same = cluster.get<PersistentVolumeClaim>('PersistentVolumeClaim', 'data-db-1');
    expect(same?.metadata.uid).toBe(claim?.metadata.uid);
    expect(same?.status?.phase).toBe('Bound');
  });

  it('fails with NotFound for a pod that does not exist', () => {
    const cluster = new Cluster();
    expect(() => cluster.deletePod('nope')).toThrow(/pods "nope" not found/);
  });
});

describe('a crash loop', () => {
  it('restarts after 10 s, doubling each time up to 300 s, counting restarts', () => {
    // GIVEN an image that exits right after it starts
    const probe = new RestartProbe('crash');
    const cluster = new Cluster({
      images: { 'app:crash': { crash: true } },
      controllers: [...defaultControllers(), probe],
    });
    cluster.apply(pod('crash', 'app:crash'));
    // WHEN 25 virtual minutes pass
    cluster.advance(1500);
    // THEN the gaps between restarts are the back-off (plus the second the container runs)
    const gaps = probe.restarts.slice(1).map(([t], i) => t - probe.restarts[i][0]);
    const backOff = gaps.map((_, i) => Math.min(10 * 2 ** i, 300));
    gaps.forEach((gap, i) => {
      expect(gap).toBeGreaterThanOrEqual(backOff[i]);
      expect(gap).toBeLessThanOrEqual(backOff[i] + 5);
    });
    // the cap is reached: 10, 20, 40, 80, 160, then 300 each time
    expect(gaps.length).toBeGreaterThanOrEqual(7);
    expect(backOff.slice(-2)).toEqual([300, 300]);
    expect(probe.restarts.map(([, count]) => count)).toEqual(probe.restarts.map((_, i) => i + 1));
    const status = cluster.get<Pod>('Pod', 'crash')?.status?.containerStatuses?.[0];
    expect(status?.restartCount).toBe(probe.restarts.length);
    expect(status?.state.waiting?.reason).toBe('CrashLoopBackOff');
    expect(status?.state.waiting?.message).toMatch(
      /^back-off 5m0s restarting failed container=app pod=crash_default\(/,
    );
  });

  it('is a CrashLoopBackOff problem', () => {
    const cluster = new Cluster({ images: { 'app:crash': { crash: true } } });
    cluster.apply(pod('crash', 'app:crash'));
    const problems = cluster.converge().problems;
    expect(problems).toContainEqual(
      expect.objectContaining({ kind: 'Pod', name: 'crash', reason: 'CrashLoopBackOff' }),
    );
  });
});

describe('an image that does not pull', () => {
  it('goes from ErrImagePull to ImagePullBackOff and is a problem', () => {
    const cluster = new Cluster({ images: { 'app:missing': { pull: 'fail' } } });
    cluster.apply(pod('pull', 'app:missing'));
    const reasons = new Set<string>();
    for (let i = 0; i < 60; i++) {
      cluster.advance(5);
      const reason = cluster.get<Pod>('Pod', 'pull')?.status?.containerStatuses?.[0]?.state.waiting
        ?.reason;
      if (reason) reasons.add(reason);
    }
    expect([...reasons]).toEqual(expect.arrayContaining(['ErrImagePull', 'ImagePullBackOff']));
    expect(cluster.converge().problems).toContainEqual(
      expect.objectContaining({ kind: 'Pod', name: 'pull', reason: 'ImagePullBackOff' }),
    );
  });
});
