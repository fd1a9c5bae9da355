import { Chart, Testing } from 'cdk8s';
import type { IDeployment } from 'kubernetes-models/apps/v1';
import type { INetworkPolicy } from 'kubernetes-models/networking.k8s.io/v1';
import { addShopDb, SHOP_DB_DEV_PASSWORD } from '../apps/shop-db';
import { StatefulDb } from '../lib/stateful-db';
import { WebApp } from '../lib/webapp';
import { ofKind, onlyOfKind } from './engines/db-synth';
import type { Manifest } from './engines/db-synth';
import { expectValidKubernetesObjects } from './helpers/kube-schema';

/** GIVEN a chart in `shop` with a WebApp `api`. */
function shopWithApi(namespace = 'shop'): { chart: Chart; api: WebApp } {
  const chart = new Chart(Testing.app(), 'shop', { namespace });
  const api = new WebApp(chart, 'api', { image: 'shop-api:1.0.0' });
  return { chart, api };
}

function appEnv(
  manifests: Manifest[],
): Array<{ name: string; value?: string; valueFrom?: unknown }> {
  const deployment = onlyOfKind<IDeployment>(manifests, 'Deployment');
  return deployment.spec?.template.spec?.containers[0].env ?? [];
}

function policyOf(manifests: Manifest[], db: StatefulDb): INetworkPolicy {
  const policy = ofKind<INetworkPolicy>(manifests, 'NetworkPolicy').find(
    (p) => p.metadata?.name === db.networkPolicy.name,
  );
  if (!policy) throw new Error('database NetworkPolicy not synthesized');
  return policy;
}

describe('webApp.connectTo(StatefulDb)', () => {
  test('gives the app plain DB_* env and the password as a secretKeyRef', () => {
    // GIVEN
    const { chart, api } = shopWithApi();
    const db = new StatefulDb(chart, 'db', { engine: 'postgres', password: 'dev-only' });
    // WHEN
    api.connectTo(db);
    const manifests = Testing.synth(chart) as Manifest[];
    // THEN
    const env = appEnv(manifests);
    expect(env).toEqual(
      expect.arrayContaining([
        { name: 'DB_HOST', value: db.host },
        { name: 'DB_PORT', value: '5432' },
        { name: 'DB_NAME', value: 'app' },
        { name: 'DB_USER', value: 'app' },
        {
          name: 'DB_PASSWORD',
          valueFrom: { secretKeyRef: { name: db.secretName, key: 'password' } },
        },
      ]),
    );
    expect(JSON.stringify(env)).not.toContain('dev-only');
  });

  test('lets the app’s pods through the database NetworkPolicy on the database port', () => {
    const { chart, api } = shopWithApi();
    const db = new StatefulDb(chart, 'db', { engine: 'postgres', passwordSecret: 'pg' });
    api.connectTo(db);
    const policy = policyOf(Testing.synth(chart) as Manifest[], db);
    expect(policy.spec?.ingress?.[1]).toEqual({
      from: [{ podSelector: { matchLabels: api.podSelectorLabels } }],
      ports: [{ protocol: 'TCP', port: 5432 }],
    });
  });

  test('two databases on one app do not clash', () => {
    // GIVEN postgres and redis
    const { chart, api } = shopWithApi();
    const db = new StatefulDb(chart, 'db', { engine: 'postgres', passwordSecret: 'pg' });
    const cache = new StatefulDb(chart, 'cache', { engine: 'redis', passwordSecret: 'redis' });
    // WHEN
    api.connectTo(db);
    api.connectTo(cache);
    const manifests = Testing.synth(chart) as Manifest[];
    // THEN the second gets its own prefix and no database/user variables
    const names = appEnv(manifests).map((e) => e.name);
    expect(names).toEqual(
      expect.arrayContaining(['DB_HOST', 'DB_PORT', 'CACHE_HOST', 'CACHE_PORT', 'CACHE_PASSWORD']),
    );
    expect(names).not.toContain('CACHE_NAME');
    expect(names).not.toContain('CACHE_USER');
    expect(policyOf(manifests, cache).spec?.ingress?.[1].ports).toEqual([
      { protocol: 'TCP', port: 6379 },
    ]);
  });

  test('a whole WebApp + StatefulDb stack is valid against the Kubernetes schemas', () => {
    const { chart, api } = shopWithApi();
    api.connectTo(addShopDb(chart));
    expect(() => expectValidKubernetesObjects(Testing.synth(chart))).not.toThrow();
  });

  test('an app in another namespace is admitted by namespace and pod labels', () => {
    const app = Testing.app();
    const data = new Chart(app, 'data', { namespace: 'data' });
    const web = new Chart(app, 'web', { namespace: 'web' });
    const db = new StatefulDb(data, 'db', { engine: 'mysql', passwordSecret: 'mysql' });
    const api = new WebApp(web, 'api', { image: 'shop-api:1.0.0' });
    api.connectTo(db);
    const policy = policyOf(Testing.synth(data) as Manifest[], db);
    expect(policy.spec?.ingress?.[1].from).toEqual([
      {
        podSelector: { matchLabels: api.podSelectorLabels },
        namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'web' } },
      },
    ]);
    expect(db.host).toBe(`${db.serviceName}.data.svc.cluster.local`);
  });
});

describe('apps/shop-db', () => {
  test('adds postgres 16 with database and user shop and a development password', () => {
    const { chart } = shopWithApi();
    const db = addShopDb(chart);
    expect(db.engine).toBe('postgres');
    expect(db.image).toBe('postgres:16');
    expect(db.databaseName).toBe('shop');
    expect(db.username).toBe('shop');
    expect(db.secret).toBeDefined();
    const secret = ofKind<{ stringData?: Record<string, string> }>(
      Testing.synth(chart) as Manifest[],
      'Secret',
    ).find((s) => s.stringData?.password !== undefined);
    expect(secret?.stringData?.password).toBe(SHOP_DB_DEV_PASSWORD);
  });

  test('references an existing Secret on the production path', () => {
    const { chart } = shopWithApi();
    const db = addShopDb(chart, { passwordSecret: 'shop-db-credentials' });
    expect(db.secret).toBeUndefined();
    expect(db.secretName).toBe('shop-db-credentials');
  });
});
