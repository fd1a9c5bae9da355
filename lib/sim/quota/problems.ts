/**
 * @module
 * The quota problem detector. Deployments and ReplicaSets carry a rejected pod creation in
 * their `ReplicaFailure` condition, which their own detectors report; a StatefulSet has no
 * such condition (pkg/controller/statefulset only records a `FailedCreate` event), so this
 * detector reports a StatefulSet short of pods whose last create was forbidden by a quota or
 * a LimitRange, in the API server's words.
 */
import type { KubeEvent } from '../api';
import type { Clock, Store } from '../framework';
import type { Problem } from '../types';
import { asView } from '../views';

/** Reason of a rejected pod creation, as the workload controllers record it. */
export const FAILED_CREATE = 'FailedCreate';

interface SetView {
  spec?: { replicas?: number };
  status?: { replicas?: number };
}

/** StatefulSets that cannot create their pods because admission forbids them. */
export function quotaProblems(store: Store, _clock: Clock): Problem[] {
  const problems: Problem[] = [];
  const namespaces = new Set<string>();
  for (const obj of [...store.list('ResourceQuota'), ...store.list('LimitRange')])
    namespaces.add(obj.metadata.namespace ?? 'default');
  for (const namespace of namespaces) {
    const latest = new Map<string, KubeEvent>();
    for (const obj of store.list('Event', namespace)) {
      const event = asView<KubeEvent>(obj);
      if (event.involvedObject.kind !== 'StatefulSet') continue;
      if (event.reason !== FAILED_CREATE || !event.message.includes(' is forbidden: ')) continue;
      const previous = latest.get(event.involvedObject.name);
      if (!previous || previous.lastTimestamp <= event.lastTimestamp)
        latest.set(event.involvedObject.name, event);
    }
    for (const [name, event] of latest) {
      const set = store.get('StatefulSet', name, namespace);
      if (!set) continue;
      const { spec, status } = set as SetView;
      const want = spec?.replicas ?? 1;
      const have = status?.replicas ?? 0;
      if (have >= want) continue;
      problems.push({
        kind: 'StatefulSet',
        namespace,
        name,
        reason: FAILED_CREATE,
        message: `${event.message}; ${have}/${want} pods created`,
      });
    }
  }
  return problems;
}
