/**
 * @module
 * A pod as the scheduler sees it, computed once per pod rather than once per node
 * (framework/types.go PodInfo and its cached PodResource): requests, host ports, owner.
 */
import type { LabelSelector, Pod } from '../api';
import { keyOf } from '../workqueue';
import { podRequests, type Resources } from './resources';

/** A pod (anti-)affinity term (v1.PodAffinityTerm). */
export interface PodAffinityTerm {
  labelSelector?: LabelSelector;
  namespaces?: string[];
  namespaceSelector?: LabelSelector;
  topologyKey: string;
}

/** The pod (anti-)affinity part of spec.affinity (api.ts keeps it loosely typed). */
interface PodAffinities {
  podAffinity?: { requiredDuringSchedulingIgnoredDuringExecution?: PodAffinityTerm[] };
  podAntiAffinity?: { requiredDuringSchedulingIgnoredDuringExecution?: PodAffinityTerm[] };
}

const NO_TERMS: readonly PodAffinityTerm[] = [];

/** A host port the pod asks for (v1.ContainerPort with hostPort set). */
export interface HostPort {
  readonly protocol: string;
  readonly hostIP: string;
  readonly port: number;
}

/**
 * The scheduler's key for a pod: its UID (a pod deleted and recreated under the same name is
 * another pod), or `namespace/name` for objects not stored yet.
 */
export function podKey(pod: Pod): string {
  return pod.metadata.uid ?? keyOf(pod);
}

const ownerIds = new Map<string, number>();
/** Interned signatures: comparing numbers per node is cheaper than comparing strings. */
const signatureIds = new Map<string, number>();

/** The interned id of an owner UID ('' → 0). UIDs are unique, so ids can be shared process-wide. */
export function ownerIdOf(uid: string): number {
  if (!uid) return 0;
  let id = ownerIds.get(uid);
  if (id === undefined) ownerIds.set(uid, (id = ownerIds.size + 1));
  return id;
}

/** What the scheduler derives from a pod's spec alone. */
interface SpecFacts {
  readonly requests: Resources;
  readonly nonZeroRequests: Resources;
  readonly hostPorts: readonly HostPort[];
  signature?: number;
}

/**
 * Facts by spec object. Stored specs are never mutated, and the pods of one controller share
 * their spec (store-shared-specs.ts), so a ReplicaSet's pods are parsed and signed once.
 */
const factsBySpec = new WeakMap<object, SpecFacts>();

function specFactsOf(pod: Pod): SpecFacts {
  const spec = pod.spec;
  const cached = spec && factsBySpec.get(spec);
  if (cached) return cached;
  const ports: HostPort[] = [];
  for (const c of spec?.containers ?? []) {
    for (const p of c.ports ?? []) {
      if (!p.hostPort) continue;
      const hostIP = (p as { hostIP?: string }).hostIP || '0.0.0.0';
      ports.push({ protocol: p.protocol ?? 'TCP', hostIP, port: p.hostPort });
    }
  }
  const facts: SpecFacts = {
    requests: podRequests(pod),
    nonZeroRequests: podRequests(pod, true),
    hostPorts: ports,
  };
  if (spec) factsBySpec.set(spec, facts);
  return facts;
}

/** The scheduler's pre-computed view of a pod. */
export class PodInfo {
  /** The pod object (as the store returned it; never mutated). */
  readonly pod: Pod;
  /** The cache key: the pod's UID (as framework.GetPodKey), or `namespace/name` before it has one. */
  readonly key: string;
  /** Requests for filtering (NodeResourcesFit). */
  readonly requests: Resources;
  /** Requests with 100m/200Mi defaults for containers that set none, for scoring. */
  readonly nonZeroRequests: Resources;
  /** Host ports of app containers (nodeports.go getContainerPorts). */
  readonly hostPorts: readonly HostPort[];
  /** UID of the controlling owner (or first owner), for spreading replicas; '' when bare. */
  readonly ownerUid: string;
  /** A small integer standing for ownerUid (0 when bare): counting per node by it is cheap. */
  readonly ownerId: number;
  /** spec.priority, 0 when unset. */
  readonly priority: number;
  /** Required pod affinity terms (podAffinity.requiredDuringSchedulingIgnoredDuringExecution). */
  readonly requiredAffinityTerms: readonly PodAffinityTerm[];
  /** Required pod anti-affinity terms. */
  readonly requiredAntiAffinityTerms: readonly PodAffinityTerm[];

  constructor(pod: Pod) {
    this.pod = pod;
    this.key = podKey(pod);
    const facts = specFactsOf(pod);
    this.#facts = facts;
    this.requests = facts.requests;
    this.nonZeroRequests = facts.nonZeroRequests;
    this.hostPorts = facts.hostPorts;
    const owners = pod.metadata.ownerReferences ?? [];
    this.ownerUid = (owners.find((o) => o.controller) ?? owners[0])?.uid ?? '';
    this.ownerId = ownerIdOf(this.ownerUid);
    this.priority = pod.spec?.priority ?? 0;
    const affinity = pod.spec?.affinity as PodAffinities | undefined;
    this.requiredAffinityTerms =
      affinity?.podAffinity?.requiredDuringSchedulingIgnoredDuringExecution ?? NO_TERMS;
    this.requiredAntiAffinityTerms =
      affinity?.podAntiAffinity?.requiredDuringSchedulingIgnoredDuringExecution ?? NO_TERMS;
  }

  /**
   * Everything node-local filters read from the pod (requests, host ports, tolerations, node
   * selector and affinity, nodeName), interned as a number: pods with equal signatures get
   * equal answers from them (the SignPod idea of kube-scheduler's opportunistic batching).
   */
  get signature(): number {
    const facts = this.#facts;
    if (facts.signature === undefined) {
      const spec = this.pod.spec;
      const text = JSON.stringify([
        this.requests,
        this.hostPorts,
        spec?.tolerations,
        spec?.nodeSelector,
        spec?.affinity?.nodeAffinity,
        spec?.nodeName,
      ]);
      let id = signatureIds.get(text);
      if (id === undefined) signatureIds.set(text, (id = signatureIds.size + 1));
      facts.signature = id;
    }
    return facts.signature;
  }

  readonly #facts: SpecFacts;

  /** True when the pod requests no cpu, memory nor ephemeral storage (QoS BestEffort for scoring). */
  get isBestEffort(): boolean {
    const r = this.requests;
    return r.milliCpu === 0 && r.memory === 0 && r.ephemeralStorage === 0;
  }
}
