/**
 * @module
 * DefaultPreemption, the PostFilter that runs when no node fits
 * (kubernetes pkg/scheduler/framework/preemption/preemption.go `Preempt`, `findCandidates`,
 * `SelectVictimsOnNode`, `pickOneNodeForPreemption`; plugins/defaultpreemption). Only nodes
 * rejected with a resolvable status (Unschedulable: resources, host ports) are candidates; on
 * each, every lower-priority pod is a potential victim; if the pod then fits, victims are
 * reprieved from the most important down while it still fits. With no candidate the outcome is
 * the `preemption: 0/N nodes are available: ...` message that ends the FailedScheduling text.
 * PodDisruptionBudgets are not modelled.
 */
import { Code, type Status } from './framework';
import { countReasons, fitErrorMessage } from './fit-error';
import type { NodeInfo } from './node-info';
import type { PodInfo } from './pod-info';
import type { ProfileRuntime } from './profile-runtime';
import type { NodeStatus } from './schedule-one';

/** Status message when a node has no lower-priority pod to evict. */
export const NO_VICTIMS_MSG = 'No preemption victims found for incoming pod';
/** Status of nodes preemption cannot help (rejected as UnschedulableAndUnresolvable). */
export const NOT_HELPFUL_MSG = 'Preemption is not helpful for scheduling';
/** PodEligibleToPreemptOthers' answer for `preemptionPolicy: Never`. */
export const NOT_ELIGIBLE_NEVER_MSG = 'not eligible due to preemptionPolicy=Never.';
/** PodEligibleToPreemptOthers' answer while earlier victims are still terminating. */
export const NOT_ELIGIBLE_TERMINATING_MSG =
  'not eligible due to a terminating pod on the nominated node.';

/** What preemption decided. */
export interface PreemptionOutcome {
  /** The PostFilter message (prefixed `preemption: `), '' when preemption succeeded. */
  readonly message: string;
  /** Where the pod is nominated and whom to evict, when preemption succeeded. */
  readonly nominated?: { readonly node: NodeInfo; readonly victims: readonly PodInfo[] };
}

interface Candidate {
  readonly node: NodeInfo;
  readonly victims: PodInfo[];
}

/** Tries to make room for `pod` by evicting lower-priority pods. */
export function preempt(
  pod: PodInfo,
  rejected: readonly NodeStatus[],
  preFilter: Status | undefined,
  allNodes: readonly NodeInfo[],
  runtime: ProfileRuntime,
): PreemptionOutcome {
  const spec = pod.pod.spec as { preemptionPolicy?: string } | undefined;
  if (spec?.preemptionPolicy === 'Never')
    return { message: `preemption: ${NOT_ELIGIBLE_NEVER_MSG}` };
  if (waitsForVictims(pod, rejected, allNodes)) {
    return { message: `preemption: ${NOT_ELIGIBLE_TERMINATING_MSG}` };
  }

  const potential: NodeInfo[] = preFilter
    ? preFilter.code === Code.Unschedulable
      ? [...allNodes]
      : []
    : rejected.filter((r) => r.status.code === Code.Unschedulable).map((r) => r.node);

  const reasons = new Map<string, number>();
  const candidates: Candidate[] = [];
  for (const node of potential) {
    const outcome = selectVictimsOnNode(pod, node, runtime);
    if ('reasons' in outcome) countReasons(reasons, outcome.reasons);
    else candidates.push(outcome);
  }
  if (candidates.length === 0) {
    const absent = allNodes.length - potential.length;
    if (absent > 0) countReasons(reasons, [NOT_HELPFUL_MSG], absent);
    return { message: `preemption: ${fitErrorMessage(allNodes.length, { reasons })}` };
  }
  return { message: '', nominated: pickOneNodeForPreemption(candidates) };
}

/**
 * True when the pod already preempted on its nominated node and a lower-priority pod there is
 * still terminating: it waits rather than evicting more (PodEligibleToPreemptOthers).
 */
function waitsForVictims(
  pod: PodInfo,
  rejected: readonly NodeStatus[],
  allNodes: readonly NodeInfo[],
): boolean {
  const nominated = (pod.pod.status as { nominatedNodeName?: string } | undefined)
    ?.nominatedNodeName;
  if (!nominated) return false;
  const status = rejected.find((r) => r.node.name === nominated)?.status;
  if (status?.code === Code.UnschedulableAndUnresolvable) return false;
  const node = allNodes.find((n) => n.name === nominated);
  if (!node) return false;
  for (const p of node.pods.values()) {
    if (p.pod.metadata.deletionTimestamp && p.priority < pod.priority) return true;
  }
  return false;
}

/** The minimal victims on `node`, or the reasons the pod cannot fit there even so. */
function selectVictimsOnNode(
  pod: PodInfo,
  node: NodeInfo,
  runtime: ProfileRuntime,
): Candidate | { reasons: readonly string[] } {
  const potential = [...node.pods.values()].filter((p) => p.priority < pod.priority);
  if (potential.length === 0) return { reasons: [NO_VICTIMS_MSG] };
  for (const v of potential) node.removePod(v.key);
  try {
    const status = runtime.runFilters(pod, node);
    if (status) return { reasons: status.reasons };
    // Reprieve the most important first (higher priority, then earlier created).
    potential.sort(
      (a, b) =>
        b.priority - a.priority ||
        (a.pod.metadata.creationTimestamp ?? '').localeCompare(
          b.pod.metadata.creationTimestamp ?? '',
        ),
    );
    const victims: PodInfo[] = [];
    for (const v of potential) {
      node.addPod(v);
      if (runtime.runFilters(pod, node)) {
        node.removePod(v.key);
        victims.push(v);
      }
    }
    return { node, victims };
  } finally {
    for (const v of potential) node.addPod(v);
  }
}

/** Fewest important victims first: lowest top priority, lowest priority sum, fewest pods. */
function pickOneNodeForPreemption(candidates: readonly Candidate[]): Candidate {
  const top = (c: Candidate): number => Math.max(...c.victims.map((v) => v.priority), -Infinity);
  const sum = (c: Candidate): number => c.victims.reduce((a, v) => a + v.priority, 0);
  let best = candidates[0];
  for (const c of candidates.slice(1)) {
    const d = top(c) - top(best) || sum(c) - sum(best) || c.victims.length - best.victims.length;
    if (d < 0) best = c;
  }
  return best;
}
