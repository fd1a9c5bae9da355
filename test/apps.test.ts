import { Testing } from 'cdk8s';
import { addExampleCharts } from '../apps/stacks';
import type { Deployment, DataObject, Service } from '../lib/sim/api';
import type { KubeObject } from '../lib/sim/types';
import { expectValidKubernetesObjects } from './helpers/kube-schema';
import { restrictedViolations } from './helpers/pss-restricted';
import { only } from './helpers/webapp-synth';

/** GIVEN the example app WHEN synthesized: each chart's objects by chart id. */
function synthExamples(): Record<string, KubeObject[]> {
  const app = Testing.app();
  return Object.fromEntries(
    addExampleCharts(app).map((chart) => [chart.node.id, Testing.synth(chart) as KubeObject[]]),
  );
}

describe('example app', () => {
  const charts = synthExamples();
  const api = charts['spring-api'];
  const deployment = only<Deployment>(api, 'Deployment');
  const pod = deployment.spec!.template.spec!;
  const container = pod.containers[0];

  test('matches the snapshot', () => {
    expect(charts).toMatchSnapshot();
  });

  test('every object passes the Kubernetes schema', () => {
    expectValidKubernetesObjects(Object.values(charts).flat());
  });

  test('is the same YAML on every synth', () => {
    const yaml = () => {
      const app = Testing.app();
      addExampleCharts(app);
      return app.synthYaml();
    };
    expect(yaml()).toBe(yaml());
  });

  test('creates namespace my-app enforcing PSS restricted, before the API', () => {
    expect(Object.keys(charts)).toEqual(['my-app-namespace', 'spring-api']);
    const ns = only(charts['my-app-namespace'], 'Namespace');
    expect(ns.metadata.name).toBe('my-app');
    expect(ns.metadata).not.toHaveProperty('namespace');
    expect(ns.metadata.labels).toMatchObject({
      'pod-security.kubernetes.io/enforce': 'restricted',
    });
  });

  test('puts the Spring API in namespace my-app', () => {
    expect(new Set(api.map((o) => o.metadata.namespace))).toEqual(new Set(['my-app']));
    expect(api.map((o) => o.kind).sort()).toEqual([
      'ConfigMap',
      'Deployment',
      'HorizontalPodAutoscaler',
      'PodDisruptionBudget',
      'Secret',
      'Service',
    ]);
  });

  test('loads ConfigMap env and Secret env', () => {
    const configMap = only<DataObject>(api, 'ConfigMap');
    const secret = only<DataObject>(api, 'Secret');
    expect(configMap.data).toMatchObject({ SPRING_PROFILES_ACTIVE: 'production' });
    expect(container.envFrom).toEqual([
      { configMapRef: { name: configMap.metadata.name } },
      { secretRef: { name: secret.metadata.name } },
    ]);
  });

  test('probes the Spring Boot Actuator health groups', () => {
    expect(container.livenessProbe).toMatchObject({
      httpGet: { path: '/actuator/health/liveness', port: 8080 },
      initialDelaySeconds: 30,
      periodSeconds: 10,
    });
    expect(container.readinessProbe).toMatchObject({
      httpGet: { path: '/actuator/health/readiness', port: 8080 },
      initialDelaySeconds: 10,
      periodSeconds: 5,
    });
  });

  test('requests 250m/512Mi and limits 500m/1Gi', () => {
    expect(container.resources).toEqual({
      requests: { cpu: '250m', memory: '512Mi' },
      limits: { cpu: '500m', memory: '1Gi' },
    });
  });

  test('scales from 2 to 10 pods at 50% CPU, and the Deployment leaves replicas to the HPA', () => {
    expect(only(api, 'HorizontalPodAutoscaler').spec).toMatchObject({
      scaleTargetRef: { kind: 'Deployment', name: deployment.metadata.name },
      minReplicas: 2,
      maxReplicas: 10,
      metrics: [
        { type: 'Resource', resource: { name: 'cpu', target: { averageUtilization: 50 } } },
      ],
    });
    expect(deployment.spec).not.toHaveProperty('replicas');
  });

  test('serves port 80 to the app on 8080', () => {
    expect(only<Service>(api, 'Service').spec!.ports).toEqual([
      { name: 'http', port: 80, targetPort: 8080 },
    ]);
  });

  test('runs under the restricted Pod Security Standard with /tmp writable', () => {
    expect(pod.securityContext).toMatchObject({
      runAsNonRoot: true,
      seccompProfile: { type: 'RuntimeDefault' },
    });
    expect(container.securityContext).toMatchObject({
      allowPrivilegeEscalation: false,
      capabilities: { drop: ['ALL'] },
      readOnlyRootFilesystem: true,
      runAsNonRoot: true,
    });
    expect(pod.automountServiceAccountToken).toBe(false);
    expect(restrictedViolations(pod)).toEqual([]);
    expect(container.volumeMounts).toEqual([{ name: 'tmp', mountPath: '/tmp' }]);
  });
});
