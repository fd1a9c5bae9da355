/**
 * @module
 * Pod status from the runtime's view, as pure functions after the kubelet's status code:
 * phase from pkg/kubelet/kubelet_pods.go `getPhase`; conditions from
 * pkg/kubelet/status/generate.go (PodReadyToStartContainers, Initialized, Ready,
 * ContainersReady, with their `ContainersNotInitialized` / `ContainersNotReady` reasons and
 * `containers with unready status: [a b]` messages); conditions the kubelet does not own
 * (PodScheduled, DisruptionTarget, readiness gates) are kept, and a condition keeps its
 * lastTransitionTime while its status does not change (status_manager.go
 * `updateLastTransitionTime`).
 */
import type { Condition, ContainerStatus, Pod, PodStatus } from '../api';
import { sameJsonText } from '../deep-equal';
import { qosClass } from './qos';
import type { ContainerRuntime, PodRuntime } from './runtime';

/** Status fields the kubelet writes (never copied from the old status). */
const KUBELET_FIELDS = new Set([
  'phase',
  'conditions',
  'hostIP',
  'hostIPs',
  'podIP',
  'podIPs',
  'startTime',
  'initContainerStatuses',
  'containerStatuses',
  'qosClass',
]);

/** Pod phase. */
export type PodPhase = NonNullable<PodStatus['phase']>;

const KUBELET_CONDITIONS = new Set([
  'PodReadyToStartContainers',
  'Initialized',
  'Ready',
  'ContainersReady',
]);

/** getPhase: the phase implied by the container states and the restart policy. */
export function podPhase(
  restartPolicy: string,
  initContainers: readonly ContainerRuntime[],
  containers: readonly ContainerRuntime[],
): PodPhase {
  let pendingInit = 0;
  let failedInit = 0;
  for (const c of initContainers) {
    if (c.sidecar) {
      // Restartable init containers only hold the pod in Pending until they have started.
      if (!c.started && !containers.some((app) => app.containerID !== undefined)) pendingInit++;
      continue;
    }
    if (c.state.running) pendingInit++;
    else if (c.state.terminated) {
      if (c.state.terminated.exitCode !== 0) failedInit++;
    } else if (c.lastState.terminated) {
      if (c.lastState.terminated.exitCode !== 0) failedInit++;
    } else pendingInit++;
  }
  let running = 0;
  let waiting = 0;
  let stopped = 0;
  let succeeded = 0;
  for (const c of containers) {
    if (c.state.running) running++;
    else if (c.state.terminated) {
      stopped++;
      if (c.state.terminated.exitCode === 0) succeeded++;
    } else if (c.lastState.terminated) stopped++;
    else waiting++;
  }
  if (failedInit > 0 && restartPolicy === 'Never') return 'Failed';
  if (pendingInit > 0 || waiting > 0) return 'Pending';
  if (running > 0) return 'Running';
  if (stopped > 0) {
    if (restartPolicy === 'Always') return 'Running';
    if (stopped === succeeded) return 'Succeeded';
    if (restartPolicy === 'Never') return 'Failed';
    return 'Running';
  }
  return 'Pending';
}

/** Go's `%s` of a []string: `[a b]`. */
function goList(names: readonly string[]): string {
  return `[${names.join(' ')}]`;
}

/** Condition without times; times are added by {@link withTransitionTimes}. */
type BareCondition = Pick<Condition, 'type' | 'status' | 'reason' | 'message'>;

function bare(type: string, ok: boolean, reason?: string, message?: string): BareCondition {
  const condition: BareCondition = { type, status: ok ? 'True' : 'False' };
  if (!ok && reason) condition.reason = reason;
  if (!ok && message) condition.message = message;
  return condition;
}

function unreadyNames(list: readonly ContainerRuntime[]): string[] {
  const names: string[] = [];
  for (const c of list) if (!c.ready) names.push(c.spec.name);
  return names;
}

/** isInitContainerInitialized: a sidecar once started, a regular init container once it completed. */
function incompleteInitNames(list: readonly ContainerRuntime[]): string[] {
  const names: string[] = [];
  for (const c of list) if (c.sidecar ? !c.started : !c.ready) names.push(c.spec.name);
  return names;
}

function initializedCondition(rt: PodRuntime, phase: PodPhase): BareCondition {
  if (phase === 'Succeeded') return { type: 'Initialized', status: 'True', reason: 'PodCompleted' };
  const incomplete = incompleteInitNames(rt.initContainers);
  // Once a regular container was created the pod has been initialized (HasAnyRegularContainerStarted).
  if (incomplete.length === 0 || rt.containers.some((c) => c.containerID !== undefined)) {
    return bare('Initialized', true);
  }
  const message = `containers with incomplete status: ${goList(incomplete)}`;
  return bare('Initialized', false, 'ContainersNotInitialized', message);
}

function containersReadyCondition(rt: PodRuntime, phase: PodPhase): BareCondition {
  if (phase === 'Failed') return bare('ContainersReady', false, 'PodFailed');
  if (phase === 'Succeeded') return bare('ContainersReady', false, 'PodCompleted');
  const unready = [
    ...unreadyNames(rt.initContainers.filter((c) => c.sidecar)),
    ...unreadyNames(rt.containers),
  ];
  if (unready.length === 0) return bare('ContainersReady', true);
  const message = `containers with unready status: ${goList(unready)}`;
  return bare('ContainersReady', false, 'ContainersNotReady', message);
}

/** GeneratePodReadyCondition: ContainersReady, then every readiness gate's condition True. */
function readyCondition(
  containersReady: BareCondition,
  gates: readonly string[],
  conditions: readonly Condition[],
): BareCondition {
  if (containersReady.status !== 'True' || gates.length === 0)
    return { ...containersReady, type: 'Ready' };
  const unready: string[] = [];
  for (const gate of gates) {
    const found = conditions.find((c) => c.type === gate);
    if (!found)
      unready.push(`corresponding condition of pod readiness gate "${gate}" does not exist.`);
    else if (found.status !== 'True') {
      unready.push(`the status of pod readiness gate "${gate}" is not "True", but ${found.status}`);
    }
  }
  if (unready.length === 0) return bare('Ready', true);
  return bare('Ready', false, 'ReadinessGatesNotReady', unready.join(', '));
}

/** The four conditions the kubelet owns, in the order it writes them. */
export function kubeletConditions(
  rt: PodRuntime,
  phase: PodPhase,
  gates: readonly string[] = [],
  conditions: readonly Condition[] = [],
): BareCondition[] {
  const containersReady = containersReadyCondition(rt, phase);
  return [
    bare('PodReadyToStartContainers', rt.sandboxReady),
    initializedCondition(rt, phase),
    readyCondition(containersReady, gates, conditions),
    containersReady,
  ];
}

/** Adds lastProbeTime/lastTransitionTime, keeping the old transition time when status is unchanged. */
export function withTransitionTimes(
  conditions: readonly BareCondition[],
  previous: readonly Condition[] | undefined,
  now: string,
): Condition[] {
  const result: Condition[] = [];
  for (const condition of conditions) {
    let lastTransitionTime = now;
    if (previous) {
      for (const old of previous) {
        if (old.type !== condition.type) continue;
        if (old.status === condition.status && old.lastTransitionTime) {
          lastTransitionTime = old.lastTransitionTime;
        }
        break;
      }
    }
    const full: Condition = { type: condition.type, status: condition.status };
    if (condition.reason !== undefined) full.reason = condition.reason;
    if (condition.message !== undefined) full.message = condition.message;
    full.lastProbeTime = null;
    full.lastTransitionTime = lastTransitionTime;
    result.push(full);
  }
  return result;
}

function readinessGates(pod: Pod): string[] {
  const gates = (pod.spec as { readinessGates?: { conditionType?: string }[] } | undefined)
    ?.readinessGates;
  return gates ? gates.map((g) => g.conditionType ?? '').filter((t) => t !== '') : [];
}

/** One container's status as kubectl shows it. */
export function containerStatus(c: ContainerRuntime): ContainerStatus {
  const status: ContainerStatus = {
    name: c.spec.name,
    image: c.image,
    imageID: c.imageID ?? '',
    ready: c.ready,
    started: c.started,
    restartCount: c.restartCount,
    state: c.state,
    lastState: c.lastState,
  };
  if (c.containerID) status.containerID = c.containerID;
  return status;
}

/**
 * The whole status the kubelet writes for `pod`: phase, conditions (its own, then the ones it
 * keeps), container statuses, IPs, startTime and qosClass.
 */
export function generatePodStatus(pod: Pod, rt: PodRuntime, now: string): PodStatus {
  const old = pod.status ?? {};
  const phase = podPhase(pod.spec?.restartPolicy ?? 'Always', rt.initContainers, rt.containers);
  const gates = readinessGates(pod);
  const own = withTransitionTimes(
    kubeletConditions(rt, phase, gates, old.conditions),
    old.conditions,
    now,
  );
  for (const c of old.conditions ?? []) if (!KUBELET_CONDITIONS.has(c.type)) own.push(c);
  // Properties added in one fixed order (no spread of the old status, no delete): every
  // status the kubelet writes shares a few hidden classes, which keeps writes cheap.
  const status = { phase, conditions: own } as PodStatus & Record<string, unknown>;
  if (rt.hostIP) {
    status.hostIP = rt.hostIP;
    status.hostIPs = [{ ip: rt.hostIP }];
  }
  if (rt.podIP) {
    status.podIP = rt.podIP;
    status.podIPs = [{ ip: rt.podIP }];
  }
  if (rt.startTime) status.startTime = rt.startTime;
  if (rt.initContainers.length > 0) {
    status.initContainerStatuses = rt.initContainers.map(containerStatus);
  }
  status.containerStatuses = rt.containers.map(containerStatus);
  status.qosClass = rt.qosClass ?? qosClass(pod);
  // Fields other components own (nominatedNodeName, reason, message, ...) are kept.
  for (const key in old) {
    if (!(key in status) && !KUBELET_FIELDS.has(key)) {
      status[key] = (old as Record<string, unknown>)[key];
    }
  }
  reuseUnchanged(status, old as Record<string, unknown>);
  return status;
}

/**
 * Puts the previous status's fields, and elements of its lists, back in place of fresh ones
 * that print the same. The new status then holds only what changed: at 150,000 pods each
 * write's unchanged conditions and IP lists were garbage the young generation had to copy.
 * Only `status` and the lists it was built with are written to; they are this write's own.
 */
function reuseUnchanged(status: Record<string, unknown>, old: Record<string, unknown>): void {
  for (const key in status) {
    const fresh = status[key];
    const previous = old[key];
    if (fresh === previous || previous === undefined) continue;
    if (sameJsonText(fresh, previous)) {
      status[key] = previous;
    } else if (Array.isArray(fresh) && Array.isArray(previous)) {
      for (let i = 0; i < fresh.length && i < previous.length; i++) {
        if (fresh[i] !== previous[i] && sameJsonText(fresh[i], previous[i])) fresh[i] = previous[i];
      }
    }
  }
}
