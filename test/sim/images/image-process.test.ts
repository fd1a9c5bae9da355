import type { Container, Pod, Probe } from '../../../lib/sim/api';
import type { ImageBehavior } from '../../../lib/sim/framework';
import {
  answersProbe,
  configReplaced,
  failedEnvRule,
  imageUser,
  processExit,
} from '../../../lib/sim/kubelet/image-process';

const env = (entries: Record<string, string>) => new Map(Object.entries(entries));

describe('imageUser', () => {
  it.each<[ImageBehavior, { uid?: number; name?: string }]>([
    // behavior → the user the runtime reports
    [{}, {}],
    [{ user: 0 }, { uid: 0 }],
    [{ user: 101 }, { uid: 101 }],
    [{ user: '1000:1000' }, { uid: 1000 }], // uid:gid, only the user part counts
    [{ user: 'memcache' }, { name: 'memcache' }],
    [{ user: 'root' }, { name: 'root' }], // a name, even root's: the kubelet cannot resolve it
  ])('%j', (behavior, expected) => {
    expect(imageUser(behavior)).toEqual(expected);
  });
});

describe('failedEnvRule', () => {
  const password = { anyOf: ['PW', 'PW_FILE', 'AUTH=trust'], message: 'no password' };
  const pair = { when: ['USER'], anyOf: ['PW'], message: 'both' };
  const forbidden = { when: ['USER=root'], anyOf: [], message: 'not root' };
  it.each<[Record<string, string>, string | undefined]>([
    // env → the message of the rule that fails
    [{}, 'no password'],
    [{ PW: '' }, 'no password'], // empty is unset, as `[ -z "$PW" ]`
    [{ PW: 'x' }, undefined],
    [{ PW_FILE: '/run/pw' }, undefined],
    [{ AUTH: 'trust' }, undefined],
    [{ AUTH: 'md5' }, 'no password'],
    [{ PW: 'x', USER: 'app' }, undefined],
    [{ PW: 'x', USER: 'root' }, 'not root'],
  ])('%j', (vars, message) => {
    const behavior: ImageBehavior = { envRules: [password, pair, forbidden] };
    expect(failedEnvRule(env(vars), behavior)?.message).toBe(message);
  });

  it('checks a conditional rule only when its condition holds', () => {
    expect(failedEnvRule(env({ USER: 'app' }), { envRules: [pair] })?.message).toBe('both');
    expect(failedEnvRule(env({}), { envRules: [pair] })).toBeUndefined();
  });
});

describe('processExit', () => {
  const writer: ImageBehavior = {
    user: 0,
    ports: [80],
    writablePaths: ['/cache', '/var/run'],
    rootOwnedPaths: ['/cache'],
    writtenAfterListen: ['/var/run'],
    configPaths: ['/etc/app'],
    logs: {
      unwritable: { '/cache': 'cache ({errno}: {error})', '/var/run': 'pid ({errno}: {error})' },
      bindDenied: 'bind {port} ({errno}: {error})',
    },
  };
  const mount = (mountPath: string, readOnly = false) => ({ name: 'v', mountPath, readOnly });
  const container = (fields: Partial<Container> = {}): Container => ({
    name: 'c',
    image: 'app',
    ...fields,
  });
  const pod = (securityContext: Record<string, unknown> = {}): Pod =>
    ({ metadata: { name: 'p' }, spec: { containers: [], securityContext } }) as unknown as Pod;
  const ro = { readOnlyRootFilesystem: true };

  it.each<[string, Container, Pod, string | undefined]>([
    // case, container, pod → the message it exits with
    ['root, writable root fs', container(), pod(), undefined],
    [
      'read-only root fs',
      container({ securityContext: ro }),
      pod(),
      'cache (30: Read-only file system)',
    ],
    [
      'read-only, cache mounted: the pid, written after listening',
      container({ securityContext: ro, volumeMounts: [mount('/cache')] }),
      pod(),
      'pid (30: Read-only file system)',
    ],
    [
      'a read-only mount does not make a path writable',
      container({ securityContext: ro, volumeMounts: [mount('/cache', true)] }),
      pod(),
      'cache (30: Read-only file system)',
    ],
    [
      '/run mounted covers /var/run',
      container({ securityContext: ro, volumeMounts: [mount('/cache'), mount('/run')] }),
      pod(),
      undefined,
    ],
    [
      'non-root: root-owned path',
      container(),
      pod({ runAsUser: 5 }),
      'cache (13: Permission denied)',
    ],
    [
      'non-root, paths mounted: the privileged port',
      container({ volumeMounts: [mount('/cache')] }),
      pod({ runAsUser: 5 }),
      'bind 80 (13: Permission denied)',
    ],
    [
      'non-root with the unprivileged port start lowered to 80',
      container({ volumeMounts: [mount('/cache')] }),
      pod({
        runAsUser: 5,
        sysctls: [{ name: 'net.ipv4.ip_unprivileged_port_start', value: '80' }],
      }),
      undefined,
    ],
    [
      'root without NET_BIND_SERVICE',
      container({ securityContext: { capabilities: { drop: ['NET_BIND_SERVICE'] } } }),
      pod(),
      'bind 80 (13: Permission denied)',
    ],
    [
      'configuration replaced: ports and paths unknown',
      container({ securityContext: ro, volumeMounts: [mount('/etc/app/conf.d')] }),
      pod({ runAsUser: 5 }),
      undefined,
    ],
  ])('%s (runtime keeps ports below 1024 privileged, as CRI-O)', (_, c, p, message) => {
    expect(processExit(p, c, env({}), writer, 1024)?.message).toBe(message);
  });

  it('binds port 80 as non-root where the runtime opens every port, as containerd 2.x does', () => {
    const nonRoot = pod({ runAsUser: 5 });
    const mounted = container({ volumeMounts: [mount('/cache')] });
    expect(processExit(nonRoot, mounted, env({}), writer, 0)).toBeUndefined();
    const ownSysctl = pod({
      runAsUser: 5,
      sysctls: [{ name: 'net.ipv4.ip_unprivileged_port_start', value: '1024' }],
    });
    expect(processExit(ownSysctl, mounted, env({}), writer, 0)?.message).toBe(
      'bind 80 (13: Permission denied)',
    );
  });

  it('a shell image exits 0 without a command, and keeps running with one or with stdin', () => {
    const shell: ImageBehavior = { exitsWithoutCommand: true };
    expect(processExit(pod(), container(), env({}), shell)?.exitCode).toBe(0);
    expect(
      processExit(pod(), container({ command: ['sleep', '1d'] }), env({}), shell),
    ).toBeUndefined();
    expect(
      processExit(pod(), container({ args: ['-c', 'sleep 1d'] }), env({}), shell),
    ).toBeUndefined();
    const stdin = { ...container(), stdin: true } as Container;
    expect(processExit(pod(), stdin, env({}), shell)).toBeUndefined();
  });

  it('falls back to its own hint when the image prints nothing known', () => {
    const exit = processExit(pod(), container({ securityContext: ro }), env({}), {
      writablePaths: ['/data'],
    });
    expect(exit?.message).toMatch(
      /writes to \/data on a read-only root filesystem; mount an emptyDir/,
    );
  });
});

describe('answersProbe and configReplaced', () => {
  const behavior: ImageBehavior = { ports: [8080], configPaths: ['/etc/app'] };
  const c: Container = { name: 'c', ports: [{ name: 'http', containerPort: 8080 }] };
  it.each<[Probe, boolean]>([
    [{ httpGet: { port: 8080 } }, true],
    [{ httpGet: { port: 'http' } }, true],
    [{ tcpSocket: { port: 80 } }, false],
    [{ tcpSocket: { port: '9090' } }, false],
    [{ grpc: { port: 9090 } }, false],
    [{ exec: { command: ['true'] } }, true],
  ])('%j → %s', (probe, answers) => {
    expect(answersProbe(probe, c, behavior)).toBe(answers);
  });

  it('answers every port when the configuration is mounted over, or no ports are known', () => {
    const mounted = { ...c, volumeMounts: [{ name: 'v', mountPath: '/etc' }] };
    expect(configReplaced(mounted, behavior)).toBe(true);
    expect(answersProbe({ tcpSocket: { port: 80 } }, mounted, behavior)).toBe(true);
    expect(answersProbe({ tcpSocket: { port: 80 } }, c, {})).toBe(true);
  });
});
