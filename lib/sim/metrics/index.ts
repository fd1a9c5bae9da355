/**
 * @module
 * The simulator's metrics-server: per-workload load and the per-pod samples the HPA reads.
 */
export {
  DEFAULT_IDLE_CPU_PERCENT,
  DEFAULT_MEMORY_PERCENT,
  METRIC_WINDOW_SECONDS,
  MetricsModel,
  hasSample,
  metricsFor,
  podRequest,
  workloadKey,
} from './metrics-model';
export type { PodSample, WorkloadRef } from './metrics-model';
export { milliValue, podRequestOf } from './pod-requests';
export type { PodRequest } from './pod-requests';
export { setCpuUtilization } from './set-cpu-utilization';
export { selectPods, workloadSelector } from './workload-pods';
