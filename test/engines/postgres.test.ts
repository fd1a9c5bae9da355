import { Testing } from 'cdk8s';
import { postgres } from '../../lib/engines/postgres';
import { expectValidKubernetesObjects } from '../helpers/kube-schema';
import { envVar, synthDb } from './db-synth';

const DEV = { engine: 'postgres', password: 'dev-only' } as const;

describe('postgres preset', () => {
  test('creates the database and user from plain env and reads the password from the Secret', () => {
    // GIVEN / WHEN
    const { container, db } = synthDb({ ...DEV, database: 'orders', username: 'shop' });
    // THEN
    expect(envVar(container, 'POSTGRES_DB')).toEqual({ name: 'POSTGRES_DB', value: 'orders' });
    expect(envVar(container, 'POSTGRES_USER')).toEqual({ name: 'POSTGRES_USER', value: 'shop' });
    expect(envVar(container, 'POSTGRES_PASSWORD')).toEqual({
      name: 'POSTGRES_PASSWORD',
      valueFrom: { secretKeyRef: { name: db.secretName, key: 'password' } },
    });
    expect(db.databaseName).toBe('orders');
    expect(db.username).toBe('shop');
  });

  test('keeps PGDATA in a subdirectory of the volume, away from lost+found', () => {
    const { container } = synthDb(DEV);
    const mount = container.volumeMounts?.find((m) => m.name === 'data');
    expect(mount?.mountPath).toBe('/var/lib/postgresql/data');
    expect(envVar(container, 'PGDATA').value).toBe('/var/lib/postgresql/data/pgdata');
  });

  test('gives the socket directory and /tmp an emptyDir so the root filesystem can be read-only', () => {
    const { container, podSpec } = synthDb(DEV);
    expect(container.securityContext?.readOnlyRootFilesystem).toBe(true);
    expect(container.volumeMounts).toEqual([
      { name: 'data', mountPath: '/var/lib/postgresql/data' },
      { name: 'var-run-postgresql', mountPath: '/var/run/postgresql' },
      { name: 'tmp', mountPath: '/tmp' },
    ]);
    expect(podSpec.volumes).toEqual([
      { name: 'var-run-postgresql', emptyDir: {} },
      { name: 'tmp', emptyDir: {} },
    ]);
  });

  test('runs as the image’s postgres user: 999 on Debian tags', () => {
    const { podSpec } = synthDb(DEV);
    expect(podSpec.securityContext).toEqual(
      expect.objectContaining({ runAsUser: 999, runAsGroup: 999, fsGroup: 999 }),
    );
  });

  test('runs as 70 on Alpine tags', () => {
    const { podSpec } = synthDb({ ...DEV, version: '16-alpine' });
    expect(podSpec.securityContext).toEqual(
      expect.objectContaining({ runAsUser: 70, runAsGroup: 70, fsGroup: 70 }),
    );
  });

  test('probes with pg_isready over TCP, with a five-minute startup allowance', () => {
    const { container } = synthDb({ ...DEV, database: 'orders', username: 'shop' });
    const command = [
      'pg_isready',
      '--quiet',
      '--host=127.0.0.1',
      '--port=5432',
      '--username=shop',
      '--dbname=orders',
    ];
    expect(container.readinessProbe).toEqual({
      exec: { command },
      periodSeconds: 5,
      timeoutSeconds: 5,
      failureThreshold: 3,
    });
    expect(container.livenessProbe).toEqual({
      exec: { command },
      periodSeconds: 10,
      timeoutSeconds: 5,
      failureThreshold: 6,
    });
    expect(container.startupProbe).toEqual({
      exec: { command },
      periodSeconds: 10,
      timeoutSeconds: 5,
      failureThreshold: 30,
    });
  });

  test('leaves the image’s entrypoint and command alone', () => {
    const { container } = synthDb(DEV);
    expect(container.command).toBeUndefined();
    expect(container.args).toBeUndefined();
  });

  test('allows a minute for the fast shutdown', () => {
    const { podSpec } = synthDb(DEV);
    expect(podSpec.terminationGracePeriodSeconds).toBe(60);
  });

  test('synthesizes valid objects, as in the snapshot', () => {
    const { manifests, chart } = synthDb(DEV);
    expectValidKubernetesObjects(manifests);
    expect(Testing.synth(chart)).toMatchSnapshot();
  });

  test.each([
    ['database', { database: 'Orders' }, /database must be a PostgreSQL identifier/],
    ['database', { database: '1orders' }, /database must be a PostgreSQL identifier/],
    ['database', { database: 'my-db' }, /database must be a PostgreSQL identifier/],
    [
      'database',
      { database: 'a'.repeat(64) },
      /database must be a PostgreSQL identifier.*at most 63/,
    ],
    [
      'username',
      { username: 'b'.repeat(64) },
      /username must be a PostgreSQL identifier.*at most 63/,
    ],
    ['username', { username: 'app user' }, /username must be a PostgreSQL identifier/],
    ['username', { username: 'pg_app' }, /username must not start with 'pg_'/],
  ])('fails when %s is a name postgres rejects (%o)', (_, names, message) => {
    expect(() => synthDb({ ...DEV, ...names })).toThrow(message);
  });

  test('accepts 63-character names', () => {
    expect(() =>
      synthDb({ ...DEV, database: 'a'.repeat(63), username: 'b'.repeat(63) }),
    ).not.toThrow();
  });

  test('takes any characters in a literal password (initdb reads it from a file)', () => {
    expect(() => postgres.checkPassword(Testing.chart(), `it's "quoted" \\`)).not.toThrow();
  });
});
