/**
 * @module
 * The Deployment problem detector: what `kubectl rollout status` would wait on, in the
 * Deployment's own condition reasons (ReplicaFailure, ProgressDeadlineExceeded,
 * MinimumReplicasUnavailable), naming the pods that are not ready and why.
 */
import type { Deployment, Pod, ReplicaSet } from '../api';
import type { Clock, Store } from '../framework';
import type { Problem } from '../types';
import { TypedStore } from './typed-store';
import {
  MINIMUM_REPLICAS_UNAVAILABLE,
  TIMED_OUT_REASON,
  getDeploymentCondition,
  replicasOf,
} from './deployment-util';
import { commonReason, describeNotReady, notReadyPods } from './replicaset-problems';
import { getControllerOf } from './replicaset-util';

/** Pods of every ReplicaSet the Deployment controls. */
function podsOf(store: TypedStore, d: Deployment): Pod[] {
  const uid = d.metadata.uid ?? '';
  return store
    .ownedBy<ReplicaSet>('ReplicaSet', uid)
    .filter((rs) => getControllerOf(rs)?.uid === uid)
    .flatMap((rs) => store.ownedBy<Pod>('Pod', rs.metadata.uid ?? ''));
}

/** `; 2/3 pods not ready: ...`, or ''. */
function podDetail(
  store: TypedStore,
  d: Deployment,
): { detail: string; reason: string | undefined } {
  const summary = notReadyPods(podsOf(store, d));
  const text = describeNotReady(summary);
  return { detail: text ? `; ${text}` : '', reason: commonReason(summary) };
}

/**
 * The rollout-status wording (kubectl rollout status): which of updated/old/available is
 * still short, or undefined when the rollout is complete.
 */
export function rolloutWaitingMessage(d: Deployment): string | undefined {
  const replicas = replicasOf(d);
  const status = d.status ?? {};
  const updated = status.updatedReplicas ?? 0;
  const total = status.replicas ?? 0;
  const available = status.availableReplicas ?? 0;
  const name = d.metadata.name;
  if ((status.observedGeneration ?? 0) < (d.metadata.generation ?? 1)) {
    return `Waiting for deployment spec update to be observed`;
  }
  if (updated < replicas) {
    return `Waiting for deployment "${name}" rollout to finish: ${updated} out of ${replicas} new replicas have been updated`;
  }
  if (total > updated) {
    return `Waiting for deployment "${name}" rollout to finish: ${total - updated} old replicas are pending termination`;
  }
  if (available < updated) {
    return `Waiting for deployment "${name}" rollout to finish: ${available} of ${updated} updated replicas are available`;
  }
  return undefined;
}

/** Deployments not available, not updated, past their progress deadline, or unable to create pods. */
export function deploymentProblems(rawStore: Store, _clock: Clock): Problem[] {
  const store = new TypedStore(rawStore);
  const problems: Problem[] = [];
  for (const d of store.list<Deployment>('Deployment')) {
    const base = {
      kind: 'Deployment',
      namespace: d.metadata.namespace ?? 'default',
      name: d.metadata.name,
    };
    const status = d.status ?? {};
    const replicas = replicasOf(d);
    const failure = getDeploymentCondition(status, 'ReplicaFailure');
    if (failure?.status === 'True') {
      // The root cause (a quota, a forbidden pod): one problem, in the API server's words.
      problems.push({
        ...base,
        reason: failure.reason || 'FailedCreate',
        message: `${failure.message ?? ''}; ${status.availableReplicas ?? 0}/${replicas} replicas available`,
      });
      continue;
    }
    const progressing = getDeploymentCondition(status, 'Progressing');
    const available = getDeploymentCondition(status, 'Available');
    if (progressing?.status === 'False' && progressing.reason === TIMED_OUT_REASON) {
      const { detail } = podDetail(store, d);
      problems.push({
        ...base,
        reason: TIMED_OUT_REASON,
        message: `${progressing.message ?? ''}${detail}`,
      });
      continue;
    }
    if (progressing?.status === 'False' && progressing.reason) {
      problems.push({ ...base, reason: progressing.reason, message: progressing.message ?? '' });
      continue;
    }
    if (available?.status === 'False') {
      const { detail } = podDetail(store, d);
      problems.push({
        ...base,
        reason: MINIMUM_REPLICAS_UNAVAILABLE,
        message: `Deployment does not have minimum availability: ${status.availableReplicas ?? 0}/${replicas} replicas available${detail}`,
      });
      continue;
    }
    const waiting = rolloutWaitingMessage(d);
    if (waiting) {
      const { detail, reason } = podDetail(store, d);
      problems.push({
        ...base,
        reason: d.spec?.paused
          ? 'DeploymentPaused'
          : (reason ?? progressing?.reason ?? 'ReplicaSetUpdated'),
        message: `${waiting}${detail}`,
      });
    }
  }
  return problems;
}
