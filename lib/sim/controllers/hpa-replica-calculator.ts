/**
 * @module
 * The HPA's replica calculator, after pkg/controller/podautoscaler/replica_calculator.go
 * (`GetResourceReplicas`, `GetRawResourceReplicas`/`calcPlainMetricReplicas`, `groupPods`,
 * `calculatePodRequestsFromContainers`) and metrics/utilization.go
 * (`GetResourceUtilizationRatio`, `GetMetricUsageRatio`). Pure: pods, samples and the time
 * in, a proposal or an error out. Values are milli-units (millicores; milli-bytes for memory),
 * as the controller's `MilliValue()` arithmetic uses them, so integer truncations match.
 */
import type { Pod } from '../api';
import { secondsOf } from '../clock';
import { milliValue, podRequestOf } from '../metrics/pod-requests';

/** The controller's `--horizontal-pod-autoscaler-tolerance` (0.1): ratios within 10% of 1 change nothing. */
export const DEFAULT_TOLERANCE = 0.1;

/** `--horizontal-pod-autoscaler-cpu-initialization-period` (5 min). */
export const CPU_INITIALIZATION_PERIOD_SECONDS = 300;

/** `--horizontal-pod-autoscaler-initial-readiness-delay` (30 s). */
export const DELAY_OF_INITIAL_READINESS_STATUS_SECONDS = 30;

/** One pod's usage sample in milli-units, with when it was taken and the window it covers (s). */
export interface PodMetric {
  readonly value: number;
  readonly timestamp: number;
  readonly window: number;
}

/** Samples by pod name (metricsclient.PodMetricsInfo). */
export type PodMetricsInfo = Map<string, PodMetric>;

/** What a calculation needs besides pods and samples. */
export interface CalculatorOptions {
  /** Virtual now, in seconds. */
  readonly now: number;
  /** @default DEFAULT_TOLERANCE */
  readonly tolerance?: number;
  /** @default CPU_INITIALIZATION_PERIOD_SECONDS */
  readonly cpuInitializationPeriod?: number;
  /** @default DELAY_OF_INITIAL_READINESS_STATUS_SECONDS */
  readonly delayOfInitialReadinessStatus?: number;
}

/** A replica count proposal (`utilization` only for Utilization targets). */
export interface ReplicaProposal {
  readonly replicas: number;
  /** Average utilization in percent of request, truncated as the controller does. */
  readonly utilization: number;
  /** Average usage per pod with a sample, in milli-units. */
  readonly rawAverage: number;
}

/** A failed calculation, with the controller's error text. */
export class ReplicaCalculationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ReplicaCalculationError';
  }
}

/** The result of {@link groupPods}. */
export interface PodGroups {
  readyPodCount: number;
  unreadyPods: Set<string>;
  missingPods: Set<string>;
  ignoredPods: Set<string>;
}

const parsedTimes = new Map<string, number>();

/** clock.ts `secondsOf`, memoized: every sync reads the same few pod timestamps again. */
function secondsOfCached(timestamp: string): number {
  let seconds = parsedTimes.get(timestamp);
  if (seconds === undefined) {
    if (parsedTimes.size > 4096) parsedTimes.clear();
    parsedTimes.set(timestamp, (seconds = secondsOf(timestamp)));
  }
  return seconds;
}

function withinTolerance(usageRatio: number, tolerance: number): boolean {
  // replica_calculator.go Tolerances.isWithin (same tolerance both ways by default)
  return 1 - tolerance <= usageRatio && usageRatio <= 1 + tolerance;
}

/**
 * Sorts pods as replica_calculator.go `groupPods` does: deleting and failed pods ignored;
 * Pending pods unready; running pods without a sample missing; for CPU, pods not Ready, or
 * still within the CPU initialization period and Ready for less than one metric window, unready.
 */
export function groupPods(
  pods: readonly Pod[],
  metrics: PodMetricsInfo,
  resource: string,
  options: CalculatorOptions,
): PodGroups {
  const cpuInit = options.cpuInitializationPeriod ?? CPU_INITIALIZATION_PERIOD_SECONDS;
  const readinessDelay =
    options.delayOfInitialReadinessStatus ?? DELAY_OF_INITIAL_READINESS_STATUS_SECONDS;
  const groups: PodGroups = {
    readyPodCount: 0,
    unreadyPods: new Set(),
    missingPods: new Set(),
    ignoredPods: new Set(),
  };
  for (const pod of pods) {
    const name = pod.metadata.name;
    const phase = pod.status?.phase ?? 'Pending'; // the API server defaults phase to Pending
    if (pod.metadata.deletionTimestamp || phase === 'Failed') {
      groups.ignoredPods.add(name);
      continue;
    }
    if (phase === 'Pending') {
      groups.unreadyPods.add(name);
      continue;
    }
    const metric = metrics.get(name);
    if (!metric) {
      groups.missingPods.add(name);
      continue;
    }
    if (resource === 'cpu') {
      const condition = pod.status?.conditions?.find((c) => c.type === 'Ready');
      const startTime = pod.status?.startTime;
      let unready: boolean;
      if (!condition || !startTime) {
        unready = true;
      } else {
        const started = secondsOfCached(startTime);
        const transition = condition.lastTransitionTime
          ? secondsOfCached(condition.lastTransitionTime)
          : started;
        if (started + cpuInit > options.now) {
          // still initializing: ignore the sample if unready or not one full window since the transition
          unready = condition.status === 'False' || metric.timestamp < transition + metric.window;
        } else {
          // ignore it if the pod is unready and has never been ready
          unready = condition.status === 'False' && started + readinessDelay > transition;
        }
      }
      if (unready) {
        groups.unreadyPods.add(name);
        continue;
      }
    }
    groups.readyPodCount++;
  }
  return groups;
}

/**
 * Each pod's summed request, by name (replica_calculator.go `calculateRequests`); throws the
 * controller's `missing request for cpu in container app of Pod web-1` when one lacks it.
 * With `container`, only that container counts (ContainerResource metrics).
 */
export function calculatePodRequests(
  pods: readonly Pod[],
  resource: string,
  container?: string,
): Map<string, number> {
  const requests = new Map<string, number>();
  for (const pod of pods) {
    if (container !== undefined) {
      requests.set(pod.metadata.name, containerRequest(pod, resource, container));
      continue;
    }
    const request = podRequestOf(pod, resource);
    if ('missingContainer' in request) {
      throw new ReplicaCalculationError(
        `missing request for ${resource} in container ${request.missingContainer} of Pod ${pod.metadata.name}`,
      );
    }
    requests.set(pod.metadata.name, request.milli);
  }
  return requests;
}

/** One container's request (replica_calculator.go `calculatePodRequestsFromContainers` with a container name). */
function containerRequest(pod: Pod, resource: string, name: string): number {
  const sidecars = (pod.spec?.initContainers ?? []).filter((c) => c.restartPolicy === 'Always');
  const found = [...(pod.spec?.containers ?? []), ...sidecars].find((c) => c.name === name);
  if (!found) {
    throw new ReplicaCalculationError(`container ${name} not found in Pod ${pod.metadata.name}`);
  }
  const request = found.resources?.requests?.[resource];
  if (request === undefined) {
    throw new ReplicaCalculationError(
      `missing request for ${resource} in container ${name} of Pod ${pod.metadata.name}`,
    );
  }
  return milliValue(resource, request);
}

/** metrics/utilization.go `GetResourceUtilizationRatio`: integer percent, then the ratio to the target. */
export function getResourceUtilizationRatio(
  metrics: PodMetricsInfo,
  requests: ReadonlyMap<string, number>,
  targetUtilization: number,
): { usageRatio: number; utilization: number; rawAverage: number } {
  let metricsTotal = 0;
  let requestsTotal = 0;
  let entries = 0;
  for (const [name, metric] of metrics) {
    const request = requests.get(name);
    if (request === undefined) continue; // extraneous metric
    metricsTotal += metric.value;
    requestsTotal += request;
    entries++;
  }
  if (requestsTotal === 0) {
    throw new ReplicaCalculationError('no metrics returned matched known pods');
  }
  const utilization = Math.trunc((metricsTotal * 100) / requestsTotal);
  return {
    usageRatio: utilization / targetUtilization,
    utilization,
    rawAverage: Math.trunc(metricsTotal / entries),
  };
}

function withoutPods(metrics: PodMetricsInfo, pods: Set<string>): PodMetricsInfo {
  if (pods.size === 0) return metrics;
  const out: PodMetricsInfo = new Map(metrics);
  for (const name of pods) out.delete(name);
  return out;
}

const ZERO = (at: PodMetric | undefined): PodMetric => ({
  value: 0,
  timestamp: at?.timestamp ?? 0,
  window: at?.window ?? 0,
});

/**
 * The start both calculations share: no pods is an error; the pods are grouped, and the
 * samples of ignored and unready pods dropped; no sample left is an error.
 */
function readySamples(
  pods: readonly Pod[],
  podMetrics: PodMetricsInfo,
  resource: string,
  options: CalculatorOptions,
): { groups: PodGroups; metrics: PodMetricsInfo } {
  if (pods.length === 0) {
    throw new ReplicaCalculationError(
      'no pods returned by selector while calculating replica count',
    );
  }
  const groups = groupPods(pods, podMetrics, resource, options);
  const metrics = withoutPods(withoutPods(podMetrics, groups.ignoredPods), groups.unreadyPods);
  if (metrics.size === 0) {
    throw new ReplicaCalculationError(
      'did not receive metrics for targeted pods (pods might be unready)',
    );
  }
  return { groups, metrics };
}

/**
 * The replica count both calculations share once the ready pods' ratio is known: with no
 * missing pods and no scale-up held back by unready ones, ready pods × ratio (or
 * `currentReplicas` within tolerance). Otherwise missing pods are filled in with
 * `missingOnScaleDown` on a scale-down and 0 on a scale-up, unready pods with 0 on a
 * scale-up, and the ratio taken again by `usageRatioOf`; a change of direction, a ratio
 * within tolerance or a count moving against the ratio keeps `currentReplicas`.
 */
function replicasForUsage(
  currentReplicas: number,
  usageRatio: number,
  { groups, metrics: readyMetrics }: { groups: PodGroups; metrics: PodMetricsInfo },
  tolerance: number,
  missingOnScaleDown: (pod: string) => number,
  usageRatioOf: (metrics: PodMetricsInfo) => number,
): number {
  const { readyPodCount, unreadyPods, missingPods } = groups;
  const scaleUpWithUnready = unreadyPods.size > 0 && usageRatio > 1;
  if (!scaleUpWithUnready && missingPods.size === 0) {
    if (withinTolerance(usageRatio, tolerance)) return currentReplicas;
    return Math.ceil(usageRatio * readyPodCount);
  }
  const metrics = new Map(readyMetrics);
  const any = readyMetrics.values().next().value;
  if (missingPods.size > 0) {
    if (usageRatio < 1) {
      for (const name of missingPods)
        metrics.set(name, { ...ZERO(any), value: missingOnScaleDown(name) });
    } else if (usageRatio > 1) {
      for (const name of missingPods) metrics.set(name, ZERO(any));
    }
  }
  if (scaleUpWithUnready) {
    for (const name of unreadyPods) metrics.set(name, ZERO(any));
  }
  const newUsageRatio = usageRatioOf(metrics);
  if (
    withinTolerance(newUsageRatio, tolerance) ||
    (usageRatio < 1 && newUsageRatio > 1) ||
    (usageRatio > 1 && newUsageRatio < 1)
  ) {
    return currentReplicas;
  }
  const replicas = Math.ceil(newUsageRatio * metrics.size);
  if (
    (newUsageRatio < 1 && replicas > currentReplicas) ||
    (newUsageRatio > 1 && replicas < currentReplicas)
  ) {
    return currentReplicas;
  }
  return replicas;
}

/**
 * replica_calculator.go `GetResourceReplicas`: desired replicas for a Utilization target.
 * Missing pods count as 100% (or the target, if higher) on a scale-down and 0% on a
 * scale-up; unready pods count as 0% on a scale-up; a change of direction or a ratio within
 * tolerance keeps `currentReplicas`.
 */
export function getResourceReplicas(
  currentReplicas: number,
  targetUtilization: number,
  resource: string,
  pods: readonly Pod[],
  podMetrics: PodMetricsInfo,
  options: CalculatorOptions,
  container?: string,
): ReplicaProposal {
  const ready = readySamples(pods, podMetrics, resource, options);
  const requests = calculatePodRequests(pods, resource, container);
  const ratioOf = (metrics: PodMetricsInfo) =>
    getResourceUtilizationRatio(metrics, requests, targetUtilization);
  const { usageRatio, utilization, rawAverage } = ratioOf(ready.metrics);
  const fallback = Math.max(100, targetUtilization);
  const replicas = replicasForUsage(
    currentReplicas,
    usageRatio,
    ready,
    options.tolerance ?? DEFAULT_TOLERANCE,
    (name) => Math.trunc(((requests.get(name) ?? 0) * fallback) / 100),
    (metrics) => ratioOf(metrics).usageRatio,
  );
  return { replicas, utilization, rawAverage };
}

/** The average sample, truncated to whole milli-units as `calcPlainMetricReplicas` does. */
function averageUsage(metrics: PodMetricsInfo): number {
  let total = 0;
  for (const metric of metrics.values()) total += metric.value;
  return Math.trunc(total / metrics.size);
}

/**
 * replica_calculator.go `GetRawResourceReplicas` → `calcPlainMetricReplicas`: desired
 * replicas for an AverageValue target (milli-units per pod). Missing pods count as using
 * the target on a scale-down and 0 on a scale-up.
 */
export function getRawResourceReplicas(
  currentReplicas: number,
  targetAverage: number,
  resource: string,
  pods: readonly Pod[],
  podMetrics: PodMetricsInfo,
  options: CalculatorOptions,
): ReplicaProposal {
  const ready = readySamples(pods, podMetrics, resource, options);
  const rawAverage = averageUsage(ready.metrics);
  const replicas = replicasForUsage(
    currentReplicas,
    rawAverage / targetAverage,
    ready,
    options.tolerance ?? DEFAULT_TOLERANCE,
    () => targetAverage,
    (metrics) => averageUsage(metrics) / targetAverage,
  );
  return { replicas, utilization: 0, rawAverage };
}
