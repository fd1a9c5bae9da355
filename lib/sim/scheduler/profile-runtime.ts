/**
 * @module
 * One profile's instantiated plugins, grouped by extension point, and the calls that run them
 * (kubernetes pkg/scheduler/framework/runtime/framework.go: RunPreFilterPlugins,
 * RunFilterPlugins — the first rejecting plugin decides a node —, RunScorePlugins with
 * NormalizeScore and weights, RunPreBindPlugins).
 */
import {
  isFilter,
  isPreBind,
  isPreFilter,
  isScore,
  scoreEach,
  SKIP,
  type FilterPlugin,
  type Plugin,
  type Handle,
  type PreBindPlugin,
  type PreFilterPlugin,
  type ScorePlugin,
  type Status,
} from './framework';
import type { NodeInfo } from './node-info';
import type { PodInfo } from './pod-info';
import type { Profile, Registry } from './plugins/registry';

/** A score plugin with its profile weight. */
export interface WeightedScorePlugin {
  readonly plugin: ScorePlugin;
  readonly weight: number;
}

/** The plugins of one profile, ready to run. */
export class ProfileRuntime {
  /** The profile this was built from. */
  readonly profile: Profile;
  readonly preFilters: readonly PreFilterPlugin[];
  readonly filters: readonly FilterPlugin[];
  readonly scores: readonly WeightedScorePlugin[];
  readonly preBinds: readonly PreBindPlugin[];
  /** Extra kinds whose events retry unschedulable pods (union of the plugins' eventsToRegister). */
  readonly eventKinds: readonly string[];
  #total = new Float64Array(0);
  #raw = new Float64Array(0);

  constructor(profile: Profile, registry: Registry, handle: Handle) {
    this.profile = profile;
    const preFilters: PreFilterPlugin[] = [];
    const filters: FilterPlugin[] = [];
    const scores: WeightedScorePlugin[] = [];
    const preBinds: PreBindPlugin[] = [];
    const kinds = new Set<string>();
    for (const entry of profile.plugins) {
      const factory = registry[entry.name];
      if (!factory) continue; // listed for its position, not implemented (yet)
      const plugin = factory(handle);
      if (isPreFilter(plugin)) preFilters.push(plugin);
      if (isFilter(plugin)) filters.push(plugin);
      if (isScore(plugin)) scores.push({ plugin, weight: entry.weight ?? 1 });
      if (isPreBind(plugin)) preBinds.push(plugin);
      for (const k of plugin.eventsToRegister ?? []) kinds.add(k);
    }
    this.preFilters = preFilters;
    this.filters = filters;
    this.scores = scores;
    this.preBinds = preBinds;
    this.eventKinds = [...kinds];
  }

  /**
   * Runs PreFilter: the first rejection, or the filters to run for this pod (those whose
   * PreFilter answered {@link SKIP} are left out).
   */
  runPreFilters(pod: PodInfo): { status: Status } | { filters: readonly FilterPlugin[] } {
    let skipped: Set<Plugin> | undefined;
    for (const p of this.preFilters) {
      const s = p.preFilter(pod);
      if (s === SKIP) (skipped ??= new Set()).add(p);
      else if (s) return { status: s };
    }
    return { filters: skipped ? this.filters.filter((f) => !skipped.has(f)) : this.filters };
  }

  /** The first Filter rejection for this node, or undefined when the pod fits. */
  runFilters(
    pod: PodInfo,
    node: NodeInfo,
    filters: readonly FilterPlugin[] = this.filters,
  ): Status | undefined {
    for (let i = 0; i < filters.length; i++) {
      const s = filters[i].filter(pod, node);
      if (s) return s;
    }
    return undefined;
  }

  /**
   * Weighted, normalized total score per node (same order as `nodes`). `rows`, when every
   * node comes from the scheduler cache, are their rows in its NodeColumns (see
   * ScorePlugin.scoreNodes). The returned array is reused by the next call: read it before
   * scheduling another pod.
   */
  runScores(pod: PodInfo, nodes: readonly NodeInfo[], rows?: Int32Array): Float64Array {
    const n = nodes.length;
    if (this.#total.length < n) {
      this.#total = new Float64Array(n);
      this.#raw = new Float64Array(n);
    }
    const total = this.#total.subarray(0, n);
    const raw = this.#raw.subarray(0, n);
    total.fill(0);
    for (const { plugin, weight } of this.scores) {
      if (plugin.preScore && !plugin.preScore(pod, nodes, rows)) continue;
      if (plugin.scoreNodes) plugin.scoreNodes(pod, nodes, raw, rows);
      else scoreEach(plugin, pod, nodes, raw);
      plugin.normalize?.(pod, raw);
      for (let i = 0; i < n; i++) total[i] += raw[i] * weight;
    }
    return total;
  }

  /** The first PreBind failure, or undefined. */
  runPreBinds(pod: PodInfo, node: NodeInfo): Status | undefined {
    for (const p of this.preBinds) {
      const s = p.preBind(pod, node);
      if (s) return s;
    }
    return undefined;
  }
}
