/**
 * @module
 * The ResourceQuota admission plugin (plugin/pkg/admission/resourcequota/controller.go
 * `checkRequest`): for each quota of the namespace that matches the object, first the
 * evaluator's constraints (`failed quota: compute: must specify limits.cpu for: app`), then
 * the object's usage added to what is used must stay within `hard`, else
 * `exceeded quota: compute, requested: pods=1, used: pods=2, limited: pods=2`. Rejections are
 * 403 Forbidden with the API server's `pods "web-abc" is forbidden: ...` wording
 * (apiserver admission/errors.go `NewForbidden`).
 *
 * The usage it checks against is the tracker's live sum, so the window in which a fresh
 * quota has no status yet (`status unknown for quota`) never opens in the simulator.
 */
import type { Pod } from '../api';
import { ApiError } from '../framework';
import type { Clock, Store } from '../framework';
import { resourceName } from '../kinds';
import type { AdmissionPlugin } from '../store';
import type { KubeObject } from '../types';
import { asView } from '../views';
import { objectUsage, podCharged, podConstraintError, podScopeFacts } from './evaluators';
import { secondsOf } from '../clock';
import { add, mask, prettyPrint, subtractFrom } from './quantity';
import type { ResourceList } from './quantity';
import { inScope, quotaUsageTracker } from './usage-tracker';
import type { QuotaUsageTracker, TrackedQuota } from './usage-tracker';

/** `pods "web-abc" is forbidden: <detail>` (apierrors.NewForbidden). */
export function forbidden(obj: KubeObject, detail: string): ApiError {
  return new ApiError(
    403,
    'Forbidden',
    `${resourceName(obj.kind, obj.apiVersion)} "${obj.metadata.name || obj.metadata.generateName || 'Unknown'}" is forbidden: ${detail}`,
  );
}

/** Kinds whose updates can change usage (services.go and persistent_volume_claims.go `Handles`). */
const UPDATE_HANDLED = new Set(['Service', 'PersistentVolumeClaim']);

/** Kinds quota never evaluates (the admission config's ignored resources). */
const IGNORED = new Set(['Event', 'ResourceQuota']);

/** Enforces ResourceQuotas at create (and at update of Services and claims). */
export class ResourceQuotaAdmission implements AdmissionPlugin {
  readonly #tracker: QuotaUsageTracker;
  readonly #clock: Clock;

  constructor(store: Store, clock: Clock) {
    this.#tracker = quotaUsageTracker(store, clock);
    this.#clock = clock;
  }

  admit(operation: 'CREATE' | 'UPDATE', obj: KubeObject, old: KubeObject | undefined): void {
    const namespace = obj.metadata.namespace;
    if (namespace === undefined || !this.#tracker.hasQuotas(namespace)) return;
    if (IGNORED.has(obj.kind)) return;
    if (operation === 'UPDATE' && !UPDATE_HANDLED.has(obj.kind)) return;
    const facts = obj.kind === 'Pod' ? podScopeFacts(asView<Pod>(obj)) : undefined;
    const interesting: TrackedQuota[] = [];
    for (const quota of this.#tracker.quotasIn(namespace)) {
      const required = quota.matching.get(obj.kind);
      if (!required || required.length === 0 || !inScope(quota, facts)) continue;
      if (obj.kind === 'Pod') {
        const error = podConstraintError(asView<Pod>(obj), required);
        if (error) throw forbidden(obj, `failed quota: ${quota.name}: ${error}`);
      }
      interesting.push(quota);
    }
    if (interesting.length === 0) return;
    const delta = this.#usage(obj);
    if (operation === 'UPDATE' && old) subtractFrom(delta, this.#usage(old));
    if ([...delta.values()].every((q) => q.milli === 0)) return;
    for (const quota of interesting) {
      const requested = mask(delta, quota.hard.keys());
      const exceeded = [...requested.keys()].filter((name) => {
        const limit = quota.hard.get(name);
        const used = add(quota.used.get(name), requested.get(name) ?? { milli: 0, binary: false });
        return limit !== undefined && used.milli > limit.milli;
      });
      if (exceeded.length === 0) continue;
      throw forbidden(
        obj,
        `exceeded quota: ${quota.name}, requested: ${prettyPrint(mask(requested, exceeded))}, used: ${prettyPrint(mask(quota.used, exceeded))}, limited: ${prettyPrint(mask(quota.hard, exceeded))}`,
      );
    }
  }

  #usage(obj: KubeObject): ResourceList {
    if (obj.kind !== 'Pod') return objectUsage(obj);
    return objectUsage(obj, podCharged(asView<Pod>(obj), this.#clock.now(), secondsOf));
  }
}
