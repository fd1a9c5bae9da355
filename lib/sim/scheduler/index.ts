/**
 * @module
 * The simulator's kube-scheduler (kubernetes pkg/scheduler): for each unbound pod, filter the
 * nodes (NodeUnschedulable, NodeName, TaintToleration, NodeAffinity, NodePorts,
 * NodeResourcesFit, and any registered volume plugins), score the feasible ones
 * (LeastAllocated, BalancedAllocation, PodTopologySpread defaults, TaintToleration,
 * NodeAffinity preferences) and bind to the best; or leave the pod Pending with Kubernetes'
 * own FailedScheduling message.
 */
export { Scheduler } from './scheduler';
export type { SchedulerOptions, SchedulerStats } from './scheduler';
export { schedulingProblems } from './problems';
export { DEFAULT_PROFILE, defaultRegistry } from './plugins/registry';
export type { PluginEntry, PluginFactory, Profile, Registry } from './plugins/registry';
export { Code, MAX_NODE_SCORE, newStatus } from './framework';
export type {
  FilterPlugin,
  Handle,
  Plugin,
  PreBindPlugin,
  PreFilterPlugin,
  ScorePlugin,
  Status,
} from './framework';
export type { NodeInfo } from './node-info';
export type { PodInfo } from './pod-info';
