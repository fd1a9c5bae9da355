/**
 * @module
 * Which PersistentVolume a claim binds to, as the PV controller and the scheduler decide it
 * (kubernetes pkg/controller/volume/persistentvolume/index.go `findByClaim`,
 * `allPossibleMatchingAccessModes`; k8s.io/component-helpers/storage/volume/pv_helpers.go
 * `FindMatchingVolume`, `CheckAccessModes`, `IsVolumeBoundToClaim`): a volume pre-bound to the
 * claim wins outright; otherwise among Available, unclaimed volumes of the claim's class whose
 * labels match its selector and whose modes include the claim's, the smallest that holds the
 * request, trying volumes with the fewest access modes first. Pure: no store.
 */
import { matchesTerm } from '../scheduler/plugins/node-affinity';
import { matchesSelector } from '../selector';
import { parseQuantity } from '../quantity';
import type { AccessMode, PersistentVolume, PersistentVolumeClaim } from './api';

/** The storage a claim requests, in bytes (0 when it requests none). */
export function requestedBytes(claim: PersistentVolumeClaim): number {
  const q = claim.spec?.resources?.requests?.storage;
  return q === undefined ? 0 : parseQuantity(q);
}

/** The storage a volume holds, in bytes. */
export function capacityBytes(pv: PersistentVolume): number {
  const q = pv.spec?.capacity?.storage;
  return q === undefined ? 0 : parseQuantity(q);
}

/** The class of a claim: `''` when unset (storagehelpers.GetPersistentVolumeClaimClass). */
export function claimClass(claim: PersistentVolumeClaim): string {
  return claim.spec?.storageClassName ?? '';
}

/** The class of a volume: `''` when unset (storagehelpers.GetPersistentVolumeClass). */
export function volumeClass(pv: PersistentVolume): string {
  return pv.spec?.storageClassName ?? '';
}

/** True when the volume offers every mode the claim asks for (CheckAccessModes). */
export function accessModesSatisfy(
  claimModes: readonly AccessMode[] | undefined,
  volumeModes: readonly AccessMode[] | undefined,
): boolean {
  const offered = new Set(volumeModes ?? []);
  return (claimModes ?? []).every((m) => offered.has(m));
}

/** True when the volume's claimRef names this claim (and its uid, when the ref has one). */
export function isVolumeBoundToClaim(pv: PersistentVolume, claim: PersistentVolumeClaim): boolean {
  const ref = pv.spec?.claimRef;
  if (!ref) return false;
  if (ref.name !== claim.metadata.name) return false;
  if ((ref.namespace ?? 'default') !== (claim.metadata.namespace ?? 'default')) return false;
  return !ref.uid || ref.uid === claim.metadata.uid;
}

/**
 * True when the volume may be used on the node: no required node affinity, or one of its terms
 * matches (volumeutil.CheckNodeAffinity).
 */
export function volumeFitsNode(
  pv: PersistentVolume,
  nodeLabels: Readonly<Record<string, string>>,
  nodeName: string,
): boolean {
  const terms = pv.spec?.nodeAffinity?.required?.nodeSelectorTerms;
  if (!terms) return true;
  return terms.some((t) => matchesTerm(t, nodeLabels, nodeName));
}

/** The node the scheduler path checks affinity against. */
export interface MatchNode {
  readonly name: string;
  readonly labels: Readonly<Record<string, string>>;
}

/** Options of {@link findMatchingVolume}. */
export interface MatchOptions {
  /** PV controller path for a WaitForFirstConsumer claim: only a pre-bound volume may match. */
  readonly delayBinding?: boolean;
  /** Scheduler path: the volume must fit this node. */
  readonly node?: MatchNode;
  /** Volumes already picked for another claim of the same pod (scheduler path). */
  readonly excluded?: ReadonlySet<string>;
}

/** Why one candidate volume does not fit the claim, naming the field that failed; undefined when it fits. */
export function mismatch(
  claim: PersistentVolumeClaim,
  pv: PersistentVolume,
  node?: MatchNode,
): string | undefined {
  const name = pv.metadata.name;
  if (pv.metadata.deletionTimestamp) return `${name} is being deleted`;
  if ((claim.spec?.volumeMode ?? 'Filesystem') !== (pv.spec?.volumeMode ?? 'Filesystem'))
    return `${name} has volumeMode ${pv.spec?.volumeMode ?? 'Filesystem'}, the claim asks for ${claim.spec?.volumeMode ?? 'Filesystem'}`;
  const ref = pv.spec?.claimRef;
  if (ref && !isVolumeBoundToClaim(pv, claim))
    return `${name} is bound to claim ${ref.namespace ?? 'default'}/${ref.name}`;
  if (!ref && (pv.status?.phase ?? 'Available') !== 'Available')
    return `${name} is ${pv.status?.phase ?? 'not Available'}`;
  if (volumeClass(pv) !== claimClass(claim))
    return `${name} has storageClassName "${volumeClass(pv)}", the claim asks for "${claimClass(claim)}"`;
  if (claim.spec?.selector && !matchesSelector(pv.metadata.labels, claim.spec.selector))
    return `${name} labels do not match the claim's selector`;
  if (!accessModesSatisfy(claim.spec?.accessModes, pv.spec?.accessModes))
    return `${name} offers accessModes [${(pv.spec?.accessModes ?? []).join(', ')}], the claim asks for [${(claim.spec?.accessModes ?? []).join(', ')}]`;
  if (capacityBytes(pv) < requestedBytes(claim))
    return `${name} has capacity ${String(pv.spec?.capacity?.storage ?? 0)}, the claim requests ${String(claim.spec?.resources?.requests?.storage ?? 0)}`;
  if (node && !volumeFitsNode(pv, node.labels, node.name))
    return `${name} node affinity does not match node ${node.name}`;
  return undefined;
}

/**
 * The volume the claim should bind to, or undefined.
 *
 * Claim 5Gi RWO, volumes 10Gi RWO and 20Gi RWO → 10Gi. Claim RWO, volumes 5Gi RWO+ROX and
 * 10Gi RWO → 10Gi RWO (fewer modes are tried first). A volume whose claimRef names the claim is
 * returned even when it is small (the user pre-bound it; the binder reports the mismatch).
 */
export function findMatchingVolume(
  claim: PersistentVolumeClaim,
  volumes: Iterable<PersistentVolume>,
  options: MatchOptions = {},
): PersistentVolume | undefined {
  const byModeCount = new Map<number, PersistentVolume[]>();
  for (const pv of volumes) {
    if (pv.metadata.deletionTimestamp) continue;
    if (isVolumeBoundToClaim(pv, claim)) {
      if (options.node && !volumeFitsNode(pv, options.node.labels, options.node.name))
        return undefined;
      return pv;
    }
    if (options.delayBinding && !options.node) continue; // the scheduler binds these
    if (options.excluded?.has(pv.metadata.name)) continue;
    if (mismatch(claim, pv, options.node) !== undefined) continue;
    const n = pv.spec?.accessModes?.length ?? 0;
    let group = byModeCount.get(n);
    if (!group) byModeCount.set(n, (group = []));
    group.push(pv);
  }
  for (const n of [...byModeCount.keys()].sort((a, b) => a - b)) {
    let best: PersistentVolume | undefined;
    for (const pv of byModeCount.get(n) ?? []) {
      if (!best || capacityBytes(pv) < capacityBytes(best)) best = pv;
    }
    if (best) return best;
  }
  return undefined;
}

/**
 * Why no volume matched, for `kubectl describe`-style problems: the closest candidate of the
 * claim's class and the field it failed on, or that the class has no volumes at all.
 */
export function explainNoMatch(
  claim: PersistentVolumeClaim,
  volumes: Iterable<PersistentVolume>,
): string {
  const wanted = claimClass(claim);
  const reasons: string[] = [];
  let sameClass = 0;
  for (const pv of volumes) {
    if (volumeClass(pv) !== wanted) continue;
    sameClass++;
    const why = mismatch(claim, pv);
    if (why) reasons.push(why);
  }
  if (sameClass === 0) return `no PersistentVolume has storageClassName "${wanted}"`;
  return reasons.slice(0, 3).join('; ');
}
