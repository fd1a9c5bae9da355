/**
 * @module
 * Problem detectors' shared wording for pods that are not ready, and the detector for bare
 * ReplicaSets (those a Deployment owns are reported through their Deployment, once).
 */
import type { Pod, ReplicaSet } from '../api';
import type { Clock, Store } from '../framework';
import type { Problem } from '../types';
import { TypedStore } from './typed-store';
import {
  getControllerOf,
  isPodActive,
  isPodReady,
  podNotReadyReason,
  REPLICA_FAILURE,
} from './replicaset-util';

/** How many pods a problem message names before "and N more". */
const PODS_NAMED = 3;

/** Active pods that are not ready, with why, e.g. `api-7d9f-abcde ImagePullBackOff`. */
export interface NotReadyPods {
  readonly active: number;
  readonly notReady: readonly { readonly name: string; readonly reason: string }[];
}

/** The active pods among `pods` that are not ready, and their reasons. */
export function notReadyPods(pods: readonly Pod[]): NotReadyPods {
  const active = pods.filter(isPodActive);
  const notReady = active
    .filter((pod) => !isPodReady(pod))
    .map((pod) => ({ name: pod.metadata.name, reason: podNotReadyReason(pod) }));
  return { active: active.length, notReady };
}

/** `2/3 pods not ready: api-7d9f-abcde ImagePullBackOff, ...`, or '' when all are ready. */
export function describeNotReady(summary: NotReadyPods): string {
  if (summary.notReady.length === 0) return '';
  const named = summary.notReady.slice(0, PODS_NAMED).map((p) => `${p.name} ${p.reason}`);
  const more = summary.notReady.length - named.length;
  return (
    `${summary.notReady.length}/${summary.active} pods not ready: ${named.join(', ')}` +
    (more > 0 ? ` and ${more} more` : '')
  );
}

/** The most frequent not-ready reason (first seen wins ties), if any pod is not ready. */
export function commonReason(summary: NotReadyPods): string | undefined {
  const counts = new Map<string, number>();
  for (const p of summary.notReady) counts.set(p.reason, (counts.get(p.reason) ?? 0) + 1);
  let best: string | undefined;
  for (const [reason, count] of counts)
    if (best === undefined || count > (counts.get(best) ?? 0)) best = reason;
  return best;
}

/**
 * ReplicaSets not owned by a Deployment whose ready pods fall short of spec.replicas, or whose
 * pods cannot be created (ReplicaFailure, e.g. a quota).
 */
export function replicaSetProblems(rawStore: Store, _clock: Clock): Problem[] {
  const store = new TypedStore(rawStore);
  const problems: Problem[] = [];
  for (const rs of store.list<ReplicaSet>('ReplicaSet')) {
    if (getControllerOf(rs)?.kind === 'Deployment') continue;
    const base = {
      kind: 'ReplicaSet',
      namespace: rs.metadata.namespace ?? 'default',
      name: rs.metadata.name,
    };
    const desired = rs.spec?.replicas ?? 1;
    const failure = rs.status?.conditions?.find(
      (c) => c.type === REPLICA_FAILURE && c.status === 'True',
    );
    if (failure) {
      problems.push({
        ...base,
        reason: failure.reason || 'FailedCreate',
        message: failure.message ?? '',
      });
      continue;
    }
    const ready = rs.status?.readyReplicas ?? 0;
    if (ready >= desired && (rs.status?.replicas ?? 0) === desired) continue;
    const summary = notReadyPods(store.ownedBy<Pod>('Pod', rs.metadata.uid ?? ''));
    const detail = describeNotReady(summary);
    problems.push({
      ...base,
      reason: commonReason(summary) ?? 'FailedCreate',
      message: `${ready}/${desired} replicas ready` + (detail ? `; ${detail}` : ''),
    });
  }
  return problems;
}
