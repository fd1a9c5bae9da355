/**
 * @module
 * API-server defaulting of HorizontalPodAutoscalers, after pkg/apis/autoscaling/v2/defaults.go
 * (`SetDefaults_HorizontalPodAutoscaler`, `GenerateHPAScaleUpRules`/`GenerateHPAScaleDownRules`)
 * and v1/defaults.go. `behavior` is filled in only when given: without it the controller
 * keeps its older rules (horizontal.go `normalizeDesiredReplicas`), exactly as Kubernetes does.
 * The scale-down stabilization window is left unset; the controller supplies its flag's 300 s.
 */
import type {
  HPAScalingRules,
  HorizontalPodAutoscalerBehavior,
  HorizontalPodAutoscalerSpec,
} from './hpa-api';
import { DEFAULT_CPU_UTILIZATION } from './hpa-api';
import type { KubeObject } from '../types';
import { isPlainObject } from '../json';

/** defaults.go `defaultHPAScaleUpRules`: no window, the larger of 4 pods or 100% per 15 s. */
export function defaultScaleUpRules(): HPAScalingRules {
  return {
    stabilizationWindowSeconds: 0,
    selectPolicy: 'Max',
    policies: [
      { type: 'Pods', value: 4, periodSeconds: 15 },
      { type: 'Percent', value: 100, periodSeconds: 15 },
    ],
  };
}

/** defaults.go `defaultHPAScaleDownRules`: 100% per 15 s; the window stays unset. */
export function defaultScaleDownRules(): HPAScalingRules {
  return { selectPolicy: 'Max', policies: [{ type: 'Percent', value: 100, periodSeconds: 15 }] };
}

/** defaults.go `copyHPAScalingRules`: the given fields win over the defaults. */
function mergeRules(
  given: HPAScalingRules | undefined,
  defaults: HPAScalingRules,
): HPAScalingRules {
  if (!given) return defaults;
  return {
    ...given,
    stabilizationWindowSeconds:
      given.stabilizationWindowSeconds ?? defaults.stabilizationWindowSeconds,
    selectPolicy: given.selectPolicy ?? defaults.selectPolicy,
    policies: given.policies ?? defaults.policies,
  };
}

/** Fills in an HPA's defaults in place (minReplicas 1, a CPU 80% metric when none, behavior rules). */
export function defaultHorizontalPodAutoscaler(obj: KubeObject): void {
  if (!isPlainObject(obj.spec)) return;
  const spec = obj.spec as unknown as HorizontalPodAutoscalerSpec;
  if (spec.minReplicas === undefined) spec.minReplicas = 1;
  // v1 defaults only minReplicas; a missing CPU target means 80% (see hpa-api.ts metricSpecs)
  if (obj.apiVersion === 'autoscaling/v1') return;
  if (!Array.isArray(spec.metrics) || spec.metrics.length === 0) {
    spec.metrics = [
      {
        type: 'Resource',
        resource: {
          name: 'cpu',
          target: { type: 'Utilization', averageUtilization: DEFAULT_CPU_UTILIZATION },
        },
      },
    ];
  }
  if (isPlainObject(spec.behavior)) {
    const behavior = spec.behavior as HorizontalPodAutoscalerBehavior;
    behavior.scaleUp = mergeRules(behavior.scaleUp, defaultScaleUpRules());
    behavior.scaleDown = mergeRules(behavior.scaleDown, defaultScaleDownRules());
  }
}
