/**
 * @module
 * What metrics-server would report for each pod: CPU and memory usage, in millicores and bytes.
 * Load is modelled per workload, as CONTRACT.md's `setCpuUtilization` defines it: a total CPU
 * demand that the workload's ready pods share evenly (more pods, less each), the way traffic
 * behind a Service spreads over its ready endpoints. Memory stays at a fixed share of each
 * pod's request (a JVM's heap does not shrink when replicas are added), unless set.
 */
import type { Pod } from '../api';
import type { Store } from '../framework';
import { isPodReady } from '../pod-readiness';
import { milliValue, podRequestOf } from './pod-requests';

/**
 * CPU a pod uses when nobody set the load: 10% of its request, an idle web server answering
 * health checks. Below any sensible target, so a fresh HPA sits at minReplicas.
 */
export const DEFAULT_IDLE_CPU_PERCENT = 10;

/** Memory a pod uses when nobody set it: half of its request (a warmed-up JVM heap). */
export const DEFAULT_MEMORY_PERCENT = 50;

/**
 * metrics-server's scrape interval (`--metric-resolution`, 15 s): the window each sample
 * covers. The HPA ignores a pod's sample until one full window has passed since it became ready.
 */
export const METRIC_WINDOW_SECONDS = 15;

/** One pod's sample, as the resource metrics API (metrics.k8s.io PodMetrics) reports it. */
export interface PodSample {
  /** Usage summed over the pod's containers: millicores for cpu, bytes for memory. */
  readonly value: number;
  /** Virtual second the sample was taken. */
  readonly timestamp: number;
  /** Seconds the sample covers. */
  readonly window: number;
}

/** A workload's identity: kind, namespace and name. */
export interface WorkloadRef {
  readonly kind: string;
  readonly namespace: string;
  readonly name: string;
}

/** `Deployment/default/web`. */
export function workloadKey(ref: WorkloadRef): string {
  return `${ref.kind}/${ref.namespace}/${ref.name}`;
}

/**
 * Sum of one resource's requests over the pod's containers and native sidecars, in the units
 * samples use (millicores for cpu, bytes for memory), or undefined when one lacks the request.
 */
export function podRequest(pod: Pod, resource: 'cpu' | 'memory'): number | undefined {
  const request = podRequestOf(pod, resource);
  if (!('milli' in request)) return undefined;
  return resource === 'cpu' ? request.milli : request.milli / 1000;
}

/** True when metrics-server has a sample for the pod: its containers run (phase Running). */
export function hasSample(pod: Pod): boolean {
  return pod.status?.phase === 'Running' && !pod.metadata.deletionTimestamp;
}

/** Per-workload load, and the per-pod samples it implies. */
export class MetricsModel {
  /** Total CPU demand in millicores, by workload key. */
  readonly #cpuDemand = new Map<string, number>();
  /** Memory usage as a percentage of each pod's request, by workload key. */
  readonly #memoryPercent = new Map<string, number>();

  /** Sets a workload's total CPU demand (millicores), shared by its ready pods. */
  setCpuDemand(ref: WorkloadRef, millicores: number): void {
    this.#cpuDemand.set(workloadKey(ref), Math.max(0, millicores));
  }

  /** The workload's total CPU demand, or undefined when only the idle default applies. */
  cpuDemand(ref: WorkloadRef): number | undefined {
    return this.#cpuDemand.get(workloadKey(ref));
  }

  /** Sets each pod's memory usage to `percent` of its memory request. */
  setMemoryUtilization(ref: WorkloadRef, percent: number): void {
    this.#memoryPercent.set(workloadKey(ref), Math.max(0, percent));
  }

  /**
   * Samples for the workload's `pods` at `now`, by pod name; pods without a sample (not
   * running) are absent. CPU: the demand split evenly over the ready pods (not-ready pods get
   * no traffic and use nothing); without a demand, each pod idles at
   * {@link DEFAULT_IDLE_CPU_PERCENT} of its request. Memory: a fixed share of each request.
   */
  samples(
    ref: WorkloadRef,
    pods: readonly Pod[],
    resource: 'cpu' | 'memory',
    now: number,
  ): Map<string, PodSample> {
    const out = new Map<string, PodSample>();
    const sample = (value: number): PodSample => ({
      value,
      timestamp: now,
      window: METRIC_WINDOW_SECONDS,
    });
    const key = workloadKey(ref);
    const demand = resource === 'cpu' ? this.#cpuDemand.get(key) : undefined;
    const percent =
      resource === 'memory'
        ? (this.#memoryPercent.get(key) ?? DEFAULT_MEMORY_PERCENT)
        : DEFAULT_IDLE_CPU_PERCENT;
    let ready = 0;
    if (demand !== undefined)
      for (const pod of pods) if (hasSample(pod) && isPodReady(pod)) ready++;
    for (const pod of pods) {
      if (!hasSample(pod)) continue;
      if (demand !== undefined) {
        out.set(pod.metadata.name, sample(isPodReady(pod) && ready > 0 ? demand / ready : 0));
      } else {
        out.set(pod.metadata.name, sample(((podRequest(pod, resource) ?? 0) * percent) / 100));
      }
    }
    return out;
  }

  /**
   * Samples of one container of each pod (ContainerResource metrics): the pod's usage in
   * proportion to the container's share of the pod's request (an even share when requests are
   * missing); pods without that container have no sample.
   */
  containerSamples(
    ref: WorkloadRef,
    pods: readonly Pod[],
    resource: 'cpu' | 'memory',
    container: string,
    now: number,
  ): Map<string, PodSample> {
    const podSamples = this.samples(ref, pods, resource, now);
    const out = new Map<string, PodSample>();
    for (const pod of pods) {
      const sample = podSamples.get(pod.metadata.name);
      const containers = pod.spec?.containers ?? [];
      const target = containers.find((c) => c.name === container);
      if (!sample || !target) continue;
      const own = target.resources?.requests?.[resource];
      const total = podRequestOf(pod, resource);
      const share =
        own !== undefined && 'milli' in total && total.milli > 0
          ? milliValue(resource, own) / total.milli
          : 1 / containers.length;
      out.set(pod.metadata.name, { ...sample, value: sample.value * share });
    }
    return out;
  }
}

const models = new WeakMap<Store, MetricsModel>();

/** The metrics model of the cluster that owns `store` (one per cluster, made on first use). */
export function metricsFor(store: Store): MetricsModel {
  let model = models.get(store);
  if (!model) models.set(store, (model = new MetricsModel()));
  return model;
}
