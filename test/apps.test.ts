import { Testing } from 'cdk8s';
import { createPrivateKey, X509Certificate } from 'node:crypto';
import { DEV_TLS_CERT, DEV_TLS_KEY } from '../apps/dev-tls';
import { EDGE_TLS_SECRET, EdgeChart } from '../apps/edge';
import { addExampleCharts } from '../apps/stacks';
import type { ExampleCharts } from '../apps/stacks';
import { Cluster } from '../lib/sim';
import type { Deployment, DataObject, Endpoints, Pod, Service } from '../lib/sim/api';
import type { KubeObject } from '../lib/sim/types';
import { expectValidKubernetesObjects } from './helpers/kube-schema';
import { expectAllRestricted } from './helpers/pss-restricted';
import { only } from './helpers/webapp-synth';

/** GIVEN the example app WHEN synthesized: the charts, and each chart's objects by chart id. */
function synthExamples(): { charts: ExampleCharts; objects: Record<string, KubeObject[]> } {
  const app = Testing.app();
  const charts = addExampleCharts(app);
  // app.charts is in dependency order, as `cdk8s synth` writes them.
  const objects = Object.fromEntries(
    app.charts.map((chart) => [chart.node.id, Testing.synth(chart) as KubeObject[]]),
  );
  return { charts, objects };
}

/** The one object of `kind` named `name`. */
function named<T = KubeObject>(objects: readonly KubeObject[], kind: string, name: string): T {
  return only<T>(
    objects.filter((o) => o.metadata.name === name),
    kind,
  );
}

/** Pod specs of every workload in `objects`. */
describe('example app', () => {
  const { charts, objects } = synthExamples();
  const springApi = charts.springApi;
  const api = objects['spring-api'];
  const deployment = named<Deployment>(api, 'Deployment', springApi.api.deployment.name);
  const pod = deployment.spec!.template.spec!;
  const container = pod.containers[0];

  test('matches the snapshot', () => {
    expect(objects).toMatchSnapshot();
  });

  test('every object passes the Kubernetes schema', () => {
    expectValidKubernetesObjects(Object.values(objects).flat());
  });

  test('every pod passes the restricted Pod Security Standard', () => {
    expect(expectAllRestricted(Object.values(objects).flat())).toBeGreaterThanOrEqual(5);
  });

  test('is the same YAML on every synth', () => {
    const yaml = () => {
      const app = Testing.app();
      addExampleCharts(app);
      return app.synthYaml();
    };
    expect(yaml()).toBe(yaml());
  });

  test('creates each namespace, enforcing PSS restricted, before the charts that use it', () => {
    expect(Object.keys(objects)).toEqual([
      'my-app-namespace',
      'spring-api',
      'edge-namespace',
      'edge',
    ]);
    for (const [chart, name] of [
      ['my-app-namespace', 'my-app'],
      ['edge-namespace', 'edge'],
    ]) {
      const ns = only(objects[chart], 'Namespace');
      expect(ns.metadata.name).toBe(name);
      expect(ns.metadata).not.toHaveProperty('namespace');
      expect(ns.metadata.labels).toMatchObject({
        'pod-security.kubernetes.io/enforce': 'restricted',
      });
    }
    expect(springApi.node.dependencies.map((d) => d.node.id)).toEqual(['my-app-namespace']);
  });

  test('puts the Spring API and its database in namespace my-app, the edge in namespace edge', () => {
    expect(new Set(api.map((o) => o.metadata.namespace))).toEqual(new Set(['my-app']));
    expect(new Set(objects.edge.map((o) => o.metadata.namespace))).toEqual(new Set(['edge']));
    expect(charts.edge.node.dependencies).toEqual([charts.edgeNamespace]);
  });

  test('loads ConfigMap env and Secret env', () => {
    const configMap = named<DataObject>(api, 'ConfigMap', springApi.api.configMap!.name);
    const secret = named<DataObject>(api, 'Secret', springApi.api.secret!.name);
    expect(configMap.data).toMatchObject({
      SPRING_PROFILES_ACTIVE: 'production',
      SPRING_DATASOURCE_URL: 'jdbc:postgresql://${DB_HOST}:${DB_PORT}/${DB_NAME}',
    });
    expect(container.envFrom).toEqual([
      { configMapRef: { name: configMap.metadata.name } },
      { secretRef: { name: secret.metadata.name } },
    ]);
  });

  test('connects to PostgreSQL with DB_* env and the password from its Secret', () => {
    expect(container.env?.map((e) => e.name)).toEqual([
      'DB_HOST',
      'DB_PORT',
      'DB_NAME',
      'DB_USER',
      'DB_PASSWORD',
    ]);
    expect(container.env).toContainEqual({ name: 'DB_HOST', value: springApi.db.host });
    expect(container.env).toContainEqual({
      name: 'DB_PASSWORD',
      valueFrom: { secretKeyRef: { name: springApi.db.secretName, key: 'password' } },
    });
    expect(api.some((o) => o.kind === 'StatefulSet')).toBe(true);
    expect(api.some((o) => o.kind === 'NetworkPolicy')).toBe(true);
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
    expect(named<Service>(api, 'Service', springApi.api.serviceName).spec!.ports).toEqual([
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
    expect(container.volumeMounts).toEqual([{ name: 'tmp', mountPath: '/tmp' }]);
  });
});

describe('example edge certificate', () => {
  test('is a kubernetes.io/tls Secret named as the Ingress expects, in namespace edge', () => {
    const { objects } = synthExamples();
    const secret = named<DataObject & { type?: string; stringData?: Record<string, string> }>(
      objects.edge,
      'Secret',
      EDGE_TLS_SECRET,
    );
    expect(secret.type).toBe('kubernetes.io/tls');
    expect(secret.metadata.namespace).toBe('edge');
    expect(secret.stringData?.['tls.crt']).toMatch(/^-----BEGIN CERTIFICATE-----\n/);
    expect(secret.stringData?.['tls.key']).toMatch(/^-----BEGIN PRIVATE KEY-----\n/);
    const ingress = only<{ spec: { tls: { secretName: string }[] } }>(objects.edge, 'Ingress');
    expect(ingress.spec.tls.map((t) => t.secretName)).toEqual([EDGE_TLS_SECRET]);
  });

  test('covers every host the edge serves, and outlives the example', () => {
    const cert = new X509Certificate(DEV_TLS_CERT);
    expect(cert.subjectAltName?.split(', ').sort()).toEqual([
      'DNS:api.example.com',
      'DNS:example.com',
      'DNS:web.example.com',
    ]);
    expect(new Date(cert.validTo).getUTCFullYear()).toBeGreaterThanOrEqual(2100);
    expect(cert.checkPrivateKey(createPrivateKey(DEV_TLS_KEY))).toBe(true);
  });

  test('is left out unless asked for, so production charts bring their own', () => {
    const chart = new EdgeChart(Testing.app(), 'edge');
    expect(Testing.synth(chart).filter((o: KubeObject) => o.kind === 'Secret')).toEqual([]);
  });
});

describe('example app in the simulator', () => {
  test('every chart, as `npm start` applies them, converges with no problems', () => {
    // GIVEN every example chart in the order cdk8s writes them
    const app = Testing.app();
    const charts = addExampleCharts(app);
    const cluster = new Cluster();
    for (const chart of app.charts) cluster.apply(Testing.synth(chart));
    // WHEN converged
    const result = cluster.converge({ timeoutSeconds: 600 });
    // THEN nothing is wrong, and each edge host reaches its app over the Ingress
    expect(result.problems).toEqual([]);
    expect(result.converged).toBe(true);
    const edge = (host: string, path: string) => cluster.request({ host, path }).service;
    expect(edge('api.example.com', '/')).toBe(`edge/${charts.edge.api.serviceName}`);
    expect(edge('web.example.com', '/')).toBe(`edge/${charts.edge.web.serviceName}`);
    expect(edge('example.com', '/admin/users')).toBe(`edge/${charts.edge.admin.serviceName}`);
  });

  test('the Spring API and its PostgreSQL converge: API pods ready, database pod running', () => {
    // GIVEN the my-app namespace and the Spring API chart
    const { charts } = synthExamples();
    const cluster = new Cluster();
    cluster.apply(Testing.synth(charts.myAppNamespace));
    cluster.apply(Testing.synth(charts.springApi));
    // WHEN converged
    const result = cluster.converge({ timeoutSeconds: 600 });
    // THEN
    expect(result.problems).toEqual([]);
    expect(result.converged).toBe(true);
    const deployment = cluster.get(
      'Deployment',
      charts.springApi.api.deployment.name,
      'my-app',
    ) as Deployment;
    expect(deployment.status?.availableReplicas).toBeGreaterThanOrEqual(1);
    const endpoints = cluster.get(
      'Endpoints',
      charts.springApi.api.serviceName,
      'my-app',
    ) as Endpoints;
    expect(endpoints.subsets?.[0].addresses?.length).toBe(deployment.status?.readyReplicas);
    const dbPods = (cluster.list('Pod', 'my-app') as unknown as Pod[]).filter((p) =>
      p.metadata.name.startsWith(charts.springApi.db.serviceName),
    );
    expect(dbPods.map((p) => p.status?.phase)).toEqual(['Running']);
  });
});
