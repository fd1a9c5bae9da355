/**
 * @module
 * ResourceQuota admission, after plugin/pkg/admission/resourcequota and pkg/quota/v1/evaluator:
 * a create that would take a namespace past a quota's `spec.hard` is Forbidden with the API
 * server's message (`exceeded quota: <name>, requested: ..., used: ..., limited: ...`), and a
 * pod that leaves a compute resource the quota tracks unset is refused (`failed quota: <name>:
 * must specify requests.cpu for: <containers>`). Usage is tracked as objects come and go, so
 * a check costs the same in a namespace of ten pods or ten thousand.
 */
import type { Container, Pod, Service } from './api';
import { ApiError } from './framework';
import type { Store } from './framework';
import { isClusterScoped, resourceName } from './kinds';
import { cpuMillis, parseQuantity } from './quantity';
import type { AdmissionPlugin } from './store';
import type { KubeObject } from './types';
import { asView } from './views';

/** Usage per quota resource name, CPU in millicores, memory and storage in bytes. */
export type Usage = Map<string, number>;

const CPU = new Set(['requests.cpu', 'limits.cpu', 'cpu']);
const COMPUTE = ['requests.cpu', 'requests.memory', 'limits.cpu', 'limits.memory', 'cpu', 'memory'];
const OBJECT_COUNTS: Readonly<Record<string, string>> = {
  Pod: 'pods',
  Service: 'services',
  ConfigMap: 'configmaps',
  Secret: 'secrets',
  PersistentVolumeClaim: 'persistentvolumeclaims',
  ReplicationController: 'replicationcontrollers',
  ResourceQuota: 'resourcequotas',
};

/** The amount of `name` a quantity means: millicores for CPU, base units otherwise. */
function amount(name: string, quantity: string | number): number {
  return CPU.has(name) ? cpuMillis(quantity) : Math.ceil(parseQuantity(quantity) - 1e-9);
}

/** A quantity as the API server prints it: `1500m`/`2` for CPU, `1Gi`/`1G`/bytes for memory. */
export function formatAmount(name: string, value: number): string {
  if (CPU.has(name)) return value % 1000 === 0 ? String(value / 1000) : `${value}m`;
  if (!name.includes('cpu') && !name.includes('memory') && !name.includes('storage'))
    return String(value);
  for (const [suffix, size] of [
    ['Ei', 2 ** 60],
    ['Pi', 2 ** 50],
    ['Ti', 2 ** 40],
    ['Gi', 2 ** 30],
    ['Mi', 2 ** 20],
    ['Ki', 2 ** 10],
  ] as const) {
    if (value !== 0 && value % size === 0) return `${value / size}${suffix}`;
  }
  for (const [suffix, size] of [
    ['E', 1e18],
    ['P', 1e15],
    ['T', 1e12],
    ['G', 1e9],
    ['M', 1e6],
    ['k', 1e3],
  ] as const) {
    if (value !== 0 && value % size === 0) return `${value / size}${suffix}`;
  }
  return String(value);
}

function podContainers(pod: Pod): { app: Container[]; init: Container[] } {
  return { app: pod.spec?.containers ?? [], init: pod.spec?.initContainers ?? [] };
}

/** requests/limits of a pod: the sum over containers, at least the largest init container. */
function podCompute(pod: Pod): Usage {
  const usage: Usage = new Map();
  const { app, init } = podContainers(pod);
  for (const [field, prefix] of [
    ['requests', 'requests.'],
    ['limits', 'limits.'],
  ] as const) {
    for (const resource of ['cpu', 'memory']) {
      const name = prefix + resource;
      const of = (c: Container) => {
        const q = c.resources?.[field]?.[resource];
        return q === undefined ? 0 : amount(name, q);
      };
      const total = Math.max(
        app.reduce((n, c) => n + of(c), 0),
        ...init.map(of),
        0,
      );
      if (total > 0) usage.set(name, total);
    }
  }
  // `cpu` and `memory` in a quota mean requests
  if (usage.has('requests.cpu')) usage.set('cpu', usage.get('requests.cpu') ?? 0);
  if (usage.has('requests.memory')) usage.set('memory', usage.get('requests.memory') ?? 0);
  return usage;
}

function isTerminal(pod: Pod): boolean {
  return pod.status?.phase === 'Succeeded' || pod.status?.phase === 'Failed';
}

/** What `obj` charges against quotas in its namespace (pkg/quota/v1/evaluator/core). */
export function usageOf(obj: KubeObject): Usage {
  const usage: Usage = obj.kind === 'Pod' ? podCompute(asView<Pod>(obj)) : new Map();
  const counted = OBJECT_COUNTS[obj.kind];
  if (counted) usage.set(counted, 1);
  usage.set(`count/${resourceName(obj.kind, obj.apiVersion)}`, 1);
  if (obj.kind === 'Service') {
    const spec = asView<Service>(obj).spec;
    const nodePorts =
      spec?.type === 'NodePort' || spec?.type === 'LoadBalancer' ? (spec.ports?.length ?? 0) : 0;
    if (nodePorts > 0) usage.set('services.nodeports', nodePorts);
    if (spec?.type === 'LoadBalancer') usage.set('services.loadbalancers', 1);
  }
  if (obj.kind === 'PersistentVolumeClaim') {
    const storage = (obj.spec as { resources?: { requests?: { storage?: string } } } | undefined)
      ?.resources?.requests?.storage;
    if (storage !== undefined) usage.set('requests.storage', amount('requests.storage', storage));
  }
  return usage;
}

function addUsage(into: Usage, usage: Usage, sign: 1 | -1): void {
  for (const [name, value] of usage) into.set(name, (into.get(name) ?? 0) + sign * value);
}

function pretty(usage: Usage, names: readonly string[]): string {
  return names.map((name) => `${name}=${formatAmount(name, usage.get(name) ?? 0)}`).join(',');
}

/** Refuses creates that would exceed a ResourceQuota of their namespace. */
export class ResourceQuotaAdmission implements AdmissionPlugin {
  readonly #store: Store;
  /** Usage by namespace, kept current from watch events. */
  readonly #used = new Map<string, Usage>();
  readonly #watched = new Set<string>();

  constructor(store: Store) {
    this.#store = store;
  }

  /** Usage charged in `namespace` so far (what ResourceQuota status.used reports). */
  used(namespace: string): Usage {
    return this.#used.get(namespace) ?? new Map();
  }

  admit(operation: 'CREATE' | 'UPDATE', obj: KubeObject): void {
    if (operation !== 'CREATE' || obj.kind === 'Event' || isClusterScoped(obj.kind)) return;
    this.#watch(obj.kind);
    const namespace = obj.metadata.namespace ?? 'default';
    const quotas = this.#store.list('ResourceQuota', namespace);
    if (quotas.length === 0) return;
    const requested = usageOf(obj);
    const used = this.used(namespace);
    for (const quota of quotas) {
      const hard =
        (quota.spec as { hard?: Record<string, string | number> } | undefined)?.hard ?? {};
      if (obj.kind === 'Pod') this.#requireSpecified(obj, quota.metadata.name, hard);
      const exceeded = Object.keys(hard)
        .filter((name) => (requested.get(name) ?? 0) > 0)
        .filter(
          (name) => (used.get(name) ?? 0) + (requested.get(name) ?? 0) > amount(name, hard[name]),
        )
        .sort();
      if (exceeded.length === 0) continue;
      const limited: Usage = new Map(exceeded.map((name) => [name, amount(name, hard[name])]));
      throw this.#forbidden(
        obj,
        `exceeded quota: ${quota.metadata.name}, requested: ${pretty(requested, exceeded)}, used: ${pretty(used, exceeded)}, limited: ${pretty(limited, exceeded)}`,
      );
    }
  }

  /** pkg/quota/v1/evaluator/core/pods.go: a tracked compute resource must be set on every container. */
  #requireSpecified(obj: KubeObject, quotaName: string, hard: Record<string, unknown>): void {
    const pod = asView<Pod>(obj);
    const missing: string[] = [];
    for (const name of COMPUTE) {
      if (hard[name] === undefined) continue;
      const [field, resource] = name.includes('.') ? name.split('.') : ['requests', name];
      const lacking = (pod.spec?.containers ?? [])
        .filter((c) => c.resources?.[field as 'requests' | 'limits']?.[resource] === undefined)
        .map((c) => c.name);
      if (lacking.length > 0) missing.push(`${name} for: ${lacking.join(',')}`);
    }
    if (missing.length > 0) {
      throw this.#forbidden(obj, `failed quota: ${quotaName}: must specify ${missing.join('; ')}`);
    }
  }

  #forbidden(obj: KubeObject, detail: string): ApiError {
    return new ApiError(
      403,
      'Forbidden',
      `${resourceName(obj.kind, obj.apiVersion)} "${obj.metadata.name}" is forbidden: ${detail}`,
    );
  }

  /** Starts tracking a kind's usage the first time one is created. */
  #watch(kind: string): void {
    if (this.#watched.has(kind)) return;
    this.#watched.add(kind);
    this.#store.watch(kind, (event) => {
      const namespace = event.object.metadata.namespace ?? 'default';
      let used = this.#used.get(namespace);
      if (!used) this.#used.set(namespace, (used = new Map()));
      const charged = (o: KubeObject) => o.kind !== 'Pod' || !isTerminal(asView<Pod>(o));
      if (event.type === 'ADDED') addUsage(used, usageOf(event.object), 1);
      else if (event.type === 'DELETED') {
        if (charged(event.object)) addUsage(used, usageOf(event.object), -1);
      } else if (event.oldObject && charged(event.oldObject) && !charged(event.object)) {
        addUsage(used, usageOf(event.oldObject), -1); // a finished pod no longer counts
      }
    });
  }
}
