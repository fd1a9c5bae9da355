/**
 * @module
 * The scheduler's cache of nodes and the pods bound (or assumed bound) to them, updated
 * incrementally from watch events, never by rescanning the store (kubernetes
 * pkg/scheduler/backend/cache/cache.go: AddNode/UpdateNode/RemoveNode, AssumePod/AddPod/
 * RemovePod). Pods bound to a node the cache does not know yet are held until it appears.
 */
import type { Node } from '../api';
import { NodeColumns } from './node-columns';
import { NodeInfo } from './node-info';
import type { PodInfo } from './pod-info';

/** The cache's nodes for one scheduling cycle, with their rows in its columns. */
export interface NodeSnapshot {
  /** Every node, in the order they were added. */
  readonly nodes: readonly NodeInfo[];
  /** `rows[i]` is `nodes[i].index`, the node's row in `columns`. */
  readonly rows: Int32Array;
  readonly columns: NodeColumns;
}

/** Nodes by name, in a stable order, with their pods. */
export class SchedulerCache {
  readonly #nodes = new Map<string, NodeInfo>();
  /**
   * Every node, and their rows in `rows` (with room to grow), changed in place: a node added
   * costs O(1), not a copy of 5,000 entries. They only change from watch events, between
   * scheduling cycles, never during one.
   */
  readonly #list: NodeInfo[] = [];
  #rows = new Int32Array(64);
  #snapshot: NodeSnapshot | undefined;
  /** pod key → node name, for every pod counted (or waiting for its node). */
  readonly #podNode = new Map<string, string>();
  /** Pods bound to nodes not (yet) in the cache. */
  readonly #orphans = new Map<string, Map<string, PodInfo>>();
  /** Nodes with at least one pod with required anti-affinity. */
  readonly #antiAffinityNodes = new Set<NodeInfo>();
  /** Per owner id, its pods per node index: spreading reads one array slot per node. */
  readonly #ownerCounts = new Map<number, Int32Array>();
  /** The scoring numbers of every node, by NodeInfo.index. */
  readonly #columns = new NodeColumns();
  #nextIndex = 0;

  /** The owner's pod count per node (indexed by NodeInfo.index), or undefined when it has none. */
  ownerCounts(ownerId: number): Int32Array | undefined {
    return this.#ownerCounts.get(ownerId);
  }

  #countOwner(pod: PodInfo, info: NodeInfo, delta: 1 | -1): void {
    if (pod.ownerId === 0) return;
    let counts = this.#ownerCounts.get(pod.ownerId);
    if (!counts || counts.length <= info.index) {
      const grown = new Int32Array(Math.max(this.#nextIndex, info.index + 1, 16));
      if (counts) grown.set(counts);
      this.#ownerCounts.set(pod.ownerId, (counts = grown));
    }
    counts[info.index] += delta;
  }

  /** Nodes running a pod with required anti-affinity, so a pod need not look at every node. */
  nodesWithRequiredAntiAffinity(): Iterable<NodeInfo> {
    return this.#antiAffinityNodes;
  }

  #trackAntiAffinity(info: NodeInfo): void {
    if (info.podsWithRequiredAntiAffinity.size > 0) this.#antiAffinityNodes.add(info);
    else this.#antiAffinityNodes.delete(info);
  }

  /** Every node, in the order they were added (the snapshot's node list). */
  nodes(): readonly NodeInfo[] {
    return this.#list;
  }

  /** The nodes with their rows in the columns, for the scheduling algorithm. */
  snapshot(): NodeSnapshot {
    this.#snapshot ??= {
      nodes: this.#list,
      rows: this.#rows.subarray(0, this.#list.length),
      columns: this.#columns,
    };
    return this.#snapshot;
  }

  #append(info: NodeInfo): void {
    const n = this.#list.push(info);
    if (n > this.#rows.length) {
      const grown = new Int32Array(this.#rows.length * 2);
      grown.set(this.#rows);
      this.#rows = grown;
    }
    this.#rows[n - 1] = info.index;
    this.#snapshot = undefined;
  }

  #drop(info: NodeInfo): void {
    const at = this.#list.indexOf(info);
    if (at < 0) return;
    this.#list.splice(at, 1);
    this.#rows.copyWithin(at, at + 1, this.#list.length + 1);
    this.#snapshot = undefined;
  }

  /** One node. */
  node(name: string): NodeInfo | undefined {
    return this.#nodes.get(name);
  }

  /** Adds or refreshes a node; returns its NodeInfo. */
  upsertNode(node: Node): NodeInfo {
    const name = node.metadata.name;
    const existing = this.#nodes.get(name);
    if (existing) {
      existing.setNode(node);
      return existing;
    }
    const info = new NodeInfo(node);
    info.attach(this.#columns, this.#nextIndex++);
    this.#nodes.set(name, info);
    this.#append(info);
    const orphans = this.#orphans.get(name);
    if (orphans) {
      for (const p of orphans.values()) {
        info.addPod(p);
        this.#countOwner(p, info, 1);
      }
      this.#orphans.delete(name);
      this.#trackAntiAffinity(info);
    }
    return info;
  }

  /** Forgets a node; its pods wait as orphans in case it comes back. */
  removeNode(name: string): void {
    const info = this.#nodes.get(name);
    if (!info) return;
    this.#nodes.delete(name);
    this.#drop(info);
    this.#columns.release(info);
    this.#antiAffinityNodes.delete(info);
    for (const p of info.pods.values()) this.#countOwner(p, info, -1);
    if (info.pods.size > 0) this.#orphans.set(name, new Map(info.pods));
  }

  /** The node a pod is counted on, if any. */
  nodeOf(podKey: string): string | undefined {
    return this.#podNode.get(podKey);
  }

  /** Counts a pod on a node (AssumePod when the scheduler binds it, AddPod from the watch). */
  addPod(pod: PodInfo, nodeName: string): void {
    const current = this.#podNode.get(pod.key);
    if (current === nodeName) return;
    if (current !== undefined) this.removePod(pod.key);
    this.#podNode.set(pod.key, nodeName);
    const info = this.#nodes.get(nodeName);
    if (info) {
      info.addPod(pod);
      this.#countOwner(pod, info, 1);
      if (pod.requiredAntiAffinityTerms.length > 0) this.#trackAntiAffinity(info);
      return;
    }
    let orphans = this.#orphans.get(nodeName);
    if (!orphans) this.#orphans.set(nodeName, (orphans = new Map()));
    orphans.set(pod.key, pod);
  }

  /** Stops counting a pod (deleted, finished, or a failed binding). Returns its node. */
  removePod(podKey: string): string | undefined {
    const nodeName = this.#podNode.get(podKey);
    if (nodeName === undefined) return undefined;
    this.#podNode.delete(podKey);
    const info = this.#nodes.get(nodeName);
    const pod = info?.pods.get(podKey);
    if (info && pod) {
      info.removePod(podKey);
      this.#countOwner(pod, info, -1);
      this.#trackAntiAffinity(info);
    }
    this.#orphans.get(nodeName)?.delete(podKey);
    return nodeName;
  }
}
