import { applyDefaults, defaultImagePullPolicy } from '../../lib/sim/defaults';
import type { KubeObject } from '../../lib/sim/types';

function defaulted<T>(obj: KubeObject): T {
  applyDefaults(obj);
  return obj as unknown as T;
}

const template = () => ({
  metadata: { labels: { app: 'web' } },
  spec: {
    containers: [
      {
        name: 'web',
        image: 'nginx:1.27',
        ports: [{ containerPort: 80 }],
        readinessProbe: { httpGet: { port: 80 } },
      },
    ],
  },
});

describe('applyDefaults', () => {
  test('Deployment: replicas 1, RollingUpdate 25%/25%, revisionHistoryLimit 10, progressDeadlineSeconds 600', () => {
    const d = defaulted<{ spec: Record<string, unknown> }>({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'web' },
      spec: { selector: { matchLabels: { app: 'web' } }, template: template() },
    });
    expect(d.spec).toMatchObject({
      replicas: 1,
      strategy: {
        type: 'RollingUpdate',
        rollingUpdate: { maxSurge: '25%', maxUnavailable: '25%' },
      },
      revisionHistoryLimit: 10,
      progressDeadlineSeconds: 600,
    });
  });

  test('Deployment: a Recreate strategy gets no rollingUpdate', () => {
    const d = defaulted<{ spec: { strategy: Record<string, unknown> } }>({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'web' },
      spec: { strategy: { type: 'Recreate' }, template: template() },
    });
    expect(d.spec.strategy).toEqual({ type: 'Recreate' });
  });

  test('pod template: restartPolicy, grace period, dnsPolicy, schedulerName, container and probe defaults', () => {
    const d = defaulted<{
      spec: {
        template: { spec: Record<string, unknown> & { containers: Record<string, unknown>[] } };
      };
    }>({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'web' },
      spec: { template: template() },
    });
    const pod = d.spec.template.spec;
    expect(pod).toMatchObject({
      restartPolicy: 'Always',
      terminationGracePeriodSeconds: 30,
      dnsPolicy: 'ClusterFirst',
      schedulerName: 'default-scheduler',
    });
    expect(pod.containers[0]).toMatchObject({
      imagePullPolicy: 'IfNotPresent',
      terminationMessagePath: '/dev/termination-log',
      ports: [{ containerPort: 80, protocol: 'TCP' }],
      readinessProbe: {
        httpGet: { port: 80, path: '/', scheme: 'HTTP' },
        timeoutSeconds: 1,
        periodSeconds: 10,
        successThreshold: 1,
        failureThreshold: 3,
      },
    });
  });

  test('explicit values are kept', () => {
    const d = defaulted<{ spec: Record<string, unknown> }>({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'web' },
      spec: { replicas: 0, revisionHistoryLimit: 2, template: template() },
    });
    expect(d.spec).toMatchObject({ replicas: 0, revisionHistoryLimit: 2 });
  });

  test('Pod: requests default to limits and the not-ready/unreachable tolerations are added', () => {
    const p = defaulted<{ spec: { containers: { resources: unknown }[]; tolerations: unknown[] } }>(
      {
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: { name: 'p' },
        spec: {
          containers: [
            { name: 'c', image: 'x:1', resources: { limits: { cpu: '500m', memory: '1Gi' } } },
          ],
        },
      },
    );
    expect(p.spec.containers[0].resources).toEqual({
      limits: { cpu: '500m', memory: '1Gi' },
      requests: { cpu: '500m', memory: '1Gi' },
    });
    expect(p.spec.tolerations).toEqual([
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
    ]);
  });

  test('Service: type ClusterIP, sessionAffinity None, port protocol TCP and targetPort = port', () => {
    const s = defaulted<{ spec: Record<string, unknown> }>({
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 'web' },
      spec: { selector: { app: 'web' }, ports: [{ port: 80 }, { port: 443, targetPort: 'https' }] },
    });
    expect(s.spec).toMatchObject({
      type: 'ClusterIP',
      sessionAffinity: 'None',
      ports: [
        { port: 80, protocol: 'TCP', targetPort: 80 },
        { port: 443, protocol: 'TCP', targetPort: 'https' },
      ],
    });
  });

  test('Secret: stringData is folded into base64 data, type Opaque', () => {
    const s = defaulted<Record<string, unknown>>({
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: { name: 's' },
      stringData: { password: 'hunter2' },
    });
    expect(s).toMatchObject({ type: 'Opaque', data: { password: 'aHVudGVyMg==' } });
    expect(s.stringData).toBeUndefined();
  });

  test('defaulting twice changes nothing', () => {
    const obj: KubeObject = {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'web' },
      spec: { template: template() },
    };
    applyDefaults(obj);
    const once = structuredClone(obj);
    applyDefaults(obj);
    expect(obj).toEqual(once);
  });
});

describe('defaultImagePullPolicy', () => {
  it.each([
    ['nginx', 'Always'],
    ['nginx:latest', 'Always'],
    ['nginx:1.27', 'IfNotPresent'],
    ['registry.local:5000/team/app', 'Always'],
    ['registry.local:5000/team/app:2.1', 'IfNotPresent'],
    ['nginx@sha256:abc', 'IfNotPresent'],
  ])('%s → %s', (image, policy) => {
    expect(defaultImagePullPolicy(image)).toBe(policy);
  });
});
