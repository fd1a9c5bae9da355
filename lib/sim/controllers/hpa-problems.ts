/**
 * @module
 * Judges HorizontalPodAutoscalers after converging, in the controller's own words: an HPA
 * that cannot read or update its target's scale (AbleToScale=False), or cannot compute a
 * replica count (ScalingActive=False, e.g. `FailedGetResourceMetric` when pods have no CPU
 * request). Scaling disabled because the target was scaled to zero on purpose, and being
 * held at maxReplicas (ScalingLimited), are working as configured, not problems.
 */
import type { Store } from '../framework';
import type { Problem } from '../types';
import type { HorizontalPodAutoscaler } from './hpa-api';

/** The problems of every HorizontalPodAutoscaler. */
export function hpaProblems(store: Store): Problem[] {
  const problems: Problem[] = [];
  for (const hpa of store.list<HorizontalPodAutoscaler>('HorizontalPodAutoscaler')) {
    const at = {
      kind: 'HorizontalPodAutoscaler',
      namespace: hpa.metadata.namespace ?? 'default',
      name: hpa.metadata.name,
    };
    const conditions = hpa.status?.conditions ?? [];
    const ableToScale = conditions.find((c) => c.type === 'AbleToScale');
    if (ableToScale?.status === 'False') {
      problems.push({
        ...at,
        reason: ableToScale.reason ?? 'FailedGetScale',
        message: ableToScale.message ?? '',
      });
      continue;
    }
    const active = conditions.find((c) => c.type === 'ScalingActive');
    if (active?.status === 'False' && active.reason !== 'ScalingDisabled') {
      problems.push({
        ...at,
        reason: active.reason ?? 'FailedComputeMetricsReplicas',
        message: active.message ?? '',
      });
    }
  }
  return problems;
}
