/**
 * @module
 * The HorizontalPodAutoscaler controller, after pkg/controller/podautoscaler/horizontal.go
 * (`reconcileAutoscaler`, `computeReplicasForMetrics`, `normalizeDesiredReplicas[WithBehaviors]`,
 * `setStatus`). Every HPA is synced every 15 s (`--horizontal-pod-autoscaler-sync-period`):
 * as with the controller's fixed-interval rate limiter, a new or changed HPA waits one period
 * in the queue too. The sync of an HPA at rest (hpa-at-rest.ts) is a `background` timer, so
 * converge() settles while it ticks; one that has more to do queues a foreground sync.
 * Each sync reads only its target and the target's pods (label index), never all pods.
 */
import type { Condition, Pod } from '../api';
import { ApiError } from '../framework';
import type { Controller, SimContext, Store } from '../framework';
import { metricsFor } from '../metrics/metrics-model';
import type { WorkloadRef } from '../metrics/metrics-model';
import { milliValue } from '../metrics/pod-requests';
import { selectPods } from '../metrics/workload-pods';
import { keyOf, splitKey } from '../workqueue';
import type {
  HorizontalPodAutoscaler,
  HorizontalPodAutoscalerStatus,
  MetricSpec,
  MetricStatus,
  MetricValueStatus,
} from './hpa-api';
import { isV1, metricSpecs } from './hpa-api';
import { hpaAtRest } from './hpa-at-rest';
import { setCondition } from './hpa-conditions';
import type { HpaConditionType } from './hpa-conditions';
import { defaultScaleDownRules, defaultScaleUpRules } from './hpa-defaults';
import {
  convertDesiredReplicasWithBehaviorRate,
  convertDesiredReplicasWithRules,
  DOWNSCALE_STABILIZATION_WINDOW_SECONDS,
  stabilizeRecommendation,
  stabilizeRecommendationWithBehaviors,
  storeScaleEvent,
} from './hpa-normalize';
import type { Normalized, TimestampedRecommendation, TimestampedScaleEvent } from './hpa-normalize';
import { formatMilliQuantity } from './hpa-quantity';
import {
  getRawResourceReplicas,
  getResourceReplicas,
  ReplicaCalculationError,
} from './hpa-replica-calculator';
import type { PodMetricsInfo, ReplicaProposal } from './hpa-replica-calculator';
import { getScale, updateScale } from './hpa-scale';
import { formatSelector, hpasControllingPods } from './hpa-selector';
import type { Scale } from './hpa-scale';

/** `--horizontal-pod-autoscaler-sync-period` (15 s). */
export const HPA_SYNC_PERIOD_SECONDS = 15;

/** The component name in the HPA's Events. */
export const HPA_CONTROLLER_NAME = 'horizontal-pod-autoscaler';

/** One metric's outcome in a sync. */
type MetricOutcome =
  | { ok: true; replicas: number; name: string; status: MetricStatus; utilization?: number }
  | { ok: false; error: string; reason: string; conditionMessage: string };

/** The work of one reconcile: a copy of the HPA and its conditions being rewritten. */
interface Reconcile {
  readonly hpa: HorizontalPodAutoscaler;
  readonly conditions: Condition[];
  readonly now: number;
}

/** Runs every HPA's control loop on the virtual clock. */
export class HorizontalPodAutoscalerController implements Controller {
  readonly name = HPA_CONTROLLER_NAME;
  #ctx: SimContext | undefined;
  readonly #syncPeriod: number;
  /** Keys waiting in the queue, with the cancel of their timer. */
  readonly #waiting = new Map<string, () => void>();
  readonly #recommendations = new Map<string, TimestampedRecommendation[]>();
  readonly #scaleUpEvents = new Map<string, TimestampedScaleEvent[]>();
  readonly #scaleDownEvents = new Map<string, TimestampedScaleEvent[]>();

  constructor(options: { syncPeriodSeconds?: number } = {}) {
    this.#syncPeriod = options.syncPeriodSeconds ?? HPA_SYNC_PERIOD_SECONDS;
  }

  start(ctx: SimContext): void {
    this.#ctx = ctx;
    ctx.store.watch<HorizontalPodAutoscaler>('HorizontalPodAutoscaler', (event) => {
      const key = keyOf(event.object);
      if (event.type === 'DELETED') return this.#forget(key);
      this.#enqueue(event.object);
    });
    for (const hpa of ctx.store.list<HorizontalPodAutoscaler>('HorizontalPodAutoscaler'))
      this.#enqueue(hpa);
  }

  /**
   * AddRateLimited with the HPA's fixed-interval limiter: one sync period, no duplicates.
   * Foreground work for the clock while the HPA's status says it has more to do.
   */
  #enqueue(hpa: HorizontalPodAutoscaler): void {
    const key = keyOf(hpa);
    if (this.#waiting.has(key) || !this.#ctx) return;
    const cancel = this.#ctx.clock.after(
      this.#syncPeriod,
      () => {
        this.#waiting.delete(key);
        this.sync(key);
      },
      { background: hpaAtRest(hpa) },
    );
    this.#waiting.set(key, cancel);
  }

  #forget(key: string): void {
    this.#waiting.get(key)?.();
    this.#waiting.delete(key);
    this.#recommendations.delete(key);
    this.#scaleUpEvents.delete(key);
    this.#scaleDownEvents.delete(key);
  }

  /** Reconciles one HPA (`namespace/name`), then queues its next sync (public: the queue's sync handler, which tests observe). */
  sync(key: string): void {
    const ctx = this.#ctx;
    if (!ctx) return;
    const { namespace, name } = splitKey(key);
    const live = ctx.store.get<HorizontalPodAutoscaler>('HorizontalPodAutoscaler', name, namespace);
    if (!live) return this.#forget(key);
    this.#reconcileAutoscaler(ctx, live, key);
    // the status just written, if any, already queued the next sync through the watch
    this.#enqueue(
      ctx.store.get<HorizontalPodAutoscaler>('HorizontalPodAutoscaler', name, namespace) ?? live,
    );
  }

  #reconcileAutoscaler(ctx: SimContext, live: HorizontalPodAutoscaler, key: string): void {
    const hpa = structuredClone(live);
    const originalStatus = JSON.stringify(live.status ?? null);
    const r: Reconcile = {
      hpa,
      conditions: [...(hpa.status?.conditions ?? []).map((c) => ({ ...c }))],
      now: ctx.clock.now(),
    };
    const spec = hpa.spec;
    const namespace = hpa.metadata.namespace ?? 'default';
    if (!spec?.scaleTargetRef) return;
    const scale = getScale(ctx.store, namespace, spec.scaleTargetRef);
    if ('error' in scale) {
      ctx.events.event(live, 'Warning', 'FailedGetScale', scale.error, this.name);
      this.#condition(
        r,
        'AbleToScale',
        'False',
        'FailedGetScale',
        `the HPA controller was unable to get the target's current scale: ${scale.error}`,
      );
      this.#writeStatus(ctx.store, r, originalStatus, hpa.status?.currentReplicas ?? 0, {
        desired: hpa.status?.desiredReplicas ?? 0,
        metrics: hpa.status?.currentMetrics ?? [],
        rescale: false,
      });
      return;
    }
    this.#condition(
      r,
      'AbleToScale',
      'True',
      'SucceededGetScale',
      "the HPA controller was able to get the target's current scale",
    );
    const currentReplicas = scale.specReplicas;
    if (!this.#recommendations.has(key))
      this.#recommendations.set(key, [{ recommendation: currentReplicas, timestamp: r.now }]);
    const minReplicas = spec.minReplicas ?? 1;
    let desiredReplicas = 0;
    let rescaleReason = '';
    let rescale = true;
    let statuses: MetricStatus[] = [];
    let cpuUtilization: number | undefined;
    if (currentReplicas === 0 && minReplicas !== 0) {
      // autoscaling is disabled for this resource; desiredReplicas stays 0
      rescale = false;
      this.#condition(
        r,
        'ScalingActive',
        'False',
        'ScalingDisabled',
        'scaling is disabled since the replica count of the target is zero',
      );
    } else if (currentReplicas > spec.maxReplicas) {
      rescaleReason = 'Current number of replicas above Spec.MaxReplicas';
      desiredReplicas = spec.maxReplicas;
    } else if (currentReplicas < minReplicas) {
      rescaleReason = 'Current number of replicas below Spec.MinReplicas';
      desiredReplicas = minReplicas;
    } else {
      const computed = this.#computeReplicasForMetrics(ctx, r, scale, metricSpecs(hpa));
      statuses = computed.statuses;
      cpuUtilization = computed.cpuUtilization;
      if (computed.replicas === -1) {
        this.#writeStatus(ctx.store, r, originalStatus, currentReplicas, {
          desired: hpa.status?.desiredReplicas ?? 0,
          metrics: statuses,
          rescale: false,
          cpuUtilization,
        });
        ctx.events.event(
          live,
          'Warning',
          'FailedComputeMetricsReplicas',
          computed.error ?? '',
          this.name,
        );
        return;
      }
      desiredReplicas = computed.replicas;
      if (desiredReplicas > currentReplicas) rescaleReason = `${computed.metric} above target`;
      if (desiredReplicas < currentReplicas) rescaleReason = 'All metrics below target';
      desiredReplicas = spec.behavior
        ? this.#normalizeWithBehaviors(r, key, currentReplicas, desiredReplicas, minReplicas)
        : this.#normalize(r, key, currentReplicas, desiredReplicas, minReplicas);
      rescale = desiredReplicas !== currentReplicas;
    }
    if (rescale) {
      try {
        updateScale(ctx.store, scale.target, desiredReplicas);
      } catch (error) {
        if (!(error instanceof ApiError)) throw error;
        ctx.events.event(
          live,
          'Warning',
          'FailedRescale',
          `New size: ${desiredReplicas}; reason: ${rescaleReason}; error: ${error.message}`,
          this.name,
        );
        this.#condition(
          r,
          'AbleToScale',
          'False',
          'FailedUpdateScale',
          `the HPA controller was unable to update the target scale: ${error.message}`,
        );
        this.#writeStatus(ctx.store, r, originalStatus, currentReplicas, {
          desired: hpa.status?.desiredReplicas ?? 0,
          metrics: statuses,
          rescale: false,
          cpuUtilization,
        });
        return;
      }
      this.#condition(
        r,
        'AbleToScale',
        'True',
        'SucceededRescale',
        `the HPA controller was able to update the target scale to ${desiredReplicas}`,
      );
      ctx.events.event(
        live,
        'Normal',
        'SuccessfulRescale',
        `New size: ${desiredReplicas}; reason: ${rescaleReason}`,
        this.name,
      );
      if (spec.behavior) {
        storeScaleEvent(
          spec.behavior.scaleUp,
          spec.behavior.scaleDown,
          this.#listOf(this.#scaleUpEvents, key),
          this.#listOf(this.#scaleDownEvents, key),
          currentReplicas,
          desiredReplicas,
          r.now,
        );
      }
    } else {
      desiredReplicas = currentReplicas;
    }
    this.#writeStatus(ctx.store, r, originalStatus, currentReplicas, {
      desired: desiredReplicas,
      metrics: statuses,
      rescale,
      cpuUtilization,
    });
  }

  /** The HPA's remembered list in `map` (scale events or recommendations), made on first use. */
  #listOf<T>(map: Map<string, T[]>, key: string): T[] {
    let list = map.get(key);
    if (!list) map.set(key, (list = []));
    return list;
  }

  #condition(
    r: Reconcile,
    type: HpaConditionType,
    status: 'True' | 'False',
    reason: string,
    message: string,
  ): void {
    setCondition(r.conditions, type, status, reason, message, this.#ctx?.clock.timestamp() ?? '');
  }

  /** horizontal.go `normalizeDesiredReplicas`: the rules without `behavior`. */
  #normalize(
    r: Reconcile,
    key: string,
    currentReplicas: number,
    prenormalized: number,
    minReplicas: number,
  ): number {
    const recommendations = this.#listOf(this.#recommendations, key);
    const stabilized = stabilizeRecommendation(recommendations, prenormalized, r.now);
    this.#setAbleToScale(r, prenormalized, {
      replicas: stabilized,
      reason: 'ScaleDownStabilized',
      message:
        'recent recommendations were higher than current one, applying the highest recent recommendation',
    });
    const normalized = convertDesiredReplicasWithRules(
      currentReplicas,
      stabilized,
      minReplicas,
      r.hpa.spec?.maxReplicas ?? minReplicas,
    );
    return this.#setScalingLimited(r, stabilized, normalized);
  }

  /** horizontal.go `normalizeDesiredReplicasWithBehaviors`: windows, then the policies' rate. */
  #normalizeWithBehaviors(
    r: Reconcile,
    key: string,
    currentReplicas: number,
    prenormalized: number,
    minReplicas: number,
  ): number {
    const behavior = r.hpa.spec?.behavior ?? {};
    const scaleDown = { ...(behavior.scaleDown ?? defaultScaleDownRules()) };
    // maybeInitScaleDownStabilizationWindow: the controller's flag fills an unset window
    scaleDown.stabilizationWindowSeconds ??= DOWNSCALE_STABILIZATION_WINDOW_SECONDS;
    const args = {
      scaleUp: behavior.scaleUp ?? defaultScaleUpRules(),
      scaleDown,
      minReplicas,
      maxReplicas: r.hpa.spec?.maxReplicas ?? minReplicas,
      currentReplicas,
      desiredReplicas: prenormalized,
    };
    const recommendations = this.#listOf(this.#recommendations, key);
    const stabilized = stabilizeRecommendationWithBehaviors(recommendations, args, r.now);
    this.#setAbleToScale(r, prenormalized, stabilized);
    const normalized = convertDesiredReplicasWithBehaviorRate(
      { ...args, desiredReplicas: stabilized.replicas },
      this.#scaleUpEvents.get(key) ?? [],
      this.#scaleDownEvents.get(key) ?? [],
      r.now,
    );
    return this.#setScalingLimited(r, stabilized.replicas, normalized);
  }

  /**
   * Both normalizations' AbleToScale: the stabilization's reason when it held the
   * recommendation back, else ReadyForNewScale.
   */
  #setAbleToScale(r: Reconcile, prenormalized: number, stabilized: Normalized): void {
    if (stabilized.replicas !== prenormalized) {
      this.#condition(r, 'AbleToScale', 'True', stabilized.reason, stabilized.message);
    } else {
      this.#condition(
        r,
        'AbleToScale',
        'True',
        'ReadyForNewScale',
        'recommended size matches current size',
      );
    }
  }

  /** Both normalizations' ScalingLimited: True when the rules moved the count; returns it. */
  #setScalingLimited(r: Reconcile, stabilized: number, normalized: Normalized): number {
    const limited = normalized.replicas !== stabilized;
    this.#condition(
      r,
      'ScalingLimited',
      limited ? 'True' : 'False',
      normalized.reason,
      normalized.message,
    );
    return normalized.replicas;
  }

  /**
   * horizontal.go `computeReplicasForMetrics`: the largest proposal of the valid metrics; -1
   * with an error when all are invalid, or some are and the rest would scale down.
   */
  #computeReplicasForMetrics(
    ctx: SimContext,
    r: Reconcile,
    scale: Scale,
    specs: MetricSpec[],
  ): {
    replicas: number;
    metric: string;
    statuses: MetricStatus[];
    cpuUtilization?: number;
    error?: string;
  } {
    const namespace = r.hpa.metadata.namespace ?? 'default';
    const pods = scale.selector ? selectPods(ctx.store, namespace, scale.selector) : [];
    const controlling = hpasControllingPods(ctx.store, namespace, pods);
    if (controlling.length > 1) {
      const error = `pods by selector ${formatSelector(scale.selector ?? {})} are controlled by multiple HPAs: [${controlling.join(' ')}]`;
      ctx.events.event(r.hpa, 'Warning', 'AmbiguousSelector', error, this.name);
      this.#condition(r, 'ScalingActive', 'False', 'AmbiguousSelector', error);
      return { replicas: -1, metric: '', statuses: [], error };
    }
    const workload: WorkloadRef = {
      kind: scale.target.kind,
      namespace,
      name: scale.target.metadata.name,
    };
    const statuses: MetricStatus[] = [];
    let replicas = 0;
    let metric = '';
    let cpuUtilization: number | undefined;
    let invalid = 0;
    let firstInvalid: Extract<MetricOutcome, { ok: false }> | undefined;
    for (const spec of specs) {
      const outcome = this.#computeReplicasForMetric(ctx, r, spec, scale, pods, workload);
      if (!outcome.ok) {
        ctx.events.event(r.hpa, 'Warning', outcome.reason, outcome.error, this.name);
        if (!firstInvalid) firstInvalid = outcome;
        invalid++;
        continue;
      }
      statuses.push(outcome.status);
      if (
        outcome.utilization !== undefined &&
        spec.type === 'Resource' &&
        spec.resource?.name === 'cpu'
      )
        cpuUtilization = outcome.utilization;
      if (replicas === 0 || outcome.replicas > replicas) {
        replicas = outcome.replicas;
        metric = outcome.name;
      }
    }
    if (firstInvalid && (invalid >= specs.length || replicas < scale.specReplicas)) {
      this.#condition(
        r,
        'ScalingActive',
        'False',
        firstInvalid.reason,
        firstInvalid.conditionMessage,
      );
      return {
        replicas: -1,
        metric: '',
        statuses,
        cpuUtilization,
        error: `invalid metrics (${invalid} invalid out of ${specs.length}), first error is: ${firstInvalid.error}`,
      };
    }
    this.#condition(
      r,
      'ScalingActive',
      'True',
      'ValidMetricFound',
      `the HPA was able to successfully calculate a replica count from ${metric}`,
    );
    return { replicas, metric, statuses, cpuUtilization };
  }

  /**
   * horizontal.go `computeReplicasForMetric` → `computeStatusForResourceMetricGeneric` for
   * Resource and ContainerResource metrics (cpu, memory).
   */
  #computeReplicasForMetric(
    ctx: SimContext,
    r: Reconcile,
    spec: MetricSpec,
    scale: Scale,
    pods: Pod[],
    workload: WorkloadRef,
  ): MetricOutcome {
    const fail = (reason: string, error: string, wrap: string): MetricOutcome => ({
      ok: false,
      reason,
      error: `${wrap}${error}`,
      conditionMessage: `the HPA was unable to compute the replica count: ${error}`,
    });
    const source =
      spec.type === 'Resource'
        ? spec.resource
        : spec.type === 'ContainerResource'
          ? spec.containerResource
          : undefined;
    if (!source) {
      // no custom/external metrics adapter runs in the simulated cluster, as in a fresh kind cluster
      return fail(
        `FailedGet${spec.type}Metric`,
        `the simulator serves only Resource and ContainerResource metrics (cpu, memory) from its metrics-server; no adapter serves ${spec.type} metrics`,
        '',
      );
    }
    const { name, target } = source;
    const container =
      spec.type === 'ContainerResource' ? spec.containerResource?.container : undefined;
    const reason =
      container === undefined ? 'FailedGetResourceMetric' : 'FailedGetContainerResourceMetric';
    const wrap =
      container === undefined
        ? `failed to get ${name} resource metric value: `
        : `failed to get ${container} container metric value: `;
    if (name !== 'cpu' && name !== 'memory') {
      return fail(
        reason,
        `failed to get ${name} utilization: unable to get metrics for resource ${name}: no metrics returned from resource metrics API`,
        wrap,
      );
    }
    const model = metricsFor(ctx.store);
    const raw =
      container === undefined
        ? model.samples(workload, pods, name, r.now)
        : model.containerSamples(workload, pods, name, container, r.now);
    const samples: PodMetricsInfo = new Map();
    for (const [pod, sample] of raw) {
      // the metrics client reads MilliValue(), which rounds up
      const milli = name === 'cpu' ? sample.value : sample.value * 1000;
      samples.set(pod, { ...sample, value: Math.ceil(milli - 1e-9) });
    }
    const status = (current: MetricValueStatus): MetricStatus =>
      container === undefined
        ? { type: 'Resource', resource: { name, current } }
        : { type: 'ContainerResource', containerResource: { name, container, current } };
    const options = { now: r.now };
    let proposal: ReplicaProposal;
    try {
      if (target.averageValue !== undefined) {
        proposal = getRawResourceReplicas(
          scale.specReplicas,
          milliValue(name, target.averageValue),
          name,
          pods,
          samples,
          options,
        );
        return {
          ok: true,
          replicas: proposal.replicas,
          name: `${name} resource`,
          status: status({ averageValue: formatMilliQuantity(proposal.rawAverage) }),
        };
      }
      if (target.averageUtilization === undefined) {
        return fail(
          reason,
          'invalid resource metric source: neither an average utilization target nor an average value target was set',
          wrap,
        );
      }
      proposal = getResourceReplicas(
        scale.specReplicas,
        target.averageUtilization,
        name,
        pods,
        samples,
        options,
        container,
      );
    } catch (error) {
      if (!(error instanceof ReplicaCalculationError)) throw error;
      return fail(reason, `failed to get ${name} utilization: ${error.message}`, wrap);
    }
    return {
      ok: true,
      replicas: proposal.replicas,
      name:
        container === undefined
          ? `${name} resource utilization (percentage of request)`
          : `${name} container resource utilization (percentage of request)`,
      utilization: proposal.utilization,
      status: status({
        averageUtilization: proposal.utilization,
        averageValue: formatMilliQuantity(proposal.rawAverage),
      }),
    };
  }

  /** horizontal.go `setStatus` + `updateStatusIfNeeded` (v1 objects get v1's status fields). */
  #writeStatus(
    store: Store,
    r: Reconcile,
    originalStatus: string,
    currentReplicas: number,
    next: { desired: number; metrics: MetricStatus[]; rescale: boolean; cpuUtilization?: number },
  ): void {
    const previous = r.hpa.status;
    const status: HorizontalPodAutoscalerStatus = {
      observedGeneration: r.hpa.metadata.generation,
      currentReplicas,
      desiredReplicas: next.desired,
    };
    const lastScaleTime = next.rescale ? this.#ctx?.clock.timestamp() : previous?.lastScaleTime;
    if (lastScaleTime) status.lastScaleTime = lastScaleTime;
    if (isV1(r.hpa)) {
      const cpu = next.cpuUtilization ?? previous?.currentCPUUtilizationPercentage;
      if (cpu !== undefined) status.currentCPUUtilizationPercentage = cpu;
    } else if (next.metrics.length > 0) {
      status.currentMetrics = next.metrics;
    }
    status.conditions = r.conditions;
    if (JSON.stringify(status) === originalStatus) return;
    store.updateStatus({ ...r.hpa, status });
  }
}
