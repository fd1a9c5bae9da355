/**
 * @module
 * The scheduler's ProblemDetector: every Pending pod the scheduler could not place, with its
 * FailedScheduling message as `kubectl describe pod` shows it.
 */
import type { ProblemDetector } from '../framework';
import type { Problem } from '../types';
import { FAILED_SCHEDULING, podScheduledCondition, REASON_UNSCHEDULABLE } from './pod-status';
import { asPod } from './views';

/** One FailedScheduling problem per Pending, unbound pod whose PodScheduled is False/Unschedulable. */
export const schedulingProblems: ProblemDetector = (store) => {
  const problems: Problem[] = [];
  for (const obj of store.list('Pod')) {
    const pod = asPod(obj);
    if (pod.spec?.nodeName || pod.metadata.deletionTimestamp) continue;
    if ((pod.status?.phase ?? 'Pending') !== 'Pending') continue;
    const c = podScheduledCondition(pod);
    if (c?.status !== 'False' || c.reason !== REASON_UNSCHEDULABLE) continue;
    problems.push({
      kind: 'Pod',
      namespace: pod.metadata.namespace ?? 'default',
      name: pod.metadata.name,
      reason: FAILED_SCHEDULING,
      message: c.message ?? '',
    });
  }
  return problems;
};
