/**
 * @module
 * The shapes the simulator passes around: plain Kubernetes objects as they would come back
 * from `kubectl get -o json`. Specs stay loosely typed (any manifest is accepted); code that
 * reads a field narrows it where it reads it.
 */

/** A JSON value as found in a manifest. */
export type JsonValue =
  string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

/** An owner reference, as in metadata.ownerReferences. */
export interface OwnerReference {
  apiVersion: string;
  kind: string;
  name: string;
  uid: string;
  controller?: boolean;
  blockOwnerDeletion?: boolean;
}

/** Object metadata. Fields set by the store (uid, resourceVersion, ...) are optional on input. */
export interface ObjectMeta {
  name: string;
  namespace?: string;
  uid?: string;
  resourceVersion?: string;
  generation?: number;
  creationTimestamp?: string;
  deletionTimestamp?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  ownerReferences?: OwnerReference[];
  finalizers?: string[];
  generateName?: string;
  [key: string]: unknown;
}

/**
 * Any Kubernetes object. Specs and statuses differ per kind: `api.ts` gives typed views
 * (`Pod = KubeObject<PodSpec, PodStatus>`) for the fields the simulator reads.
 */
export interface KubeObject<Spec = unknown, Status = unknown> {
  apiVersion: string;
  kind: string;
  metadata: ObjectMeta;
  spec?: Spec;
  status?: Status;
  [key: string]: unknown;
}

/** Why an object is not at its desired state, in Kubernetes' words. */
export interface Problem {
  /** Kind of the object, e.g. `Deployment`. */
  readonly kind: string;
  /** Namespace, or '' for cluster-scoped objects. */
  readonly namespace: string;
  /** Object name. */
  readonly name: string;
  /** A Kubernetes reason string: `FailedScheduling`, `ImagePullBackOff`, `ProgressDeadlineExceeded`, ... */
  readonly reason: string;
  /** What a person can act on: which label did not match, which node lacked what. */
  readonly message: string;
}
