/**
 * @module
 * When a container's probes pass or fail, computed once instead of ticking every period, after
 * pkg/kubelet/prober/worker.go: a worker probes at once and then every `periodSeconds`
 * (counted here from the container's start); results before `initialDelaySeconds` are thrown
 * away (`int32(time.Since(startedAt).Seconds()) < InitialDelaySeconds`); liveness and readiness
 * do not run until the startup probe has passed; a result only counts after
 * `successThreshold` / `failureThreshold` identical results in a row; readiness starts as
 * Failure, liveness as Success. The process answers probes from `healthyAfter` seconds on
 * (ImageBehavior.startupSeconds; Infinity for a process that never does, or for a probe on a
 * port the process does not listen on).
 */
import type { Probe } from '../api';

/** A probe's timing with the API server's defaults filled in (period 10, success 1, failure 3). */
export interface ProbeTiming {
  readonly initialDelaySeconds: number;
  readonly periodSeconds: number;
  readonly successThreshold: number;
  readonly failureThreshold: number;
}

/** Timing of `probe` with the defaults of pkg/apis/core/v1/defaults.go `SetDefaults_Probe`. */
export function probeTiming(probe: Probe): ProbeTiming {
  return {
    initialDelaySeconds: Math.max(0, probe.initialDelaySeconds ?? 0),
    periodSeconds: Math.max(1, probe.periodSeconds ?? 10),
    successThreshold: Math.max(1, probe.successThreshold ?? 1),
    failureThreshold: Math.max(1, probe.failureThreshold ?? 3),
  };
}

/**
 * The first probe tick at or after `from` seconds that is not discarded by the initial delay.
 * firstCountedTick({ initialDelaySeconds: 5, periodSeconds: 10 }, 0) === 10
 */
export function firstCountedTick(
  timing: Pick<ProbeTiming, 'initialDelaySeconds' | 'periodSeconds'>,
  from: number,
): number {
  const earliest = Math.max(timing.initialDelaySeconds, from, 0);
  return Math.max(0, Math.ceil(earliest / timing.periodSeconds - 1e-9)) * timing.periodSeconds;
}

/**
 * Seconds after start at which the probe reports Success: the first counted tick at which the
 * process answers, plus `successThreshold - 1` more periods; Infinity if it never answers.
 * successInstant({ initialDelaySeconds: 0, periodSeconds: 10, successThreshold: 1, ... }, 0) === 0
 */
export function successInstant(timing: ProbeTiming, healthyAfter: number, notBefore = 0): number {
  if (!Number.isFinite(healthyAfter) || !Number.isFinite(notBefore)) return Infinity;
  const first = firstCountedTick(timing, Math.max(healthyAfter, notBefore));
  return first + (timing.successThreshold - 1) * timing.periodSeconds;
}

/**
 * Seconds after start at which the probe reports Failure (`failureThreshold` failed ticks in a
 * row before the process answers), or undefined when it answers in time.
 */
export function failureInstant(
  timing: ProbeTiming,
  healthyAfter: number,
  notBefore = 0,
): number | undefined {
  if (!Number.isFinite(notBefore)) return undefined;
  const first = firstCountedTick(timing, notBefore);
  const last = first + (timing.failureThreshold - 1) * timing.periodSeconds;
  return last < healthyAfter ? last : undefined;
}

/** What the probes of one container do, in seconds after the container started. */
export interface ProbePlan {
  /** `started` becomes true (startup probe passed; 0 without one); Infinity if never. */
  readonly startedAfter: number;
  /** `ready` becomes true; Infinity if never. */
  readonly readyAfter: number;
  /** The kubelet kills the container for a failed startup or liveness probe. */
  readonly killedAfter?: number;
  /** Which probe failed. */
  readonly killedBy?: 'startup' | 'liveness';
}

/** The probes a container declares. */
export interface ProbedContainer {
  readonly startupProbe?: Probe;
  readonly livenessProbe?: Probe;
  readonly readinessProbe?: Probe;
}

/**
 * Plans a container's probes. Examples (period 10 unless said):
 * - no probes: started and ready at 0.
 * - readiness initialDelay 5: ready at 10 (the tick at 0 is discarded, 10 is the next).
 * - readiness, process healthy after 12 s, successThreshold 2: ready at 30.
 * - liveness failureThreshold 3, process healthy after 45 s: killed at 20.
 */
export function planProbes(
  container: ProbedContainer,
  healthyAfter: number,
  answers: (probe: Probe) => boolean = () => true,
): ProbePlan {
  // a probe the process never answers (a port it does not listen on) fails for good
  const answeredAfter = (probe: Probe): number => (answers(probe) ? healthyAfter : Infinity);
  let startedAfter = 0;
  if (container.startupProbe) {
    const timing = probeTiming(container.startupProbe);
    const failed = failureInstant(timing, answeredAfter(container.startupProbe));
    if (failed !== undefined) {
      return {
        startedAfter: Infinity,
        readyAfter: Infinity,
        killedAfter: failed,
        killedBy: 'startup',
      };
    }
    startedAfter = successInstant(
      { ...timing, successThreshold: 1 },
      answeredAfter(container.startupProbe),
    );
  }
  let killedAfter: number | undefined;
  if (container.livenessProbe) {
    const { livenessProbe } = container;
    killedAfter = failureInstant(
      probeTiming(livenessProbe),
      answeredAfter(livenessProbe),
      startedAfter,
    );
  }
  let readyAfter = container.readinessProbe
    ? successInstant(
        probeTiming(container.readinessProbe),
        answeredAfter(container.readinessProbe),
        startedAfter,
      )
    : startedAfter;
  if (killedAfter !== undefined && readyAfter >= killedAfter) readyAfter = Infinity;
  return killedAfter === undefined
    ? { startedAfter, readyAfter }
    : { startedAfter, readyAfter, killedAfter, killedBy: 'liveness' };
}
