/**
 * @module
 * The READY, STATUS and RESTARTS columns of `kubectl get pods`, computed from a pod as kubectl
 * computes them (printPod in kubernetes pkg/printers/internalversion/printers.go): the last
 * container's waiting or terminated reason wins over the phase, init containers show
 * `Init:N/M` or `Init:<reason>`, a pod being deleted shows `Terminating`.
 */
import type { Container, ContainerStatus, Pod } from '../sim/api';
import { humanDuration } from './duration';

/** What `kubectl get pods` prints for one pod, minus NAME and AGE. */
export interface PodColumns {
  /** `ready/total` containers, e.g. `1/2`. */
  readonly ready: string;
  /** kubectl's STATUS: `Running`, `Pending`, `ContainerCreating`, `CrashLoopBackOff`, ... */
  readonly status: string;
  /** Total restarts, with the time since the last one: `3 (42s ago)`. */
  readonly restarts: string;
}

/** A pod's READY/STATUS/RESTARTS columns; `nowMs` is the (virtual) time ages are measured at. */
export function podColumns(pod: Pod, nowMs: number): PodColumns {
  const spec = pod.spec ?? { containers: [] };
  const status = pod.status ?? {};
  const initSpecs = new Map<string, Container>();
  let total = spec.containers.length;
  for (const c of spec.initContainers ?? []) {
    initSpecs.set(c.name, c);
    if (isSidecar(c)) total++;
  }

  let reason: string = status.reason || status.phase || '';
  if (status.conditions?.some((c) => c.type === 'PodScheduled' && c.reason === 'SchedulingGated')) {
    reason = 'SchedulingGated';
  }

  let ready = 0;
  let restarts = 0;
  let lastRestart = 0;
  let sidecarRestarts = 0;
  let lastSidecarRestart = 0;
  let initializing = false;
  const initStatuses = status.initContainerStatuses ?? [];
  for (let i = 0; i < initStatuses.length; i++) {
    const c = initStatuses[i];
    const sidecar = isSidecar(initSpecs.get(c.name));
    restarts += c.restartCount;
    lastRestart = Math.max(lastRestart, lastTermination(c));
    if (sidecar) {
      sidecarRestarts += c.restartCount;
      lastSidecarRestart = Math.max(lastSidecarRestart, lastTermination(c));
    }
    const terminated = c.state.terminated;
    const waiting = c.state.waiting;
    if (terminated && terminated.exitCode === 0) continue;
    if (sidecar && c.started) {
      if (c.ready) ready++;
      continue;
    }
    if (terminated) {
      reason = terminated.reason
        ? `Init:${terminated.reason}`
        : `Init:ExitCode:${terminated.exitCode}`;
    } else if (waiting?.reason && waiting.reason !== 'PodInitializing') {
      reason = `Init:${waiting.reason}`;
    } else {
      reason = `Init:${i}/${spec.initContainers?.length ?? 0}`;
    }
    initializing = true;
    break;
  }

  if (!initializing || conditionTrue(pod, 'Initialized')) {
    restarts = sidecarRestarts;
    lastRestart = lastSidecarRestart;
    let hasRunning = false;
    const statuses = status.containerStatuses ?? [];
    // Walked backwards, so the first container's reason is the one left standing.
    for (let i = statuses.length - 1; i >= 0; i--) {
      const c = statuses[i];
      restarts += c.restartCount;
      lastRestart = Math.max(lastRestart, lastTermination(c));
      const { waiting, terminated, running } = c.state;
      if (waiting?.reason) reason = waiting.reason;
      else if (terminated?.reason) reason = terminated.reason;
      else if (terminated) reason = `ExitCode:${terminated.exitCode}`;
      else if (c.ready && running) {
        hasRunning = true;
        ready++;
      }
    }
    if (reason === 'Completed' && hasRunning) {
      reason = conditionTrue(pod, 'Ready') ? 'Running' : 'NotReady';
    }
  }

  const terminal = status.phase === 'Succeeded' || status.phase === 'Failed';
  if (pod.metadata.deletionTimestamp && status.reason === 'NodeLost') reason = 'Unknown';
  else if (pod.metadata.deletionTimestamp && !terminal) reason = 'Terminating';

  const restartText =
    restarts !== 0 && lastRestart > 0
      ? `${restarts} (${humanDuration((nowMs - lastRestart) / 1000)} ago)`
      : String(restarts);
  return { ready: `${ready}/${total}`, status: reason, restarts: restartText };
}

/** A native sidecar: an init container with `restartPolicy: Always` (counted as a container). */
function isSidecar(c: Container | undefined): boolean {
  return c?.restartPolicy === 'Always';
}

function conditionTrue(pod: Pod, type: string): boolean {
  return pod.status?.conditions?.some((c) => c.type === type && c.status === 'True') ?? false;
}

/** When the container's previous run ended, in ms; 0 when it never restarted. */
function lastTermination(c: ContainerStatus): number {
  const finished = c.lastState?.terminated?.finishedAt;
  const ms = finished ? Date.parse(finished) : NaN;
  return Number.isNaN(ms) ? 0 : ms;
}
