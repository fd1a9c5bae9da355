/**
 * @module
 * The API server's admission chain for the simulator: name validation, namespace lifecycle
 * (plugin/pkg/admission/namespace/lifecycle: no objects in missing or terminating
 * namespaces), defaulting, and the initial Pod status (pkg/registry/core/pod/strategy.go
 * `PrepareForCreate`: phase Pending and the QoS class).
 */
import type { Container, Pod } from './api';
import { applyDefaults } from './defaults';
import { ApiError } from './framework';
import type { Store } from './framework';
import { isClusterScoped, resourceName } from './kinds';
import { nameError } from './names';
import type { AdmissionPlugin } from './store';
import type { KubeObject } from './types';
import { asView } from './views';

/** `Deployment.apps "Web" is invalid: <detail>`: the API server's 422 message. */
export function invalid(obj: KubeObject, detail: string): ApiError {
  const group = resourceName(obj.kind, obj.apiVersion).split('.').slice(1).join('.');
  const kind = group ? `${obj.kind}.${group}` : obj.kind;
  return new ApiError(422, 'Invalid', `${kind} "${obj.metadata.name}" is invalid: ${detail}`);
}

/** Checks names and namespaces, then fills in defaults. */
export class CoreAdmission implements AdmissionPlugin {
  readonly #store: Store;

  constructor(store: Store) {
    this.#store = store;
  }

  admit(operation: 'CREATE' | 'UPDATE', obj: KubeObject): void {
    if (operation === 'CREATE') {
      // Event names are made by the recorder from valid object names: skip the regex
      const problem =
        obj.kind === 'Event' ? undefined : nameError(obj.kind, obj.metadata.name ?? '');
      if (problem) throw invalid(obj, problem);
      if (!isClusterScoped(obj.kind)) this.#checkNamespace(obj);
    }
    applyDefaults(obj);
    if (operation === 'CREATE' && obj.kind === 'Namespace') obj.status = { phase: 'Active' };
    if (operation === 'CREATE' && obj.kind === 'Pod') {
      obj.status = { phase: 'Pending', qosClass: qosClass(asView<Pod>(obj)) };
    }
  }

  #checkNamespace(obj: KubeObject): void {
    const name = obj.metadata.namespace ?? 'default';
    const namespace = this.#store.get('Namespace', name);
    if (!namespace) throw new ApiError(404, 'NotFound', `namespaces "${name}" not found`);
    if (namespace.metadata.deletionTimestamp !== undefined && obj.kind !== 'Event') {
      throw new ApiError(
        403,
        'Forbidden',
        `${resourceName(obj.kind, obj.apiVersion)} "${obj.metadata.name}" is forbidden: unable to create new content in namespace ${name} because it is being terminated`,
      );
    }
  }
}

/**
 * The pod's QoS class (pkg/apis/core/helper/qos/qos.go): Guaranteed when every container
 * has cpu and memory limits equal to its requests, BestEffort when none has any, else Burstable.
 */
export function qosClass(pod: Pod): 'Guaranteed' | 'Burstable' | 'BestEffort' {
  const containers: Container[] = [
    ...(pod.spec?.initContainers ?? []),
    ...(pod.spec?.containers ?? []),
  ];
  let any = false;
  let guaranteed = true;
  for (const c of containers) {
    const requests = c.resources?.requests ?? {};
    const limits = c.resources?.limits ?? {};
    for (const name of ['cpu', 'memory']) {
      if (requests[name] !== undefined || limits[name] !== undefined) any = true;
      if (
        limits[name] === undefined ||
        String(requests[name] ?? limits[name]) !== String(limits[name])
      )
        guaranteed = false;
    }
  }
  if (!any) return 'BestEffort';
  return guaranteed ? 'Guaranteed' : 'Burstable';
}
