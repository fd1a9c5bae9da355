/**
 * @module
 * Whether an HPA still means to change anything, read from the status it publishes, as
 * `kubectl rollout status` reads a rollout's. The controller queues the next sync of an HPA
 * that has more to do as foreground work on the clock, so converge() treats a pending
 * scale (stabilizing, rate-limited, just rescaled) as the cluster still changing, and an HPA
 * at rest as background housekeeping. An HPA that just scaled its target writes its status
 * once more on the next sync (currentReplicas catches up, pkg/controller/podautoscaler/
 * horizontal.go `updateStatusIfNeeded` skips only unchanged status).
 */
import type { HorizontalPodAutoscaler } from './hpa-api';

/** AbleToScale reasons of an HPA that has decided on a change not yet made or confirmed. */
const CHANGE_PENDING = new Set(['SucceededRescale', 'ScaleUpStabilized', 'ScaleDownStabilized']);
/** ScalingLimited reasons of an HPA held back by its behavior's rate: more steps follow. */
const RATE_LIMITED = new Set(['ScaleUpLimit', 'ScaleDownLimit']);

/**
 * True when the HPA has nothing left to do at the current load: it synced, its desired and
 * current replicas agree, no stabilization window or rate limit holds a change back. An HPA
 * that cannot scale or compute (AbleToScale or ScalingActive False) is at rest too: it stays
 * so until its input changes, and hpaProblems reports it.
 */
export function hpaAtRest(hpa: HorizontalPodAutoscaler): boolean {
  const status = hpa.status;
  if (!status) return false;
  const conditions = status.conditions ?? [];
  const condition = (type: string) => conditions.find((c) => c.type === type);
  const able = condition('AbleToScale');
  const active = condition('ScalingActive');
  if (able?.status === 'False' || active?.status === 'False') return true;
  if (status.desiredReplicas !== status.currentReplicas) return false;
  if (CHANGE_PENDING.has(able?.reason ?? '')) return false;
  const limited = condition('ScalingLimited');
  return !(limited?.status === 'True' && RATE_LIMITED.has(limited.reason ?? ''));
}
