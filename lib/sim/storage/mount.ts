/**
 * @module
 * What the kubelet's volume manager says about a pod's claims before it mounts them, after
 * kubernetes pkg/kubelet/volumemanager/populator/desired_state_of_world_populator.go
 * `getPVCExtractPV`: a claim that is missing, being deleted, or not yet Bound keeps the pod from
 * starting (it stays ContainerCreating with a FailedMount event). For the kubelet to call; the
 * scheduler already keeps such pods off nodes, so this matters for pods created with a nodeName.
 */
import type { Pod } from '../api';
import type { Store } from '../framework';
import { podClaimNames } from '../scheduler/plugins/volumebinding';
import { asClaim } from './api';

/** The first claim of the pod that cannot be mounted, as the kubelet words it; undefined when all can. */
export function claimMountError(store: Store, pod: Pod): string | undefined {
  const namespace = pod.metadata.namespace ?? 'default';
  for (const name of podClaimNames(pod)) {
    const obj = store.get('PersistentVolumeClaim', name, namespace);
    if (!obj) {
      return `error processing PVC ${namespace}/${name}: failed to fetch PVC from API server: persistentvolumeclaims "${name}" not found`;
    }
    const claim = asClaim(obj);
    if (claim.metadata.deletionTimestamp)
      return `can't start pod because PVC ${namespace}/${name} is being deleted`;
    const phase = claim.status?.phase ?? '';
    const volumeName = claim.spec?.volumeName ?? '';
    if (phase !== 'Bound' || volumeName === '') {
      return `PVC ${namespace}/${name} has non-bound phase ("${phase}") or empty pvc.Spec.VolumeName ("${volumeName}")`;
    }
  }
  return undefined;
}
