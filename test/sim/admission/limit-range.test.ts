/**
 * Scenarios for the LimitRanger admission plugin through a whole cluster
 * (plugin/pkg/admission/limitranger/admission.go): defaults filled in and annotated, min/max
 * rejections in the API server's words, a Deployment whose pods are forbidden, and the
 * defaults counting toward a quota (LimitRanger runs before ResourceQuota).
 */
import type { Container, Deployment, Pod, ResourceRequirements } from '../../../lib/sim/api';
import { Cluster } from '../../../lib/sim/cluster';
import type { KubeObject } from '../../../lib/sim/types';
import * as workloads from '../fixtures/workloads';

function limitRange(limits: object[]): KubeObject {
  return { apiVersion: 'v1', kind: 'LimitRange', metadata: { name: 'limits' }, spec: { limits } };
}

const app = (resources: ResourceRequirements): Container => ({
  name: 'app',
  image: 'nginx:1.27',
  resources,
});

function pod(name: string, resources: ResourceRequirements = {}): KubeObject {
  return workloads.pod(name, app(resources));
}

describe('LimitRanger admission', () => {
  it('fills in default requests and limits and says so in an annotation', () => {
    // GIVEN a LimitRange with container defaults
    const cluster = new Cluster();
    cluster.apply(
      limitRange([
        {
          type: 'Container',
          default: { cpu: '500m', memory: '512Mi' },
          defaultRequest: { cpu: '100m', memory: '256Mi' },
        },
      ]),
    );
    // WHEN a pod without resources is created
    cluster.apply(pod('web'));
    // THEN it gets them, its QoS class follows, and the annotation names what was set
    const created = cluster.get<Pod>('Pod', 'web');
    expect(created?.spec?.containers[0].resources).toEqual({
      requests: { cpu: '100m', memory: '256Mi' },
      limits: { cpu: '500m', memory: '512Mi' },
    });
    expect(created?.status?.qosClass).toBe('Burstable');
    expect(created?.metadata.annotations?.['kubernetes.io/limit-ranger']).toBe(
      'LimitRanger plugin set: cpu, memory request for container app; cpu, memory limit for container app',
    );
  });

  it('keeps what the container sets and defaults the rest', () => {
    const cluster = new Cluster();
    cluster.apply(limitRange([{ type: 'Container', default: { cpu: '1', memory: '1Gi' } }]));
    cluster.apply(pod('web', { limits: { memory: '256Mi' } }));
    // the API server defaulted the memory request from the limit before the LimitRanger ran
    expect(cluster.get<Pod>('Pod', 'web')?.spec?.containers[0].resources).toEqual({
      requests: { cpu: '1', memory: '256Mi' },
      limits: { cpu: '1', memory: '256Mi' },
    });
  });

  it('defaults the LimitRange itself as the API server does (default from max)', () => {
    const cluster = new Cluster();
    cluster.apply(limitRange([{ type: 'Container', max: { memory: '1Gi' } }]));
    expect(cluster.get('LimitRange', 'limits')?.spec).toEqual({
      limits: [
        {
          type: 'Container',
          max: { memory: '1Gi' },
          default: { memory: '1Gi' },
          defaultRequest: { memory: '1Gi' },
        },
      ],
    });
  });

  it('fails a pod below the minimum', () => {
    const cluster = new Cluster();
    cluster.apply(limitRange([{ type: 'Container', min: { cpu: '100m' } }]));
    expect(() => cluster.apply(pod('web', { requests: { cpu: '50m' } }))).toThrow(
      /pods "web" is forbidden: minimum cpu usage per Container is 100m, but request is 50m$/,
    );
  });

  it('fails a pod above the maximum', () => {
    const cluster = new Cluster();
    cluster.apply(limitRange([{ type: 'Container', max: { memory: '1Gi' } }]));
    expect(() => cluster.apply(pod('web', { limits: { memory: '2Gi' } }))).toThrow(
      /pods "web" is forbidden: maximum memory usage per Container is 1Gi, but limit is 2Gi$/,
    );
  });

  it('fails a pod above the limit to request ratio, listing every violation', () => {
    const cluster = new Cluster();
    cluster.apply(
      limitRange([{ type: 'Container', maxLimitRequestRatio: { cpu: '2' }, max: { cpu: '1' } }]),
    );
    expect(() =>
      cluster.apply(pod('web', { requests: { cpu: '100m' }, limits: { cpu: '2' } })),
    ).toThrow(
      /pods "web" is forbidden: \[maximum cpu usage per Container is 1, but limit is 2, cpu max limit to request ratio per Container is 2, but provided ratio is 20\.000000\]$/,
    );
  });

  it('fails a claim above the PersistentVolumeClaim maximum', () => {
    const cluster = new Cluster();
    cluster.apply(limitRange([{ type: 'PersistentVolumeClaim', max: { storage: '5Gi' } }]));
    expect(() =>
      cluster.apply({
        apiVersion: 'v1',
        kind: 'PersistentVolumeClaim',
        metadata: { name: 'data' },
        spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '10Gi' } } },
      }),
    ).toThrow(
      /persistentvolumeclaims "data" is forbidden: maximum storage usage per PersistentVolumeClaim is 5Gi, but request is 10Gi$/,
    );
  });

  it('makes a Deployment whose pods are forbidden a FailedCreate problem', () => {
    const cluster = new Cluster();
    cluster.apply([
      limitRange([{ type: 'Container', min: { memory: '128Mi' } }]),
      workloads.deployment('web', 2, app({ requests: { memory: '64Mi' } })),
    ]);
    const result = cluster.converge();
    expect(result.problems).toEqual([
      expect.objectContaining({
        kind: 'Deployment',
        name: 'web',
        reason: 'FailedCreate',
        message: expect.stringMatching(
          /is forbidden: minimum memory usage per Container is 128Mi, but request is 64Mi; 0\/2 replicas available$/,
        ),
      }),
    ]);
    expect(cluster.get<Deployment>('Deployment', 'web')?.status?.availableReplicas ?? 0).toBe(0);
  });

  it('fills in defaults before the quota checks them (no must specify)', () => {
    // GIVEN a quota on limits.cpu and a LimitRange that defaults it
    const cluster = new Cluster();
    cluster.apply([
      limitRange([{ type: 'Container', default: { cpu: '500m' } }]),
      {
        apiVersion: 'v1',
        kind: 'ResourceQuota',
        metadata: { name: 'compute' },
        spec: { hard: { 'limits.cpu': '1' } },
      },
    ]);
    // WHEN two pods without resources are created THEN both fit, the third does not
    cluster.apply([pod('a'), pod('b')]);
    expect(() => cluster.apply(pod('c'))).toThrow(
      /exceeded quota: compute, requested: limits\.cpu=500m, used: limits\.cpu=1, limited: limits\.cpu=1$/,
    );
  });
});
