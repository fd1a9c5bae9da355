/**
 * @module
 * `kubectl rollout undo`, after kubectl's polymorphichelpers/rollback.go
 * (DeploymentRollbacker): copy a revision's pod template (and its annotations) back into the
 * Deployment. The Deployment controller then finds that ReplicaSet as the new one and gives it
 * the next revision number, so the rollback becomes the newest revision.
 */
import type { Deployment, ReplicaSet } from '../api';
import { ApiError } from '../framework';
import type { Clock, Store } from '../framework';
import {
  equalIgnoreHash,
  findNewReplicaSet,
  revision,
  setDeploymentAnnotationsTo,
} from './deployment-util';
import { POD_TEMPLATE_HASH_LABEL } from './pod-template-hash';
import { getControllerOf } from './replicaset-util';
import { TypedStore } from './typed-store';

/**
 * The ReplicaSet of revision `toRevision`, or of the previous revision when 0
 * (deploymentRevision in rollback.go). Throws kubectl's messages when there is none.
 */
export function replicaSetForRevision(
  d: Deployment,
  rsList: readonly ReplicaSet[],
  toRevision: number,
): ReplicaSet {
  let latest: ReplicaSet | undefined;
  let latestRevision = -1;
  let previous: ReplicaSet | undefined;
  let previousRevision = -1;
  for (const rs of rsList) {
    const v = revision(rs);
    if (toRevision === 0) {
      if (latestRevision < v) {
        previousRevision = latestRevision;
        previous = latest;
        latestRevision = v;
        latest = rs;
      } else if (previousRevision < v) {
        previousRevision = v;
        previous = rs;
      }
    } else if (toRevision === v) {
      return rs;
    }
  }
  if (toRevision > 0) throw new Error(`unable to find specified revision ${toRevision} in history`);
  if (!previous) throw new Error(`no rollout history found for deployment "${d.metadata.name}"`);
  return previous;
}

/**
 * Rolls the Deployment back to `toRevision` (default: the previous revision) and returns
 * kubectl's answer: `deployment.apps/<name> rolled back`, or `... skipped rollback (current
 * template already matches revision N)`. Throws when the Deployment is missing or paused, or
 * the revision does not exist.
 */
export function rolloutUndo(
  rawStore: Store,
  _clock: Clock,
  name: string,
  namespace = 'default',
  toRevision = 0,
): string {
  const store = new TypedStore(rawStore);
  const live = store.get<Deployment>('Deployment', name, namespace);
  if (!live?.spec) throw new ApiError(404, 'NotFound', `deployments.apps "${name}" not found`);
  if (live.spec.paused) {
    throw new Error(
      `you cannot rollback a paused deployment; resume it first with 'kubectl rollout resume deployment/${name}' and try again`,
    );
  }
  const uid = live.metadata.uid ?? '';
  const rsList = store
    .ownedBy<ReplicaSet>('ReplicaSet', uid)
    .filter((rs) => getControllerOf(rs)?.uid === uid);
  // kubectl lists the old ReplicaSets and the new one (GetAllReplicaSets).
  const newRS = findNewReplicaSet(live, rsList);
  const ordered = newRS ? [...rsList.filter((rs) => rs !== newRS), newRS] : rsList;
  const target = replicaSetForRevision(live, ordered, toRevision);
  if (equalIgnoreHash(target.spec?.template, live.spec.template)) {
    return `deployment.apps/${name} skipped rollback (current template already matches revision ${toRevision})`;
  }
  const d = structuredClone(live);
  const template = structuredClone(target.spec?.template ?? d.spec?.template);
  if (template?.metadata?.labels) delete template.metadata.labels[POD_TEMPLATE_HASH_LABEL];
  if (d.spec && template) d.spec.template = template;
  setDeploymentAnnotationsTo(d, target);
  store.update(d);
  return `deployment.apps/${name} rolled back`;
}
