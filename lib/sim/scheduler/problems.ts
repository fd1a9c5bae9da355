/**
 * @module
 * The scheduler's ProblemDetector: every Pending pod the scheduler could not place, with its
 * FailedScheduling message as `kubectl describe pod` shows it.
 */
import type { ProblemDetector } from '../framework';
import type { Problem } from '../types';
import {
  FAILED_SCHEDULING,
  podScheduledCondition,
  REASON_SCHEDULER_ERROR,
  REASON_SCHEDULING_GATED,
  REASON_UNSCHEDULABLE,
} from './pod-status';
import { asPod } from './views';

/**
 * One problem per Pending, unbound pod whose PodScheduled is False: FailedScheduling with the
 * scheduler's message, or SchedulingGated for a pod held back by schedulingGates.
 */
export const schedulingProblems: ProblemDetector = (store) => {
  const problems: Problem[] = [];
  for (const obj of store.list('Pod')) {
    const pod = asPod(obj);
    if (pod.spec?.nodeName || pod.metadata.deletionTimestamp) continue;
    if ((pod.status?.phase ?? 'Pending') !== 'Pending') continue;
    const c = podScheduledCondition(pod);
    if (c?.status !== 'False') continue;
    if (
      c.reason !== REASON_UNSCHEDULABLE &&
      c.reason !== REASON_SCHEDULING_GATED &&
      c.reason !== REASON_SCHEDULER_ERROR
    ) {
      continue;
    }
    problems.push({
      kind: 'Pod',
      namespace: pod.metadata.namespace ?? 'default',
      name: pod.metadata.name,
      reason: c.reason === REASON_SCHEDULING_GATED ? REASON_SCHEDULING_GATED : FAILED_SCHEDULING,
      message: c.message ?? '',
    });
  }
  return problems;
};
