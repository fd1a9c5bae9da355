/**
 * @module
 * LimitRange admission, after plugin/pkg/admission/limitranger: containers of a new Pod get
 * the namespace's default limits and requests where they set none, then every container is
 * checked against the range's min and max; a violation is Forbidden with the API server's
 * words (`maximum cpu usage per Container is 1, but limit is 2`).
 */
import type { Container, Pod } from './api';
import { ApiError } from './framework';
import type { Store } from './framework';
import { parseQuantity } from './quantity';
import type { AdmissionPlugin } from './store';
import type { KubeObject } from './types';
import { asView } from './views';

type Quantities = Record<string, string | number>;

/** One item of a LimitRange's `spec.limits`. */
interface LimitRangeItem {
  type?: string;
  default?: Quantities;
  defaultRequest?: Quantities;
  max?: Quantities;
  min?: Quantities;
}

/** Defaults and checks container resources against the LimitRanges of the pod's namespace. */
export class LimitRanger implements AdmissionPlugin {
  readonly #store: Store;

  constructor(store: Store) {
    this.#store = store;
  }

  admit(operation: 'CREATE' | 'UPDATE', obj: KubeObject): void {
    if (operation !== 'CREATE' || obj.kind !== 'Pod') return;
    const ranges = this.#store.list('LimitRange', obj.metadata.namespace ?? 'default');
    if (ranges.length === 0) return;
    const pod = asView<Pod>(obj);
    const containers = [...(pod.spec?.initContainers ?? []), ...(pod.spec?.containers ?? [])];
    const errors: string[] = [];
    for (const range of ranges) {
      const items = (range.spec as { limits?: LimitRangeItem[] } | undefined)?.limits ?? [];
      for (const item of items.filter((i) => i.type === 'Container')) {
        for (const container of containers) {
          applyDefaults(container, item);
          errors.push(...violations(container, item));
        }
      }
    }
    if (errors.length > 0) {
      const detail = errors.length === 1 ? errors[0] : `[${errors.join(', ')}]`;
      throw new ApiError(403, 'Forbidden', `pods "${obj.metadata.name}" is forbidden: ${detail}`);
    }
  }
}

/** defaultContainerResourceRequirements: defaultRequest falls back to default (the limit). */
function applyDefaults(container: Container, item: LimitRangeItem): void {
  const limits = { ...(container.resources?.limits ?? {}) };
  const requests = { ...(container.resources?.requests ?? {}) };
  for (const [name, value] of Object.entries(item.default ?? {})) limits[name] ??= value;
  for (const [name, value] of Object.entries({
    ...(item.default ?? {}),
    ...(item.defaultRequest ?? {}),
  })) {
    requests[name] ??= value;
  }
  container.resources = {
    ...(container.resources ?? {}),
    ...(Object.keys(requests).length > 0 ? { requests } : {}),
    ...(Object.keys(limits).length > 0 ? { limits } : {}),
  };
}

/** minConstraint / maxConstraint messages for one container. */
function violations(container: Container, item: LimitRangeItem): string[] {
  const out: string[] = [];
  const requests = container.resources?.requests ?? {};
  const limits = container.resources?.limits ?? {};
  for (const [name, min] of Object.entries(item.min ?? {})) {
    const request = requests[name];
    if (request === undefined)
      out.push(`minimum ${name} usage per Container is ${min}.  No request is specified`);
    else if (parseQuantity(request) < parseQuantity(min)) {
      out.push(`minimum ${name} usage per Container is ${min}, but request is ${request}`);
    }
  }
  for (const [name, max] of Object.entries(item.max ?? {})) {
    const limit = limits[name];
    if (limit === undefined)
      out.push(`maximum ${name} usage per Container is ${max}.  No limit is specified`);
    else if (parseQuantity(limit) > parseQuantity(max)) {
      out.push(`maximum ${name} usage per Container is ${max}, but limit is ${limit}`);
    }
  }
  return out;
}
