/**
 * @module
 * Node-level aggregates the filters and scores read, kept up to date incrementally as pods are
 * bound and removed (framework/types.go NodeInfo: Requested, NonZeroRequested, Allocatable,
 * UsedPorts, Pods; PodsWithOwnerRef-style counts for spreading).
 */
import type { Node, Taint } from '../api';
import { cpuMillis, parseQuantity } from '../quantity';
import type { Status } from './framework';
import type { NodeColumns } from './node-columns';
import type { HostPort, PodInfo } from './pod-info';
import { emptyResources, isScalarResourceName, type Resources } from './resources';

/** Allocatable resources, including the pod count (Resource.AllowedPodNumber). */
export interface Allocatable extends Resources {
  pods: number;
}

const ANY_IP = '0.0.0.0';

/** Shared by every node without such taints, so scoring loops read one hot array, not 5,000. */
const NO_TAINTS: readonly Taint[] = Object.freeze([]);

/** Node label of the hostname topology domain. */
export const LABEL_HOSTNAME = 'kubernetes.io/hostname';
/** Node label of the zone topology domain. */
export const LABEL_ZONE = 'topology.kubernetes.io/zone';

function quantity(list: Record<string, string> | undefined, name: string): number {
  const q = list?.[name];
  return q === undefined ? 0 : parseQuantity(q);
}

/** Reads status.allocatable (falling back to capacity, as the kubelet reports both). */
export function allocatableOf(node: Node): Allocatable {
  const list = node.status?.allocatable ?? node.status?.capacity;
  const out: Allocatable = {
    milliCpu: list?.cpu === undefined ? 0 : cpuMillis(list.cpu),
    memory: Math.floor(quantity(list, 'memory')),
    ephemeralStorage: Math.floor(quantity(list, 'ephemeral-storage')),
    pods: Math.floor(quantity(list, 'pods')),
  };
  for (const name in list ?? {}) {
    if (isScalarResourceName(name)) (out.scalars ??= {})[name] = Math.floor(quantity(list, name));
  }
  return out;
}

/**
 * One node and what is placed on it. The fields the per-node loops of every scheduling cycle
 * read come first, so that they share the object's first cache lines.
 */
export class NodeInfo {
  /** Dense position given by the cache (never reused), for per-node arrays; -1 outside a cache. */
  index = -1;
  /** Bumped on every change, so callers can cache per-node derived values. */
  generation = 0;
  /** The Status of the last node-local filter rejection (NodeColumns says for which pod signature). */
  memoStatus: Status | undefined = undefined;
  /** The cache's columns this node writes its numbers to (row `index`); none outside a cache. */
  columns: NodeColumns | undefined = undefined;
  /** The {@link LABEL_HOSTNAME} label: spreading reads it on every scored node for every pod. */
  hostname: string | undefined = undefined;
  /** The {@link LABEL_ZONE} label, likewise. */
  zone: string | undefined = undefined;
  /** The taints scoring looks at (PreferNoSchedule). */
  preferNoScheduleTaints: readonly Taint[] = NO_TAINTS;
  /** The node object as last seen. */
  node: Node;
  /** metadata.name. */
  readonly name: string;
  /** status.allocatable in base units. */
  allocatable: Allocatable;
  /** Sum of the requests of the pods on the node. */
  readonly requested: Resources = emptyResources();
  /** Same with scoring defaults for containers without requests. */
  readonly nonZeroRequested: Resources = emptyResources();
  /** Pods on the node, by key. */
  readonly pods = new Map<string, PodInfo>();
  /** Host ports in use: `protocol/port` → host IP → count (HostPortInfo). */
  readonly usedPorts = new Map<string, Map<string, number>>();
  /** Pods with required anti-affinity terms (NodeInfo.PodsWithRequiredAntiAffinity), by key. */
  readonly podsWithRequiredAntiAffinity = new Map<string, PodInfo>();
  /** Pods per owner (interned owner id, see PodInfo.ownerId) on this node, for spreading replicas. */
  readonly podsPerOwner = new Map<number, number>();
  /** Labels of the node ({} when none). */
  labels: Readonly<Record<string, string>> = {};
  /** spec.taints ([] when none). */
  taints: readonly Taint[] = NO_TAINTS;
  /** The taints filtering looks at (NoSchedule, NoExecute): most nodes have none. */
  noScheduleTaints: readonly Taint[] = NO_TAINTS;
  /** spec.unschedulable (cordoned). */
  unschedulable = false;

  constructor(node: Node) {
    this.node = node;
    this.name = node.metadata.name;
    this.allocatable = allocatableOf(node);
    this.#derive();
  }

  /** Places the node at row `index` of the cache's columns. */
  attach(columns: NodeColumns, index: number): void {
    this.index = index;
    this.columns = columns;
    columns.write(this);
  }

  /** Replaces the node object (labels, taints, allocatable may have changed). */
  setNode(node: Node): void {
    this.node = node;
    this.allocatable = allocatableOf(node);
    this.#derive();
    this.generation++;
    this.columns?.write(this);
  }

  #derive(): void {
    this.labels = this.node.metadata.labels ?? {};
    this.hostname = this.labels[LABEL_HOSTNAME];
    this.zone = this.labels[LABEL_ZONE];
    this.taints = this.node.spec?.taints ?? NO_TAINTS;
    this.noScheduleTaints = orNone(
      this.taints.filter((t) => t.effect === 'NoSchedule' || t.effect === 'NoExecute'),
    );
    this.preferNoScheduleTaints = orNone(
      this.taints.filter((t) => t.effect === 'PreferNoSchedule'),
    );
    this.unschedulable = !!this.node.spec?.unschedulable;
  }

  /** Counts a pod in (NodeInfo.AddPod). */
  addPod(pod: PodInfo): void {
    if (this.pods.has(pod.key)) return;
    this.pods.set(pod.key, pod);
    if (pod.requiredAntiAffinityTerms.length > 0)
      this.podsWithRequiredAntiAffinity.set(pod.key, pod);
    this.#update(pod, 1);
  }

  /** Counts a pod out (NodeInfo.RemovePod). */
  removePod(key: string): void {
    const pod = this.pods.get(key);
    if (!pod) return;
    this.pods.delete(key);
    this.podsWithRequiredAntiAffinity.delete(key);
    this.#update(pod, -1);
  }

  /** Pods on this node with the given owner (PodInfo.ownerId). */
  podsOwnedBy(ownerId: number): number {
    return ownerId === 0 ? 0 : (this.podsPerOwner.get(ownerId) ?? 0);
  }

  /**
   * True when `port` clashes with one in use (HostPortInfo.CheckConflict): 0.0.0.0 clashes with
   * every address, a specific address with itself and 0.0.0.0.
   */
  portInUse(port: HostPort): boolean {
    const ips = this.usedPorts.get(`${port.protocol}/${port.port}`);
    if (!ips || ips.size === 0) return false;
    if (port.hostIP === ANY_IP) return true;
    return ips.has(port.hostIP) || ips.has(ANY_IP);
  }

  #update(pod: PodInfo, sign: 1 | -1): void {
    const r = this.requested;
    r.milliCpu += sign * pod.requests.milliCpu;
    r.memory += sign * pod.requests.memory;
    r.ephemeralStorage += sign * pod.requests.ephemeralStorage;
    const scalars = pod.requests.scalars;
    if (scalars) {
      const s = (r.scalars ??= {});
      for (const name in scalars) s[name] = (s[name] ?? 0) + sign * scalars[name];
    }
    const n = this.nonZeroRequested;
    n.milliCpu += sign * pod.nonZeroRequests.milliCpu;
    n.memory += sign * pod.nonZeroRequests.memory;
    n.ephemeralStorage += sign * pod.nonZeroRequests.ephemeralStorage;
    for (const p of pod.hostPorts) {
      const k = `${p.protocol}/${p.port}`;
      let ips = this.usedPorts.get(k);
      if (!ips) this.usedPorts.set(k, (ips = new Map()));
      const count = (ips.get(p.hostIP) ?? 0) + sign;
      if (count > 0) ips.set(p.hostIP, count);
      else ips.delete(p.hostIP);
    }
    if (pod.ownerId !== 0) {
      const count = (this.podsPerOwner.get(pod.ownerId) ?? 0) + sign;
      if (count > 0) this.podsPerOwner.set(pod.ownerId, count);
      else this.podsPerOwner.delete(pod.ownerId);
    }
    this.generation++;
    this.columns?.write(this);
  }
}

function orNone(taints: readonly Taint[]): readonly Taint[] {
  return taints.length === 0 ? NO_TAINTS : taints;
}
