import { Testing } from 'cdk8s';
import { expectValidKubernetesObjects } from '../helpers/kube-schema';
import { envVar, synthDb } from './db-synth';

const DEV = { engine: 'mysql', password: 'dev-only' } as const;

describe('mysql preset', () => {
  test('creates the database and user from plain env and both passwords from the Secret', () => {
    // GIVEN / WHEN
    const { container, db } = synthDb({ ...DEV, database: 'orders', username: 'shop' });
    // THEN
    expect(envVar(container, 'MYSQL_DATABASE')).toEqual({
      name: 'MYSQL_DATABASE',
      value: 'orders',
    });
    expect(envVar(container, 'MYSQL_USER')).toEqual({ name: 'MYSQL_USER', value: 'shop' });
    const fromSecret = { valueFrom: { secretKeyRef: { name: db.secretName, key: 'password' } } };
    expect(envVar(container, 'MYSQL_PASSWORD')).toEqual({ name: 'MYSQL_PASSWORD', ...fromSecret });
    expect(envVar(container, 'MYSQL_ROOT_PASSWORD')).toEqual({
      name: 'MYSQL_ROOT_PASSWORD',
      ...fromSecret,
    });
  });

  test('reads the root password from its own key when rootPasswordKey is given', () => {
    const { container } = synthDb({
      engine: 'mysql',
      passwordSecret: 'mysql-credentials',
      rootPasswordKey: 'root-password',
    });
    expect(envVar(container, 'MYSQL_ROOT_PASSWORD').valueFrom).toEqual({
      secretKeyRef: { name: 'mysql-credentials', key: 'root-password' },
    });
    expect(envVar(container, 'MYSQL_PASSWORD').valueFrom).toEqual({
      secretKeyRef: { name: 'mysql-credentials', key: 'password' },
    });
  });

  test('keeps the data directory in a subdirectory of the volume, away from lost+found', () => {
    const { container } = synthDb(DEV);
    expect(container.volumeMounts?.[0]).toEqual({ name: 'data', mountPath: '/var/lib/mysql' });
    expect(container.args).toEqual(['mysqld', '--datadir=/var/lib/mysql/data']);
  });

  test('gives the socket, /tmp and secure-file-priv directories an emptyDir', () => {
    const { container, podSpec } = synthDb(DEV);
    expect(container.securityContext?.readOnlyRootFilesystem).toBe(true);
    expect(container.volumeMounts?.slice(1)).toEqual([
      { name: 'var-run-mysqld', mountPath: '/var/run/mysqld' },
      { name: 'tmp', mountPath: '/tmp' },
      { name: 'var-lib-mysql-files', mountPath: '/var/lib/mysql-files' },
    ]);
    expect(podSpec.volumes?.map((v) => v.name)).toEqual([
      'var-run-mysqld',
      'tmp',
      'var-lib-mysql-files',
    ]);
  });

  test('runs as the image’s mysql user 999', () => {
    const { podSpec } = synthDb(DEV);
    expect(podSpec.securityContext).toEqual(
      expect.objectContaining({ runAsUser: 999, runAsGroup: 999, fsGroup: 999 }),
    );
  });

  test('probes with mysqladmin ping over TCP, with a ten-minute startup allowance', () => {
    const { container, service } = synthDb(DEV);
    const exec = {
      command: ['mysqladmin', 'ping', '--host=127.0.0.1', '--port=3306', '--silent'],
    };
    expect(container.readinessProbe).toEqual(
      expect.objectContaining({ exec, failureThreshold: 3 }),
    );
    expect(container.livenessProbe).toEqual(expect.objectContaining({ exec, failureThreshold: 6 }));
    expect(container.startupProbe).toEqual(
      expect.objectContaining({ exec, periodSeconds: 10, failureThreshold: 60 }),
    );
    expect(service.spec?.ports?.[0]).toEqual(
      expect.objectContaining({ name: 'mysql', port: 3306 }),
    );
  });

  test('synthesizes valid objects, as in the snapshot', () => {
    const { manifests, chart } = synthDb(DEV);
    expectValidKubernetesObjects(manifests);
    expect(Testing.synth(chart)).toMatchSnapshot();
  });

  test.each([
    ['database', { database: 'a'.repeat(65) }, /database must be a MySQL name.*at most 64/],
    ['database', { database: '2024' }, /database must be a MySQL name: .*not only digits/],
    ['database', { database: 'my-db' }, /database must be a MySQL name/],
    ['username', { username: 'u'.repeat(33) }, /username must be a MySQL name.*at most 32/],
    ['username', { username: "o'brien" }, /username must be a MySQL name/],
    ['username', { username: 'root' }, /username must not be 'root'/],
  ])('fails when %s is a name mysql rejects (%o)', (_, names, message) => {
    expect(() => synthDb({ ...DEV, ...names })).toThrow(message);
  });

  test('accepts a 32-character user and a 64-character database', () => {
    expect(() =>
      synthDb({ ...DEV, database: 'd'.repeat(64), username: 'u'.repeat(32) }),
    ).not.toThrow();
  });

  test.each(["it's", 'back\\slash'])(
    'fails on the literal password %p, which breaks the entrypoint’s SQL',
    (password) => {
      expect(() => synthDb({ engine: 'mysql', password })).toThrow(
        /password must not contain ' or \\ for mysql/,
      );
    },
  );
});
