/**
 * @module
 * Plugin registry and the default profile, after kubernetes
 * pkg/scheduler/framework/plugins/registry.go (name → factory) and
 * pkg/scheduler/apis/config/v1/default_plugins.go (the multiPoint list, in order, with score
 * weights). A plugin implements whichever extension points it has (PreFilter, Filter, Score,
 * PreBind); filters run in profile order and a node's first rejection is its reason.
 *
 * Adding a plugin is one folder plus one registry line; or, without touching this file, pass
 * `new Scheduler({ registry: { ...defaultRegistry, VolumeBinding: (h) => new VolumeBinding(h) } })`.
 * The profile already lists the volume plugins in their Kubernetes position; names with no
 * registered factory are skipped.
 */
import type { Handle, Plugin } from '../framework';
import { InterPodAffinity, NAME as INTER_POD_AFFINITY } from './inter-pod-affinity';
import { NodeAffinity, NAME as NODE_AFFINITY } from './node-affinity';
import { NodeName, NAME as NODE_NAME } from './node-name';
import { NodePorts, NAME as NODE_PORTS } from './node-ports';
import {
  NodeResourcesBalancedAllocation,
  NAME as BALANCED_ALLOCATION,
} from './node-resources-balanced-allocation';
import { NodeResourcesFit, NAME as NODE_RESOURCES_FIT } from './node-resources-fit';
import { NodeUnschedulable, NAME as NODE_UNSCHEDULABLE } from './node-unschedulable';
import { PodTopologySpread, NAME as POD_TOPOLOGY_SPREAD } from './pod-topology-spread';
import { TaintToleration, NAME as TAINT_TOLERATION } from './taint-toleration';
import { VolumeBinding, NAME as VOLUME_BINDING } from './volumebinding';
import { VolumeRestrictions, NAME as VOLUME_RESTRICTIONS } from './volumerestrictions';

/** Builds a plugin for one scheduler. */
export type PluginFactory = (handle: Handle) => Plugin;

/** Plugin name → factory. */
export type Registry = Readonly<Record<string, PluginFactory>>;

/** The in-tree plugins the simulator implements. */
export const defaultRegistry: Registry = {
  [NODE_UNSCHEDULABLE]: () => new NodeUnschedulable(),
  [NODE_NAME]: () => new NodeName(),
  [TAINT_TOLERATION]: () => new TaintToleration(),
  [NODE_AFFINITY]: () => new NodeAffinity(),
  [NODE_PORTS]: () => new NodePorts(),
  [NODE_RESOURCES_FIT]: () => new NodeResourcesFit(),
  [POD_TOPOLOGY_SPREAD]: (h) => new PodTopologySpread(h),
  [INTER_POD_AFFINITY]: (h) => new InterPodAffinity(h),
  [BALANCED_ALLOCATION]: () => new NodeResourcesBalancedAllocation(),
  [VOLUME_RESTRICTIONS]: (h) => new VolumeRestrictions(h),
  [VOLUME_BINDING]: (h) => new VolumeBinding(h),
};

/** One enabled plugin; `weight` applies to its Score extension point. */
export interface PluginEntry {
  readonly name: string;
  /** @default 1 */
  readonly weight?: number;
}

/** A scheduling profile (KubeSchedulerProfile). */
export interface Profile {
  /** Pods whose spec.schedulerName is this (or unset, for the default) are ours. */
  readonly schedulerName: string;
  /** Enabled plugins in extension-point order. */
  readonly plugins: readonly PluginEntry[];
  /**
   * Percentage of nodes to find feasible before scoring; 0 = adaptive (50% minus 1% per 125
   * nodes, at least 5%, at least 100 nodes). @default 0
   */
  readonly percentageOfNodesToScore?: number;
}

/** The default-scheduler profile (default_plugins.go multiPoint order and weights). */
export const DEFAULT_PROFILE: Profile = {
  schedulerName: 'default-scheduler',
  plugins: [
    { name: NODE_UNSCHEDULABLE },
    { name: NODE_NAME },
    { name: TAINT_TOLERATION, weight: 3 },
    { name: NODE_AFFINITY, weight: 2 },
    { name: NODE_PORTS },
    { name: NODE_RESOURCES_FIT, weight: 1 },
    { name: 'VolumeRestrictions' },
    { name: 'NodeVolumeLimits' },
    { name: 'VolumeBinding' },
    { name: 'VolumeZone' },
    { name: POD_TOPOLOGY_SPREAD, weight: 2 },
    { name: INTER_POD_AFFINITY, weight: 2 },
    { name: BALANCED_ALLOCATION, weight: 1 },
    { name: 'ImageLocality', weight: 1 },
  ],
};
