/**
 * @module
 * The LimitRanger admission plugin (plugin/pkg/admission/limitranger/admission.go): at pod
 * creation each LimitRange of the namespace fills in missing container requests and limits from
 * its `defaultRequest`/`default` (annotating the pod `kubernetes.io/limit-ranger`), then the pod
 * must satisfy every `min`, `max` and `maxLimitRequestRatio`
 * (`minimum cpu usage per Container is 100m, but request is 50m`); claims must satisfy the
 * PersistentVolumeClaim `min`/`max` on storage. LimitRange items get the API server's defaults
 * (pkg/apis/core/v1/defaults.go `SetDefaults_LimitRangeItem`): `default` from `max`,
 * `defaultRequest` from `default`, then from `min`.
 */
import { qosClass } from '../admission';
import type { Container, Pod } from '../api';
import type { Store } from '../framework';
import type { AdmissionPlugin } from '../store';
import type { KubeObject } from '../types';
import { asView } from '../views';
import { podResources } from './evaluators';
import { formatQuantity, resourceList } from './quantity';
import type { Quantity, ResourceList } from './quantity';
import { forbidden } from './resource-quota-admission';

type Resources = Record<string, string | number>;

/** One item of a LimitRange's spec.limits. */
export interface LimitRangeItem {
  type: 'Container' | 'Pod' | 'PersistentVolumeClaim' | string;
  min?: Resources;
  max?: Resources;
  default?: Resources;
  defaultRequest?: Resources;
  maxLimitRequestRatio?: Resources;
}

const ANNOTATION = 'kubernetes.io/limit-ranger';

/** `SetDefaults_LimitRangeItem` for Container items (in place). */
export function defaultLimitRangeItem(item: LimitRangeItem): void {
  if (item.type !== 'Container') return;
  const defaults = (item.default ??= {});
  const requests = (item.defaultRequest ??= {});
  for (const [name, value] of Object.entries(item.max ?? {})) defaults[name] ??= value;
  for (const [name, value] of Object.entries(defaults)) requests[name] ??= value;
  for (const [name, value] of Object.entries(item.min ?? {})) requests[name] ??= value;
}

function itemsOf(obj: KubeObject): LimitRangeItem[] {
  return (obj.spec as { limits?: LimitRangeItem[] } | undefined)?.limits ?? [];
}

/**
 * `mergeContainerResources`: missing requests/limits of one container from the defaults;
 * returns the annotation parts (`cpu, memory request for container app`).
 */
function mergeContainer(
  container: Container,
  defaultLimits: Resources,
  defaultRequests: Resources,
  prefix: string,
): string[] {
  const resources = (container.resources ??= {});
  const limits = { ...(resources.limits ?? {}) };
  const requests = { ...(resources.requests ?? {}) };
  const setLimits = Object.keys(defaultLimits).filter((name) => limits[name] === undefined);
  const setRequests = Object.keys(defaultRequests).filter((name) => requests[name] === undefined);
  for (const name of setLimits) limits[name] = defaultLimits[name];
  for (const name of setRequests) requests[name] = defaultRequests[name];
  resources.limits = limits;
  resources.requests = requests;
  const notes: string[] = [];
  if (setRequests.length > 0)
    notes.push(`${setRequests.sort().join(', ')} request for ${prefix} ${container.name}`);
  if (setLimits.length > 0)
    notes.push(`${setLimits.sort().join(', ')} limit for ${prefix} ${container.name}`);
  return notes;
}

/** `PodMutateLimitFunc`: defaults from the Container items of one LimitRange. */
export function defaultPodResources(pod: Pod, items: readonly LimitRangeItem[]): boolean {
  const limits: Resources = {};
  const requests: Resources = {};
  for (const item of items) {
    if (item.type !== 'Container') continue;
    Object.assign(requests, item.defaultRequest ?? {});
    Object.assign(limits, item.default ?? {});
  }
  if (Object.keys(limits).length + Object.keys(requests).length === 0) return false;
  const notes = [
    ...(pod.spec?.containers ?? []).flatMap((c) =>
      mergeContainer(c, limits, requests, 'container'),
    ),
    ...(pod.spec?.initContainers ?? []).flatMap((c) =>
      mergeContainer(c, limits, requests, 'init container'),
    ),
  ];
  if (notes.length === 0) return false;
  pod.metadata.annotations = {
    ...(pod.metadata.annotations ?? {}),
    [ANNOTATION]: `LimitRanger plugin set: ${notes.join('; ')}`,
  };
  return true;
}

function text(q: Quantity): string {
  return formatQuantity(q);
}

/** How every min/max message starts: `minimum cpu usage per Container is 100m`. */
function usageBound(
  bound: 'minimum' | 'maximum',
  type: string,
  name: string,
  enforced: Quantity,
): string {
  return `${bound} ${name} usage per ${type} is ${text(enforced)}`;
}

/**
 * One check of one resource of a LimitRange item (admission.go's `minConstraint`, …): the
 * API server's message when the requests and limits break it, else undefined.
 */
type Constraint = (
  type: string,
  name: string,
  enforced: Quantity,
  req: ResourceList,
  lim: ResourceList,
) => string | undefined;

/** minConstraint. */
const minConstraint: Constraint = (type, name, enforced, req, lim) => {
  const r = req.get(name);
  const l = lim.get(name);
  const head = usageBound('minimum', type, name, enforced);
  if (!r) return `${head}.  No request is specified`;
  if (r.milli < enforced.milli) return `${head}, but request is ${text(r)}`;
  if (l && l.milli < enforced.milli) return `${head}, but limit is ${text(l)}`;
  return undefined;
};

/** maxConstraint. */
const maxConstraint: Constraint = (type, name, enforced, req, lim) => {
  const r = req.get(name);
  const l = lim.get(name);
  const head = usageBound('maximum', type, name, enforced);
  if (!l) return `${head}.  No limit is specified`;
  if (l.milli > enforced.milli) return `${head}, but limit is ${text(l)}`;
  if (r && r.milli > enforced.milli) return `${head}, but request is ${text(r)}`;
  return undefined;
};

/** maxRequestConstraint (claims: only the request counts). */
const maxRequestConstraint: Constraint = (type, name, enforced, req) => {
  const r = req.get(name);
  const head = usageBound('maximum', type, name, enforced);
  if (!r) return `${head}.  No request is specified`;
  if (r.milli > enforced.milli) return `${head}, but request is ${text(r)}`;
  return undefined;
};

/** limitRequestRatioConstraint; the ratio prints as Go's `%f`. */
const ratioConstraint: Constraint = (type, name, enforced, req, lim) => {
  const r = req.get(name);
  const l = lim.get(name);
  const head = `${name} max limit to request ratio per ${type} is ${text(enforced)}`;
  if (!r || r.milli === 0) return `${head}, but no request is specified or request is 0`;
  if (!l || l.milli === 0) return `${head}, but no limit is specified or limit is 0`;
  const ratio = l.milli / r.milli;
  if (ratio * 1000 > enforced.milli) return `${head}, but provided ratio is ${ratio.toFixed(6)}`;
  return undefined;
};

/** Runs `constraint` for each resource `bounds` names, adding its messages to `out`. */
function check(
  out: string[],
  constraint: Constraint,
  type: string,
  bounds: Resources | undefined,
  req: ResourceList,
  lim: ResourceList,
): void {
  for (const [name, enforced] of resourceList(bounds)) {
    const error = constraint(type, name, enforced, req, lim);
    if (error !== undefined) out.push(error);
  }
}

/** min, max and ratio of one item against one set of requests and limits. */
function checkItem(
  item: LimitRangeItem,
  req: ResourceList,
  lim: ResourceList,
  out: string[],
): void {
  check(out, minConstraint, item.type, item.min, req, lim);
  check(out, maxConstraint, item.type, item.max, req, lim);
  check(out, ratioConstraint, item.type, item.maxLimitRequestRatio, req, lim);
}

/** `PodValidateLimitFunc`: every container (and the pod's sum for Pod items). */
export function podLimitErrors(pod: Pod, items: readonly LimitRangeItem[]): string[] {
  const errors: string[] = [];
  for (const item of items) {
    if (item.type === 'Container') {
      for (const c of [...(pod.spec?.containers ?? []), ...(pod.spec?.initContainers ?? [])]) {
        checkItem(
          item,
          resourceList(c.resources?.requests),
          resourceList(c.resources?.limits),
          errors,
        );
      }
    } else if (item.type === 'Pod') {
      checkItem(item, podResources(pod.spec, 'requests'), podResources(pod.spec, 'limits'), errors);
    }
  }
  return errors;
}

/** `PersistentVolumeClaimValidateLimitFunc`: storage requests within min and max. */
export function claimLimitErrors(claim: KubeObject, items: readonly LimitRangeItem[]): string[] {
  const errors: string[] = [];
  const requests = resourceList(
    (claim.spec as { resources?: { requests?: Record<string, unknown> } } | undefined)?.resources
      ?.requests,
  );
  for (const item of items) {
    if (item.type !== 'PersistentVolumeClaim') continue;
    check(errors, minConstraint, item.type, item.min, requests, new Map());
    check(errors, maxRequestConstraint, item.type, item.max, requests, new Map());
  }
  return errors;
}

/** utilerrors.NewAggregate's text: one message alone, several deduplicated in brackets. */
export function aggregate(errors: readonly string[]): string {
  const unique = [...new Set(errors)];
  return unique.length === 1 ? unique[0] : `[${unique.join(', ')}]`;
}

/** Defaults and checks pods and claims against the namespace's LimitRanges. */
export class LimitRangerAdmission implements AdmissionPlugin {
  readonly #store: Store;

  constructor(store: Store) {
    this.#store = store;
  }

  admit(operation: 'CREATE' | 'UPDATE', obj: KubeObject): void {
    if (obj.kind === 'LimitRange') {
      for (const item of itemsOf(obj)) defaultLimitRangeItem(item);
      return;
    }
    // pods: containers are immutable after create (SupportsAttributes skips pod updates)
    if (obj.kind === 'Pod' && operation === 'CREATE') return this.#admitPod(obj);
    if (obj.kind === 'PersistentVolumeClaim') return this.#admitClaim(obj);
  }

  #ranges(obj: KubeObject): KubeObject[] {
    return this.#store.list('LimitRange', obj.metadata.namespace ?? 'default');
  }

  #admitPod(obj: KubeObject): void {
    const ranges = this.#ranges(obj);
    if (ranges.length === 0) return;
    const pod = asView<Pod>(obj);
    let mutated = false;
    for (const range of ranges) mutated = defaultPodResources(pod, itemsOf(range)) || mutated;
    // the QoS class is computed after admission (PrepareForCreate), so defaults count
    if (mutated && pod.status) pod.status.qosClass = qosClass(pod);
    for (const range of ranges) {
      const errors = podLimitErrors(pod, itemsOf(range));
      if (errors.length > 0) throw forbidden(obj, aggregate(errors));
    }
  }

  #admitClaim(obj: KubeObject): void {
    for (const range of this.#ranges(obj)) {
      const errors = claimLimitErrors(obj, itemsOf(range));
      if (errors.length > 0) throw forbidden(obj, aggregate(errors));
    }
  }
}
