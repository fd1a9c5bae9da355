/**
 * @module
 * NodeName filter: a pod that names a node fits only there
 * (kubernetes pkg/scheduler/framework/plugins/nodename/node_name.go). Pods created with
 * `spec.nodeName` never reach the scheduler; the filter matters for pods the scheduler is
 * asked to place while naming a node (kept for parity with the default profile).
 */
import type { Pod } from '../../../api';
import {
  Code,
  newStatus,
  SKIP,
  type FilterPlugin,
  type PreFilterPlugin,
  type Status,
} from '../../framework';
import type { NodeInfo } from '../../node-info';
import type { PodInfo } from '../../pod-info';

/** Plugin name. */
export const NAME = 'NodeName';
/** ErrReason. */
export const ERR_REASON = "node(s) didn't match the requested node name";

/** True when the pod names no node or names `nodeName`. */
export function fits(pod: Pod, nodeName: string): boolean {
  const wanted = pod.spec?.nodeName;
  return !wanted || wanted === nodeName;
}

/** Rejects every node but the one the pod names. */
export class NodeName implements PreFilterPlugin, FilterPlugin {
  readonly name = NAME;
  /** Its Filter reads only the node and the pod's signature fields (see PodInfo.signature). */
  readonly nodeLocal = true;

  preFilter(pod: PodInfo): typeof SKIP | undefined {
    return pod.pod.spec?.nodeName ? undefined : SKIP;
  }

  filter(pod: PodInfo, node: NodeInfo): Status | undefined {
    if (fits(pod.pod, node.name)) return undefined;
    return newStatus(Code.UnschedulableAndUnresolvable, NAME, ERR_REASON);
  }
}
