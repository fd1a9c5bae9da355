import { formatted, lastTermination, runPod } from './helpers';

describe('memcached from the image catalogue', () => {
  test('is refused under runAsNonRoot: its USER is a name the kubelet cannot check', () => {
    const run = runPod({ image: 'memcached:1.6' }, { securityContext: { runAsNonRoot: true } });
    expect(run.status.state.waiting).toEqual({
      reason: 'CreateContainerConfigError',
      message: `container has runAsNonRoot and image has non-numeric user (memcache), cannot verify user is non-root (pod: "${formatted(run.pod)}", container: web)`,
    });
  });

  test('runs under runAsNonRoot with its UID given', () => {
    const run = runPod(
      { image: 'memcached:1.6', readinessProbe: { tcpSocket: { port: 11211 } } },
      { securityContext: { runAsNonRoot: true, runAsUser: 11211 } },
    );
    expect(run.result.problems).toEqual([]);
  });
});

describe('httpd from the image catalogue', () => {
  test('runs as root on port 80', () => {
    const run = runPod({ image: 'httpd:2.4', readinessProbe: { httpGet: { port: 80 } } });
    expect(run.result.problems).toEqual([]);
  });

  test('as a non-root user may not bind port 80 where the runtime keeps it privileged (CRI-O)', () => {
    const run = runPod(
      { image: 'httpd:2.4' },
      { securityContext: { runAsUser: 33 } },
      { unprivilegedPortStart: 1024 },
    );
    expect(lastTermination(run)?.message).toBe(
      '(13)Permission denied: AH00072: make_sock: could not bind to address 0.0.0.0:80\n' +
        'AH00451: no listening sockets available, shutting down\n' +
        'AH00015: Unable to open logs',
    );
  });

  test('cannot write its pid file on a read-only root filesystem', () => {
    const run = runPod({ image: 'httpd', securityContext: { readOnlyRootFilesystem: true } });
    expect(lastTermination(run)?.message).toMatch(
      /^\(30\)Read-only file system: AH00099: could not create \/usr\/local\/apache2\/logs\/httpd\.pid/,
    );
  });
});

describe('rabbitmq from the image catalogue', () => {
  const managementProbe = { readinessProbe: { tcpSocket: { port: 15672 } } };

  test('listens on 15672 only in its management variants', () => {
    expect(runPod({ image: 'rabbitmq:4.0', ...managementProbe }).problem?.reason).toBe('Unhealthy');
    expect(
      runPod({ image: 'rabbitmq:4.0-management', ...managementProbe }).result.problems,
    ).toEqual([]);
  });

  test('answers AMQP on 5672 in every variant', () => {
    const run = runPod({ image: 'rabbitmq:4', readinessProbe: { tcpSocket: { port: 5672 } } });
    expect(run.result.problems).toEqual([]);
  });
});

describe('shell base images from the image catalogue', () => {
  test.each(['busybox:1.36', 'alpine:3.20', 'ubuntu:24.04', 'debian:bookworm'])(
    '%s without a command completes at once and crash-loops',
    (image) => {
      const run = runPod({ image });
      expect(run.status.state.waiting?.reason).toBe('CrashLoopBackOff');
      expect(lastTermination(run)).toMatchObject({ reason: 'Completed', exitCode: 0 });
    },
  );

  test('keeps running with a command of its own', () => {
    const run = runPod({ image: 'busybox', command: ['sleep', 'infinity'] });
    expect(run.result.problems).toEqual([]);
  });

  test('completes as a pod that is not restarted', () => {
    const run = runPod({ image: 'busybox' }, { restartPolicy: 'Never' });
    expect(run.pod.status?.phase).toBe('Succeeded');
  });
});
