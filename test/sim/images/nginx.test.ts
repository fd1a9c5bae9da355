import type { ClusterOptions } from '../../../lib/sim/cluster';
import { emptyDirs, formatted, lastTermination, runPod } from './helpers';

const readOnly = { securityContext: { readOnlyRootFilesystem: true } };

describe('nginx from the image catalogue', () => {
  test('runs as root on port 80 with its defaults', () => {
    const run = runPod({ image: 'nginx:1.27', readinessProbe: { httpGet: { port: 80 } } });
    expect(run.result.problems).toEqual([]);
    expect(run.status.ready).toBe(true);
  });

  test('is refused under runAsNonRoot, in the kubelet words of verifyRunAsNonRoot', () => {
    const run = runPod({ image: 'nginx' }, { securityContext: { runAsNonRoot: true } });
    expect(run.status.state.waiting).toEqual({
      reason: 'CreateContainerConfigError',
      message: `container has runAsNonRoot and image will run as root (pod: "${formatted(run.pod)}", container: web)`,
    });
    expect(run.problem?.reason).toBe('CreateContainerConfigError');
  });

  test('crash-loops on a read-only root filesystem without a mount on /var/cache/nginx', () => {
    const run = runPod({ image: 'docker.io/library/nginx:1.27-alpine', ...readOnly });
    expect(run.status.state.waiting?.reason).toBe('CrashLoopBackOff');
    expect(lastTermination(run)).toMatchObject({
      reason: 'Error',
      exitCode: 1,
      message:
        'nginx: [emerg] mkdir() "/var/cache/nginx/client_temp" failed (30: Read-only file system)',
    });
    expect(run.problem?.message).toMatch(
      /keeps exiting \(exit code 1, \d+ restarts\): nginx: \[emerg\] mkdir\(\)/,
    );
  });

  test('then fails on its pid file when only the cache is mounted', () => {
    const { volumes, volumeMounts } = emptyDirs('/var/cache/nginx');
    const run = runPod({ image: 'nginx', ...readOnly, volumeMounts }, { volumes });
    expect(lastTermination(run)?.message).toBe(
      'nginx: [emerg] open() "/var/run/nginx.pid" failed (30: Read-only file system)',
    );
  });

  test('converges on a read-only root filesystem with emptyDirs on /var/cache/nginx and /run', () => {
    const { volumes, volumeMounts } = emptyDirs('/var/cache/nginx', '/run');
    const run = runPod({ image: 'nginx', ...readOnly, volumeMounts }, { volumes });
    expect(run.result.problems).toEqual([]);
  });

  test('as a non-root user cannot create its cache directories, which root owns', () => {
    const run = runPod({ image: 'nginx' }, { securityContext: { runAsUser: 101 } });
    expect(lastTermination(run)?.message).toBe(
      'nginx: [emerg] mkdir() "/var/cache/nginx/client_temp" failed (13: Permission denied)',
    );
  });

  /**
   * nginx as uid 101, its cache and pid paths writable, `container` fields merged in, on a
   * runtime that keeps ports below 1024 privileged (CRI-O, containerd 1.x) unless said otherwise.
   */
  function nonRootNginx(
    container: Record<string, unknown> = {},
    podSecurity: Record<string, unknown> = {},
    options: ClusterOptions = { unprivilegedPortStart: 1024 },
  ) {
    const { volumes, volumeMounts } = emptyDirs('/var/cache/nginx', '/var/run');
    return runPod(
      { image: 'nginx', volumeMounts, ...container },
      { volumes, securityContext: { runAsNonRoot: true, runAsUser: 101, ...podSecurity } },
      options,
    );
  }

  test('as a non-root user binds port 80 under containerd 2.x, the default (as kind runs it)', () => {
    expect(nonRootNginx({}, {}, {}).result.problems).toEqual([]);
  });

  test.each<[string, Record<string, unknown>]>([
    ['its own defaults', {}],
    // the kubelet sets no ambient capabilities: an added one never reaches a non-root process
    [
      'NET_BIND_SERVICE added',
      { securityContext: { capabilities: { drop: ['ALL'], add: ['NET_BIND_SERVICE'] } } },
    ],
  ])('as a non-root user with writable paths and %s may not bind port 80 under CRI-O', (_, c) => {
    const run = nonRootNginx(c);
    expect(run.status.state.waiting?.reason).toBe('CrashLoopBackOff');
    expect(lastTermination(run)).toMatchObject({
      reason: 'Error',
      exitCode: 1,
      message: 'nginx: [emerg] bind() to 0.0.0.0:80 failed (13: Permission denied)',
    });
  });

  test('as root with every capability dropped may not bind port 80 under CRI-O either', () => {
    const dropAll = { capabilities: { drop: ['ALL'] } };
    const criO = { unprivilegedPortStart: 1024 };
    const run = runPod({ image: 'nginx', securityContext: dropAll }, {}, criO);
    expect(lastTermination(run)?.message).toBe(
      'nginx: [emerg] bind() to 0.0.0.0:80 failed (13: Permission denied)',
    );
    const back = runPod(
      {
        image: 'nginx',
        securityContext: { capabilities: { drop: ['ALL'], add: ['NET_BIND_SERVICE'] } },
      },
      {},
      criO,
    );
    expect(back.result.problems).toEqual([]);
    expect(runPod({ image: 'nginx', securityContext: dropAll }).result.problems).toEqual([]);
  });

  test('as a non-root user binds port 80 once the pod lowers ip_unprivileged_port_start', () => {
    const sysctl = { name: 'net.ipv4.ip_unprivileged_port_start', value: '0' };
    expect(nonRootNginx({}, { sysctls: [sysctl] }).result.problems).toEqual([]);
  });

  test('never turns ready for a readiness probe on a port it does not listen on', () => {
    const run = runPod({ image: 'nginx', readinessProbe: { httpGet: { path: '/', port: 8080 } } });
    expect(run.status.state.running).toBeDefined();
    expect(run.status.ready).toBe(false);
    expect(run.problem?.reason).toBe('Unhealthy');
  });

  test('is killed by a liveness probe on a port it does not listen on', () => {
    const run = runPod({ image: 'nginx', livenessProbe: { tcpSocket: { port: 8080 } } });
    expect(run.status.state.waiting?.reason).toBe('CrashLoopBackOff');
    expect(lastTermination(run)).toMatchObject({ exitCode: 137, reason: 'Error' });
  });

  test('answers on any port once its configuration is replaced by a mounted ConfigMap', () => {
    const run = runPod(
      {
        image: 'nginx',
        readinessProbe: { httpGet: { port: 8080 } },
        volumeMounts: [{ name: 'conf', mountPath: '/etc/nginx/conf.d' }],
      },
      { volumes: [{ name: 'conf', configMap: { name: 'site' } }] },
      {},
      [{ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'site' }, data: { a: 'b' } }],
    );
    expect(run.result.problems).toEqual([]);
  });
});

describe('nginxinc/nginx-unprivileged from the image catalogue', () => {
  const restricted = {
    securityContext: {
      readOnlyRootFilesystem: true,
      allowPrivilegeEscalation: false,
      capabilities: { drop: ['ALL'] },
    },
  };

  test('runs under runAsNonRoot on 8080 with /tmp writable', () => {
    const { volumes, volumeMounts } = emptyDirs('/tmp');
    const run = runPod(
      {
        image: 'nginxinc/nginx-unprivileged:1.27',
        ...restricted,
        volumeMounts,
        readinessProbe: { httpGet: { path: '/', port: 8080 } },
      },
      { volumes, securityContext: { runAsNonRoot: true } },
    );
    expect(run.result.problems).toEqual([]);
    expect(run.status.ready).toBe(true);
  });

  test('crash-loops on a read-only root filesystem without a mount on /tmp', () => {
    const run = runPod({ image: 'nginxinc/nginx-unprivileged', ...restricted });
    expect(lastTermination(run)?.message).toBe(
      'nginx: [emerg] mkdir() "/tmp/client_temp" failed (30: Read-only file system)',
    );
  });

  test('never turns ready for a probe on port 80', () => {
    const run = runPod({
      image: 'nginxinc/nginx-unprivileged',
      readinessProbe: { httpGet: { port: 80 } },
    });
    expect(run.problem?.reason).toBe('Unhealthy');
  });
});
