/**
 * @module
 * The simulator's kube-scheduler (kubernetes pkg/scheduler): for each unbound pod, filter the
 * nodes (NodeUnschedulable, NodeName, TaintToleration, NodeAffinity, NodePorts,
 * NodeResourcesFit, VolumeRestrictions, VolumeBinding, PodTopologySpread, InterPodAffinity),
 * score the feasible ones (TaintToleration, NodeAffinity, LeastAllocated, PodTopologySpread,
 * BalancedAllocation, with the default profile's weights), bind to the best, or leave the pod
 * Pending with Kubernetes' own FailedScheduling message, preemption part included.
 */
export { Scheduler, ERR_NO_NODES_AVAILABLE } from './scheduler';
export type { SchedulerOptions, SchedulerStats } from './scheduler';
export { schedulingProblems } from './problems';
export { DEFAULT_PROFILE, defaultRegistry } from './plugins/registry';
export type { PluginEntry, PluginFactory, Profile, Registry } from './plugins/registry';
export { Code, MAX_NODE_SCORE, newStatus, SKIP } from './framework';
export type {
  FilterPlugin,
  Handle,
  Plugin,
  PreBindPlugin,
  PreFilterPlugin,
  ScorePlugin,
  Status,
} from './framework';
export { fitErrorMessage } from './fit-error';
export type { NodeInfo } from './node-info';
export type { PodInfo } from './pod-info';
