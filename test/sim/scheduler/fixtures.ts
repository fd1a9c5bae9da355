/**
 * @module
 * Small builders for scheduler tests: pods and nodes as plain objects, and their scheduler views.
 */
import type { Container, Node, Pod, PodSpec, Taint } from '../../../lib/sim/api';
import { NodeInfo } from '../../../lib/sim/scheduler/node-info';
import { PodInfo } from '../../../lib/sim/scheduler/pod-info';

/** A pod with one container requesting `cpu`/`memory` (omitted when undefined). */
export function pod(
  name: string,
  requests: { cpu?: string; memory?: string } = {},
  spec: Partial<PodSpec> = {},
  owner?: string,
): Pod {
  const container: Container = { name: 'app', image: 'app:1' };
  if (requests.cpu !== undefined || requests.memory !== undefined) {
    container.resources = { requests: { ...requests } as Record<string, string> };
  }
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name,
      namespace: 'default',
      ...(owner
        ? {
            ownerReferences: [
              {
                apiVersion: 'apps/v1',
                kind: 'ReplicaSet',
                name: owner,
                uid: owner,
                controller: true,
              },
            ],
          }
        : {}),
    },
    spec: { containers: [container], ...spec },
  };
}

/** A node with allocatable cpu/memory/pods, labels and taints. */
export function node(
  name: string,
  opts: {
    cpu?: string;
    memory?: string;
    pods?: number;
    labels?: Record<string, string>;
    taints?: Taint[];
    unschedulable?: boolean;
  } = {},
): Node {
  const allocatable = {
    cpu: opts.cpu ?? '4',
    memory: opts.memory ?? '16Gi',
    pods: String(opts.pods ?? 110),
    'ephemeral-storage': '100Gi',
  };
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: { name, labels: { 'kubernetes.io/hostname': name, ...(opts.labels ?? {}) } },
    spec: {
      ...(opts.taints ? { taints: opts.taints } : {}),
      ...(opts.unschedulable ? { unschedulable: true } : {}),
    },
    status: { allocatable, capacity: allocatable },
  };
}

/** NodeInfo for `n` with `pods` already on it. */
export function nodeInfo(n: Node, ...pods: Pod[]): NodeInfo {
  const info = new NodeInfo(n);
  for (const p of pods) info.addPod(new PodInfo(p));
  return info;
}

/** PodInfo for `p`. */
export function podInfo(p: Pod): PodInfo {
  return new PodInfo(p);
}
