/**
 * @module
 * NodeUnschedulable filter: cordoned nodes (`spec.unschedulable`) take no new pods unless the
 * pod tolerates the `node.kubernetes.io/unschedulable:NoSchedule` taint
 * (kubernetes pkg/scheduler/framework/plugins/nodeunschedulable/node_unschedulable.go).
 */
import type { Node, Toleration } from '../../../api';
import { Code, newStatus, type FilterPlugin, type Status } from '../../framework';
import type { NodeInfo } from '../../node-info';
import type { PodInfo } from '../../pod-info';
import { tolerationsTolerateTaint } from '../../taints';

/** Plugin name. */
export const NAME = 'NodeUnschedulable';
/** ErrReasonUnschedulable. */
export const ERR_REASON_UNSCHEDULABLE = 'node(s) were unschedulable';

const UNSCHEDULABLE_TAINT = {
  key: 'node.kubernetes.io/unschedulable',
  effect: 'NoSchedule',
} as const;

/** True when the pod may be placed on `node` as far as cordoning goes. */
export function admitsPod(node: Node, tolerations: readonly Toleration[] | undefined): boolean {
  if (!node.spec?.unschedulable) return true;
  return tolerationsTolerateTaint(tolerations, UNSCHEDULABLE_TAINT);
}

/** Rejects cordoned nodes. */
export class NodeUnschedulable implements FilterPlugin {
  readonly name = NAME;
  /** Its Filter reads only the node and the pod's signature fields (see PodInfo.signature). */
  readonly nodeLocal = true;

  filter(pod: PodInfo, node: NodeInfo): Status | undefined {
    if (!node.unschedulable || admitsPod(node.node, pod.pod.spec?.tolerations)) return undefined;
    return newStatus(Code.UnschedulableAndUnresolvable, NAME, ERR_REASON_UNSCHEDULABLE);
  }
}
