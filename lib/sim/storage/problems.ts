/**
 * @module
 * The storage ProblemDetector: claims left Pending or Lost, and volumes that Failed, each with
 * the PV controller's reason (pkg/controller/volume/events: `ProvisioningFailed`,
 * `FailedBinding`, `ClaimLost`) and what to fix, naming the field that kept the closest
 * volume from matching. A claim of a WaitForFirstConsumer class that no pod uses yet is
 * waiting by design and not a problem.
 */
import type { ProblemDetector, Store } from '../framework';
import type { Problem } from '../types';
import {
  ANN_SELECTED_NODE,
  asClaim,
  asVolume,
  type PersistentVolume,
  type PersistentVolumeClaim,
} from './api';
import { bindingMode, canProvision, classOfClaim } from './classes';
import { claimClass, explainNoMatch, mismatch } from './matching';

/** Why a claim is not bound, as reason and message; undefined when it is bound or waiting by design. */
export interface ClaimExplanation {
  readonly reason: string;
  readonly message: string;
}

function volumesOf(store: Store): PersistentVolume[] {
  return store.list('PersistentVolume').map(asVolume);
}

/** Explains a Pending or Lost claim (undefined for Bound claims and claims waiting for a consumer). */
export function explainClaim(
  store: Store,
  claim: PersistentVolumeClaim,
): ClaimExplanation | undefined {
  const phase = claim.status?.phase ?? 'Pending';
  const volumeName = claim.spec?.volumeName;
  if (phase === 'Bound') return undefined;
  if (phase === 'Lost') {
    return {
      reason: 'ClaimLost',
      message: `Bound claim has lost its PersistentVolume "${volumeName ?? ''}". Data on the volume is lost!`,
    };
  }
  if (volumeName) {
    const pvObj = store.get('PersistentVolume', volumeName);
    if (!pvObj) {
      return {
        reason: 'FailedBinding',
        message: `volume "${volumeName}" requested by the claim (spec.volumeName) does not exist`,
      };
    }
    const why = mismatch(claim, asVolume(pvObj));
    return {
      reason: 'VolumeMismatch',
      message: `Cannot bind to requested volume "${volumeName}": ${why ?? 'it is not available'}`,
    };
  }
  const cls = claimClass(claim);
  if (cls === '') {
    return {
      reason: 'FailedBinding',
      message: `no persistent volumes available for this claim and no storage class is set (${explainNoMatch(claim, volumesOf(store))})`,
    };
  }
  const sc = classOfClaim(store, claim);
  if (!sc) {
    return {
      reason: 'ProvisioningFailed',
      message: `storageclass.storage.k8s.io "${cls}" not found; create it or set storageClassName to an existing class`,
    };
  }
  if (
    bindingMode(sc) === 'WaitForFirstConsumer' &&
    !claim.metadata.annotations?.[ANN_SELECTED_NODE]
  )
    return undefined;
  if (!canProvision(sc)) {
    return {
      reason: 'ProvisioningFailed',
      message: `StorageClass "${cls}" does not provision volumes (provisioner ${sc.provisioner ?? 'unset'}) and no PersistentVolume matches: ${explainNoMatch(claim, volumesOf(store))}`,
    };
  }
  return {
    reason: 'ExternalProvisioning',
    message: `waiting for provisioner ${sc.provisioner ?? ''} to create a volume`,
  };
}

/** Pending/Lost claims and Failed volumes. */
export const volumeProblems: ProblemDetector = (store) => {
  const problems: Problem[] = [];
  for (const obj of store.list('PersistentVolumeClaim')) {
    const claim = asClaim(obj);
    if (claim.metadata.deletionTimestamp) continue;
    const why = explainClaim(store, claim);
    if (!why) continue;
    problems.push({
      kind: 'PersistentVolumeClaim',
      namespace: claim.metadata.namespace ?? 'default',
      name: claim.metadata.name,
      ...why,
    });
  }
  for (const obj of store.list('PersistentVolume')) {
    const pv = asVolume(obj);
    if (pv.status?.phase !== 'Failed') continue;
    problems.push({
      kind: 'PersistentVolume',
      namespace: '',
      name: pv.metadata.name,
      reason: 'VolumeFailedRecycle',
      message: pv.status.message ?? 'the volume failed to be reclaimed',
    });
  }
  return problems;
};
