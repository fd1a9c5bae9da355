/**
 * @module
 * The container lifecycle of one pod, advanced to the current virtual instant: a model of
 * pkg/kubelet/kubelet.go `SyncPod` and pkg/kubelet/kuberuntime/kuberuntime_manager.go
 * `SyncPod`/`computePodActions`: volumes mounted, then the sandbox (pod IP), then init
 * containers one at a time (each must exit 0), then the app containers. Starting a container is
 * kuberuntime_container.go `startContainer`: EnsureImageExists, then the container config
 * (environment, runAsNonRoot) whose errors are CreateContainerConfigError, then create and start.
 * A container that exits is restarted per restartPolicy after the crash back-off of
 * kuberuntime_manager.go `doBackOff` (the first restart is immediate, then 10 s doubling to
 * 300 s; CrashLoopBackOff `back-off 10s restarting failed container=web pod=web_default(uid)`).
 * Each container records the next instant it needs the kubelet (`wakeAt`), so nothing polls.
 */
import type { ContainerState, Pod } from '../api';
import type { ImageBehavior } from '../framework';
import { Backoff, formatGoDuration } from './backoff';
import {
  checkRunAsNonRoot,
  checkVolumes,
  crashCause,
  formatPod,
  resolveEnv,
  type ConfigLookup,
  type ConfigRef,
} from './config';
import { containerID, imageID, pullErrorMessage } from './image-names';
import { answersProbe } from './image-process';
import { probeFailureOutput } from './probe-messages';
import type { ImagePuller } from './image-puller';
import { planProbes } from './probe-timing';
import {
  newContainerRuntime,
  type ContainerRuntime,
  type PodRuntime,
  type RunPlan,
} from './runtime';

/** Seconds a crashing process runs before it exits. */
export const CRASH_AFTER_SECONDS = 1;
/** Seconds an init container runs before it completes (at least; longer with startupSeconds). */
export const INIT_RUN_SECONDS = 1;
/** Seconds ErrImagePull shows before the next sync reports ImagePullBackOff. */
export const ERR_IMAGE_PULL_SECONDS = 1;
/** Exit code of a container killed after a failed liveness/startup probe (SIGKILL). */
export const KILLED_EXIT_CODE = 137;

/** Waiting reasons the kubelet writes (pkg/kubelet/container/sync_result.go, images/types.go). */
export const Reasons = {
  containerCreating: 'ContainerCreating',
  podInitializing: 'PodInitializing',
  errImagePull: 'ErrImagePull',
  imagePullBackOff: 'ImagePullBackOff',
  errImageNeverPull: 'ErrImageNeverPull',
  invalidImageName: 'InvalidImageName',
  createContainerConfigError: 'CreateContainerConfigError',
  crashLoopBackOff: 'CrashLoopBackOff',
} as const;

/** What the lifecycle needs from the kubelet around it. */
export interface LifecycleContext {
  /** Virtual seconds now. */
  now(): number;
  /** RFC 3339 time of `seconds`. */
  timestamp(seconds: number): string;
  imageBehavior(image: string): ImageBehavior;
  /** The runtime's `net.ipv4.ip_unprivileged_port_start` for pods that do not set it. */
  readonly unprivilegedPortStart: number;
  readonly puller: ImagePuller;
  readonly restartBackoff: Backoff;
  /** ConfigMaps/Secrets in the pod's namespace. */
  lookup: ConfigLookup;
  /** Records an Event about the pod from this node's kubelet. */
  event(type: 'Normal' | 'Warning', reason: string, message: string): void;
  /** Sync the pod again when this ConfigMap/Secret is created or changed. */
  waitFor(ref: ConfigRef): void;
  /** Record the Normal Pulled/Created/Started Events of every container start. */
  readonly containerEvents: boolean;
  /** Creates the sandbox: allocates the pod IP. */
  createSandbox(): void;
}

/** The waiting reason of a container that has not been tried yet. */
export function defaultWaitingReason(rt: PodRuntime): string {
  return rt.initContainers.length > 0 ? Reasons.podInitializing : Reasons.containerCreating;
}

function waiting(c: ContainerRuntime, reason: string, message?: string): void {
  c.state = message === undefined ? { waiting: { reason } } : { waiting: { reason, message } };
}

/**
 * Advances every container of `pod` to `ctx.now()`. Afterwards each container's `wakeAt` says
 * when it next needs a sync.
 */
export function syncContainers(pod: Pod, rt: PodRuntime, ctx: LifecycleContext): void {
  // Volumes are set up once, before the sandbox: a ConfigMap deleted later does not stop a
  // running pod.
  const mountError = rt.sandboxReady ? undefined : checkVolumes(pod, ctx.lookup);
  if (mountError) {
    if (rt.mountError !== mountError.message)
      ctx.event('Warning', 'FailedMount', mountError.message);
    rt.mountError = mountError.message;
    if (mountError.waitFor) ctx.waitFor(mountError.waitFor);
    return;
  }
  rt.mountError = undefined;
  if (!rt.sandboxReady) {
    ctx.createSandbox();
    rt.sandboxReady = true;
  }
  // Once a regular container was created the pod is initialized for good; restarting sidecars
  // no longer hold the app containers back.
  const initialized = rt.containers.some((c) => c.containerID !== undefined);
  for (const c of rt.initContainers) {
    advance(pod, rt, c, ctx);
    if (initialized) continue;
    // A sidecar lets the next init container start once it has started (startup probe passed).
    const done = c.sidecar ? c.started : c.stage === 'exited' && c.state.terminated?.exitCode === 0;
    if (!done) return;
  }
  for (const c of rt.containers) advance(pod, rt, c, ctx);
}

/**
 * A pod's container images are mutable: when one changed, the kubelet kills the container and
 * starts the new definition (kuberuntime_manager.go `computePodActions`: "Container ... definition
 * changed, will be restarted"), with a fresh crash back-off.
 */
export function restartChangedContainers(pod: Pod, rt: PodRuntime, ctx: LifecycleContext): void {
  const specs = pod.spec?.containers ?? [];
  rt.containers.forEach((c, i) => {
    const spec = specs.find((s) => s.name === c.spec.name);
    if (!spec || (spec.image ?? '') === c.image) return;
    ctx.event(
      'Normal',
      'Killing',
      `Container ${c.spec.name} definition changed, will be restarted`,
    );
    ctx.restartBackoff.delete(restartKey(pod, c));
    const next = newContainerRuntime(spec, false);
    next.state = { waiting: { reason: defaultWaitingReason(rt) } };
    next.restartCount = c.restartCount;
    next.containerID = c.containerID;
    if (c.state.running) {
      next.lastState = {
        terminated: {
          exitCode: 0,
          reason: 'Completed',
          startedAt: c.state.running.startedAt,
          finishedAt: ctx.timestamp(ctx.now()),
          ...(c.containerID ? { containerID: c.containerID } : {}),
        } as NonNullable<ContainerState['terminated']>,
      };
    } else {
      next.lastState = c.lastState;
    }
    rt.containers[i] = next;
  });
}

/** The earliest instant any container needs a sync (Infinity: none). */
export function nextWake(rt: PodRuntime): number {
  let next = Infinity;
  for (const c of rt.initContainers) next = Math.min(next, c.wakeAt);
  for (const c of rt.containers) next = Math.min(next, c.wakeAt);
  return next;
}

function advance(pod: Pod, rt: PodRuntime, c: ContainerRuntime, ctx: LifecycleContext): void {
  // Transitions can chain within one instant (exit, immediate restart, start); bounded.
  for (let guard = 0; guard < 8 && step(pod, rt, c, ctx); guard++);
}

/** One transition; true when another may follow at once. */
function step(pod: Pod, rt: PodRuntime, c: ContainerRuntime, ctx: LifecycleContext): boolean {
  const now = ctx.now();
  switch (c.stage) {
    case 'pending':
    case 'configError':
      return tryStart(pod, rt, c, ctx);
    case 'pulling':
      return now >= c.wakeAt ? finishPull(pod, rt, c, ctx) : false;
    case 'pullBackOff':
      return stepPullBackOff(pod, c, ctx);
    case 'running':
      return stepRunning(pod, rt, c, ctx);
    case 'crashBackOff':
      if (now < c.wakeAt) return false;
      ctx.restartBackoff.next(restartKey(pod, c), finishedAt(c, now));
      c.stage = 'pending';
      c.wakeAt = Infinity;
      return true;
    case 'exited':
      return false;
  }
}

function restartKey(pod: Pod, c: ContainerRuntime): string {
  return `${pod.metadata.uid ?? ''}_${c.spec.name}`;
}

function pullKey(pod: Pod, c: ContainerRuntime): string {
  return `${pod.metadata.uid ?? ''}_${c.image}`;
}

/** When the container's last run ended, in virtual seconds. */
function finishedAt(c: ContainerRuntime, fallback: number): number {
  return c.plan?.exitAt !== undefined || c.plan?.killAt !== undefined
    ? Math.min(c.plan.exitAt ?? Infinity, c.plan.killAt ?? Infinity)
    : fallback;
}

/**
 * An image the kubelet will not retry (an invalid name, or absent under pull policy Never):
 * warns once with `event` and `Failed`, then leaves the container waiting with `reason`.
 */
function stopOnImageError(
  c: ContainerRuntime,
  ctx: LifecycleContext,
  reason: string,
  event: string,
  message: string,
): false {
  if (c.state.waiting?.reason !== reason) {
    ctx.event('Warning', event, message);
    ctx.event('Warning', 'Failed', `Error: ${reason}`);
  }
  waiting(c, reason, message);
  c.stage = 'exited';
  c.wakeAt = Infinity;
  return false;
}

function tryStart(pod: Pod, rt: PodRuntime, c: ContainerRuntime, ctx: LifecycleContext): boolean {
  const now = ctx.now();
  const pull = ctx.puller.ensure(
    rt.nodeName,
    pullKey(pod, c),
    c.image,
    c.spec.imagePullPolicy,
    now,
  );
  switch (pull.kind) {
    case 'invalid':
      return stopOnImageError(c, ctx, Reasons.invalidImageName, 'InspectFailed', pull.message);
    case 'neverPull':
      return stopOnImageError(
        c,
        ctx,
        Reasons.errImageNeverPull,
        'ErrImageNeverPull',
        `Container image "${c.image}" is not present with pull policy of Never`,
      );
    case 'backoff':
      showPullBackOff(c, ctx);
      c.stage = 'pullBackOff';
      c.wakeAt = pull.retryAt;
      return false;
    case 'pulling':
      // Only the pod whose request started a pull records it; pods that join a pull in flight
      // stay quiet, as do starts from an image already present (see createContainer).
      warnMissingPullSecrets(pod, ctx);
      if (!pull.joined) ctx.event('Normal', 'Pulling', `Pulling image "${c.image}"`);
      c.stage = 'pulling';
      c.wakeAt = pull.doneAt;
      c.pullOk = pull.ok;
      c.pullStartedAt = pull.joined ? undefined : now;
      c.pullBeganAt = pull.startAt;
      return false;
    case 'present':
      if (ctx.containerEvents && c.pullStartedAt === undefined && c.stage !== 'configError') {
        ctx.event('Normal', 'Pulled', `Container image "${c.image}" already present on machine`);
      }
      c.pullStartedAt = undefined;
      return createContainer(pod, rt, c, ctx);
  }
}

/**
 * kubelet.go `getPullSecretsForPod`: pull secrets that do not exist are skipped with a warning
 * (the pull itself goes on; a public image still pulls).
 */
function warnMissingPullSecrets(pod: Pod, ctx: LifecycleContext): void {
  const refs = (pod.spec as { imagePullSecrets?: { name?: string }[] } | undefined)
    ?.imagePullSecrets;
  if (!refs || refs.length === 0) return;
  const missing = refs
    .map((r) => r.name ?? '')
    .filter((name) => name && !ctx.lookup('Secret', name));
  if (missing.length === 0) return;
  ctx.event(
    'Warning',
    'FailedToRetrieveImagePullSecret',
    `Unable to retrieve some image pull secrets (${missing.join(', ')}); attempting to pull the image may not succeed.`,
  );
}

function showPullBackOff(c: ContainerRuntime, ctx: LifecycleContext): void {
  if (c.state.waiting?.reason === Reasons.imagePullBackOff) return;
  const message = `Back-off pulling image "${c.image}"`;
  ctx.event('Normal', 'BackOff', message);
  ctx.event('Warning', 'Failed', `Error: ${Reasons.imagePullBackOff}`);
  waiting(c, Reasons.imagePullBackOff, message);
}

function finishPull(pod: Pod, rt: PodRuntime, c: ContainerRuntime, ctx: LifecycleContext): boolean {
  const now = ctx.now();
  const ok = c.pullOk ?? true;
  ctx.puller.finish(rt.nodeName, pullKey(pod, c), c.image, ok, now);
  if (ok) {
    if (c.pullStartedAt !== undefined) {
      // Serialized pulls wait for the node's puller: "in X (Y including waiting)".
      const took = formatGoDuration(now - (c.pullBeganAt ?? c.pullStartedAt));
      const total = formatGoDuration(now - c.pullStartedAt);
      const message = `Successfully pulled image "${c.image}" in ${took} (${total} including waiting)`;
      ctx.event('Normal', 'Pulled', message);
    }
    c.pullStartedAt = undefined;
    c.stage = 'pending';
    c.wakeAt = Infinity;
    return true;
  }
  const error = pullErrorMessage(c.image);
  ctx.event('Warning', 'Failed', `Failed to pull image "${c.image}": ${error}`);
  ctx.event('Warning', 'Failed', `Error: ${Reasons.errImagePull}`);
  waiting(c, Reasons.errImagePull, error);
  c.stage = 'pullBackOff';
  c.pullFailedAt = now;
  c.pullStartedAt = undefined;
  c.wakeAt = now + ERR_IMAGE_PULL_SECONDS;
  return false;
}

function stepPullBackOff(pod: Pod, c: ContainerRuntime, ctx: LifecycleContext): boolean {
  const now = ctx.now();
  const retryAt = ctx.puller.retryAt(pullKey(pod, c), now);
  if (c.state.waiting?.reason === Reasons.errImagePull) {
    if (now < (c.pullFailedAt ?? now) + ERR_IMAGE_PULL_SECONDS) return false;
    showPullBackOff(c, ctx);
  }
  if (now < retryAt) {
    c.wakeAt = retryAt;
    return false;
  }
  c.stage = 'pending';
  c.wakeAt = Infinity;
  return true;
}

function configError(
  c: ContainerRuntime,
  ctx: LifecycleContext,
  message: string,
  ref?: ConfigRef,
): false {
  if (c.state.waiting?.message !== message) ctx.event('Warning', 'Failed', `Error: ${message}`);
  waiting(c, Reasons.createContainerConfigError, message);
  c.stage = 'configError';
  c.wakeAt = Infinity;
  if (ref) ctx.waitFor(ref);
  return false;
}

function createContainer(
  pod: Pod,
  rt: PodRuntime,
  c: ContainerRuntime,
  ctx: LifecycleContext,
): boolean {
  const env = resolveEnv(pod, c.spec, ctx.lookup);
  if (env.error) return configError(c, ctx, env.error.message, env.error.waitFor);
  const behavior = ctx.imageBehavior(c.image);
  const nonRoot = checkRunAsNonRoot(pod, c.spec, behavior);
  if (nonRoot) return configError(c, ctx, nonRoot.message);

  const now = ctx.now();
  const attempt = c.containerID === undefined ? 0 : c.restartCount + 1;
  c.restartCount = attempt;
  c.containerID = containerID(rt.uid, c.spec.name, attempt);
  c.imageID = imageID(c.image);
  c.state = { running: { startedAt: ctx.timestamp(now) } };
  c.started = false;
  c.ready = false;
  c.stage = 'running';
  c.plan = planRun(pod, c, behavior, env.env, now, ctx.unprivilegedPortStart);
  // Normal `Created`/`Started`/`already present` Events per container only on request: at
  // 10,000 pods they would be most of the simulator's work and say nothing the status does not.
  if (ctx.containerEvents) {
    ctx.event('Normal', 'Created', `Created container: ${c.spec.name}`);
    ctx.event('Normal', 'Started', `Started container ${c.spec.name}`);
  }
  return true;
}

function planRun(
  pod: Pod,
  c: ContainerRuntime,
  behavior: ImageBehavior,
  env: ReadonlyMap<string, string>,
  now: number,
  unprivilegedPortStart: number,
): RunPlan {
  const crash = crashCause(pod, c.spec, env, behavior, unprivilegedPortStart);
  const healthyAfter =
    behavior.healthy === false ? Infinity : Math.max(0, behavior.startupSeconds ?? 0);
  if (c.init && !c.sidecar) {
    // Init containers have no probes (validation forbids them on regular init containers).
    const exitAt = now + (crash ? CRASH_AFTER_SECONDS : Math.max(INIT_RUN_SECONDS, healthyAfter));
    return {
      startedAt: now,
      startedBecomesTrueAt: Infinity,
      readyAt: Infinity,
      exitAt,
      exitCode: crash?.exitCode ?? 0,
      exitMessage: crash?.hint,
      exitReason: crash?.reason,
    };
  }
  const probes = planProbes(c.spec, healthyAfter, (probe) => answersProbe(probe, c.spec, behavior));
  const plan: RunPlan = {
    startedAt: now,
    startedBecomesTrueAt: now + probes.startedAfter,
    readyAt: now + probes.readyAfter,
  };
  if (crash) {
    return {
      ...plan,
      exitAt: now + CRASH_AFTER_SECONDS,
      exitCode: crash.exitCode,
      exitMessage: crash.hint,
      exitReason: crash.reason,
    };
  }
  if (probes.killedAfter !== undefined) {
    return { ...plan, killAt: now + probes.killedAfter, killedBy: probes.killedBy };
  }
  return plan;
}

function stepRunning(
  pod: Pod,
  rt: PodRuntime,
  c: ContainerRuntime,
  ctx: LifecycleContext,
): boolean {
  const now = ctx.now();
  const plan = c.plan;
  if (!plan) return false;
  const exitTime = Math.min(plan.exitAt ?? Infinity, plan.killAt ?? Infinity);
  if (!c.started && now >= plan.startedBecomesTrueAt && plan.startedBecomesTrueAt <= exitTime) {
    c.started = true;
  }
  if (!c.ready && now >= plan.readyAt && plan.readyAt <= exitTime) c.ready = true;
  if (now >= exitTime) return exit(pod, rt, c, ctx, exitTime);
  c.wakeAt = Math.min(
    c.started ? Infinity : plan.startedBecomesTrueAt,
    c.ready ? Infinity : plan.readyAt,
    exitTime,
  );
  return false;
}

function shouldRestart(pod: Pod, c: ContainerRuntime, exitCode: number): boolean {
  const policy = pod.spec?.restartPolicy ?? 'Always';
  if (c.sidecar) return true;
  if (c.init) return exitCode !== 0 && policy !== 'Never';
  if (policy === 'Always') return true;
  return policy === 'OnFailure' && exitCode !== 0;
}

function exit(
  pod: Pod,
  rt: PodRuntime,
  c: ContainerRuntime,
  ctx: LifecycleContext,
  at: number,
): boolean {
  const plan = c.plan as RunPlan;
  const killed = plan.killAt !== undefined && plan.killAt <= (plan.exitAt ?? Infinity);
  const exitCode = killed ? KILLED_EXIT_CODE : (plan.exitCode ?? 0);
  if (killed) {
    const probe = plan.killedBy === 'startup' ? 'Startup' : 'Liveness';
    const spec = plan.killedBy === 'startup' ? c.spec.startupProbe : c.spec.livenessProbe;
    const output = spec ? probeFailureOutput(spec, rt.podIP ?? '', c.spec) : '';
    ctx.event('Warning', 'Unhealthy', `${probe} probe failed: ${output}`);
    ctx.event(
      'Normal',
      'Killing',
      `Container ${c.spec.name} failed ${probe.toLowerCase()} probe, will be restarted`,
    );
  }
  const terminated = {
    exitCode,
    reason: killed ? 'Error' : (plan.exitReason ?? (exitCode === 0 ? 'Completed' : 'Error')),
    ...(plan.exitMessage && !killed ? { message: plan.exitMessage } : {}),
    startedAt: ctx.timestamp(plan.startedAt),
    finishedAt: ctx.timestamp(at),
    containerID: c.containerID,
  };
  c.started = false;
  c.ready = c.init && !c.sidecar && exitCode === 0;
  if (!shouldRestart(pod, c, exitCode)) {
    c.state = { terminated };
    c.stage = 'exited';
    c.wakeAt = Infinity;
    return false;
  }
  c.lastState = { terminated };
  const key = restartKey(pod, c);
  if (ctx.restartBackoff.isInBackOffSince(key, at, at)) {
    const backoff = ctx.restartBackoff.get(key);
    ctx.event(
      'Warning',
      'BackOff',
      `Back-off restarting failed container ${c.spec.name} in pod ${formatPod(pod)}`,
    );
    waiting(
      c,
      Reasons.crashLoopBackOff,
      `back-off ${formatGoDuration(backoff)} restarting failed container=${c.spec.name} pod=${formatPod(pod)}`,
    );
    c.stage = 'crashBackOff';
    c.wakeAt = at + backoff;
    return true;
  }
  ctx.restartBackoff.next(key, at);
  c.stage = 'pending';
  c.wakeAt = Infinity;
  return true;
}
