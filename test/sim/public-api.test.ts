/**
 * The `bosun/sim` entry point: a user builds a cluster from its exports alone — a custom
 * problem detector list from the default judges, typed `get`s, the reason constants — and
 * nothing internal leaks.
 */
import * as sim from '../../lib/sim';
import {
  Cluster,
  defaultProblemDetectors,
  ingressProblems,
  NODE_MONITOR_GRACE_SECONDS,
  podProblems,
  STILL_CHANGING,
  type ClusterRequest,
  type ClusterResponse,
  type HorizontalPodAutoscaler,
  type ImageBehavior,
  type NodeSpec,
  type PersistentVolumeClaim,
  type ProblemDetector,
  type StatefulSet,
} from '../../lib/sim';

describe('bosun/sim exports', () => {
  it('lists every default problem detector by name, in the preset order', () => {
    const named = [
      sim.deploymentProblems,
      sim.replicaSetProblems,
      sim.statefulSetProblems,
      sim.quotaProblems,
      sim.hpaProblems,
      sim.volumeProblems,
      sim.schedulingProblems,
      sim.podProblems,
      sim.serviceProblems,
      sim.ingressProblems,
    ];
    expect(defaultProblemDetectors()).toEqual(named);
  });

  it('lets a user drop a judge and run with typed options', () => {
    // GIVEN a cluster that does not judge Ingresses, with typed node and image options
    const nodes: NodeSpec[] = [
      { name: 'big', cpu: '8', taints: [{ key: 'a', effect: 'NoSchedule' }] },
    ];
    const images: Record<string, ImageBehavior> = { 'web:broken': { pull: 'fail' } };
    const detectors: ProblemDetector[] = defaultProblemDetectors().filter(
      (d) => d !== ingressProblems,
    );
    const edge = {
      apiVersion: 'networking.k8s.io/v1',
      kind: 'Ingress',
      metadata: { name: 'edge' },
      spec: {
        rules: [
          {
            host: 'a.example.com',
            http: {
              paths: [
                {
                  path: '/',
                  pathType: 'Prefix',
                  backend: { service: { name: 'missing', port: { number: 80 } } },
                },
              ],
            },
          },
        ],
      },
    };
    const judged = new Cluster({ nodes, images });
    judged.apply(edge);
    expect(judged.converge().problems.map((p) => p.kind)).toContain('Ingress');
    const cluster = new Cluster({ nodes, images, problemDetectors: detectors });
    cluster.apply(edge);
    // THEN the missing backend is not judged, and a request says where it (did not) land
    expect(cluster.converge().problems).toEqual([]);
    const request: ClusterRequest = { host: 'a.example.com', path: '/' };
    const response: ClusterResponse = cluster.request(request);
    expect(response.status).toBe(503);
    expect(detectors).toContain(podProblems);
  });

  it('exports the reason and timing constants users test against', () => {
    expect(STILL_CHANGING).toBe('StillChanging');
    expect(sim.SIMULATOR_ERROR).toBe('SimulatorError');
    expect(NODE_MONITOR_GRACE_SECONDS).toBe(40);
  });

  it('types the objects get() returns for the kinds the simulator runs', () => {
    const cluster = new Cluster();
    cluster.apply({
      apiVersion: 'v1',
      kind: 'PersistentVolumeClaim',
      metadata: { name: 'data' },
      spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } },
    });
    const claim = cluster.get<PersistentVolumeClaim>('pvc', 'data');
    expect(claim?.spec?.storageClassName).toBe('standard');
    expect(cluster.get<StatefulSet>('StatefulSet', 'none')).toBeUndefined();
    expect(cluster.get<HorizontalPodAutoscaler>('hpa', 'none')).toBeUndefined();
  });

  it('keeps internals out (routers, stores, admission plugins)', () => {
    const names = Object.keys(sim);
    for (const internal of [
      'Router',
      'routerFor',
      'SimStore',
      'VirtualClock',
      'CoreAdmission',
      'threeWayMerge',
      'KubeletHeartbeats',
    ])
      expect(names).not.toContain(internal);
  });
});
