/**
 * @module
 * A pod's summed resource request, counted once per pod spec: specs are immutable in the
 * store (status writes keep the same spec object), so a WeakMap keyed by the spec serves
 * every later HPA sync without walking the containers again.
 */
import type { Container, Pod, PodSpec } from '../api';
import { cpuMillis, parseQuantity } from '../quantity';

/** A pod's request in milli-units, or the first container that lacks it. */
export type PodRequest = { readonly milli: number } | { readonly missingContainer: string };

const cache = new WeakMap<PodSpec, Map<string, PodRequest>>();

/** Milli-units of a quantity: millicores for cpu (rounded up), otherwise value × 1000, as `MilliValue()`. */
export function milliValue(resource: string, quantity: string | number): number {
  return resource === 'cpu'
    ? cpuMillis(quantity)
    : Math.ceil(parseQuantity(quantity) * 1000 - 1e-9);
}

function count(
  containers: readonly Container[] | undefined,
  resource: string,
  sidecarsOnly: boolean,
  acc: { milli: number; missing?: string },
): void {
  for (const container of containers ?? []) {
    if (sidecarsOnly && container.restartPolicy !== 'Always') continue;
    const request = container.resources?.requests?.[resource];
    if (request === undefined) {
      acc.missing ??= container.name;
      continue;
    }
    acc.milli += milliValue(resource, request);
  }
}

/**
 * The pod's request for `resource` summed over its containers and native sidecars (restartable
 * init containers), as replica_calculator.go `calculatePodRequestsFromContainers` counts it.
 */
export function podRequestOf(pod: Pod, resource: string): PodRequest {
  const spec = pod.spec;
  if (!spec) return { milli: 0 };
  let perResource = cache.get(spec);
  if (!perResource) cache.set(spec, (perResource = new Map()));
  const cached = perResource.get(resource);
  if (cached) return cached;
  const acc: { milli: number; missing?: string } = { milli: 0 };
  count(spec.containers, resource, false, acc);
  count(spec.initContainers, resource, true, acc);
  const result: PodRequest =
    acc.missing !== undefined ? { missingContainer: acc.missing } : { milli: acc.milli };
  perResource.set(resource, result);
  return result;
}
