/**
 * @module
 * What each object costs in quota, after pkg/quota/v1/evaluator/core (pods.go, services.go,
 * persistent_volume_claims.go, registry.go) and the generic object-count evaluator
 * (apiserver pkg/quota/v1/generic `count/<resource>`): which quota resources an evaluator
 * matches, the object's usage, the pod's `must specify` constraints, and the pod scopes
 * (Terminating, BestEffort, PriorityClass).
 */
import { qosClass } from '../admission';
import type { Container, Pod, PodSpec, Service } from '../api';
import { BUILT_IN_KINDS, resourceName } from '../kinds';
import type { KubeObject } from '../types';
import { asView } from '../views';
import { add, count, resourceList, type Quantity, type ResourceList } from './quantity';

/** What a pod is, for quota scopes (podMatchesScopeFunc). */
export interface PodScopeFacts {
  readonly terminating: boolean;
  readonly bestEffort: boolean;
  readonly priorityClassName: string;
  readonly crossNamespaceAffinity: boolean;
}

/** A scope requirement (corev1.ScopedResourceSelectorRequirement). */
export interface ScopeRequirement {
  readonly scopeName: string;
  readonly operator: 'In' | 'NotIn' | 'Exists' | 'DoesNotExist';
  readonly values?: readonly string[];
}

/** Resources whose quota forces every container to set them (pods.go `validationSet`). */
const VALIDATION_SET = new Set([
  'cpu',
  'memory',
  'requests.cpu',
  'requests.memory',
  'limits.cpu',
  'limits.memory',
]);

/** pods.go `podResources`. */
const POD_RESOURCES = new Set([
  'count/pods',
  'cpu',
  'memory',
  'ephemeral-storage',
  'requests.cpu',
  'requests.memory',
  'requests.ephemeral-storage',
  'limits.cpu',
  'limits.memory',
  'limits.ephemeral-storage',
  'pods',
]);

const SERVICE_RESOURCES = new Set([
  'count/services',
  'services',
  'services.nodeports',
  'services.loadbalancers',
]);

/** persistent_volume_claims.go: `<class>.storageclass.storage.k8s.io/<resource>`. */
const STORAGE_CLASS_SUFFIX = '.storageclass.storage.k8s.io/';
const PVC_RESOURCES = new Set(['persistentvolumeclaims', 'requests.storage']);

/** Kinds the core registry counts under a legacy name too (registry.go). */
const LEGACY_COUNT: Readonly<Record<string, string>> = {
  ConfigMap: 'configmaps',
  Secret: 'secrets',
  ReplicationController: 'replicationcontrollers',
};

/** Native resource names (helper.IsNativeResource): no domain, or a kubernetes.io one. */
function isNativeResource(name: string): boolean {
  return !name.includes('/') || name.includes('kubernetes.io/');
}

/** Extended resources (helper.IsExtendedResourceName), e.g. `nvidia.com/gpu`. */
function isExtendedResource(name: string): boolean {
  return !isNativeResource(name) && !name.startsWith('requests.');
}

/** The quota resources of `hard` that an object of `kind` is charged for (MatchingResources). */
export function matchingResources(kind: string, hard: Iterable<string>): string[] {
  const out: string[] = [];
  for (const name of hard) {
    if (kind === 'Pod') {
      if (
        POD_RESOURCES.has(name) ||
        name.startsWith('hugepages-') ||
        name.startsWith('requests.hugepages-') ||
        (name.startsWith('requests.') && !isNativeResource(name))
      )
        out.push(name);
    } else if (kind === 'Service') {
      if (SERVICE_RESOURCES.has(name)) out.push(name);
    } else if (kind === 'PersistentVolumeClaim') {
      if (
        name === 'count/persistentvolumeclaims' ||
        PVC_RESOURCES.has(name) ||
        [...PVC_RESOURCES].some((r) => name.endsWith(STORAGE_CLASS_SUFFIX + r))
      )
        out.push(name);
    } else if (name === `count/${resourceName(kind)}` || name === LEGACY_COUNT[kind]) {
      out.push(name);
    }
  }
  return out;
}

/** Kinds the simulator can count for `count/<resource>`: built-in kinds and the core ones. */
const COUNTABLE_KINDS = [
  ...BUILT_IN_KINDS,
  'Pod',
  'Service',
  'ConfigMap',
  'Secret',
  'PersistentVolumeClaim',
  'ServiceAccount',
  'ReplicationController',
  'LimitRange',
  'Endpoints',
];

/** The kind whose objects a quota resource counts, or undefined when none is simulated. */
export function kindOfResource(name: string): string | undefined {
  if (matchingResources('Pod', [name]).length > 0) return 'Pod';
  if (matchingResources('Service', [name]).length > 0) return 'Service';
  if (matchingResources('PersistentVolumeClaim', [name]).length > 0) return 'PersistentVolumeClaim';
  for (const kind of COUNTABLE_KINDS) {
    if (kind === 'ResourceQuota' || kind === 'Event') continue;
    if (matchingResources(kind, [name]).length > 0) return kind;
  }
  return undefined;
}

function addResources(into: ResourceList, from: ResourceList): void {
  for (const [name, value] of from) into.set(name, add(into.get(name), value));
}

function maxResources(into: ResourceList, from: ResourceList): void {
  for (const [name, value] of from) {
    const current = into.get(name);
    if (!current || value.milli > current.milli) into.set(name, value);
  }
}

/**
 * The pod's effective requests or limits (pkg/api/v1/resource PodRequests/PodLimits): the sum
 * of its containers and sidecars (restartable init containers), or the largest init container
 * (plus the sidecars started before it) when that is more, plus the pod overhead.
 */
export function podResources(
  spec: PodSpec | undefined,
  which: 'requests' | 'limits',
): ResourceList {
  const total: ResourceList = new Map();
  for (const c of spec?.containers ?? []) addResources(total, resourceList(c.resources?.[which]));
  const sidecars: ResourceList = new Map();
  const initMax: ResourceList = new Map();
  for (const c of spec?.initContainers ?? []) {
    const own = resourceList(c.resources?.[which]);
    if (c.restartPolicy === 'Always') {
      addResources(total, own);
      addResources(sidecars, own);
      maxResources(initMax, sidecars);
    } else {
      const withSidecars = new Map(own);
      addResources(withSidecars, sidecars);
      maxResources(initMax, withSidecars);
    }
  }
  maxResources(total, initMax);
  const overhead = resourceList(
    (spec as { overhead?: Record<string, unknown> } | undefined)?.overhead,
  );
  for (const [name, value] of overhead) {
    if (which === 'requests' || total.has(name)) total.set(name, add(total.get(name), value));
  }
  return total;
}

/** pods.go `podComputeUsageHelper`: requests and limits as quota resource names. */
export function computeUsage(requests: ResourceList, limits: ResourceList): ResourceList {
  const out: ResourceList = new Map([['pods', count(1)]]);
  for (const name of ['cpu', 'memory', 'ephemeral-storage']) {
    const request = requests.get(name);
    if (request) {
      out.set(name, request);
      out.set(`requests.${name}`, request);
    }
    const limit = limits.get(name);
    if (limit) out.set(`limits.${name}`, limit);
  }
  for (const [name, request] of requests) {
    if (name.startsWith('hugepages-')) {
      out.set(name, request);
      out.set(`requests.${name}`, request);
    }
    if (isExtendedResource(name)) out.set(`requests.${name}`, request);
  }
  return out;
}

/** Virtual seconds of a deletion timestamp. */
export type SecondsOf = (timestamp: string) => number;

/**
 * Whether a pod is charged for compute quota (pods.go `QuotaV1Pod`): not when terminal, nor when
 * it has been terminating for longer than its grace period after the deletion timestamp (a
 * pod stuck on a lost node must not keep its owner from replacing it).
 */
export function podCharged(pod: Pod, now: number, secondsOf: SecondsOf): boolean {
  const phase = pod.status?.phase;
  if (phase === 'Failed' || phase === 'Succeeded') return false;
  const expiry = chargeExpiry(pod, secondsOf);
  return expiry === undefined || now < expiry;
}

/** When a terminating pod stops being charged: deletionTimestamp + deletionGracePeriodSeconds. */
export function chargeExpiry(pod: Pod, secondsOf: SecondsOf): number | undefined {
  const { deletionTimestamp, deletionGracePeriodSeconds } = pod.metadata;
  if (typeof deletionTimestamp !== 'string' || typeof deletionGracePeriodSeconds !== 'number')
    return undefined;
  return secondsOf(deletionTimestamp) + deletionGracePeriodSeconds;
}

/** pods.go `PodUsageFunc`: `count/pods` always, compute resources only while charged. */
export function podUsage(pod: Pod, charged: boolean): ResourceList {
  const usage: ResourceList = new Map([['count/pods', count(1)]]);
  if (!charged) return usage;
  for (const [name, value] of computeUsage(
    podResources(pod.spec, 'requests'),
    podResources(pod.spec, 'limits'),
  ))
    usage.set(name, value);
  return usage;
}

/** services.go `Usage`: node ports counted per port for NodePort and LoadBalancer types. */
export function serviceUsage(service: Service): ResourceList {
  const ports = service.spec?.ports?.length ?? 0;
  const type = service.spec?.type;
  const lbNodePorts =
    (service.spec as { allocateLoadBalancerNodePorts?: boolean } | undefined)
      ?.allocateLoadBalancerNodePorts === false
      ? (service.spec?.ports ?? []).filter((p) => p.nodePort).length
      : ports;
  return new Map<string, Quantity>([
    ['count/services', count(1)],
    ['services', count(1)],
    ['services.loadbalancers', count(type === 'LoadBalancer' ? 1 : 0)],
    [
      'services.nodeports',
      count(type === 'NodePort' ? ports : type === 'LoadBalancer' ? lbNodePorts : 0),
    ],
  ]);
}

interface ClaimView {
  spec?: { storageClassName?: string; resources?: { requests?: Record<string, unknown> } };
  status?: { allocatedResources?: Record<string, unknown> };
  metadata: { annotations?: Record<string, string> };
}

/** persistent_volume_claims.go `Usage`: the claim, its storage (rounded up to bytes), by class too. */
export function claimUsage(obj: KubeObject): ResourceList {
  const claim = asView<ClaimView>(obj);
  const usage: ResourceList = new Map([
    ['persistentvolumeclaims', count(1)],
    ['count/persistentvolumeclaims', count(1)],
  ]);
  const storageClass =
    claim.spec?.storageClassName ??
    claim.metadata.annotations?.['volume.beta.kubernetes.io/storage-class'] ??
    '';
  if (storageClass)
    usage.set(`${storageClass}${STORAGE_CLASS_SUFFIX}persistentvolumeclaims`, count(1));
  let storage = resourceList(claim.spec?.resources?.requests).get('storage');
  const allocated = resourceList(claim.status?.allocatedResources).get('storage');
  if (storage && allocated && allocated.milli > storage.milli) storage = allocated;
  if (storage) {
    const bytes = { milli: Math.ceil(storage.milli / 1000) * 1000, binary: storage.binary };
    usage.set('requests.storage', bytes);
    if (storageClass) usage.set(`${storageClass}${STORAGE_CLASS_SUFFIX}requests.storage`, bytes);
  }
  return usage;
}

/** The usage of any object: by its evaluator, or the generic object count. */
export function objectUsage(obj: KubeObject, charged = true): ResourceList {
  switch (obj.kind) {
    case 'Pod':
      return podUsage(asView<Pod>(obj), charged);
    case 'Service':
      return serviceUsage(asView<Service>(obj));
    case 'PersistentVolumeClaim':
      return claimUsage(obj);
    default: {
      const usage: ResourceList = new Map([
        [`count/${resourceName(obj.kind, obj.apiVersion)}`, count(1)],
      ]);
      const legacy = LEGACY_COUNT[obj.kind];
      if (legacy) usage.set(legacy, count(1));
      return usage;
    }
  }
}

/** The pod's scope facts. */
export function podScopeFacts(pod: Pod): PodScopeFacts {
  const spec = pod.spec as
    (PodSpec & { activeDeadlineSeconds?: number; priorityClassName?: string }) | undefined;
  const affinity = spec?.affinity;
  const terms = [
    ...((affinity?.podAffinity?.requiredDuringSchedulingIgnoredDuringExecution as unknown[]) ?? []),
    ...((affinity?.podAntiAffinity?.requiredDuringSchedulingIgnoredDuringExecution as unknown[]) ??
      []),
    ...(
      (affinity?.podAffinity?.preferredDuringSchedulingIgnoredDuringExecution as {
        podAffinityTerm?: unknown;
      }[]) ?? []
    ).map((t) => t.podAffinityTerm),
    ...(
      (affinity?.podAntiAffinity?.preferredDuringSchedulingIgnoredDuringExecution as {
        podAffinityTerm?: unknown;
      }[]) ?? []
    ).map((t) => t.podAffinityTerm),
  ] as ({ namespaces?: string[]; namespaceSelector?: unknown } | undefined)[];
  return {
    terminating: typeof spec?.activeDeadlineSeconds === 'number' && spec.activeDeadlineSeconds >= 0,
    bestEffort: qosClass(pod) === 'BestEffort',
    priorityClassName: spec?.priorityClassName ?? '',
    crossNamespaceAffinity: terms.some(
      (t) => (t?.namespaces?.length ?? 0) > 0 || t?.namespaceSelector !== undefined,
    ),
  };
}

/** Whether a pod with `facts` falls in the scope (podMatchesScopeFunc); other kinds match none. */
export function matchesScope(facts: PodScopeFacts | undefined, scope: ScopeRequirement): boolean {
  if (!facts) return false;
  switch (scope.scopeName) {
    case 'Terminating':
      return facts.terminating;
    case 'NotTerminating':
      return !facts.terminating;
    case 'BestEffort':
      return facts.bestEffort;
    case 'NotBestEffort':
      return !facts.bestEffort;
    case 'CrossNamespacePodAffinity':
      return facts.crossNamespaceAffinity;
    case 'PriorityClass': {
      const name = facts.priorityClassName;
      const values = scope.values ?? [];
      if (scope.operator === 'Exists') return name !== '';
      if (scope.operator === 'DoesNotExist') return name === '';
      if (scope.operator === 'In') return name !== '' && values.includes(name);
      return name === '' || !values.includes(name);
    }
    default:
      return false;
  }
}

/**
 * pods.go `Constraints`: when a quota tracks cpu or memory, every container must set them.
 * Returns `must specify limits.cpu for: app; requests.memory for: app,sidecar`, or undefined.
 */
export function podConstraintError(pod: Pod, required: readonly string[]): string | undefined {
  const needed = required.filter((r) => VALIDATION_SET.has(r));
  if (needed.length === 0) return undefined;
  const missing = new Map<string, Set<string>>();
  const check = (c: Container): void => {
    const has = computeUsage(
      resourceList(c.resources?.requests),
      resourceList(c.resources?.limits),
    );
    for (const r of needed) {
      if (has.has(r)) continue;
      let names = missing.get(r);
      if (!names) missing.set(r, (names = new Set()));
      names.add(c.name);
    }
  };
  for (const c of pod.spec?.containers ?? []) check(c);
  for (const c of pod.spec?.initContainers ?? []) check(c);
  if (missing.size === 0) return undefined;
  const parts = [...missing.keys()]
    .sort()
    .map((r) => `${r} for: ${[...(missing.get(r) ?? [])].sort().join(',')}`);
  return `must specify ${parts.join('; ')}`;
}
