/**
 * @module
 * Quota usage kept up to date from watch events, so that admission and the ResourceQuota
 * controller never list a namespace per pod. Only namespaces with a ResourceQuota are tracked,
 * and in them only the kinds their quotas count: every other object costs one map lookup. Each
 * quota's `used` is the sum of what the objects it matches cost (the controller's
 * `CalculateUsage`, pkg/controller/resourcequota/resource_quota_controller.go
 * `syncResourceQuota`), updated by O(quotas in the namespace) work per event.
 */
import type { Pod } from '../api';
import { secondsOf } from '../clock';
import type { Clock, Store, WatchEvent } from '../framework';
import type { KubeObject } from '../types';
import { asView } from '../views';
import {
  chargeExpiry,
  kindOfResource,
  matchesScope,
  matchingResources,
  objectUsage,
  podCharged,
  podScopeFacts,
} from './evaluators';
import type { PodScopeFacts, ScopeRequirement } from './evaluators';
import { addInto, mask, resourceList, subtractFrom, ZERO } from './quantity';
import type { ResourceList } from './quantity';

/** What one object costs. */
interface Charge {
  readonly kind: string;
  usage: ResourceList;
  readonly facts: PodScopeFacts | undefined;
  charged: boolean;
  cancelExpiry?: () => void;
}

/** One ResourceQuota as admission and the controller see it. */
export interface TrackedQuota {
  readonly name: string;
  readonly namespace: string;
  /** spec.hard, parsed. */
  readonly hard: ResourceList;
  /** spec.scopes and spec.scopeSelector, as requirements (getScopeSelectorsFromQuota). */
  readonly scopes: readonly ScopeRequirement[];
  /** The hard resources each kind is charged for. */
  readonly matching: ReadonlyMap<string, readonly string[]>;
  /** Current usage of every hard resource. */
  readonly used: ResourceList;
}

interface NamespaceState {
  readonly quotas: Map<string, TrackedQuota>;
  /** Charges by kind, then uid; a kind is present once some quota here counts it. */
  readonly objects: Map<string, Map<string, Charge>>;
}

interface QuotaSpec {
  hard?: Record<string, unknown>;
  scopes?: string[];
  scopeSelector?: { matchExpressions?: ScopeRequirement[] };
}

/** Called when a quota's usage changed (namespace, quota name). */
export type QuotaChangeListener = (namespace: string, name: string) => void;

/** Whether an object with `facts` falls under every scope of the quota (generic.Matches). */
export function inScope(quota: TrackedQuota, facts: PodScopeFacts | undefined): boolean {
  return quota.scopes.every((scope) => matchesScope(facts, scope));
}

/** Scope requirements of a quota: `scopes` as Exists, then the scope selector's. */
function scopesOf(spec: QuotaSpec | undefined): ScopeRequirement[] {
  return [
    ...(spec?.scopes ?? []).map((scopeName) => ({ scopeName, operator: 'Exists' as const })),
    ...(spec?.scopeSelector?.matchExpressions ?? []),
  ];
}

/** Live quota usage of one store. */
export class QuotaUsageTracker {
  readonly #store: Store;
  readonly #clock: Clock;
  readonly #namespaces = new Map<string, NamespaceState>();
  readonly #watched = new Set<string>();
  readonly #listeners: QuotaChangeListener[] = [];

  constructor(store: Store, clock: Clock) {
    this.#store = store;
    this.#clock = clock;
    store.watch('ResourceQuota', (event) => this.#onQuota(event));
    for (const quota of store.list('ResourceQuota'))
      this.#onQuota({ type: 'ADDED', object: quota });
  }

  /** Calls `listener` whenever a quota's usage changes. */
  onChange(listener: QuotaChangeListener): void {
    this.#listeners.push(listener);
  }

  /** The quotas of a namespace, in creation order (empty when it has none). */
  quotasIn(namespace: string): Iterable<TrackedQuota> {
    return this.#namespaces.get(namespace)?.quotas.values() ?? [];
  }

  /** Whether the namespace has any quota (the one check admission makes for most writes). */
  hasQuotas(namespace: string): boolean {
    return this.#namespaces.has(namespace);
  }

  /** One quota, or undefined. */
  quota(namespace: string, name: string): TrackedQuota | undefined {
    return this.#namespaces.get(namespace)?.quotas.get(name);
  }

  #onQuota(event: WatchEvent): void {
    const obj = event.object;
    const namespace = obj.metadata.namespace ?? 'default';
    if (event.type === 'DELETED') return this.#removeQuota(namespace, obj.metadata.name);
    // our own status writes do not change what the quota counts
    if (event.oldObject && JSON.stringify(event.oldObject.spec) === JSON.stringify(obj.spec))
      return;
    let state = this.#namespaces.get(namespace);
    if (!state)
      this.#namespaces.set(namespace, (state = { quotas: new Map(), objects: new Map() }));
    const spec = obj.spec as QuotaSpec | undefined;
    const hard = resourceList(spec?.hard);
    const matching = new Map<string, string[]>();
    for (const name of hard.keys()) {
      const kind = kindOfResource(name);
      if (!kind || matching.has(kind)) continue;
      matching.set(kind, matchingResources(kind, hard.keys()));
    }
    const quota: TrackedQuota = {
      name: obj.metadata.name,
      namespace,
      hard,
      scopes: scopesOf(spec),
      matching,
      used: new Map([...hard.keys()].map((name) => [name, ZERO])),
    };
    state.quotas.set(quota.name, quota);
    for (const kind of matching.keys()) this.#track(state, namespace, kind);
    for (const [kind, keys] of matching) {
      for (const charge of state.objects.get(kind)?.values() ?? []) {
        if (inScope(quota, charge.facts)) addInto(quota.used, mask(charge.usage, keys));
      }
    }
    this.#changed(namespace, quota.name);
  }

  #removeQuota(namespace: string, name: string): void {
    const state = this.#namespaces.get(namespace);
    if (!state?.quotas.delete(name) || state.quotas.size > 0) return;
    for (const charges of state.objects.values())
      for (const charge of charges.values()) charge.cancelExpiry?.();
    this.#namespaces.delete(namespace);
  }

  /** Starts counting `kind` in `namespace`: one list now, watch events from then on. */
  #track(state: NamespaceState, namespace: string, kind: string): void {
    if (!this.#watched.has(kind)) {
      this.#watched.add(kind);
      this.#store.watch(kind, (event) => this.#onObject(event));
    }
    if (state.objects.has(kind)) return;
    const charges = new Map<string, Charge>();
    state.objects.set(kind, charges);
    for (const obj of this.#store.list(kind, namespace)) {
      charges.set(obj.metadata.uid ?? obj.metadata.name, this.#charge(obj, namespace));
    }
  }

  #charge(obj: KubeObject, namespace: string): Charge {
    if (obj.kind !== 'Pod') {
      return { kind: obj.kind, usage: objectUsage(obj), facts: undefined, charged: true };
    }
    const pod = asView<Pod>(obj);
    const charged = podCharged(pod, this.#clock.now(), secondsOf);
    const charge: Charge = {
      kind: 'Pod',
      usage: objectUsage(obj, charged),
      facts: podScopeFacts(pod),
      charged,
    };
    this.#watchExpiry(charge, pod, namespace);
    return charge;
  }

  /**
   * A terminating pod stops being charged once its grace period has passed after the deletion
   * timestamp. The controller notices at its next full resync (`--resource-quota-sync-period`,
   * 5 min); the simulator releases it at that instant.
   */
  #watchExpiry(charge: Charge, pod: Pod, namespace: string): void {
    if (!charge.charged || charge.cancelExpiry) return;
    const expiry = chargeExpiry(pod, secondsOf);
    if (expiry === undefined) return;
    const uid = pod.metadata.uid ?? pod.metadata.name;
    charge.cancelExpiry = this.#clock.after(Math.max(0, expiry - this.#clock.now()), () => {
      charge.cancelExpiry = undefined;
      const current = this.#store.get('Pod', pod.metadata.name, namespace);
      if (current && (current.metadata.uid ?? current.metadata.name) === uid)
        this.#onObject({ type: 'MODIFIED', object: current });
    });
  }

  #onObject(event: WatchEvent): void {
    const obj = event.object;
    const namespace = obj.metadata.namespace ?? 'default';
    const state = this.#namespaces.get(namespace);
    const charges = state?.objects.get(obj.kind);
    if (!state || !charges) return;
    const uid = obj.metadata.uid ?? obj.metadata.name;
    const existing = charges.get(uid);
    if (event.type === 'DELETED') {
      if (!existing) return;
      existing.cancelExpiry?.();
      charges.delete(uid);
      this.#apply(state, namespace, existing, -1);
      return;
    }
    if (!existing) {
      const charge = this.#charge(obj, namespace);
      charges.set(uid, charge);
      this.#apply(state, namespace, charge, 1);
      return;
    }
    if (obj.kind === 'Pod') {
      // a pod's resources are immutable: only whether it is charged changes
      const pod = asView<Pod>(obj);
      const charged = podCharged(pod, this.#clock.now(), secondsOf);
      if (charged !== existing.charged) {
        this.#apply(state, namespace, existing, -1);
        existing.charged = charged;
        existing.usage = objectUsage(obj, charged);
        this.#apply(state, namespace, existing, 1);
      }
      this.#watchExpiry(existing, pod, namespace);
      return;
    }
    const usage = objectUsage(obj);
    if (sameUsage(usage, existing.usage)) return;
    this.#apply(state, namespace, existing, -1);
    existing.usage = usage;
    this.#apply(state, namespace, existing, 1);
  }

  /** Adds (`sign` 1) or removes (-1) a charge from every quota of the namespace that counts it. */
  #apply(state: NamespaceState, namespace: string, charge: Charge, sign: 1 | -1): void {
    for (const quota of state.quotas.values()) {
      const keys = quota.matching.get(charge.kind);
      if (!keys || !inScope(quota, charge.facts)) continue;
      const delta = mask(charge.usage, keys);
      if (delta.size === 0) continue;
      if (sign > 0) addInto(quota.used, delta);
      else subtractFrom(quota.used, delta);
      this.#changed(namespace, quota.name);
    }
  }

  #changed(namespace: string, name: string): void {
    for (const listener of this.#listeners) listener(namespace, name);
  }
}

function sameUsage(a: ResourceList, b: ResourceList): boolean {
  if (a.size !== b.size) return false;
  for (const [name, value] of a) if (b.get(name)?.milli !== value.milli) return false;
  return true;
}

const TRACKERS = new WeakMap<Store, QuotaUsageTracker>();

/** The one tracker of a store (admission and the controller share it). */
export function quotaUsageTracker(store: Store, clock: Clock): QuotaUsageTracker {
  let tracker = TRACKERS.get(store);
  if (!tracker) TRACKERS.set(store, (tracker = new QuotaUsageTracker(store, clock)));
  return tracker;
}
