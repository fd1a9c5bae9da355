import { Testing } from 'cdk8s';
import { expectValidKubernetesObjects } from '../helpers/kube-schema';
import { envVar, synthDb } from './db-synth';

describe('redis preset', () => {
  test('runs without a password, database or user when none is given', () => {
    // GIVEN / WHEN
    const { container, db, manifests } = synthDb({ engine: 'redis' });
    // THEN
    expect(db.secretName).toBeUndefined();
    expect(db.databaseName).toBeUndefined();
    expect(db.username).toBeUndefined();
    expect(manifests.filter((m) => m.kind === 'Secret')).toEqual([]);
    expect(container.env).toEqual([]);
    expect(container.args).toEqual(['redis-server', '--dir', '/data', '--appendonly', 'yes']);
  });

  test('requires the password from the Secret, passed by env expansion, never literally', () => {
    const { container, db } = synthDb({ engine: 'redis', password: 'dev-only' });
    const fromSecret = { valueFrom: { secretKeyRef: { name: db.secretName, key: 'password' } } };
    expect(envVar(container, 'REDIS_PASSWORD')).toEqual({ name: 'REDIS_PASSWORD', ...fromSecret });
    expect(envVar(container, 'REDISCLI_AUTH')).toEqual({ name: 'REDISCLI_AUTH', ...fromSecret });
    expect(container.args).toEqual([
      'redis-server',
      '--dir',
      '/data',
      '--appendonly',
      'yes',
      '--requirepass',
      '$(REDIS_PASSWORD)',
    ]);
    expect(JSON.stringify(container)).not.toContain('dev-only');
  });

  test('uses an existing Secret for the password', () => {
    const { container, db } = synthDb({ engine: 'redis', passwordSecret: 'cache-auth' });
    expect(db.secretName).toBe('cache-auth');
    expect(envVar(container, 'REDIS_PASSWORD').valueFrom).toEqual({
      secretKeyRef: { name: 'cache-auth', key: 'password' },
    });
  });

  test('keeps data and the append-only file on the volume at /data and needs no emptyDir', () => {
    const { container, podSpec } = synthDb({ engine: 'redis' });
    expect(container.volumeMounts).toEqual([{ name: 'data', mountPath: '/data' }]);
    expect(podSpec.volumes).toBeUndefined();
    expect(container.securityContext?.readOnlyRootFilesystem).toBe(true);
  });

  test('runs as the image’s redis user: 999:999 on Debian, 999:1000 on Alpine', () => {
    expect(synthDb({ engine: 'redis' }).podSpec.securityContext).toEqual(
      expect.objectContaining({ runAsUser: 999, runAsGroup: 999, fsGroup: 999 }),
    );
    expect(synthDb({ engine: 'redis', version: '7.4-alpine' }).podSpec.securityContext).toEqual(
      expect.objectContaining({ runAsUser: 999, runAsGroup: 1000, fsGroup: 1000 }),
    );
  });

  test('probes with redis-cli ping; liveness also accepts LOADING', () => {
    const { container, service } = synthDb({ engine: 'redis' });
    const ping = 'redis-cli -h 127.0.0.1 -p 6379 ping';
    expect(container.readinessProbe?.exec?.command).toEqual(['sh', '-c', `${ping} | grep -q PONG`]);
    expect(container.startupProbe?.exec?.command).toEqual(['sh', '-c', `${ping} | grep -q PONG`]);
    expect(container.livenessProbe?.exec?.command).toEqual([
      'sh',
      '-c',
      `${ping} | grep -qE 'PONG|LOADING'`,
    ]);
    expect(container.startupProbe?.failureThreshold).toBe(30);
    expect(service.spec?.ports?.[0]).toEqual(
      expect.objectContaining({ name: 'redis', port: 6379 }),
    );
  });

  test('synthesizes valid objects, as in the snapshot', () => {
    const { manifests, chart } = synthDb({ engine: 'redis', password: 'dev-only' });
    expectValidKubernetesObjects(manifests);
    expect(Testing.synth(chart)).toMatchSnapshot();
  });

  test.each([{ database: 'app' }, { username: 'app' }])(
    'fails on %o, which redis does not have',
    (names) => {
      expect(() => synthDb({ engine: 'redis', ...names })).toThrow(
        /database and username are not supported by engine 'redis'/,
      );
    },
  );
});
