import type { Container, DataObject, Pod } from '../../../lib/sim/api';
import {
  checkRunAsNonRoot,
  checkVolumes,
  crashCause,
  resolveEnv,
  type ConfigKind,
} from '../../../lib/sim/kubelet/config';

function data(kind: ConfigKind, name: string, values: Record<string, string>): DataObject {
  const encoded =
    kind === 'Secret'
      ? Object.fromEntries(
          Object.entries(values).map(([k, v]) => [k, Buffer.from(v).toString('base64')]),
        )
      : values;
  return { apiVersion: 'v1', kind, metadata: { name, namespace: 'shop' }, data: encoded };
}

const objects = [
  data('ConfigMap', 'app-config', { LOG_LEVEL: 'debug', MODE: 'prod' }),
  data('Secret', 'db', { password: 's3cret' }),
];
const lookup = (kind: ConfigKind, name: string) =>
  objects.find((o) => o.kind === kind && o.metadata.name === name);

function pod(container: Partial<Container>, extra: Partial<NonNullable<Pod['spec']>> = {}): Pod {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'web-1', namespace: 'shop', uid: 'u-1' },
    spec: { containers: [{ name: 'web', image: 'web:1', ...container }], ...extra },
  };
}

describe('resolveEnv', () => {
  test('resolves literal values, envFrom sources with prefixes and key references', () => {
    // GIVEN a container reading a ConfigMap wholesale and one Secret key
    const p = pod({
      envFrom: [{ configMapRef: { name: 'app-config' }, prefix: 'APP_' }],
      env: [
        { name: 'A', value: '1' },
        { name: 'DB_PASSWORD', valueFrom: { secretKeyRef: { name: 'db', key: 'password' } } },
        { name: 'POD', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } },
      ],
    });
    // WHEN the kubelet builds its environment
    const result = resolveEnv(p, p.spec!.containers[0], lookup);
    // THEN every variable is there, secrets decoded
    expect(Object.fromEntries(result.env!)).toEqual({
      APP_LOG_LEVEL: 'debug',
      APP_MODE: 'prod',
      A: '1',
      DB_PASSWORD: 's3cret',
      POD: 'web-1',
    });
  });

  it.each<[string, Partial<Container>, string, string | undefined]>([
    [
      'a missing envFrom ConfigMap',
      { envFrom: [{ configMapRef: { name: 'nope' } }] },
      'configmap "nope" not found',
      'nope',
    ],
    [
      'a missing envFrom Secret',
      { envFrom: [{ secretRef: { name: 'creds' } }] },
      'secret "creds" not found',
      'creds',
    ],
    [
      'a missing Secret key',
      { env: [{ name: 'X', valueFrom: { secretKeyRef: { name: 'db', key: 'user' } } }] },
      "couldn't find key user in Secret shop/db",
      'db',
    ],
    [
      'a missing ConfigMap key',
      { env: [{ name: 'X', valueFrom: { configMapKeyRef: { name: 'app-config', key: 'PORT' } } }] },
      "couldn't find key PORT in ConfigMap shop/app-config",
      'app-config',
    ],
    [
      'a missing ConfigMap in a key reference',
      { env: [{ name: 'X', valueFrom: { configMapKeyRef: { name: 'other', key: 'k' } } }] },
      'configmap "other" not found',
      'other',
    ],
  ])('fails on %s with the kubelet message', (_case, container, message, waitFor) => {
    const p = pod(container);
    const result = resolveEnv(p, p.spec!.containers[0], lookup);
    expect(result.error?.message).toBe(message);
    expect(result.error?.waitFor?.name).toBe(waitFor);
  });

  test("reads a Secret's stringData as written", () => {
    const secret: DataObject = {
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: { name: 'plain', namespace: 'shop' },
      stringData: { token: 'abc' },
    };
    const p = pod({
      env: [{ name: 'T', valueFrom: { secretKeyRef: { name: 'plain', key: 'token' } } }],
    });
    const result = resolveEnv(p, p.spec!.containers[0], (kind, name) =>
      kind === 'Secret' && name === 'plain' ? secret : undefined,
    );
    expect(result.env?.get('T')).toBe('abc');
  });

  test('skips optional references that are missing', () => {
    const p = pod({
      envFrom: [{ configMapRef: { name: 'nope', optional: true } }],
      env: [
        { name: 'X', valueFrom: { secretKeyRef: { name: 'db', key: 'user', optional: true } } },
      ],
    });
    const result = resolveEnv(p, p.spec!.containers[0], lookup);
    expect(result.error).toBeUndefined();
    expect(result.env!.size).toBe(0);
  });
});

describe('checkVolumes', () => {
  test('fails with the FailedMount message for a missing ConfigMap volume', () => {
    const p = pod({}, { volumes: [{ name: 'cfg', configMap: { name: 'nginx-conf' } }] });
    expect(checkVolumes(p, lookup)?.message).toBe(
      'MountVolume.SetUp failed for volume "cfg" : configmap "nginx-conf" not found',
    );
  });

  test('fails for a missing Secret in a projected volume', () => {
    const p = pod(
      {},
      { volumes: [{ name: 'all', projected: { sources: [{ secret: { name: 'tls' } }] } }] },
    );
    expect(checkVolumes(p, lookup)?.message).toMatch(/volume "all" : secret "tls" not found/);
  });

  test('accepts existing and optional volumes', () => {
    const p = pod(
      {},
      {
        volumes: [
          { name: 'cfg', configMap: { name: 'app-config' } },
          { name: 'opt', secret: { secretName: 'nope', optional: true } },
          { name: 'tmp', emptyDir: {} },
        ],
      },
    );
    expect(checkVolumes(p, lookup)).toBeUndefined();
  });
});

describe('checkRunAsNonRoot', () => {
  it.each<
    [
      string,
      Record<string, unknown> | undefined,
      Record<string, unknown> | undefined,
      boolean,
      RegExp | undefined,
    ]
  >([
    ['no runAsNonRoot', undefined, undefined, true, undefined],
    ['non-root image', { runAsNonRoot: true }, undefined, false, undefined],
    [
      'root image with runAsUser',
      { runAsNonRoot: true, runAsUser: 1000 },
      undefined,
      true,
      undefined,
    ],
    [
      'root image without runAsUser',
      { runAsNonRoot: true },
      undefined,
      true,
      /^container has runAsNonRoot and image will run as root \(pod: "web-1_shop\(u-1\)", container: web\)$/,
    ],
    [
      'runAsUser 0',
      { runAsNonRoot: true, runAsUser: 0 },
      undefined,
      false,
      /^container's runAsUser breaks non-root policy/,
    ],
    ['pod-level runAsNonRoot', undefined, { runAsNonRoot: true }, true, /image will run as root/],
  ])('%s', (_case, containerContext, podContext, runsAsRoot, expected) => {
    const p = pod(
      { securityContext: containerContext },
      podContext ? { securityContext: podContext } : {},
    );
    const error = checkRunAsNonRoot(p, p.spec!.containers[0], runsAsRoot ? { user: 0 } : {});
    if (expected) expect(error?.message).toMatch(expected);
    else expect(error).toBeUndefined();
  });
});

describe('crashCause', () => {
  const env = new Map([['DB_HOST', 'db']]);
  it.each<[string, Partial<Container>, object, RegExp | undefined]>([
    ['a healthy image', {}, {}, undefined],
    ['crash: true', {}, { crash: true, exitCode: 2 }, /exits right after it starts/],
    [
      'a missing required env var',
      {},
      { requiredEnv: ['DB_HOST', 'DB_PASSWORD'] },
      /without env DB_PASSWORD/,
    ],
    ['present required env vars', {}, { requiredEnv: ['DB_HOST'] }, undefined],
    [
      'a write to a read-only root filesystem',
      { securityContext: { readOnlyRootFilesystem: true } },
      { writablePaths: ['/var/cache/nginx'] },
      /writes to \/var\/cache\/nginx on a read-only root filesystem/,
    ],
    [
      'a write under a writable mount',
      {
        securityContext: { readOnlyRootFilesystem: true },
        volumeMounts: [{ name: 'cache', mountPath: '/var/cache' }],
      },
      { writablePaths: ['/var/cache/nginx'] },
      undefined,
    ],
    [
      'a write under a read-only mount',
      {
        securityContext: { readOnlyRootFilesystem: true },
        volumeMounts: [{ name: 'cache', mountPath: '/var/cache', readOnly: true }],
      },
      { writablePaths: ['/var/cache/nginx'] },
      /read-only root filesystem/,
    ],
    ['writes with a writable root filesystem', {}, { writablePaths: ['/tmp'] }, undefined],
    [
      'a memory limit below what the process needs',
      { resources: { limits: { memory: '256Mi' } } },
      { memory: '600Mi' },
      /^the process needs about 600Mi but the memory limit is 256Mi; raise resources.limits.memory$/,
    ],
    [
      'a memory limit above what the process needs',
      { resources: { limits: { memory: '1Gi' } } },
      { memory: '600Mi' },
      undefined,
    ],
    ['no memory limit', {}, { memory: '600Mi' }, undefined],
  ])('%s', (_case, container, behavior, expected) => {
    const cause = crashCause(pod({}), { name: 'web', image: 'web:1', ...container }, env, behavior);
    if (expected) expect(cause?.hint).toMatch(expected);
    else expect(cause).toBeUndefined();
  });

  test('is OOMKilled with exit code 137', () => {
    const cause = crashCause(
      pod({}),
      { name: 'web', resources: { limits: { memory: '128Mi' } } },
      env,
      {
        memory: '1Gi',
      },
    );
    expect(cause).toMatchObject({ exitCode: 137, reason: 'OOMKilled' });
  });

  test('exits with the image exit code, 1 by default', () => {
    expect(crashCause(pod({}), { name: 'web' }, env, { crash: true })?.exitCode).toBe(1);
    expect(crashCause(pod({}), { name: 'web' }, env, { crash: true, exitCode: 3 })?.exitCode).toBe(
      3,
    );
  });
});
