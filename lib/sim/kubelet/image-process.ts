/**
 * @module
 * What an image's process does once the container starts, from the facts an ImageBehavior
 * gives (lib/sim/images): whether its entrypoint's env checks pass, whether it can write where
 * it writes, whether it may bind its ports, and which ports answer probes.
 *
 * The user the process runs as is the kernel's business, as the container runtime sets it up:
 * `runAsUser` (container, then pod) else the image's `USER`. A port below
 * `net.ipv4.ip_unprivileged_port_start` (the pod's sysctl, else the runtime's: 0 under containerd
 * 2.x and Docker, the kernel's 1024 under CRI-O) needs
 * CAP_NET_BIND_SERVICE in the effective set, which only a root process has: the kubelet sets no
 * ambient capabilities (kubernetes/kubernetes#56374), so `capabilities.add` does not reach a
 * non-root process, and `drop: [ALL]` takes it from root. Paths on a read-only root filesystem
 * fail with EROFS (30), root-owned ones for another user with EACCES (13); a writable volume
 * mounted over the path avoids both (emptyDir is world-writable, a claim is writable through
 * fsGroup). Image `VOLUME`s are mounted writable by the runtime (containerd CRI `volumeMounts`)
 * and so are not listed among the paths an image writes.
 */
import type { Container, Pod, Probe } from '../api';
import type { ImageBehavior, ImageEnvRule } from '../framework';

/** A process that exits at start: its exit code and what it printed. */
export interface ProcessExit {
  readonly exitCode: number;
  /** The image's own last log lines, or the simulator's hint when the image has none. */
  readonly message: string;
}

const EACCES = { errno: 13, error: 'Permission denied' };
const EROFS = { errno: 30, error: 'Read-only file system' };
const UNPRIVILEGED_PORT_SYSCTL = 'net.ipv4.ip_unprivileged_port_start';
const PRIVILEGED_PORTS_END = 1024;

/**
 * containerd 2.x's CRI plugin sets `net.ipv4.ip_unprivileged_port_start=0` in every pod's network
 * namespace (`enable_unprivileged_ports`, default true since containerd#9348), as Docker has since
 * 20.10 (moby#41030), so a non-root process may bind port 80. kind, k3s and minikube run so.
 * CRI-O and containerd 1.x leave the kernel's 1024.
 */
export const CONTAINERD_UNPRIVILEGED_PORT_START = 0;

/** A securityContext field of the container, else of the pod. */
export function securityField<T>(pod: Pod, container: Container, field: string): T | undefined {
  const own = container.securityContext?.[field];
  if (own !== undefined) return own as T;
  return pod.spec?.securityContext?.[field] as T | undefined;
}

/**
 * The image's USER as the runtime reports it: a UID, or a name it cannot resolve to one.
 * (`runsAsRoot` reaches the kubelet as `user: 0`: runtime.ts imageBehaviorLookup.)
 */
export function imageUser(behavior: ImageBehavior): { uid?: number; name?: string } {
  const user = behavior.user;
  if (typeof user === 'number') return { uid: user };
  if (user === undefined) return {};
  // kuberuntime getImageUser: "uid:gid" or "name:group"; only a numeric user part is a UID
  const part = user.split(':')[0];
  return /^\d+$/.test(part) ? { uid: Number(part) } : { name: part };
}

/** True when the process runs as UID 0. An image user given by name counts as not root. */
function runsAsRoot(pod: Pod, container: Container, behavior: ImageBehavior): boolean {
  const runAsUser = securityField<number>(pod, container, 'runAsUser');
  if (runAsUser !== undefined) return runAsUser === 0;
  return imageUser(behavior).uid === 0;
}

function holds(condition: string, env: ReadonlyMap<string, string>): boolean {
  const eq = condition.indexOf('=');
  if (eq < 0) return (env.get(condition) ?? '') !== '';
  return env.get(condition.slice(0, eq)) === condition.slice(eq + 1);
}

/** The first env rule of the image's entrypoint that fails, or undefined. */
export function failedEnvRule(
  env: ReadonlyMap<string, string>,
  behavior: ImageBehavior,
): ImageEnvRule | undefined {
  return (behavior.envRules ?? []).find(
    (rule) =>
      (rule.when === undefined || rule.when.some((c) => holds(c, env))) &&
      !rule.anyOf.some((c) => holds(c, env)),
  );
}

/** Debian and Alpine make /var/run a link to /run: a mount at either covers both. */
function canonicalPath(path: string): string {
  const trimmed = path.replace(/\/+$/, '');
  return trimmed.replace(/^\/var\/run(?=\/|$)/, '/run');
}

/** A writable volume is mounted at `path` or above it. */
function writableMountCovers(container: Container, path: string): boolean {
  const target = canonicalPath(path);
  return (container.volumeMounts ?? []).some((mount) => {
    if (mount.readOnly) return false;
    const base = canonicalPath(mount.mountPath);
    return target === base || target.startsWith(`${base}/`) || base === '';
  });
}

/**
 * True when a volume replaces the image's configuration (mounted at or under, or over, one of
 * its `configPaths`): its ports and paths may then differ, so they are not enforced.
 */
export function configReplaced(container: Container, behavior: ImageBehavior): boolean {
  const configPaths = behavior.configPaths ?? [];
  if (configPaths.length === 0) return false;
  return (container.volumeMounts ?? []).some((mount) => {
    const base = canonicalPath(mount.mountPath);
    return configPaths.some((p) => {
      const config = canonicalPath(p);
      return base === config || base.startsWith(`${config}/`) || config.startsWith(`${base}/`);
    });
  });
}

function fill(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (whole, key: string) =>
    key in values ? String(values[key]) : whole,
  );
}

/** The first of `paths` the process cannot write, with the error it gets. */
function unwritable(
  pod: Pod,
  container: Container,
  behavior: ImageBehavior,
  paths: readonly string[],
): ProcessExit | undefined {
  const readOnlyRoot = container.securityContext?.readOnlyRootFilesystem === true;
  const asRoot = runsAsRoot(pod, container, behavior);
  const rootOwned = new Set(behavior.rootOwnedPaths ?? []);
  for (const path of paths) {
    if (writableMountCovers(container, path)) continue;
    const cause = readOnlyRoot ? EROFS : rootOwned.has(path) && !asRoot ? EACCES : undefined;
    if (!cause) continue;
    const log = behavior.logs?.unwritable?.[path];
    const hint =
      cause === EROFS
        ? `image "${container.image}" writes to ${path} on a read-only root filesystem; mount an emptyDir volume there`
        : `image "${container.image}" writes to ${path}, which only root may write in the image; mount an emptyDir volume there or run as root`;
    return { exitCode: 1, message: log ? fill(log, cause) : hint };
  }
  return undefined;
}

function hasNetBindService(container: Container): boolean {
  const caps = container.securityContext?.capabilities as
    { add?: unknown; drop?: unknown } | undefined;
  const names = (list: unknown): string[] =>
    Array.isArray(list) ? list.map((c) => String(c).toUpperCase().replace(/^CAP_/, '')) : [];
  if (names(caps?.add).includes('NET_BIND_SERVICE')) return true;
  const dropped = names(caps?.drop);
  return !dropped.includes('ALL') && !dropped.includes('NET_BIND_SERVICE');
}

/** The pod's own sysctl, else what the container runtime set in its sandbox. */
function unprivilegedPortStart(pod: Pod, runtimeDefault: number): number {
  const sysctls = pod.spec?.securityContext?.sysctls;
  if (!Array.isArray(sysctls)) return runtimeDefault;
  const entry = (sysctls as { name?: unknown; value?: unknown }[]).find(
    (s) => s?.name === UNPRIVILEGED_PORT_SYSCTL,
  );
  const value = Number(entry?.value);
  return entry && Number.isInteger(value) ? value : runtimeDefault;
}

/** The process may not bind one of its ports (below 1024 without root and NET_BIND_SERVICE). */
function bindDenied(
  pod: Pod,
  container: Container,
  behavior: ImageBehavior,
  runtimePortStart: number,
): ProcessExit | undefined {
  const start = Math.min(unprivilegedPortStart(pod, runtimePortStart), PRIVILEGED_PORTS_END);
  const port = (behavior.ports ?? []).find((p) => p < start);
  if (port === undefined) return undefined;
  if (runsAsRoot(pod, container, behavior) && hasNetBindService(container)) return undefined;
  const log = behavior.logs?.bindDenied;
  const hint =
    `image "${container.image}" listens on port ${port}, which needs root with NET_BIND_SERVICE; ` +
    `use an image that listens on a port >= 1024, or set the pod sysctl ${UNPRIVILEGED_PORT_SYSCTL}`;
  return { exitCode: 1, message: log ? fill(log, { port, ...EACCES }) : hint };
}

/**
 * Why the image's process exits as soon as it starts, in the order it would notice: a default
 * command that ends at once, the entrypoint's env checks, the paths it writes before listening,
 * binding its ports, the paths it writes after.
 */
export function processExit(
  pod: Pod,
  container: Container,
  env: ReadonlyMap<string, string>,
  behavior: ImageBehavior,
  runtimePortStart = CONTAINERD_UNPRIVILEGED_PORT_START,
): ProcessExit | undefined {
  if (
    behavior.exitsWithoutCommand &&
    !container.command?.length &&
    !container.args?.length &&
    (container as { stdin?: boolean }).stdin !== true
  ) {
    return {
      exitCode: 0,
      message: `image "${container.image}" runs a shell by default, which exits at once without a terminal; give the container a command`,
    };
  }
  const rule = failedEnvRule(env, behavior);
  if (rule) return { exitCode: 1, message: rule.message };
  if (configReplaced(container, behavior)) return undefined;
  const late = new Set(behavior.writtenAfterListen ?? []);
  const paths = behavior.writablePaths ?? [];
  return (
    unwritable(
      pod,
      container,
      behavior,
      paths.filter((p) => !late.has(p)),
    ) ??
    bindDenied(pod, container, behavior, runtimePortStart) ??
    unwritable(
      pod,
      container,
      behavior,
      paths.filter((p) => late.has(p)),
    )
  );
}

function probePort(probe: Probe, container: Container): number | undefined {
  const port = probe.httpGet?.port ?? probe.tcpSocket?.port ?? probe.grpc?.port;
  if (typeof port === 'number') return port;
  if (port === undefined) return undefined;
  const named = container.ports?.find((p) => p.name === port)?.containerPort;
  return named ?? (/^\d+$/.test(String(port)) ? Number(port) : undefined);
}

/**
 * Whether the process answers `probe`: exec probes and images without known ports always do;
 * a network probe only on a port the image listens on (elsewhere: connection refused).
 */
export function answersProbe(probe: Probe, container: Container, behavior: ImageBehavior): boolean {
  const ports = behavior.ports;
  if (!ports || ports.length === 0 || configReplaced(container, behavior)) return true;
  const port = probePort(probe, container);
  return port === undefined || ports.includes(port);
}
