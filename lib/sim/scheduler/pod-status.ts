/**
 * @module
 * What the scheduler writes on a pod: the PodScheduled condition (True on binding, False with
 * reason Unschedulable and the FitError message otherwise), as kubernetes
 * pkg/scheduler/schedule_one.go `handleSchedulingFailure`/`updatePod` and the binding
 * subresource write it. Pure: returns new objects, never mutates the store's.
 */
import type { Condition, Pod } from '../api';

/** Condition type. */
export const POD_SCHEDULED = 'PodScheduled';
/** v1.PodReasonUnschedulable. */
export const REASON_UNSCHEDULABLE = 'Unschedulable';
/** v1.PodReasonSchedulerError: the attempt failed with an internal error. */
export const REASON_SCHEDULER_ERROR = 'SchedulerError';
/** v1.PodReasonSchedulingGated. */
export const REASON_SCHEDULING_GATED = 'SchedulingGated';
/** The condition message of a gated pod (pkg/registry/core/pod/strategy.go). */
export const SCHEDULING_GATED_MESSAGE = 'Scheduling is blocked due to non-empty scheduling gates';
/** Event reason on failure. */
export const FAILED_SCHEDULING = 'FailedScheduling';
/** Event reason on success. */
export const SCHEDULED = 'Scheduled';

/** The pod's PodScheduled condition, if any. */
export function podScheduledCondition(pod: Pod): Condition | undefined {
  return pod.status?.conditions?.find((c) => c.type === POD_SCHEDULED);
}

/**
 * `pod` with its PodScheduled condition replaced; the transition time moves only when the
 * status flips (podutil.UpdatePodCondition). Returns undefined when nothing would change.
 */
export function withPodScheduled(
  pod: Pod,
  status: 'True' | 'False',
  now: string,
  reason?: string,
  message?: string,
): Pod | undefined {
  const old = podScheduledCondition(pod);
  if (old && old.status === status && old.reason === reason && old.message === message) {
    return undefined;
  }
  const condition: Condition = {
    type: POD_SCHEDULED,
    status,
    lastProbeTime: null,
    lastTransitionTime: old && old.status === status ? old.lastTransitionTime : now,
  };
  if (reason) condition.reason = reason;
  if (message) condition.message = message;
  const others = (pod.status?.conditions ?? []).filter((c) => c.type !== POD_SCHEDULED);
  return { ...pod, status: { ...pod.status, conditions: [...others, condition] } };
}

/** True when `spec.schedulingGates` holds the pod back (the SchedulingGates PreEnqueue plugin). */
export function isGated(pod: Pod): boolean {
  const gates = (pod.spec as { schedulingGates?: unknown[] } | undefined)?.schedulingGates;
  return (gates?.length ?? 0) > 0;
}

/** True when the pod has finished (Succeeded/Failed): the scheduler no longer counts it. */
export function isTerminal(pod: Pod): boolean {
  const phase = pod.status?.phase;
  return phase === 'Succeeded' || phase === 'Failed';
}
