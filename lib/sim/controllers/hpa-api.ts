/**
 * @module
 * Typed views of HorizontalPodAutoscaler (k8s.io/api/autoscaling/v2/types.go, and v1's
 * `targetCPUUtilizationPercentage`), and the one place that reads either version's spec into
 * the v2 shape the controller computes with.
 */
import type { Condition } from '../api';
import type { KubeObject } from '../types';

/** A scaling policy: `Pods` or `Percent` per `periodSeconds`. */
export interface HPAScalingPolicy {
  type: 'Pods' | 'Percent';
  value: number;
  periodSeconds: number;
}

/** Rules for one direction (scaleUp or scaleDown). */
export interface HPAScalingRules {
  stabilizationWindowSeconds?: number;
  selectPolicy?: 'Max' | 'Min' | 'Disabled';
  policies?: HPAScalingPolicy[];
}

/** spec.behavior. */
export interface HorizontalPodAutoscalerBehavior {
  scaleUp?: HPAScalingRules;
  scaleDown?: HPAScalingRules;
}

/** A metric target: Utilization (percent of request), AverageValue or Value. */
export interface MetricTarget {
  type: 'Utilization' | 'AverageValue' | 'Value';
  averageUtilization?: number;
  averageValue?: string | number;
  value?: string | number;
}

/** One entry of spec.metrics (only Resource metrics are computed by the simulator). */
export interface MetricSpec {
  type: 'Resource' | 'ContainerResource' | 'Pods' | 'Object' | 'External';
  resource?: { name: string; target: MetricTarget };
  containerResource?: { name: string; container: string; target: MetricTarget };
  [source: string]: unknown;
}

/** The current value of one metric, as status.currentMetrics reports it. */
export interface MetricStatus {
  type: string;
  resource?: { name: string; current: MetricValueStatus };
  containerResource?: { name: string; container: string; current: MetricValueStatus };
}

/** A metric's current value. */
export interface MetricValueStatus {
  averageUtilization?: number;
  averageValue?: string;
}

/** spec.scaleTargetRef. */
export interface CrossVersionObjectReference {
  apiVersion?: string;
  kind: string;
  name: string;
}

/** HorizontalPodAutoscalerSpec (v2, plus v1's CPU target). */
export interface HorizontalPodAutoscalerSpec {
  scaleTargetRef: CrossVersionObjectReference;
  minReplicas?: number;
  maxReplicas: number;
  metrics?: MetricSpec[];
  behavior?: HorizontalPodAutoscalerBehavior;
  /** autoscaling/v1 only. */
  targetCPUUtilizationPercentage?: number;
}

/** HorizontalPodAutoscalerStatus (v2; v1 reports currentCPUUtilizationPercentage instead of currentMetrics). */
export interface HorizontalPodAutoscalerStatus {
  observedGeneration?: number;
  lastScaleTime?: string;
  currentReplicas: number;
  desiredReplicas: number;
  currentMetrics?: MetricStatus[];
  currentCPUUtilizationPercentage?: number;
  conditions?: Condition[];
}

/** A HorizontalPodAutoscaler. */
export type HorizontalPodAutoscaler = KubeObject<
  HorizontalPodAutoscalerSpec,
  HorizontalPodAutoscalerStatus
>;

/** True for an autoscaling/v1 object (its spec names one CPU target, its status no conditions). */
export function isV1(hpa: HorizontalPodAutoscaler): boolean {
  return hpa.apiVersion === 'autoscaling/v1';
}

/**
 * The metrics to compute, in v2 form: v1's `targetCPUUtilizationPercentage` becomes one
 * Resource cpu Utilization metric (pkg/apis/autoscaling/v1/conversion.go).
 */
export function metricSpecs(hpa: HorizontalPodAutoscaler): MetricSpec[] {
  const spec = hpa.spec;
  if (isV1(hpa)) {
    const target = spec?.targetCPUUtilizationPercentage ?? DEFAULT_CPU_UTILIZATION;
    return [
      {
        type: 'Resource',
        resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: target } },
      },
    ];
  }
  return spec?.metrics ?? [];
}

/** pkg/apis/autoscaling `DefaultCPUUtilization`: the target when an HPA names no metric. */
export const DEFAULT_CPU_UTILIZATION = 80;
