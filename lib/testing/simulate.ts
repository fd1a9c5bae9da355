/**
 * @module
 * `simulate(chart)`: synthesize, apply to a fresh simulated cluster, converge — the
 * one-liner a cdk8s user's jest test needs to ask "will this converge?".
 */
import { Cluster, type ClusterOptions } from '../sim';
import type { Problem } from '../sim/types';
import { toManifests, type Simulatable } from './synth';

/** Options of {@link simulate}: the cluster's, and how long converge() may run. */
export interface SimulateOptions extends ClusterOptions {
  /** Virtual seconds converge() may run. @default 600 */
  readonly timeoutSeconds?: number;
}

/** What {@link simulate} found. */
export interface SimulationResult {
  /** True when every object reached its desired state. */
  readonly converged: boolean;
  /** Virtual seconds until the last change. */
  readonly seconds: number;
  /** Why it did not converge, in Kubernetes' words; empty when it did. */
  readonly problems: readonly Problem[];
  /** The cluster after converging: `get`, `list`, `request`, `advance` ... for further checks. */
  readonly cluster: Cluster;
}

/**
 * Synthesizes `subject` (a cdk8s Chart or App, or manifests), applies it to a new
 * `Cluster(options)` and converges it.
 *
 * ```ts
 * const { converged, problems, cluster } = simulate(chart, { nodes: 1 });
 * ```
 */
export function simulate(subject: Simulatable, options: SimulateOptions = {}): SimulationResult {
  const { timeoutSeconds = 600, ...clusterOptions } = options;
  const cluster = new Cluster(clusterOptions);
  cluster.apply(toManifests(subject));
  const result = cluster.converge({ timeoutSeconds });
  return {
    converged: result.converged,
    seconds: result.seconds,
    problems: result.problems,
    cluster,
  };
}
