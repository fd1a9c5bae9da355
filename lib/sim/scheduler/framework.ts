/**
 * @module
 * The scheduling framework's plugin contracts, after kubernetes pkg/scheduler/framework
 * (interface.go: Status, Code, FilterPlugin, ScorePlugin, PreFilterPlugin; MaxNodeScore). Plugins
 * see pre-computed {@link PodInfo} and {@link NodeInfo} views, never the store.
 */
import type { Clock, Store } from '../framework';
import type { NodeInfo } from './node-info';
import type { PodInfo } from './pod-info';

/** Highest score a ScorePlugin may give a node (framework.MaxNodeScore). */
export const MAX_NODE_SCORE = 100;

/** Status codes, as in interface.go (only those the simulator produces). */
export enum Code {
  /** The node fits (a Status is never created for this; `undefined` means success). */
  Success = 0,
  /** The pod does not fit now, but preemption might make room (resources, host ports). */
  Unschedulable = 2,
  /** No preemption can help on this node (selector, taints, node name, unschedulable node). */
  UnschedulableAndUnresolvable = 3,
}

/** Why a plugin rejected a node; `undefined` everywhere means success (interface.go Status). */
export interface Status {
  readonly code: Code.Unschedulable | Code.UnschedulableAndUnresolvable;
  /** Reasons as the FitError histogram counts them, e.g. `Insufficient cpu`. */
  readonly reasons: readonly string[];
  /** The plugin that said no. */
  readonly plugin: string;
}

/** Builds a Status (framework.NewStatus(code, reasons...).WithPlugin(plugin)). */
export function newStatus(code: Status['code'], plugin: string, ...reasons: string[]): Status {
  return { code, plugin, reasons };
}

/** Any plugin: a name, as in the profile's plugin list. */
export interface Plugin {
  readonly name: string;
  /**
   * Kinds whose changes may make a pod this plugin rejected schedulable (EnqueueExtensions
   * EventsToRegister): the scheduler watches them and retries unschedulable pods on any event.
   * Nodes and Pods are always watched. A VolumeBinding plugin would list
   * `PersistentVolumeClaim`, `PersistentVolume`, `StorageClass`.
   */
  readonly eventsToRegister?: readonly string[];
}

/** PreFilter's "nothing to check for this pod": the plugin's Filter is skipped for the pod (fwk.Skip). */
export const SKIP = 'Skip';

/**
 * Runs once per pod before filtering (e.g. VolumeBinding checks the pod's PVCs exist). A
 * status rejects every node and its reasons become the FitError's PreFilter message; {@link SKIP}
 * means the same plugin's Filter has nothing to check for this pod.
 */
export interface PreFilterPlugin extends Plugin {
  preFilter(pod: PodInfo): Status | typeof SKIP | undefined;
}

/** Says whether the pod may run on one node. Must not allocate on success: it runs pods × nodes times. */
export interface FilterPlugin extends Plugin {
  filter(pod: PodInfo, node: NodeInfo): Status | undefined;
  /**
   * True when the answer depends only on the node (its NodeInfo generation) and the pod's
   * {@link PodInfo.signature} fields, never on other nodes or the store: the framework may then
   * reuse an answer for the next pod with the same signature while the node is unchanged, as
   * Kubernetes' opportunistic batching reuses results across pods with equal signatures.
   */
  readonly nodeLocal?: boolean;
}

/**
 * Ranks feasible nodes. `score` returns a raw value; `normalize` (optional, NormalizeScore in
 * ScoreExtensions) rescales all raw scores in place into 0..MAX_NODE_SCORE.
 */
export interface ScorePlugin extends Plugin {
  /**
   * Called once per pod before `score`; returning false skips this plugin for the pod (Skip
   * status). `rows` as for `scoreNodes`.
   */
  preScore?(pod: PodInfo, nodes: readonly NodeInfo[], rows?: Int32Array): boolean;
  score(pod: PodInfo, node: NodeInfo): number;
  /**
   * `score` for every node at once (`out[i]` = score of `nodes[i]`), same numbers. Optional: a
   * plugin offers it when one loop of its own is much cheaper than a framework call per node,
   * which matters at 150k pods × 500 scored nodes. `rows`, when given, are the nodes' rows in
   * the scheduler cache's NodeColumns (`nodes[0].columns`), which every node then writes to:
   * the plugin may read the columns instead of touching 500 NodeInfo objects per pod.
   */
  scoreNodes?(pod: PodInfo, nodes: readonly NodeInfo[], out: Float64Array, rows?: Int32Array): void;
  normalize?(pod: PodInfo, scores: Float64Array): void;
}

/** `plugin.score` of each node into `out`: scoreNodes' way for nodes without shared columns. */
export function scoreEach(
  plugin: ScorePlugin,
  pod: PodInfo,
  nodes: readonly NodeInfo[],
  out: Float64Array,
): void {
  for (let i = 0; i < nodes.length; i++) out[i] = plugin.score(pod, nodes[i]);
}

/**
 * Runs after a node is chosen and before the pod is bound (e.g. VolumeBinding binds the pod's
 * PVCs, or marks WaitForFirstConsumer claims with the selected node). A status aborts the
 * binding and the pod is retried later.
 */
export interface PreBindPlugin extends Plugin {
  preBind(pod: PodInfo, node: NodeInfo): Status | undefined;
}

/** True when `p` has a PreFilter extension point. */
export function isPreFilter(p: Plugin): p is PreFilterPlugin {
  return typeof (p as Partial<PreFilterPlugin>).preFilter === 'function';
}
/** True when `p` has a Filter extension point. */
export function isFilter(p: Plugin): p is FilterPlugin {
  return typeof (p as Partial<FilterPlugin>).filter === 'function';
}
/** True when `p` has a Score extension point. */
export function isScore(p: Plugin): p is ScorePlugin {
  return typeof (p as Partial<ScorePlugin>).score === 'function';
}
/** True when `p` has a PreBind extension point. */
export function isPreBind(p: Plugin): p is PreBindPlugin {
  return typeof (p as Partial<PreBindPlugin>).preBind === 'function';
}

/** What the framework hands plugin factories: read access to every node (for spreading). */
export interface Handle {
  /** All nodes the scheduler knows, in the cache's stable order. */
  nodes(): readonly NodeInfo[];
  /** One node by name (SnapshotSharedLister().NodeInfos().Get). */
  node(name: string): NodeInfo | undefined;
  /** Nodes running a pod with required anti-affinity (HavePodsWithRequiredAntiAffinityList). */
  nodesWithRequiredAntiAffinity(): Iterable<NodeInfo>;
  /** An owner's pods per node, indexed by NodeInfo.index (the PodsWithOwnerRef counts). */
  ownerCounts?(ownerId: number): Int32Array | undefined;
  /** The store, for plugins that read other kinds (PVCs, PVs, StorageClasses). */
  readonly store: Store;
  /** The virtual clock. */
  readonly clock: Clock;
}

/**
 * helper.DefaultNormalizeScore (plugins/helper/normalize_score.go): scales to 0..max by the
 * highest score; `reverse` makes the lowest raw score the best. All zero: 0, or max if reversed.
 */
export function defaultNormalizeScore(scores: Float64Array, reverse: boolean): void {
  let max = 0;
  for (const s of scores) if (s > max) max = s;
  if (max === 0) {
    if (reverse) scores.fill(MAX_NODE_SCORE);
    return;
  }
  for (let i = 0; i < scores.length; i++) {
    const s = Math.trunc((MAX_NODE_SCORE * scores[i]) / max);
    scores[i] = reverse ? MAX_NODE_SCORE - s : s;
  }
}
