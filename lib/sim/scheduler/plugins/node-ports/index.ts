/**
 * @module
 * NodePorts filter: a pod's hostPorts must be free on the node
 * (kubernetes pkg/scheduler/framework/plugins/nodeports/node_ports.go `fitsPorts`).
 */
import {
  Code,
  newStatus,
  SKIP,
  type FilterPlugin,
  type PreFilterPlugin,
  type Status,
} from '../../framework';
import type { NodeInfo } from '../../node-info';
import type { HostPort, PodInfo } from '../../pod-info';

/** Plugin name. */
export const NAME = 'NodePorts';
/** ErrReason. */
export const ERR_REASON = "node(s) didn't have free ports for the requested pod ports";

/** True when none of `ports` clashes with a port in use on the node. */
export function fitsPorts(ports: readonly HostPort[], node: NodeInfo): boolean {
  for (const p of ports) if (node.portInUse(p)) return false;
  return true;
}

/** Rejects nodes where a requested host port is taken. */
export class NodePorts implements PreFilterPlugin, FilterPlugin {
  readonly name = NAME;
  /** Its Filter reads only the node and the pod's signature fields (see PodInfo.signature). */
  readonly nodeLocal = true;

  preFilter(pod: PodInfo): typeof SKIP | undefined {
    return pod.hostPorts.length === 0 ? SKIP : undefined;
  }

  filter(pod: PodInfo, node: NodeInfo): Status | undefined {
    if (pod.hostPorts.length === 0 || fitsPorts(pod.hostPorts, node)) return undefined;
    return newStatus(Code.Unschedulable, NAME, ERR_REASON);
  }
}
