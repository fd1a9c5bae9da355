/**
 * @module
 * The StatefulSet ProblemDetector: a set whose replicas are not all ready (or not all on the
 * update revision), naming the ordinal that blocks it and why, as `kubectl rollout status
 * statefulset` would wait on it and `kubectl describe` would explain it: its claim is Pending
 * (with the PV controller's reason), it cannot be scheduled (the scheduler's message), or it is
 * not Running and Ready (its container state).
 */
import type { Pod } from '../api';
import type { ProblemDetector, Store } from '../framework';
import { podStateSummary } from '../pod-readiness';
import { podClaimNames } from '../scheduler/plugins/volumebinding';
import { asClaim } from '../storage/api';
import { explainClaim } from '../storage/problems';
import type { Problem } from '../types';
import { asStatefulSet, type StatefulSet } from './statefulset-api';
import {
  isRunningAndReady,
  podName,
  podRevision,
  replicasOf,
  startOrdinal,
} from './statefulset-utils';

/** Why one pod is not Running and Ready: a reason and a sentence. */
function explainPod(store: Store, pod: Pod | undefined, name: string): [string, string] {
  if (!pod) return ['NotCreated', `pod ${name} has not been created`];
  const namespace = pod.metadata.namespace ?? 'default';
  for (const claimName of podClaimNames(pod)) {
    const obj = store.get('PersistentVolumeClaim', claimName, namespace);
    if (!obj) return ['FailedScheduling', `persistentvolumeclaim "${claimName}" not found`];
    const why = explainClaim(store, asClaim(obj));
    if (why)
      return [
        why.reason,
        `its PersistentVolumeClaim ${claimName} is ${asClaim(obj).status?.phase ?? 'Pending'}: ${why.message}`,
      ];
  }
  const scheduled = pod.status?.conditions?.find((c) => c.type === 'PodScheduled');
  if (!pod.spec?.nodeName && scheduled?.status === 'False')
    return ['FailedScheduling', scheduled.message ?? 'it cannot be scheduled'];
  const nodeName = pod.spec?.nodeName;
  const node = nodeName ? store.get('Node', nodeName) : undefined;
  const nodeReady = (
    node?.status as { conditions?: { type: string; status: string }[] } | undefined
  )?.conditions?.find((c) => c.type === 'Ready');
  if (node && nodeReady?.status !== 'True') {
    return [
      'NodeNotReady',
      `it runs on node ${nodeName}, which is not Ready; a StatefulSet pod is replaced only after its node comes back or is deleted`,
    ];
  }
  const summary = podStateSummary(pod);
  const waiting = [...(pod.status?.containerStatuses ?? [])].find((s) => s.state.waiting?.reason)
    ?.state.waiting?.reason;
  return [waiting ?? 'NotReady', `it is ${summary}`];
}

/** The problem of one set, or undefined when it is at its desired state. */
export function statefulSetProblem(store: Store, set: StatefulSet): Problem | undefined {
  if (set.metadata.deletionTimestamp) return undefined;
  const want = replicasOf(set);
  const status = set.status;
  const ready = status?.readyReplicas ?? 0;
  const updated = status?.updatedReplicas ?? 0;
  const partition = set.spec?.updateStrategy?.rollingUpdate?.partition ?? 0;
  const rolling = (set.spec?.updateStrategy?.type ?? 'RollingUpdate') === 'RollingUpdate';
  const updateDone = !rolling || updated >= want - Math.min(partition, want);
  if (ready >= want && updateDone && (status?.replicas ?? 0) === want) return undefined;
  const namespace = set.metadata.namespace ?? 'default';
  const start = startOrdinal(set);
  const problem = (reason: string, message: string): Problem => ({
    kind: 'StatefulSet',
    namespace,
    name: set.metadata.name,
    reason,
    message: `${ready}/${want} replicas ready; ${message}`,
  });
  const pods: (Pod | undefined)[] = [];
  for (let i = 0; i < want; i++)
    pods.push(store.get('Pod', podName(set, start + i), namespace) as unknown as Pod | undefined);
  // the lowest ordinal that is not Running and Ready holds everything above it
  for (let i = 0; i < want; i++) {
    const pod = pods[i];
    if (pod && isRunningAndReady(pod) && !pod.metadata.deletionTimestamp) continue;
    const name = podName(set, start + i);
    const [reason, why] = explainPod(store, pod, name);
    const next = podName(set, start + i + 1);
    const ordered =
      (set.spec?.podManagementPolicy ?? 'OrderedReady') === 'OrderedReady' &&
      i + 1 < want &&
      pods[i + 1] === undefined;
    const hint = ordered ? ` (OrderedReady starts ${next} only after it is Running and Ready)` : '';
    return problem(reason, `${name} is blocking${hint}: ${why}`);
  }
  // all ready: the rolling update replaces the highest stale ordinal next
  for (let i = want - 1; rolling && i >= partition; i--) {
    const pod = pods[i];
    if (!pod || podRevision(pod) === status?.updateRevision) continue;
    return problem(
      'RollingUpdate',
      `${podName(set, start + i)} still runs revision ${podRevision(pod)}, not ${status?.updateRevision ?? ''}`,
    );
  }
  return {
    kind: 'StatefulSet',
    namespace,
    name: set.metadata.name,
    reason: 'NotReady',
    message: `${ready}/${want} replicas ready, ${status?.replicas ?? 0} pods exist`,
  };
}

/** One problem per StatefulSet that is not at its desired state. */
export const statefulSetProblems: ProblemDetector = (store) => {
  const problems: Problem[] = [];
  for (const obj of store.list('StatefulSet')) {
    const problem = statefulSetProblem(store, asStatefulSet(obj));
    if (problem) problems.push(problem);
  }
  return problems;
};
