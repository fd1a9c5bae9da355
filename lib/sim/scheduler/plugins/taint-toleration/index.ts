/**
 * @module
 * TaintToleration: filters out nodes with a NoSchedule/NoExecute taint the pod does not
 * tolerate, and prefers nodes with fewer untolerated PreferNoSchedule taints
 * (kubernetes pkg/scheduler/framework/plugins/tainttoleration/taint_toleration.go). NotReady
 * and unreachable nodes carry such taints from the node lifecycle controller, so they are
 * filtered here too.
 */
import type { Taint, Toleration } from '../../../api';
import {
  Code,
  defaultNormalizeScore,
  newStatus,
  type FilterPlugin,
  type ScorePlugin,
  type Status,
} from '../../framework';
import type { NodeInfo } from '../../node-info';
import type { PodInfo } from '../../pod-info';
import { findUntoleratedTaint, tolerationsTolerateTaint } from '../../taints';

/** Plugin name. */
export const NAME = 'TaintToleration';

/** The filter's reason for one taint: `node(s) had untolerated taint {key: value}`. */
export function errReasonUntoleratedTaint(taint: Taint): string {
  return `node(s) had untolerated taint {${taint.key}: ${taint.value ?? ''}}`;
}

const doNotSchedule = (t: Taint): boolean => t.effect === 'NoSchedule' || t.effect === 'NoExecute';

/** The first NoSchedule/NoExecute taint the tolerations do not cover, or undefined. */
export function untoleratedTaint(
  taints: readonly Taint[],
  tolerations: readonly Toleration[] | undefined,
): Taint | undefined {
  return findUntoleratedTaint(taints, tolerations, doNotSchedule);
}

/** Number of PreferNoSchedule taints not tolerated (countIntolerableTaintsPreferNoSchedule). */
export function intolerablePreferNoSchedule(
  taints: readonly Taint[],
  tolerations: readonly Toleration[] | undefined,
): number {
  let n = 0;
  for (const taint of taints) {
    if (taint.effect !== 'PreferNoSchedule') continue;
    // Only tolerations with an empty or PreferNoSchedule effect count (getAllTolerationPreferNoSchedule).
    const relevant = tolerations?.filter((t) => !t.effect || t.effect === 'PreferNoSchedule');
    if (!tolerationsTolerateTaint(relevant, taint)) n++;
  }
  return n;
}

/** Filter and score on taints. */
export class TaintToleration implements FilterPlugin, ScorePlugin {
  readonly name = NAME;
  /** Its Filter reads only the node and the pod's signature fields (see PodInfo.signature). */
  readonly nodeLocal = true;

  filter(pod: PodInfo, node: NodeInfo): Status | undefined {
    if (node.noScheduleTaints.length === 0) return undefined;
    const taint = untoleratedTaint(node.noScheduleTaints, pod.pod.spec?.tolerations);
    if (!taint) return undefined;
    return newStatus(Code.UnschedulableAndUnresolvable, NAME, errReasonUntoleratedTaint(taint));
  }

  preScore(_pod: PodInfo, nodes: readonly NodeInfo[], rows?: Int32Array): boolean {
    // With no PreferNoSchedule taint anywhere every node would score 100: same ranking, skip.
    if (rows && nodes[0]?.columns?.preferNoScheduleNodes === 0) return false;
    for (let i = 0; i < nodes.length; i++)
      if (nodes[i].preferNoScheduleTaints.length > 0) return true;
    return false;
  }

  score(pod: PodInfo, node: NodeInfo): number {
    if (node.preferNoScheduleTaints.length === 0) return 0;
    return intolerablePreferNoSchedule(node.preferNoScheduleTaints, pod.pod.spec?.tolerations);
  }

  normalize(_pod: PodInfo, scores: Float64Array): void {
    defaultNormalizeScore(scores, true);
  }
}
