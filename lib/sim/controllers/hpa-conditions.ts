/**
 * @module
 * HPA status conditions (AbleToScale, ScalingActive, ScalingLimited), set as horizontal.go
 * `setConditionInList` sets them: added on first use, `lastTransitionTime` moved only when the
 * status changes, reason and message always replaced.
 */
import type { Condition } from '../api';

/** The condition types the HPA controller reports. */
export type HpaConditionType = 'AbleToScale' | 'ScalingActive' | 'ScalingLimited';

/** Sets one condition in `conditions` (in place) at virtual time `timestamp`. */
export function setCondition(
  conditions: Condition[],
  type: HpaConditionType,
  status: 'True' | 'False',
  reason: string,
  message: string,
  timestamp: string,
): void {
  let existing = conditions.find((c) => c.type === type);
  if (!existing) {
    existing = { type, status };
    conditions.push(existing);
    existing.lastTransitionTime = timestamp;
  } else if (existing.status !== status) {
    existing.lastTransitionTime = timestamp;
  }
  existing.status = status;
  existing.reason = reason;
  existing.message = message;
}
