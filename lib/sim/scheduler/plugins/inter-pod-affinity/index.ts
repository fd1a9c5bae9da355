/**
 * @module
 * InterPodAffinity filter: required pod affinity and anti-affinity, both the incoming pod's
 * terms and the anti-affinity terms of pods already placed (the symmetric check)
 * (kubernetes pkg/scheduler/framework/plugins/interpodaffinity/filtering.go). PreFilter counts,
 * per topology pair (`topologyKey=value` of the node a matching pod runs on), the pods that
 * match each side; Filter then only looks the node's pairs up. The first pod of a group whose
 * affinity selects itself may go anywhere.
 *
 * Score (scoring.go): the incoming pod's preferred terms add (affinity) or subtract
 * (anti-affinity) their weight for every matching placed pod in the node's domain, normalized
 * to 0..100 between the lowest and highest node. Placed pods' own preferred terms towards the
 * incoming pod (the symmetric part) are not counted.
 */
import type { Pod } from '../../../api';
import { matchesSelector } from '../../../selector';
import {
  Code,
  MAX_NODE_SCORE,
  newStatus,
  SKIP,
  type FilterPlugin,
  type Handle,
  type PreFilterPlugin,
  type ScorePlugin,
  type Status,
} from '../../framework';
import type { NodeInfo } from '../../node-info';
import type { PodAffinityTerm, PodInfo } from '../../pod-info';
import { isTerminal } from '../../pod-status';
import { asPod } from '../../views';

/** Plugin name. */
export const NAME = 'InterPodAffinity';
/** A placed pod's anti-affinity rejects the incoming pod on this node. */
export const ERR_REASON_EXISTING_ANTI_AFFINITY_RULES_NOT_MATCH =
  "node(s) didn't satisfy existing pods anti-affinity rules";
/** The incoming pod's affinity finds no matching pod in the node's domain. */
export const ERR_REASON_AFFINITY_RULES_NOT_MATCH = "node(s) didn't match pod affinity rules";
/** The incoming pod's anti-affinity finds a matching pod in the node's domain. */
export const ERR_REASON_ANTI_AFFINITY_RULES_NOT_MATCH =
  "node(s) didn't match pod anti-affinity rules";

/** `key=value` of a topology domain. */
function pairOf(key: string, value: string): string {
  return `${key}\u0000${value}`;
}

/**
 * True when `target` matches `term` of `owner`: the term's namespaces (default: the owner's own;
 * an empty namespaceSelector means all) and its label selector (nil selects nothing).
 */
export function termMatches(
  term: PodAffinityTerm,
  owner: Pod,
  target: Pod,
  namespaceLabels: (namespace: string) => Record<string, string> | undefined,
): boolean {
  const ns = target.metadata.namespace ?? 'default';
  const listed = term.namespaces ?? [];
  let inNamespace = listed.includes(ns);
  if (!inNamespace && term.namespaceSelector) {
    inNamespace = matchesSelector(namespaceLabels(ns) ?? {}, term.namespaceSelector);
  }
  if (!inNamespace && listed.length === 0 && !term.namespaceSelector) {
    inNamespace = ns === (owner.metadata.namespace ?? 'default');
  }
  return inNamespace && matchesSelector(target.metadata.labels ?? {}, term.labelSelector);
}

/**
 * satisfyPodAffinity: the node must carry every term's topology key, and each of its domains
 * must hold a matching pod — unless no pod matches anywhere and the pod matches its own terms.
 */
function satisfiesAffinity(s: State, pod: PodInfo, node: NodeInfo): boolean {
  let podsExist = true;
  for (const t of pod.requiredAffinityTerms) {
    const value = node.labels[t.topologyKey];
    if (value === undefined) return false;
    if ((s.affinity.get(pairOf(t.topologyKey, value)) ?? 0) <= 0) podsExist = false;
  }
  return podsExist || (s.affinity.size === 0 && s.selfMatch);
}

/** A preferred term with its weight and direction (+1 affinity, -1 anti-affinity). */
interface WeightedTerm {
  readonly weight: number;
  readonly podAffinityTerm: PodAffinityTerm;
  readonly sign: 1 | -1;
}

/** The preferred parts of spec.affinity (api.ts keeps them loosely typed). */
interface PreferredAffinities {
  podAffinity?: {
    preferredDuringSchedulingIgnoredDuringExecution?: Omit<WeightedTerm, 'sign'>[];
  };
  podAntiAffinity?: {
    preferredDuringSchedulingIgnoredDuringExecution?: Omit<WeightedTerm, 'sign'>[];
  };
}

/** Counts per topology pair, computed once per pod. */
interface State {
  readonly key: string;
  /** Pairs where a placed pod's anti-affinity term matches the incoming pod. */
  readonly existingAnti: Map<string, number>;
  /** Pairs holding pods that match all of the incoming pod's affinity terms. */
  readonly affinity: Map<string, number>;
  /** Pairs holding pods that match one of the incoming pod's anti-affinity terms. */
  readonly anti: Map<string, number>;
  /** The incoming pod matches its own affinity terms (it may start a group). */
  readonly selfMatch: boolean;
}

/** Required inter-pod (anti-)affinity. */
export class InterPodAffinity implements PreFilterPlugin, FilterPlugin, ScorePlugin {
  readonly name = NAME;
  readonly #handle: Handle;
  #state: State | undefined;
  /** Per topology pair, the summed weights of the incoming pod's preferred terms (PreScore). */
  readonly #pairScores = new Map<string, number>();
  #preferred: readonly WeightedTerm[] = [];

  constructor(handle: Handle) {
    this.#handle = handle;
  }

  #namespaceLabels = (namespace: string): Record<string, string> | undefined =>
    this.#handle.store.get('Namespace', namespace)?.metadata.labels;

  preFilter(pod: PodInfo): Status | typeof SKIP | undefined {
    this.#state = undefined;
    const existingAnti = new Map<string, number>();
    for (const node of this.#handle.nodesWithRequiredAntiAffinity()) {
      for (const other of node.podsWithRequiredAntiAffinity.values()) {
        for (const term of other.requiredAntiAffinityTerms) {
          const value = node.labels[term.topologyKey];
          if (value === undefined) continue;
          if (!termMatches(term, other.pod, pod.pod, this.#namespaceLabels)) continue;
          const pair = pairOf(term.topologyKey, value);
          existingAnti.set(pair, (existingAnti.get(pair) ?? 0) + 1);
        }
      }
    }
    const affinityTerms = pod.requiredAffinityTerms;
    const antiTerms = pod.requiredAntiAffinityTerms;
    if (existingAnti.size === 0 && affinityTerms.length === 0 && antiTerms.length === 0) {
      return SKIP;
    }
    const affinity = new Map<string, number>();
    const anti = new Map<string, number>();
    if (affinityTerms.length > 0 || antiTerms.length > 0) {
      for (const { target, node } of this.#candidates(pod, [...affinityTerms, ...antiTerms])) {
        if (affinityTerms.every((t) => termMatches(t, pod.pod, target, this.#namespaceLabels))) {
          for (const t of affinityTerms) this.#count(affinity, node, t.topologyKey);
        }
        for (const t of antiTerms) {
          if (termMatches(t, pod.pod, target, this.#namespaceLabels)) {
            this.#count(anti, node, t.topologyKey);
          }
        }
      }
    }
    const selfMatch =
      affinityTerms.length > 0 &&
      affinityTerms.every((t) => termMatches(t, pod.pod, pod.pod, this.#namespaceLabels));
    this.#state = { key: pod.key, existingAnti, affinity, anti, selfMatch };
    return undefined;
  }

  filter(pod: PodInfo, node: NodeInfo): Status | undefined {
    const s = this.#state;
    if (!s || s.key !== pod.key) return undefined;
    // Checked in Kubernetes' order: own affinity, own anti-affinity, placed pods' anti-affinity.
    if (!satisfiesAffinity(s, pod, node)) {
      return newStatus(
        Code.UnschedulableAndUnresolvable,
        NAME,
        ERR_REASON_AFFINITY_RULES_NOT_MATCH,
      );
    }
    for (const t of pod.requiredAntiAffinityTerms) {
      const value = node.labels[t.topologyKey];
      if (value !== undefined && (s.anti.get(pairOf(t.topologyKey, value)) ?? 0) > 0) {
        return newStatus(Code.Unschedulable, NAME, ERR_REASON_ANTI_AFFINITY_RULES_NOT_MATCH);
      }
    }
    for (const pair of s.existingAnti.keys()) {
      const [key, value] = pair.split('\u0000');
      if (node.labels[key] === value) {
        return newStatus(
          Code.Unschedulable,
          NAME,
          ERR_REASON_EXISTING_ANTI_AFFINITY_RULES_NOT_MATCH,
        );
      }
    }
    return undefined;
  }

  preScore(pod: PodInfo): boolean {
    const affinity = pod.pod.spec?.affinity as PreferredAffinities | undefined;
    const terms: WeightedTerm[] = [
      ...(affinity?.podAffinity?.preferredDuringSchedulingIgnoredDuringExecution ?? []).map(
        (t) => ({ ...t, sign: 1 as const }),
      ),
      ...(affinity?.podAntiAffinity?.preferredDuringSchedulingIgnoredDuringExecution ?? []).map(
        (t) => ({ ...t, sign: -1 as const }),
      ),
    ];
    this.#preferred = terms;
    this.#pairScores.clear();
    if (terms.length === 0) return false;
    const candidates = [
      ...this.#candidates(
        pod,
        terms.map((t) => t.podAffinityTerm),
      ),
    ];
    for (const t of terms) {
      const key = t.podAffinityTerm.topologyKey;
      for (const { target, node } of candidates) {
        const value = node.labels[key];
        if (value === undefined) continue;
        if (!termMatches(t.podAffinityTerm, pod.pod, target, this.#namespaceLabels)) continue;
        const pair = pairOf(key, value);
        this.#pairScores.set(pair, (this.#pairScores.get(pair) ?? 0) + t.sign * t.weight);
      }
    }
    return true;
  }

  score(_pod: PodInfo, node: NodeInfo): number {
    let score = 0;
    for (const t of this.#preferred) {
      const value = node.labels[t.podAffinityTerm.topologyKey];
      if (value === undefined) continue;
      score += this.#pairScores.get(pairOf(t.podAffinityTerm.topologyKey, value)) ?? 0;
    }
    return score;
  }

  normalize(_pod: PodInfo, scores: Float64Array): void {
    let min = Infinity;
    let max = -Infinity;
    for (let i = 0; i < scores.length; i++) {
      if (scores[i] < min) min = scores[i];
      if (scores[i] > max) max = scores[i];
    }
    const diff = max - min;
    for (let i = 0; i < scores.length; i++) {
      scores[i] = diff > 0 ? Math.trunc((MAX_NODE_SCORE * (scores[i] - min)) / diff) : 0;
    }
  }

  #count(into: Map<string, number>, node: NodeInfo, topologyKey: string): void {
    const value = node.labels[topologyKey];
    if (value === undefined) return;
    const pair = pairOf(topologyKey, value);
    into.set(pair, (into.get(pair) ?? 0) + 1);
  }

  /**
   * Placed pods any of `terms` could select, found through the store's label index (the
   * terms' matchLabels) rather than by walking every pod; each with the node it counts on.
   */
  *#candidates(
    pod: PodInfo,
    terms: readonly PodAffinityTerm[],
  ): Generator<{ target: Pod; node: NodeInfo }> {
    const store = this.#handle.store;
    const seen = new Set<string>();
    for (const term of terms) {
      const namespaces =
        term.namespaceSelector || (term.namespaces?.length ?? 0) === 0
          ? term.namespaceSelector
            ? store.list('Namespace').map((n) => n.metadata.name)
            : [pod.pod.metadata.namespace ?? 'default']
          : (term.namespaces as string[]);
      for (const ns of namespaces) {
        for (const obj of store.select('Pod', ns, term.labelSelector?.matchLabels ?? {})) {
          const target = asPod(obj);
          const uid = target.metadata.uid ?? '';
          const nodeName = target.spec?.nodeName;
          if (!nodeName || seen.has(uid) || isTerminal(target) || uid === pod.pod.metadata.uid) {
            continue;
          }
          seen.add(uid);
          const node = this.#handle.node(nodeName);
          if (node) yield { target, node };
        }
      }
    }
  }
}
