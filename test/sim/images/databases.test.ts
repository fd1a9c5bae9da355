import { emptyDirs, formatted, lastTermination, runPod } from './helpers';

const secret = {
  apiVersion: 'v1',
  kind: 'Secret',
  metadata: { name: 'db' },
  stringData: { password: 'dev-only' },
};
const fromSecret = (name: string) => ({
  name,
  valueFrom: { secretKeyRef: { name: 'db', key: 'password' } },
});

describe('postgres from the image catalogue', () => {
  test('crash-loops without POSTGRES_PASSWORD, printing what its entrypoint prints', () => {
    const run = runPod({ image: 'postgres:16' });
    expect(run.status.state.waiting?.reason).toBe('CrashLoopBackOff');
    expect(lastTermination(run)).toMatchObject({ reason: 'Error', exitCode: 1 });
    expect(lastTermination(run)?.message).toMatch(
      /^Error: Database is uninitialized and superuser password is not specified\.\n\s+You must specify POSTGRES_PASSWORD/,
    );
    expect(run.problem?.message).toMatch(/superuser password is not specified/);
  });

  test('crash-loops with an empty POSTGRES_PASSWORD too', () => {
    const run = runPod({ image: 'postgres', env: [{ name: 'POSTGRES_PASSWORD', value: '' }] });
    expect(run.status.state.waiting?.reason).toBe('CrashLoopBackOff');
  });

  test.each([
    ['a password from a Secret', [fromSecret('POSTGRES_PASSWORD')]],
    ['trust authentication', [{ name: 'POSTGRES_HOST_AUTH_METHOD', value: 'trust' }]],
    ['a password file', [{ name: 'POSTGRES_PASSWORD_FILE', value: '/run/secrets/pw' }]],
  ])('converges with %s', (_, env) => {
    const run = runPod({ image: 'postgres:16-alpine', env }, {}, {}, [secret]);
    expect(run.result.problems).toEqual([]);
  });

  test('is refused under runAsNonRoot without runAsUser', () => {
    const run = runPod(
      { image: 'postgres', env: [fromSecret('POSTGRES_PASSWORD')] },
      { securityContext: { runAsNonRoot: true } },
      {},
      [secret],
    );
    expect(run.status.state.waiting?.message).toBe(
      `container has runAsNonRoot and image will run as root (pod: "${formatted(run.pod)}", container: web)`,
    );
  });

  test('needs /var/run/postgresql writable on a read-only root filesystem', () => {
    const container = {
      image: 'postgres',
      env: [fromSecret('POSTGRES_PASSWORD')],
      securityContext: { readOnlyRootFilesystem: true },
    };
    const pod = { securityContext: { runAsNonRoot: true, runAsUser: 999 } };
    const failing = runPod(container, pod, {}, [secret]);
    expect(lastTermination(failing)?.message).toBe(
      'FATAL:  could not create lock file "/var/run/postgresql/.s.PGSQL.5432.lock": Read-only file system',
    );
    const { volumes, volumeMounts } = emptyDirs('/var/run/postgresql');
    const working = runPod({ ...container, volumeMounts }, { ...pod, volumes }, {}, [secret]);
    expect(working.result.problems).toEqual([]);
  });
});

describe('mysql from the image catalogue', () => {
  test('crash-loops without a root password option', () => {
    const run = runPod({ image: 'mysql:8.4' });
    expect(run.status.state.waiting?.reason).toBe('CrashLoopBackOff');
    expect(lastTermination(run)?.message).toMatch(
      /^\[ERROR\] \[Entrypoint\]: Database is uninitialized and password option is not specified\n.*- MYSQL_ROOT_PASSWORD/s,
    );
  });

  test('refuses MYSQL_USER=root', () => {
    const run = runPod({
      image: 'mysql',
      env: [
        { name: 'MYSQL_ROOT_PASSWORD', value: 'x' },
        { name: 'MYSQL_USER', value: 'root' },
      ],
    });
    expect(lastTermination(run)?.message).toMatch(
      /MYSQL_USER="root", MYSQL_USER and MYSQL_PASSWORD/,
    );
  });

  test('converges with a random root password', () => {
    const run = runPod({
      image: 'mysql',
      env: [{ name: 'MYSQL_RANDOM_ROOT_PASSWORD', value: 'yes' }],
      readinessProbe: { tcpSocket: { port: 3306 } },
    });
    expect(run.result.problems).toEqual([]);
  });
});

describe('redis from the image catalogue', () => {
  test('is refused under runAsNonRoot and runs as its own UID', () => {
    const refused = runPod({ image: 'redis:7.4' }, { securityContext: { runAsNonRoot: true } });
    expect(refused.problem?.reason).toBe('CreateContainerConfigError');
    const runs = runPod(
      { image: 'redis:7.4', readinessProbe: { tcpSocket: { port: 6379 } } },
      { securityContext: { runAsNonRoot: true, runAsUser: 999 } },
    );
    expect(runs.result.problems).toEqual([]);
  });

  test('never turns ready for a probe on another port', () => {
    const run = runPod({ image: 'redis', readinessProbe: { tcpSocket: { port: 6380 } } });
    expect(run.problem?.reason).toBe('Unhealthy');
  });
});

describe('mongo from the image catalogue', () => {
  test('crash-loops with a root username but no password', () => {
    const run = runPod({
      image: 'mongo:7.0',
      env: [{ name: 'MONGO_INITDB_ROOT_USERNAME', value: 'admin' }],
    });
    expect(lastTermination(run)?.message).toMatch(
      /^error: missing 'MONGO_INITDB_ROOT_USERNAME' or 'MONGO_INITDB_ROOT_PASSWORD'\n\s+both must be specified/,
    );
  });

  test.each([
    ['neither', []],
    [
      'both',
      [
        { name: 'MONGO_INITDB_ROOT_USERNAME', value: 'admin' },
        { name: 'MONGO_INITDB_ROOT_PASSWORD_FILE', value: '/run/secrets/pw' },
      ],
    ],
  ])('converges with %s of username and password', (_, env) => {
    expect(runPod({ image: 'mongo', env }).result.problems).toEqual([]);
  });
});
