/**
 * Users import every type they need to type a variable from the package root. Each variable
 * below is typed with a root export and then used, so the test fails to compile when an export
 * goes missing and fails to pass when a typed value stops reaching the manifest.
 */
import * as path from 'node:path';
import { Chart, Testing } from 'cdk8s';
import * as ts from 'typescript';
import { BosunValidationError, RoutedIngress, StatefulDb, WebApp } from '../lib';
import type {
  AutoscalingSpec,
  ConnectionEnv,
  ConnectOptions,
  ContainerResources,
  DatabaseStorage,
  DisruptionBudgetSpec,
  IConnectableDatabase,
  IngressPathType,
  IngressRoute,
  IPodSelectable,
  IServiceTarget,
  ProbeSpec,
  RecreateSpec,
  ResolvedIngressRoute,
  ResourceRange,
  RolloutSpec,
  RoutedIngressProps,
  RoutedIngressTls,
  RouteTarget,
  SecurityOverrides,
  ServiceRef,
  ServiceTypeName,
  SidecarSpec,
  StatefulDbEngine,
  StatefulDbProps,
  WebAppProps,
} from '../lib';
import type { KubeObject } from '../lib/sim/types';

interface ContainerView {
  name: string;
  resources?: unknown;
  securityContext?: Record<string, unknown>;
  readinessProbe?: { httpGet?: { path?: string } };
  env?: { name: string }[];
}
type PodTemplated = KubeObject & {
  spec: { strategy?: { type: string }; template: { spec: { containers: ContainerView[] } } };
};

describe('the package root exports every type a user needs to type a variable', () => {
  // GIVEN values typed with the root's exports only
  const memory: ResourceRange = { request: '512Mi', limit: '1Gi' };
  const resources: ContainerResources = { cpu: { request: '250m', limit: '500m' }, memory };
  const relaxed: SecurityOverrides = { readOnlyRootFilesystem: false };
  const readiness: ProbeSpec = { path: '/ready' };
  const recreate: RecreateSpec = { strategy: 'Recreate' };
  const rollout: RolloutSpec = recreate;
  const autoscaling: AutoscalingSpec = { maxReplicas: 4 };
  const budget: DisruptionBudgetSpec = { minAvailable: 1 };
  const serviceType: ServiceTypeName = 'NodePort';
  const sidecar: SidecarSpec = { name: 'log', image: 'fluent/fluent-bit:3.1', resources };
  const webProps: WebAppProps = {
    image: 'shop:1',
    resources,
    readiness,
    rollout,
    autoscaling,
    disruptionBudget: budget,
    serviceType,
    sidecars: [sidecar],
    securityContext: relaxed,
  };
  const engine: StatefulDbEngine = 'postgres';
  const storage: DatabaseStorage = { size: '20Gi' };
  const dbProps: StatefulDbProps = {
    engine,
    password: 'dev-only',
    storage,
    resources,
    securityContext: relaxed,
  };
  const admin: ServiceRef = { serviceName: 'admin', port: 80 };
  const pathType: IngressPathType = 'Exact';

  // WHEN they build a WebApp, a StatefulDb and a RoutedIngress
  const chart = new Chart(Testing.app(), 'shop');
  const web = new WebApp(chart, 'web', webProps);
  const db = new StatefulDb(chart, 'db', dbProps);
  const options: ConnectOptions = { prefix: 'ORDERS' };
  const database: IConnectableDatabase = db;
  const env: ConnectionEnv = web.connectTo(database, options);
  const peer: IPodSelectable = web;
  db.allowFrom(peer);
  const target: RouteTarget = web satisfies IServiceTarget;
  const route: IngressRoute = { host: 'shop.example.com', to: target };
  const tls: RoutedIngressTls = { hosts: ['shop.example.com'], secretName: 'shop-tls' };
  const edgeProps: RoutedIngressProps = { routes: [route], tls: [tls] };
  const edge = new RoutedIngress(chart, 'edge', edgeProps);
  edge.addRoute({ host: 'shop.example.com', path: '/admin', pathType, to: admin });
  const routes: ResolvedIngressRoute[] = edge.routes;
  const objects = Testing.synth(chart) as KubeObject[];
  const podOf = (kind: string) =>
    (objects.find((o) => o.kind === kind) as PodTemplated).spec.template.spec;

  // THEN each typed value reaches the manifest
  test('one ContainerResources value sizes the WebApp, its sidecar and the database alike', () => {
    const expected = {
      limits: { cpu: '500m', memory: '1Gi' },
      requests: { cpu: '250m', memory: '512Mi' },
    };
    const [app, log] = podOf('Deployment').containers;
    expect(app.resources).toEqual(expected);
    expect(log.resources).toEqual(expected);
    expect(podOf('StatefulSet').containers[0].resources).toEqual(expected);
  });

  test('one SecurityOverrides value relaxes the WebApp, its sidecar and the database alike', () => {
    const containers = [...podOf('Deployment').containers, ...podOf('StatefulSet').containers];
    expect(containers.map((c) => c.securityContext?.readOnlyRootFilesystem)).toEqual([
      false,
      false,
      false,
    ]);
  });

  test('the WebApp specs reach the Deployment, Service, HPA and PDB', () => {
    const kinds = (kind: string) => objects.find((o) => o.kind === kind) as KubeObject;
    expect(podOf('Deployment').containers[0].readinessProbe?.httpGet?.path).toBe('/ready');
    expect((kinds('Deployment') as PodTemplated).spec.strategy?.type).toBe('Recreate');
    expect(kinds('HorizontalPodAutoscaler').spec).toMatchObject({ maxReplicas: 4 });
    expect(kinds('Service').spec).toMatchObject({ type: 'NodePort' });
    expect(
      objects.find((o) => o.kind === 'PodDisruptionBudget' && o.metadata.name.includes('web'))
        ?.spec,
    ).toMatchObject({ minAvailable: 1 });
  });

  test('connectTo returns the ConnectionEnv names it set', () => {
    expect(env).toEqual({
      host: 'ORDERS_HOST',
      port: 'ORDERS_PORT',
      database: 'ORDERS_NAME',
      user: 'ORDERS_USER',
      password: 'ORDERS_PASSWORD',
    });
    expect(podOf('Deployment').containers[0].env?.map((e) => e.name)).toEqual(Object.values(env));
  });

  test('the StatefulDb storage and the routes reach their objects', () => {
    const set = objects.find((o) => o.kind === 'StatefulSet') as KubeObject;
    expect(JSON.stringify(set.spec)).toContain('"storage":"20Gi"');
    expect(routes.map((r) => [r.host, r.path, r.pathType])).toEqual([
      ['shop.example.com', '/', 'Prefix'],
      ['shop.example.com', '/admin', 'Exact'],
    ]);
    expect(objects.find((o) => o.kind === 'Ingress')?.spec).toMatchObject({
      tls: [{ hosts: ['shop.example.com'], secretName: 'shop-tls' }],
    });
  });

  test('the error class is exported for instanceof-free detection', () => {
    expect(() => new WebApp(chart, 'bad', { image: 'shop:1', replicas: -1 })).toThrow(
      expect.objectContaining({ constructPath: 'shop/bad' }) as BosunValidationError,
    );
  });
});

describe('lib/index.ts', () => {
  // The modules whose every exported type is part of a construct's props or results.
  const PUBLIC_TYPE_MODULES = [
    'webapp-props.ts',
    'stateful-db-props.ts',
    'routed-ingress.ts',
    'resources.ts',
    'security.ts',
    'connection.ts',
  ];

  test('exports every type those modules export', () => {
    // GIVEN the compiler's view of the root and of each module
    const lib = path.join(__dirname, '..', 'lib');
    const files = ['index.ts', ...PUBLIC_TYPE_MODULES].map((f) => path.join(lib, f));
    const program = ts.createProgram(files, { strict: true, noEmit: true });
    const checker = program.getTypeChecker();
    const exportsOf = (file: string, typesOnly: boolean): string[] => {
      const source = program.getSourceFile(file);
      const symbol = source && checker.getSymbolAtLocation(source);
      if (!symbol) throw new Error(`no module symbol for ${file}`);
      return checker
        .getExportsOfModule(symbol)
        .filter((s) => {
          const target = s.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(s) : s;
          return (
            !typesOnly ||
            (target.flags & (ts.SymbolFlags.Interface | ts.SymbolFlags.TypeAlias)) !== 0
          );
        })
        .map((s) => s.name);
    };
    const root = new Set(exportsOf(files[0], false));
    // WHEN each module's exported types are looked up in the root
    const missing = files
      .slice(1)
      .flatMap((file) => exportsOf(file, true).map((name) => `${path.basename(file)}: ${name}`))
      .filter((entry) => !root.has(entry.split(': ')[1]));
    // THEN none is missing
    expect(missing).toEqual([]);
  });
});
