import { paint } from '../../lib/cli/color';
import {
  formatTable,
  hpaTargets,
  renderTables,
  serviceExternalIp,
  servicePorts,
} from '../../lib/cli/tables';
import type { HorizontalPodAutoscalerView } from '../../lib/cli/views';
import type { Deployment, Pod, Service } from '../../lib/sim/api';

const START = '2024-01-01T00:00:00Z';
const NOW = '2024-01-01T00:00:42Z';

function service(spec: Service['spec'], status?: Service['status']): Service {
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: 'web', creationTimestamp: START },
    spec,
    status,
  };
}

describe('formatTable', () => {
  it('pads columns by three spaces, at least six wide, and leaves the last column unpadded', () => {
    const text = formatTable(
      ['NAME', 'READY', 'AGE'],
      [
        ['pod/web-1', '1/1', '42s'],
        ['pod/w', '0/1', '3m20s'],
      ],
    );
    expect(text.split('\n')).toEqual([
      'NAME        READY   AGE',
      'pod/web-1   1/1     42s',
      'pod/w       0/1     3m20s',
    ]);
  });
});

describe('servicePorts', () => {
  it.each<[string, Service['spec'], string]>([
    ['port and protocol', { ports: [{ port: 80, protocol: 'TCP' }] }, '80/TCP'],
    ['protocol defaults to TCP', { ports: [{ port: 5432 }] }, '5432/TCP'],
    [
      'node port after the port',
      { type: 'NodePort', ports: [{ port: 80, nodePort: 31000, protocol: 'TCP' }] },
      '80:31000/TCP',
    ],
    [
      'several, comma-separated',
      { ports: [{ port: 80 }, { port: 443, protocol: 'TCP' }] },
      '80/TCP,443/TCP',
    ],
    ['none', {}, '<none>'],
  ])('%s', (_case, spec, expected) => {
    expect(servicePorts(service(spec))).toBe(expected);
  });
});

describe('serviceExternalIp', () => {
  it.each<[string, Service['spec'], Service['status'], string]>([
    ['ClusterIP has none', { type: 'ClusterIP' }, undefined, '<none>'],
    ['NodePort has none', { type: 'NodePort' }, undefined, '<none>'],
    ['LoadBalancer without address is pending', { type: 'LoadBalancer' }, {}, '<pending>'],
    [
      'LoadBalancer shows its IP',
      { type: 'LoadBalancer' },
      { loadBalancer: { ingress: [{ ip: '172.18.255.200' }] } },
      '172.18.255.200',
    ],
    [
      'ExternalName shows the name',
      { type: 'ExternalName', externalName: 'db.example.com' },
      undefined,
      'db.example.com',
    ],
  ])('%s', (_case, spec, status, expected) => {
    expect(serviceExternalIp(service(spec, status))).toBe(expected);
  });
});

describe('hpaTargets', () => {
  function hpa(
    spec: Partial<HorizontalPodAutoscalerView['spec']>,
    status?: HorizontalPodAutoscalerView['status'],
  ) {
    return {
      apiVersion: 'autoscaling/v2',
      kind: 'HorizontalPodAutoscaler',
      metadata: { name: 'web' },
      spec: { scaleTargetRef: { kind: 'Deployment', name: 'web' }, maxReplicas: 5, ...spec },
      status,
    } as HorizontalPodAutoscalerView;
  }
  const cpu = { type: 'Resource', resource: { name: 'cpu', target: { averageUtilization: 50 } } };
  const memory = {
    type: 'Resource',
    resource: { name: 'memory', target: { averageUtilization: 70 } },
  };

  it.each<[string, HorizontalPodAutoscalerView, string]>([
    ['unknown until metrics come in', hpa({ metrics: [cpu] }), 'cpu: <unknown>/50%'],
    [
      'current over target',
      hpa(
        { metrics: [cpu, memory] },
        {
          currentMetrics: [
            { type: 'Resource', resource: { name: 'cpu', current: { averageUtilization: 40 } } },
          ],
        },
      ),
      'cpu: 40%/50%, memory: <unknown>/70%',
    ],
    [
      'more than two are counted',
      hpa({ metrics: [cpu, memory, cpu] }),
      'cpu: <unknown>/50%, memory: <unknown>/70% + 1 more...',
    ],
    [
      'autoscaling/v1 CPU target',
      hpa({ targetCPUUtilizationPercentage: 80 }, { currentCPUUtilizationPercentage: 12 }),
      'cpu: 12%/80%',
    ],
    ['no metrics', hpa({}), '<none>'],
  ])('%s', (_case, h, expected) => {
    expect(hpaTargets(h)).toBe(expected);
  });
});

describe('renderTables', () => {
  const deployment: Deployment = {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'web', namespace: 'default', creationTimestamp: START },
    spec: {
      replicas: 2,
      selector: { matchLabels: { app: 'web' } },
      template: { spec: { containers: [] } },
    },
    status: { readyReplicas: 1, updatedReplicas: 2, availableReplicas: 1 },
  };
  const runningPod: Pod = {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'web-5d9c7-x2x7k', namespace: 'default', creationTimestamp: START },
    spec: { containers: [{ name: 'app' }], nodeName: 'node-1' },
    status: {
      phase: 'Running',
      podIP: '10.244.1.2',
      containerStatuses: [
        { name: 'app', image: 'web:1', ready: true, restartCount: 0, state: { running: {} } },
      ],
    },
  };
  const pendingPod: Pod = {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'api-7f8b-abcde', namespace: 'shop', creationTimestamp: START },
    spec: { containers: [{ name: 'app' }] },
    status: { phase: 'Pending' },
  };

  it('prints one section per namespace and one kubectl-style table per kind', () => {
    // GIVEN objects in two namespaces, and a kind the tables do not show
    const objects = [
      pendingPod,
      runningPod,
      deployment,
      { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'env', namespace: 'default' } },
    ];

    // WHEN
    const text = renderTables(objects, NOW, paint(false));

    // THEN
    expect(text).toBe(
      [
        'Namespace: default',
        '',
        'NAME                  READY   UP-TO-DATE   AVAILABLE   AGE',
        'deployment.apps/web   1/2     2            1           42s',
        '',
        'NAME                  READY   STATUS    RESTARTS   AGE   IP           NODE',
        'pod/web-5d9c7-x2x7k   1/1     Running   0          42s   10.244.1.2   node-1',
        '',
        'Namespace: shop',
        '',
        'NAME                 READY   STATUS    RESTARTS   AGE   IP       NODE',
        'pod/api-7f8b-abcde   0/1     Pending   0          42s   <none>   <none>',
      ].join('\n'),
    );
  });

  it('prints the Services, StatefulSets, PVCs, Ingresses and HPAs columns kubectl prints', () => {
    const objects = [
      service({
        type: 'ClusterIP',
        clusterIP: '10.96.0.10',
        ports: [{ port: 80, protocol: 'TCP' }],
      }),
      {
        apiVersion: 'apps/v1',
        kind: 'StatefulSet',
        metadata: { name: 'db', creationTimestamp: START },
        spec: { replicas: 1 },
        status: { readyReplicas: 1 },
      },
      {
        apiVersion: 'v1',
        kind: 'PersistentVolumeClaim',
        metadata: { name: 'data-db-0', creationTimestamp: START },
        spec: { storageClassName: 'standard', volumeName: 'pvc-1234' },
        status: { phase: 'Bound', accessModes: ['ReadWriteOnce'], capacity: { storage: '10Gi' } },
      },
      {
        apiVersion: 'networking.k8s.io/v1',
        kind: 'Ingress',
        metadata: { name: 'edge', creationTimestamp: START },
        spec: {
          ingressClassName: 'nginx',
          rules: [{ host: 'api.example.com' }],
          tls: [{ hosts: ['api.example.com'] }],
        },
      },
      {
        apiVersion: 'autoscaling/v2',
        kind: 'HorizontalPodAutoscaler',
        metadata: { name: 'web', creationTimestamp: START },
        spec: {
          scaleTargetRef: { kind: 'Deployment', name: 'web' },
          minReplicas: 2,
          maxReplicas: 10,
        },
        status: { currentReplicas: 2 },
      },
    ];
    const lines = renderTables(objects, NOW, paint(false)).split('\n');
    expect(lines).toContain('NAME                  READY   AGE');
    expect(lines).toContain('statefulset.apps/db   1/1     42s');
    expect(lines).toContain('NAME          TYPE        CLUSTER-IP   EXTERNAL-IP   PORT(S)   AGE');
    expect(lines).toContain('service/web   ClusterIP   10.96.0.10   <none>        80/TCP    42s');
    expect(lines.join('\n')).toMatch(
      /persistentvolumeclaim\/data-db-0 +Bound +pvc-1234 +10Gi +RWO +standard +42s/,
    );
    expect(lines.join('\n')).toMatch(
      /ingress.networking.k8s.io\/edge +nginx +api.example.com +80, 443 +42s/,
    );
    expect(lines.join('\n')).toMatch(
      /horizontalpodautoscaler.autoscaling\/web +Deployment\/web +<none> +2 +10 +2 +42s/,
    );
  });

  it('prints nothing for a cluster without printable objects', () => {
    expect(renderTables([], NOW, paint(false))).toBe('');
  });
});
