/**
 * @module
 * `cluster.setCpuUtilization(kind, name, percent)` (CONTRACT.md): the workload's total CPU
 * demand becomes `percent`% of the summed CPU requests of its pods at the time of the call;
 * from then on its ready pods share that demand evenly, whatever their number.
 */
import type { Pod, PodTemplateSpec } from '../api';
import { ApiError } from '../framework';
import type { Store } from '../framework';
import { resourceName } from '../kinds';
import { isPodTerminal } from '../pod-readiness';
import { cpuMillis } from '../quantity';
import { metricsFor, podRequest } from './metrics-model';
import { selectPods, workloadSelector } from './workload-pods';

/** CPU requests of one pod made from `template` (containers without a request count 0). */
function templateCpuRequest(template: PodTemplateSpec | undefined): number {
  let sum = 0;
  for (const container of template?.spec?.containers ?? []) {
    const request = container.resources?.requests?.cpu ?? container.resources?.limits?.cpu;
    if (request !== undefined) sum += cpuMillis(request);
  }
  return sum;
}

/**
 * Sets the load of a workload (Deployment, StatefulSet, ReplicaSet, ...) as a CPU utilization
 * of its current pods' requests. Before any pod exists, the requests of `spec.replicas` pods
 * made from the template count instead. Throws ApiError 404 when the workload does not exist.
 */
export function setCpuUtilization(
  store: Store,
  kind: string,
  name: string,
  percent: number,
  namespace = 'default',
): void {
  if (!Number.isFinite(percent) || percent < 0) {
    throw new RangeError(`percent must be a number >= 0 (got ${percent})`);
  }
  const workload = store.get(kind, name, namespace);
  if (!workload) throw new ApiError(404, 'NotFound', `${resourceName(kind)} "${name}" not found`);
  const selector = workloadSelector(workload);
  const pods = selector
    ? selectPods(store, namespace, selector).filter(
        (pod: Pod) => !pod.metadata.deletionTimestamp && !isPodTerminal(pod),
      )
    : [];
  let requests = 0;
  for (const pod of pods) requests += podRequest(pod, 'cpu') ?? 0;
  if (pods.length === 0) {
    const spec = workload.spec as { replicas?: number; template?: PodTemplateSpec } | undefined;
    requests = (spec?.replicas ?? 1) * templateCpuRequest(spec?.template);
  }
  metricsFor(store).setCpuDemand({ kind, namespace, name }, (requests * percent) / 100);
}
