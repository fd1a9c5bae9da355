/**
 * @module
 * What the kubelet checks before it creates a container, as pure functions: the environment
 * (pkg/kubelet/kubelet_pods.go `makeEnvironmentVariables`: envFrom first, then env; a missing
 * non-optional ConfigMap/Secret or key is an error and the container waits in
 * CreateContainerConfigError), the configMap/secret volumes (pkg/volume/configmap and
 * pkg/volume/secret `SetUpAt`: FailedMount, the pod stays ContainerCreating) and
 * `runAsNonRoot` (pkg/kubelet/kuberuntime/security_context_others.go `verifyRunAsNonRoot`, with the
 * image's user as kuberuntime's `getImageUser` reads it).
 */
import type { Container, DataObject, Pod, Volume } from '../api';
import type { ImageBehavior } from '../framework';
import { parseQuantity } from '../quantity';
import {
  CONTAINERD_UNPRIVILEGED_PORT_START,
  imageUser,
  processExit,
  securityField,
} from './image-process';

/** A ConfigMap or Secret the kubelet reads. */
export type ConfigKind = 'ConfigMap' | 'Secret';

/** Reads a ConfigMap or Secret in the pod's namespace. */
export type ConfigLookup = (kind: ConfigKind, name: string) => DataObject | undefined;

/** The object a failed check waits for (re-checked when it is created or changed). */
export interface ConfigRef {
  readonly kind: ConfigKind;
  readonly name: string;
}

/** A failed check: the kubelet's message and what would fix it. */
export interface ConfigError {
  readonly message: string;
  readonly waitFor?: ConfigRef;
}

/** The resolved environment, or why it cannot be built. */
export type EnvResult =
  | { readonly env: ReadonlyMap<string, string>; readonly error?: undefined }
  | { readonly env?: undefined; readonly error: ConfigError };

function notFound(kind: ConfigKind, name: string): ConfigError {
  // The kubelet's watch-based managers report NotFound for resource "configmap"/"secret".
  return {
    message: `${kind === 'ConfigMap' ? 'configmap' : 'secret'} "${name}" not found`,
    waitFor: { kind, name },
  };
}

/**
 * The object's keys and values as a container sees them: Secret `data` base64-decoded,
 * `stringData` (merged into data by the API server) as written, ConfigMap data as is.
 */
function keysOf(obj: DataObject): Record<string, string> {
  const values: Record<string, string> = { ...binaryData(obj) };
  for (const [key, raw] of Object.entries(obj.data ?? {})) {
    values[key] = obj.kind === 'Secret' ? decodeBase64(raw) : raw;
  }
  for (const [key, text] of Object.entries(obj.stringData ?? {})) values[key] = text;
  return values;
}

function binaryData(obj: DataObject): Record<string, string> {
  const binary = (obj as { binaryData?: unknown }).binaryData;
  return typeof binary === 'object' && binary !== null ? (binary as Record<string, string>) : {};
}

function decodeBase64(raw: string): string {
  try {
    return Buffer.from(raw, 'base64').toString('utf8');
  } catch {
    return raw;
  }
}

/** Values the downward API gives a `fieldRef` (only their presence matters to images). */
function fieldValue(pod: Pod, fieldPath: string): string {
  switch (fieldPath) {
    case 'metadata.name':
      return pod.metadata.name;
    case 'metadata.namespace':
      return pod.metadata.namespace ?? 'default';
    case 'metadata.uid':
      return pod.metadata.uid ?? '';
    case 'spec.nodeName':
      return pod.spec?.nodeName ?? '';
    case 'spec.serviceAccountName':
      return pod.spec?.serviceAccountName ?? 'default';
    case 'status.podIP':
      return pod.status?.podIP ?? '';
    case 'status.hostIP':
      return pod.status?.hostIP ?? '';
    default:
      return '';
  }
}

/**
 * The container's environment as makeEnvironmentVariables builds it: `envFrom` sources in
 * order (optional ones may be missing), then `env` entries, later names overriding earlier.
 * Errors: `configmap "x" not found`, `secret "x" not found`,
 * `couldn't find key k in ConfigMap ns/x`, `couldn't find key k in Secret ns/x`.
 */
export function resolveEnv(pod: Pod, container: Container, lookup: ConfigLookup): EnvResult {
  const namespace = pod.metadata.namespace ?? 'default';
  const env = new Map<string, string>();
  for (const source of container.envFrom ?? []) {
    const ref = source.configMapRef
      ? { kind: 'ConfigMap' as const, ...source.configMapRef }
      : source.secretRef
        ? { kind: 'Secret' as const, ...source.secretRef }
        : undefined;
    if (!ref) continue;
    const obj = lookup(ref.kind, ref.name);
    if (!obj) {
      if (ref.optional) continue;
      return { error: notFound(ref.kind, ref.name) };
    }
    for (const [key, raw] of Object.entries(keysOf(obj))) {
      env.set(`${source.prefix ?? ''}${key}`, raw);
    }
  }
  for (const variable of container.env ?? []) {
    const from = variable.valueFrom;
    if (!from) {
      env.set(variable.name, variable.value ?? '');
      continue;
    }
    const keyRef = from.configMapKeyRef
      ? { kind: 'ConfigMap' as const, ...from.configMapKeyRef }
      : from.secretKeyRef
        ? { kind: 'Secret' as const, ...from.secretKeyRef }
        : undefined;
    if (!keyRef) {
      env.set(variable.name, from.fieldRef ? fieldValue(pod, from.fieldRef.fieldPath) : '1');
      continue;
    }
    const obj = lookup(keyRef.kind, keyRef.name);
    if (!obj) {
      if (keyRef.optional) continue;
      return { error: notFound(keyRef.kind, keyRef.name) };
    }
    const data = keysOf(obj);
    if (!(keyRef.key in data)) {
      if (keyRef.optional) continue;
      return {
        error: {
          message: `couldn't find key ${keyRef.key} in ${keyRef.kind} ${namespace}/${keyRef.name}`,
          waitFor: { kind: keyRef.kind, name: keyRef.name },
        },
      };
    }
    env.set(variable.name, data[keyRef.key]);
  }
  return { env };
}

/** The ConfigMaps/Secrets a volume (or a projected volume's sources) reads. */
function volumeSources(volume: Volume): { ref: ConfigRef; optional: boolean; keys: string[] }[] {
  const sources: { ref: ConfigRef; optional: boolean; keys: string[] }[] = [];
  const items = (list: unknown): string[] =>
    Array.isArray(list) ? list.map((item: { key?: unknown }) => String(item?.key ?? '')) : [];
  type Source = { optional?: boolean; items?: unknown };
  const add = (kind: ConfigRef['kind'], name: string, source: Source): void => {
    sources.push({ ref: { kind, name }, optional: !!source.optional, keys: items(source.items) });
  };
  if (volume.configMap) {
    const cm = volume.configMap as Source & { name: string };
    add('ConfigMap', cm.name, cm);
  }
  if (volume.secret) {
    const s = volume.secret as Source & { secretName: string };
    add('Secret', s.secretName, s);
  }
  const projected = volume.projected as { sources?: unknown[] } | undefined;
  for (const source of projected?.sources ?? []) {
    const { configMap, secret } = (source ?? {}) as {
      configMap?: Source & { name: string };
      secret?: Source & { name: string };
    };
    if (configMap) add('ConfigMap', configMap.name, configMap);
    if (secret) add('Secret', secret.name, secret);
  }
  return sources;
}

/**
 * The first volume that cannot be mounted, with the FailedMount message the kubelet records:
 * `MountVolume.SetUp failed for volume "cfg" : configmap "app-config" not found`.
 */
export function checkVolumes(pod: Pod, lookup: ConfigLookup): ConfigError | undefined {
  for (const volume of pod.spec?.volumes ?? []) {
    for (const { ref, optional, keys } of volumeSources(volume)) {
      const obj = lookup(ref.kind, ref.name);
      const prefix = `MountVolume.SetUp failed for volume "${volume.name}" : `;
      if (!obj) {
        if (optional) continue;
        return { message: prefix + notFound(ref.kind, ref.name).message, waitFor: ref };
      }
      const data = keysOf(obj);
      const missing = keys.find((key) => !(key in data));
      if (missing !== undefined && !optional) {
        const noun = ref.kind === 'ConfigMap' ? 'configmap' : 'secret';
        return {
          message: `${prefix}${noun} references non-existent ${noun} key: ${missing}`,
          waitFor: ref,
        };
      }
    }
  }
  return undefined;
}

/** `name_namespace(uid)`, as pkg/kubelet/util/format `Pod` prints a pod in kubelet messages. */
export function formatPod(pod: Pod): string {
  return `${pod.metadata.name}_${pod.metadata.namespace ?? 'default'}(${pod.metadata.uid ?? ''})`;
}

/**
 * verifyRunAsNonRoot: with `runAsNonRoot: true` the effective user must be provably non-root:
 * an explicit `runAsUser` other than 0, or an image that does not run as root.
 */
export function checkRunAsNonRoot(
  pod: Pod,
  container: Container,
  behavior: ImageBehavior,
): ConfigError | undefined {
  if (securityField<boolean>(pod, container, 'runAsNonRoot') !== true) return undefined;
  const who = `(pod: "${formatPod(pod)}", container: ${container.name})`;
  const runAsUser = securityField<number>(pod, container, 'runAsUser');
  if (runAsUser !== undefined) {
    return runAsUser === 0
      ? { message: `container's runAsUser breaks non-root policy ${who}` }
      : undefined;
  }
  // kuberuntime_container.go generateContainerConfig: getImageUser, then verifyRunAsNonRoot
  const image = imageUser(behavior);
  if (image.uid === undefined && image.name !== undefined) {
    return {
      message: `container has runAsNonRoot and image has non-numeric user (${image.name}), cannot verify user is non-root ${who}`,
    };
  }
  if (image.uid === 0)
    return { message: `container has runAsNonRoot and image will run as root ${who}` };
  return undefined;
}

/** Why a started container exits at once (a modelled entrypoint), or undefined if it keeps running. */
export interface CrashCause {
  readonly exitCode: number;
  /** terminated.reason when not `Error`: `OOMKilled`. */
  readonly reason?: string;
  /** Read by podProblems: what a person should fix. */
  readonly hint: string;
}

/** Exit code of a process killed by the kernel's OOM killer (128 + SIGKILL). */
export const OOM_EXIT_CODE = 137;

function bytes(quantity: string | number | undefined): number | undefined {
  if (quantity === undefined) return undefined;
  try {
    return parseQuantity(quantity);
  } catch {
    return undefined;
  }
}

/**
 * The container's memory limit is below what the process needs: the cgroup OOM killer ends it
 * and the runtime reports reason OOMKilled, exit code 137.
 */
function oomCause(container: Container, behavior: ImageBehavior): CrashCause | undefined {
  const needs = bytes(behavior.memory);
  const limitText = container.resources?.limits?.memory;
  const limit = bytes(limitText);
  if (needs === undefined || limit === undefined || limit >= needs) return undefined;
  return {
    exitCode: OOM_EXIT_CODE,
    reason: 'OOMKilled',
    hint:
      `the process needs about ${behavior.memory} but the memory limit is ${limitText}; ` +
      'raise resources.limits.memory',
  };
}

/**
 * Whether the image's entrypoint exits after start: a memory limit below its need (OOMKilled);
 * `crash: true`; a `requiredEnv` variable missing from the environment; then what its process
 * meets at start (image-process.ts: env rules, paths it cannot write, ports it may not bind).
 */
export function crashCause(
  pod: Pod,
  container: Container,
  env: ReadonlyMap<string, string>,
  behavior: ImageBehavior,
  unprivilegedPortStart = CONTAINERD_UNPRIVILEGED_PORT_START,
): CrashCause | undefined {
  const exitCode = behavior.exitCode ?? 1;
  const oom = oomCause(container, behavior);
  if (oom) return oom;
  if (behavior.crash)
    return { exitCode, hint: `image "${container.image}" exits right after it starts` };
  const missing = (behavior.requiredEnv ?? []).filter((name) => !env.has(name));
  if (missing.length > 0) {
    return {
      exitCode,
      hint: `image "${container.image}" exits without env ${missing.join(', ')}; set it in env or envFrom`,
    };
  }
  const exit = processExit(pod, container, env, behavior, unprivilegedPortStart);
  return exit ? { exitCode: exit.exitCode, hint: exit.message } : undefined;
}
