/**
 * @module
 * The pods/binding subresource, as the scheduler's DefaultBinder posts it and the API server
 * applies it (kubernetes pkg/scheduler/framework/plugins/defaultbinder/default_binder.go;
 * pkg/registry/core/pod/storage/storage.go `BindingREST.Create` → `assignPod` →
 * `setPodHostAndAnnotations`): spec.nodeName and the PodScheduled=True condition land in one
 * write, so watchers see one MODIFIED event per binding. A pod being deleted, already bound,
 * or with another UID than the binding names is a Conflict.
 */
import type { Pod } from './api';
import { ApiError } from './framework';
import { withPodScheduled } from './scheduler/pod-status';
import type { KubeObject } from './types';

/** The kind the store treats as a POST to pods/<name>/binding. */
export const BINDING_KIND = 'Binding';

/** A v1.Binding: which pod (metadata, with its UID as precondition) goes to which node. */
export interface Binding extends KubeObject {
  readonly target: { readonly apiVersion?: string; readonly kind?: string; readonly name: string };
}

/** The Binding the default binder posts for `pod` on `nodeName`. */
export function bindingFor(pod: Pod, nodeName: string): Binding {
  const { name, namespace, uid } = pod.metadata;
  return {
    apiVersion: 'v1',
    kind: BINDING_KIND,
    metadata: { name, namespace, ...(uid ? { uid } : {}) },
    target: { apiVersion: 'v1', kind: 'Node', name: nodeName },
  };
}

function conflict(name: string, reason: string): ApiError {
  return new ApiError(
    409,
    'Conflict',
    `Operation cannot be fulfilled on pods/binding "${name}": ${reason}`,
  );
}

/**
 * `pod` as the binding leaves it (a new object; the stored one is not touched): on the
 * target node, PodScheduled=True since `now`. Throws the API server's errors.
 */
export function boundPod(pod: Pod, binding: KubeObject, now: string): Pod {
  const name = pod.metadata.name;
  const nodeName = (binding as Partial<Binding>).target?.name;
  if (!nodeName) {
    throw new ApiError(422, 'Invalid', `Binding "${name}" is invalid: target.name: Required value`);
  }
  const uid = binding.metadata.uid;
  if (uid && uid !== pod.metadata.uid) {
    throw conflict(
      name,
      `Precondition failed: UID in precondition: ${uid}, UID in object meta: ${pod.metadata.uid ?? ''}`,
    );
  }
  if (pod.metadata.deletionTimestamp) {
    throw conflict(name, `pod ${name} is being deleted, cannot be assigned to a host`);
  }
  const current = pod.spec?.nodeName;
  if (current) throw conflict(name, `pod ${name} is already assigned to node "${current}"`);
  const placed: Pod = { ...pod, spec: { ...pod.spec, nodeName } as Pod['spec'] };
  return withPodScheduled(placed, 'True', now) ?? placed;
}
