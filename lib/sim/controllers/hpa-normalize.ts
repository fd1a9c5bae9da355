/**
 * @module
 * How the HPA turns a metric's proposal into the replicas it sets, after
 * pkg/controller/podautoscaler/horizontal.go: without `behavior`, `stabilizeRecommendation`
 * (the highest recommendation of the last 300 s) and `convertDesiredReplicasWithRules`
 * (min/max, and at most max(2 × current, 4) per sync); with `behavior`,
 * `stabilizeRecommendationWithBehaviors` (windows both ways) and
 * `convertDesiredReplicasWithBehaviorRate` (the policies per period, `selectPolicy`).
 * Pure functions on the controller's remembered recommendations and scale events, with the
 * virtual time passed in.
 */
import type { HPAScalingPolicy, HPAScalingRules } from './hpa-api';

/** `--horizontal-pod-autoscaler-downscale-stabilization` (5 min). */
export const DOWNSCALE_STABILIZATION_WINDOW_SECONDS = 300;

/** horizontal.go `scaleUpLimitFactor` and `scaleUpLimitMinimum`, the rule without `behavior`. */
export const SCALE_UP_LIMIT_FACTOR = 2;
/** See {@link SCALE_UP_LIMIT_FACTOR}. */
export const SCALE_UP_LIMIT_MINIMUM = 4;

/** A recommendation and when it was made (virtual seconds). */
export interface TimestampedRecommendation {
  recommendation: number;
  timestamp: number;
}

/** A past scale change (always positive) and when it happened. */
export interface TimestampedScaleEvent {
  replicaChange: number;
  timestamp: number;
  outdated: boolean;
}

/** A replica count with the ScalingLimited/AbleToScale reason and message that explain it. */
export interface Normalized {
  readonly replicas: number;
  readonly reason: string;
  readonly message: string;
}

/** The ScalingLimited condition's messages by reason, as horizontal.go words them. */
const LIMIT_MESSAGES = {
  DesiredWithinRange: 'the desired count is within the acceptable range',
  ScaleUpLimit: 'the desired replica count is increasing faster than the maximum scale rate',
  ScaleDownLimit: 'the desired replica count is decreasing faster than the maximum scale rate',
  TooManyReplicas: 'the desired replica count is more than the maximum replica count',
  TooFewReplicas: 'the desired replica count is less than the minimum replica count',
} as const;

type LimitReason = keyof typeof LIMIT_MESSAGES;

/** `replicas`, explained by the ScalingLimited reason and its message. */
function limitedBy(replicas: number, reason: LimitReason): Normalized {
  return { replicas, reason, message: LIMIT_MESSAGES[reason] };
}

/**
 * horizontal.go `stabilizeRecommendation`: records the new recommendation (reusing an entry
 * older than the window) and returns the highest one not older than the window.
 */
export function stabilizeRecommendation(
  recommendations: TimestampedRecommendation[],
  prenormalized: number,
  now: number,
  windowSeconds = DOWNSCALE_STABILIZATION_WINDOW_SECONDS,
): number {
  let max = prenormalized;
  let oldIndex = -1;
  const cutoff = now - windowSeconds;
  recommendations.forEach((rec, i) => {
    if (rec.timestamp < cutoff) oldIndex = i;
    else if (rec.recommendation > max) max = rec.recommendation;
  });
  const fresh = { recommendation: prenormalized, timestamp: now };
  if (oldIndex >= 0) recommendations[oldIndex] = fresh;
  else recommendations.push(fresh);
  return max;
}

/** horizontal.go `calculateScaleUpLimit`: max(2 × current, 4). */
export function calculateScaleUpLimit(currentReplicas: number): number {
  return Math.max(SCALE_UP_LIMIT_FACTOR * currentReplicas, SCALE_UP_LIMIT_MINIMUM);
}

/** horizontal.go `convertDesiredReplicasWithRules`: min/max and the scale-up limit, no behavior. */
export function convertDesiredReplicasWithRules(
  currentReplicas: number,
  desiredReplicas: number,
  minReplicas: number,
  maxReplicas: number,
): Normalized {
  const scaleUpLimit = calculateScaleUpLimit(currentReplicas);
  const [maximum, reason]: [number, LimitReason] =
    maxReplicas > scaleUpLimit ? [scaleUpLimit, 'ScaleUpLimit'] : [maxReplicas, 'TooManyReplicas'];
  if (desiredReplicas < minReplicas) return limitedBy(minReplicas, 'TooFewReplicas');
  if (desiredReplicas > maximum) return limitedBy(maximum, reason);
  return limitedBy(desiredReplicas, 'DesiredWithinRange');
}

/** What the behavior path normalizes (horizontal.go `NormalizationArg`). */
export interface NormalizationArg {
  readonly scaleUp: HPAScalingRules;
  readonly scaleDown: HPAScalingRules;
  readonly minReplicas: number;
  readonly maxReplicas: number;
  readonly currentReplicas: number;
  readonly desiredReplicas: number;
}

/**
 * horizontal.go `stabilizeRecommendationWithBehaviors`: the recommendation is kept between
 * the lowest recommendation of the scale-up window and the highest of the scale-down window;
 * the unstabilized one is recorded.
 */
export function stabilizeRecommendationWithBehaviors(
  recommendations: TimestampedRecommendation[],
  args: NormalizationArg,
  now: number,
): Normalized {
  let up = args.desiredReplicas;
  let down = args.desiredReplicas;
  const upCutoff = now - (args.scaleUp.stabilizationWindowSeconds ?? 0);
  const downCutoff =
    now - (args.scaleDown.stabilizationWindowSeconds ?? DOWNSCALE_STABILIZATION_WINDOW_SECONDS);
  let oldIndex = -1;
  recommendations.forEach((rec, i) => {
    if (rec.timestamp > upCutoff) up = Math.min(rec.recommendation, up);
    if (rec.timestamp > downCutoff) down = Math.max(rec.recommendation, down);
    if (rec.timestamp < upCutoff && rec.timestamp < downCutoff) oldIndex = i;
  });
  let recommendation = args.currentReplicas;
  if (recommendation < up) recommendation = up;
  if (recommendation > down) recommendation = down;
  const fresh = { recommendation: args.desiredReplicas, timestamp: now };
  if (oldIndex >= 0) recommendations[oldIndex] = fresh;
  else recommendations.push(fresh);
  return args.desiredReplicas >= args.currentReplicas
    ? {
        replicas: recommendation,
        reason: 'ScaleUpStabilized',
        message:
          'recent recommendations were lower than current one, applying the lowest recent recommendation',
      }
    : {
        replicas: recommendation,
        reason: 'ScaleDownStabilized',
        message:
          'recent recommendations were higher than current one, applying the highest recent recommendation',
      };
}

/** horizontal.go `getReplicasChangePerPeriod`: replicas changed by events newer than the period. */
export function getReplicasChangePerPeriod(
  periodSeconds: number,
  events: readonly TimestampedScaleEvent[],
  now: number,
): number {
  const cutoff = now - periodSeconds;
  let replicas = 0;
  for (const event of events) if (event.timestamp > cutoff) replicas += event.replicaChange;
  return replicas;
}

/**
 * What both limit functions start from: the replicas at the start of a policy's period
 * (current, less what was added and plus what was removed since).
 */
function periodStartOf(
  currentReplicas: number,
  upEvents: readonly TimestampedScaleEvent[],
  downEvents: readonly TimestampedScaleEvent[],
  now: number,
): (policy: HPAScalingPolicy) => number {
  return (policy) =>
    currentReplicas -
    getReplicasChangePerPeriod(policy.periodSeconds, upEvents, now) +
    getReplicasChangePerPeriod(policy.periodSeconds, downEvents, now);
}

/**
 * horizontal.go `calculateScaleUpLimitWithScalingRules`: per policy, the replicas at the start
 * of its period plus `Pods`, or times (1 + `Percent`/100) rounded up; `Max` takes the largest.
 */
export function calculateScaleUpLimitWithScalingRules(
  currentReplicas: number,
  upEvents: readonly TimestampedScaleEvent[],
  downEvents: readonly TimestampedScaleEvent[],
  rules: HPAScalingRules,
  now: number,
): number {
  if (rules.selectPolicy === 'Disabled') return currentReplicas;
  const periodStart = periodStartOf(currentReplicas, upEvents, downEvents, now);
  const proposals = (rules.policies ?? []).map((p) =>
    p.type === 'Pods' ? periodStart(p) + p.value : Math.ceil(periodStart(p) * (1 + p.value / 100)),
  );
  return rules.selectPolicy === 'Min'
    ? Math.min(Number.MAX_SAFE_INTEGER, ...proposals)
    : Math.max(Number.MIN_SAFE_INTEGER, ...proposals);
}

/**
 * horizontal.go `calculateScaleDownLimitWithBehaviors`: per policy, the replicas at the start
 * of its period minus `Pods`, or times (1 − `Percent`/100) truncated; `Max` (the biggest
 * change) takes the smallest count.
 */
export function calculateScaleDownLimitWithBehaviors(
  currentReplicas: number,
  upEvents: readonly TimestampedScaleEvent[],
  downEvents: readonly TimestampedScaleEvent[],
  rules: HPAScalingRules,
  now: number,
): number {
  if (rules.selectPolicy === 'Disabled') return currentReplicas;
  const periodStart = periodStartOf(currentReplicas, upEvents, downEvents, now);
  const proposals = (rules.policies ?? []).map((p) =>
    p.type === 'Pods' ? periodStart(p) - p.value : Math.trunc(periodStart(p) * (1 - p.value / 100)),
  );
  return rules.selectPolicy === 'Min'
    ? Math.max(Number.MIN_SAFE_INTEGER, ...proposals)
    : Math.min(Number.MAX_SAFE_INTEGER, ...proposals);
}

/** horizontal.go `convertDesiredReplicasWithBehaviorRate`: the policies' rate and min/max. */
export function convertDesiredReplicasWithBehaviorRate(
  args: NormalizationArg,
  upEvents: readonly TimestampedScaleEvent[],
  downEvents: readonly TimestampedScaleEvent[],
  now: number,
): Normalized {
  const { currentReplicas, desiredReplicas } = args;
  if (desiredReplicas > currentReplicas) {
    const limit = Math.max(
      calculateScaleUpLimitWithScalingRules(
        currentReplicas,
        upEvents,
        downEvents,
        args.scaleUp,
        now,
      ),
      currentReplicas,
    );
    const [maximum, reason]: [number, LimitReason] =
      args.maxReplicas > limit ? [limit, 'ScaleUpLimit'] : [args.maxReplicas, 'TooManyReplicas'];
    if (desiredReplicas > maximum) return limitedBy(maximum, reason);
  } else if (desiredReplicas < currentReplicas) {
    const limit = Math.min(
      calculateScaleDownLimitWithBehaviors(
        currentReplicas,
        upEvents,
        downEvents,
        args.scaleDown,
        now,
      ),
      currentReplicas,
    );
    const [minimum, reason]: [number, LimitReason] =
      args.minReplicas < limit ? [limit, 'ScaleDownLimit'] : [args.minReplicas, 'TooFewReplicas'];
    if (desiredReplicas < minimum) return limitedBy(minimum, reason);
  }
  return limitedBy(desiredReplicas, 'DesiredWithinRange');
}

function longestPolicyPeriod(rules: HPAScalingRules | undefined): number {
  let longest = 0;
  for (const policy of rules?.policies ?? [])
    if (policy.periodSeconds > longest) longest = policy.periodSeconds;
  return longest;
}

/**
 * horizontal.go `storeScaleEvent` (with `markScaleEventsOutdated`): remembers a scale change
 * in its direction's list, reusing an entry older than the longest policy period.
 */
export function storeScaleEvent(
  scaleUp: HPAScalingRules | undefined,
  scaleDown: HPAScalingRules | undefined,
  upEvents: TimestampedScaleEvent[],
  downEvents: TimestampedScaleEvent[],
  previousReplicas: number,
  newReplicas: number,
  now: number,
): void {
  const up = newReplicas > previousReplicas;
  const events = up ? upEvents : downEvents;
  const cutoff = now - longestPolicyPeriod(up ? scaleUp : scaleDown);
  let oldIndex = -1;
  events.forEach((event, i) => {
    if (event.timestamp < cutoff) event.outdated = true;
    if (event.outdated) oldIndex = i;
  });
  const fresh = {
    replicaChange: Math.abs(newReplicas - previousReplicas),
    timestamp: now,
    outdated: false,
  };
  if (oldIndex >= 0) events[oldIndex] = fresh;
  else events.push(fresh);
}
