/**
 * @module
 * The pod problem detector: pods bound to a Ready node that are not Running and Ready, with the
 * reason kubectl shows in STATUS (ErrImagePull, ImagePullBackOff, CrashLoopBackOff,
 * CreateContainerConfigError, FailedMount, ...) and a message that says what to fix.
 * Unscheduled pods are the scheduler's to report; pods on a node that is not Ready are the
 * node's problem; Terminating and Succeeded pods are not problems.
 */
import type { ContainerStatus, KubeEvent, Node, Pod } from '../api';
import type { Clock, ProblemDetector, Store } from '../framework';
import type { Problem } from '../types';
import { isNodeReady } from './node-state';

/** What is wrong with one pod, in Kubernetes' words. */
export interface PodProblem {
  readonly reason: string;
  readonly message: string;
}

const PULL_FAILURES = new Set(['ErrImagePull', 'ImagePullBackOff', 'RegistryUnavailable']);

function who(status: ContainerStatus, init: boolean): string {
  return `${init ? 'init container' : 'container'} "${status.name}"`;
}

function configAdvice(message: string): string {
  if (/not found$/.test(message))
    return `${message}; create it in the pod's namespace or mark the reference optional`;
  if (/^couldn't find key/.test(message))
    return `${message}; add the key or mark the reference optional`;
  if (/runAsNonRoot|non-root/.test(message)) {
    return `${message}; set runAsUser to a non-zero UID or use an image that runs as a non-root user`;
  }
  return message;
}

function waitingProblem(status: ContainerStatus, init: boolean): PodProblem | undefined {
  const waiting = status.state.waiting;
  const reason = waiting?.reason;
  if (!reason || reason === 'ContainerCreating' || reason === 'PodInitializing') return undefined;
  const message = waiting?.message ?? '';
  if (PULL_FAILURES.has(reason)) {
    return {
      reason,
      message: `image "${status.image}" could not be pulled; check the image name and registry credentials`,
    };
  }
  if (reason === 'InvalidImageName') {
    const why = message.slice(message.lastIndexOf(': ') + 2) || 'invalid reference format';
    return {
      reason,
      message: `image "${status.image}" is not a valid image reference (${why}); fix the image name`,
    };
  }
  if (reason === 'ErrImageNeverPull') {
    return {
      reason,
      message: `image "${status.image}" is not on the node and imagePullPolicy is Never; use IfNotPresent or preload the image`,
    };
  }
  if (reason === 'CreateContainerConfigError')
    return { reason, message: `${who(status, init)}: ${configAdvice(message)}` };
  if (reason === 'CrashLoopBackOff') {
    const last = status.lastState?.terminated;
    const code = last?.exitCode ?? 1;
    const cause = last?.message
      ? last.message
      : code === 137
        ? 'it is killed by its liveness or startup probe before it answers; raise initialDelaySeconds or add a startupProbe'
        : 'check its logs (kubectl logs --previous)';
    const how = last?.reason === 'OOMKilled' ? 'is OOMKilled again and again' : 'keeps exiting';
    return {
      reason,
      message: `${who(status, init)} ${how} (exit code ${code}, ${status.restartCount} restarts): ${cause}`,
    };
  }
  return { reason, message: `${who(status, init)}: ${message || reason}` };
}

function failedProblem(pod: Pod): PodProblem {
  const statuses = [
    ...(pod.status?.initContainerStatuses ?? []),
    ...(pod.status?.containerStatuses ?? []),
  ];
  const failed = statuses.find((s) => (s.state.terminated?.exitCode ?? 0) !== 0);
  const terminated = failed?.state.terminated;
  const policy = pod.spec?.restartPolicy ?? 'Always';
  if (!failed || !terminated)
    return {
      reason: pod.status?.reason ?? 'Failed',
      message: pod.status?.message ?? 'the pod failed',
    };
  const cause = terminated.message ? `: ${terminated.message}` : '';
  return {
    reason: terminated.reason ?? 'Error',
    message: `container "${failed.name}" exited with code ${terminated.exitCode} and restartPolicy ${policy} does not restart it${cause}`,
  };
}

/**
 * The problem of one pod bound to a Ready node, or undefined when it is fine (Running and
 * Ready, or Succeeded). `mountMessage` is the latest FailedMount event message for it.
 */
export function podProblem(pod: Pod, mountMessage?: string): PodProblem | undefined {
  const phase = pod.status?.phase;
  if (phase === 'Succeeded') return undefined;
  if (phase === 'Failed') return failedProblem(pod);
  const ready = pod.status?.conditions?.find((c) => c.type === 'Ready')?.status === 'True';
  if (phase === 'Running' && ready) return undefined;
  for (const status of pod.status?.initContainerStatuses ?? []) {
    const problem = waitingProblem(status, true);
    if (problem) return problem;
  }
  for (const status of pod.status?.containerStatuses ?? []) {
    const problem = waitingProblem(status, false);
    if (problem) return problem;
  }
  if (mountMessage)
    return {
      reason: 'FailedMount',
      message: `${mountMessage}; create it or mark the volume optional`,
    };
  const readyCondition = pod.status?.conditions?.find((c) => c.type === 'Ready');
  if (readyCondition?.reason === 'ReadinessGatesNotReady') {
    return {
      reason: 'ReadinessGatesNotReady',
      message: readyCondition.message ?? 'a readiness gate is not True',
    };
  }
  const unready = (pod.status?.containerStatuses ?? []).filter((s) => s.state.running && !s.ready);
  if (unready.length > 0) {
    const names = unready.map((s) => `"${s.name}"`).join(', ');
    return {
      reason: 'Unhealthy',
      message: `container ${names} is running but never became ready: its readiness probe does not pass; check the probe's path and port and the app's startup time`,
    };
  }
  if (!pod.status?.containerStatuses) {
    return { reason: 'Pending', message: 'the kubelet has not started the pod yet' };
  }
  return {
    reason: 'ContainerCreating',
    message: 'the pod is still starting: images are being pulled or containers created',
  };
}

/**
 * A pod bound (spec.nodeName) to a node that does not exist never runs; the pod garbage
 * collector deletes such orphans (pkg/controller/podgc `gcOrphaned`, DisruptionTarget reason
 * DeletionByPodGC).
 */
function missingNode(nodeName: string): PodProblem {
  return {
    reason: 'DeletionByPodGC',
    message:
      `spec.nodeName "${nodeName}" names a node that does not exist, so no kubelet runs the pod ` +
      'and the pod garbage collector deletes it; remove spec.nodeName and let the scheduler choose',
  };
}

/** Latest FailedMount message per `namespace/pod`, from the Events in the store. */
function failedMounts(store: Store): Map<string, string> {
  const messages = new Map<string, string>();
  for (const obj of store.list('Event')) {
    const event = obj as unknown as KubeEvent;
    if (event.reason !== 'FailedMount' || event.involvedObject?.kind !== 'Pod') continue;
    messages.set(
      `${event.involvedObject.namespace ?? 'default'}/${event.involvedObject.name}`,
      event.message,
    );
  }
  return messages;
}

/** Pods bound to a Ready node that are not Running and Ready (ReplicaSet-owned ones included). */
export const podProblems: ProblemDetector = (store: Store, _clock: Clock): Problem[] => {
  const problems: Problem[] = [];
  const nodes = new Map<string, 'ready' | 'notReady' | 'missing'>();
  let mounts: Map<string, string> | undefined;
  for (const obj of store.list('Pod')) {
    const pod = obj as unknown as Pod;
    const nodeName = pod.spec?.nodeName;
    if (!nodeName || pod.metadata.deletionTimestamp) continue;
    let node = nodes.get(nodeName);
    if (node === undefined) {
      const found = store.get('Node', nodeName) as unknown as Node | undefined;
      node = found === undefined ? 'missing' : isNodeReady(found) ? 'ready' : 'notReady';
      nodes.set(nodeName, node);
    }
    const namespace = pod.metadata.namespace ?? 'default';
    if (node === 'missing') {
      problems.push({ kind: 'Pod', namespace, name: pod.metadata.name, ...missingNode(nodeName) });
      continue;
    }
    if (node === 'notReady') continue;
    const creating = pod.status?.phase === 'Pending';
    if (creating) mounts ??= failedMounts(store);
    const problem = podProblem(pod, mounts?.get(`${namespace}/${pod.metadata.name}`));
    if (problem) problems.push({ kind: 'Pod', namespace, name: pod.metadata.name, ...problem });
  }
  return problems;
};
