/**
 * @module
 * A pod's QoS class, after pkg/apis/core/v1/helper/qos/qos.go `GetPodQOS`: BestEffort when no
 * container (init containers included) requests or limits cpu or memory; Guaranteed when every
 * container limits both cpu and memory and the summed requests equal the summed limits
 * (requests default to limits); Burstable otherwise.
 */
import type { Container, Pod } from '../api';
import { parseQuantity } from '../quantity';

const QOS_RESOURCES = ['cpu', 'memory'] as const;

/** Guaranteed, Burstable or BestEffort. */
export type QosClass = 'Guaranteed' | 'Burstable' | 'BestEffort';

function positive(value: string | number | undefined): number {
  if (value === undefined) return 0;
  try {
    const n = parseQuantity(value);
    return n > 0 ? n : 0;
  } catch {
    return 0;
  }
}

/** The QoS class the kubelet writes into status.qosClass. */
export function qosClass(pod: Pod): QosClass {
  const containers: Container[] = [
    ...(pod.spec?.initContainers ?? []),
    ...(pod.spec?.containers ?? []),
  ];
  const requests = { cpu: 0, memory: 0 };
  const limits = { cpu: 0, memory: 0 };
  let any = false;
  let guaranteed = true;
  for (const container of containers) {
    const limited = new Set<string>();
    for (const resource of QOS_RESOURCES) {
      const limit = positive(container.resources?.limits?.[resource]);
      // The API server defaults a missing request to the limit.
      const request = positive(container.resources?.requests?.[resource]) || limit;
      if (request > 0) {
        any = true;
        requests[resource] += request;
      }
      if (limit > 0) {
        any = true;
        limits[resource] += limit;
        limited.add(resource);
      }
    }
    if (limited.size < QOS_RESOURCES.length) guaranteed = false;
  }
  if (!any) return 'BestEffort';
  if (guaranteed && QOS_RESOURCES.every((r) => Math.abs(requests[r] - limits[r]) < 1e-9)) {
    return 'Guaranteed';
  }
  return 'Burstable';
}
