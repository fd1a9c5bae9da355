import { Chart, Testing } from 'cdk8s';
import { Construct } from 'constructs';
import type { IConnectableDatabase, IPodSelectable } from '../lib/connection';
import type { EnvVar } from '../lib/sim/api';
import { WebApp } from '../lib/webapp';
import { connectionEnvNames, envPrefixFromId } from '../lib/webapp-connect';
import { expectValidKubernetesObjects } from './helpers/kube-schema';
import { only } from './helpers/webapp-synth';
import type { Deployment } from '../lib/sim/api';
import type { KubeObject } from '../lib/sim/types';

/** A stand-in for StatefulDb: records who it was opened to. */
class FakeDb extends Construct implements IConnectableDatabase {
  readonly allowed: IPodSelectable[] = [];
  readonly host: string;
  readonly port: number;
  readonly databaseName?: string;
  readonly username?: string;
  readonly secretName?: string;
  readonly passwordKey = 'password';

  constructor(
    scope: Construct,
    id: string,
    props: { port: number; databaseName?: string; username?: string; secretName?: string },
  ) {
    super(scope, id);
    this.host = `${id}.shop.svc.cluster.local`;
    this.port = props.port;
    this.databaseName = props.databaseName;
    this.username = props.username;
    this.secretName = props.secretName;
  }

  allowFrom(peer: IPodSelectable): void {
    this.allowed.push(peer);
  }
}

function setup() {
  const chart = new Chart(Testing.app(), 'shop', { namespace: 'shop' });
  const app = new WebApp(chart, 'api', { image: 'shop:1', env: { MODE: 'prod' } });
  const postgres = new FakeDb(chart, 'db', {
    port: 5432,
    databaseName: 'app',
    username: 'app',
    secretName: 'db-credentials',
  });
  const redis = new FakeDb(chart, 'cache', { port: 6379 });
  return { chart, app, postgres, redis };
}

function appEnv(chart: Chart): EnvVar[] | undefined {
  const deployment = only<Deployment>(Testing.synth(chart) as KubeObject[], 'Deployment');
  return deployment.spec!.template.spec!.containers[0].env;
}

describe('WebApp.connectTo', () => {
  test('adds DB_HOST, DB_PORT, DB_NAME, DB_USER as plain env and DB_PASSWORD as a secretKeyRef', () => {
    // GIVEN a WebApp and a Postgres-like database
    const { chart, app, postgres } = setup();
    // WHEN connected
    const names = app.connectTo(postgres);
    // THEN
    expect(appEnv(chart)).toEqual([
      { name: 'DB_HOST', value: 'db.shop.svc.cluster.local' },
      { name: 'DB_PORT', value: '5432' },
      { name: 'DB_NAME', value: 'app' },
      { name: 'DB_USER', value: 'app' },
      {
        name: 'DB_PASSWORD',
        valueFrom: { secretKeyRef: { name: 'db-credentials', key: 'password' } },
      },
    ]);
    expect(names).toEqual({
      host: 'DB_HOST',
      port: 'DB_PORT',
      database: 'DB_NAME',
      user: 'DB_USER',
      password: 'DB_PASSWORD',
    });
    expectValidKubernetesObjects(Testing.synth(chart));
  });

  test('opens the database to the app', () => {
    const { app, postgres } = setup();
    app.connectTo(postgres);
    expect(postgres.allowed).toEqual([app]);
  });

  test('skips what the database lacks (Redis has no name, user or password)', () => {
    const { chart, app, redis } = setup();
    expect(app.connectTo(redis)).toEqual({ host: 'DB_HOST', port: 'DB_PORT' });
    expect(appEnv(chart)).toEqual([
      { name: 'DB_HOST', value: 'cache.shop.svc.cluster.local' },
      { name: 'DB_PORT', value: '6379' },
    ]);
  });

  test('prefixes a second database with its construct id', () => {
    const { chart, app, postgres, redis } = setup();
    app.connectTo(postgres);
    app.connectTo(redis);
    expect(appEnv(chart)!.map((e) => e.name)).toEqual([
      'DB_HOST',
      'DB_PORT',
      'DB_NAME',
      'DB_USER',
      'DB_PASSWORD',
      'CACHE_HOST',
      'CACHE_PORT',
    ]);
    expect(redis.allowed).toEqual([app]);
  });

  test('uses the prefix the caller gives', () => {
    const { chart, app, postgres } = setup();
    app.connectTo(postgres, { prefix: 'ORDERS_DB' });
    expect(appEnv(chart)!.map((e) => e.name)).toEqual([
      'ORDERS_DB_HOST',
      'ORDERS_DB_PORT',
      'ORDERS_DB_NAME',
      'ORDERS_DB_USER',
      'ORDERS_DB_PASSWORD',
    ]);
  });

  test('changes the pod template, so pods roll to pick the connection up', () => {
    const { chart, app, redis } = setup();
    const before = JSON.stringify(
      only<Deployment>(Testing.synth(chart) as KubeObject[], 'Deployment').spec!.template,
    );
    app.connectTo(redis);
    const after = JSON.stringify(
      only<Deployment>(Testing.synth(chart) as KubeObject[], 'Deployment').spec!.template,
    );
    expect(after).not.toBe(before);
  });

  test('fails when two databases would share a prefix', () => {
    const { app, postgres, chart } = setup();
    app.connectTo(postgres);
    const other = new FakeDb(chart, 'other', { port: 5432 });
    expect(() => app.connectTo(other, { prefix: 'DB' })).toThrow(
      /shop\/api: connectTo\(shop\/other\) env prefix 'DB' is already used by another database; pass \{ prefix: '...' \}/,
    );
    expect(other.allowed).toEqual([]);
  });

  test('fails when a derived prefix clashes with an earlier one', () => {
    const { app, chart, redis } = setup();
    app.connectTo(redis, { prefix: 'CACHE' });
    const nested = new Construct(chart, 'nested');
    const second = new FakeDb(nested, 'cache', { port: 6379 });
    expect(() => app.connectTo(second)).toThrow(
      /env prefix 'CACHE' is already used by another database/,
    );
  });

  test('fails when a connection would override a name set by env', () => {
    const chart = new Chart(Testing.app(), 'shop');
    const app = new WebApp(chart, 'api', { image: 'shop:1', env: { DB_HOST: 'legacy' } });
    const db = new FakeDb(chart, 'db', { port: 5432 });
    expect(() => app.connectTo(db)).toThrow(
      /connectTo\(shop\/db\) would set DB_HOST, already set by env, secretEnv or another connectTo; pass a different prefix/,
    );
  });

  test('fails on a prefix that is not a C identifier', () => {
    const { app, postgres } = setup();
    expect(() => app.connectTo(postgres, { prefix: 'orders-db' })).toThrow(
      /connectTo prefix must be a C identifier \(\[A-Za-z_\]\[A-Za-z0-9_\]\*\) \(got 'orders-db'\)/,
    );
  });

  test.each<[string, unknown]>([
    ['undefined', undefined],
    ['a Service name', 'db'],
    ['an object without host and port', { name: 'db' }],
  ])('fails on %s instead of a database, with a message rather than a TypeError', (_, db) => {
    const { app } = setup();
    expect(() => app.connectTo(db as IConnectableDatabase)).toThrow(
      /^shop\/api: connectTo must be a StatefulDb or another IConnectableDatabase with host, port and allowFrom \(got /,
    );
  });
});

describe('envPrefixFromId', () => {
  test.each([
    // construct id → prefix
    ['cache', 'CACHE'],
    ['orders-db', 'ORDERS_DB'],
    ['ordersDb', 'ORDERSDB'],
    ['2nd', '_2ND'],
    ['--', 'DB'],
  ])('%s → %s', (id, prefix) => {
    expect(envPrefixFromId(id)).toBe(prefix);
  });
});

describe('connectionEnvNames', () => {
  test('names only what the database has', () => {
    const chart = new Chart(Testing.app(), 'shop');
    expect(connectionEnvNames('X', new FakeDb(chart, 'a', { port: 1, username: 'u' }))).toEqual({
      host: 'X_HOST',
      port: 'X_PORT',
      user: 'X_USER',
    });
  });
});
