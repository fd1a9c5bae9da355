/**
 * @module
 * Who owns whom, from ownerReferences: which Deployment or StatefulSet a Pod or ReplicaSet
 * belongs to, as `kubectl describe` follows the controller reference upwards.
 */
import type { AnyObject } from './views';

/** `Kind/namespace/name`, a key unique across the cluster. */
export function objectKey(kind: string, namespace: string | undefined, name: string): string {
  return `${kind}/${namespace ?? ''}/${name}`;
}

/** The key of an object. */
export function keyOf(obj: AnyObject): string {
  return objectKey(obj.kind, obj.metadata.namespace, obj.metadata.name);
}

/** Finds controllers by following `ownerReferences` (controller: true) through an index of the objects. */
export class Ownership {
  readonly #byUid = new Map<string, AnyObject>();
  readonly #byKey = new Map<string, AnyObject>();

  constructor(objects: readonly AnyObject[]) {
    for (const obj of objects) {
      if (obj.metadata.uid) this.#byUid.set(obj.metadata.uid, obj);
      this.#byKey.set(keyOf(obj), obj);
    }
  }

  /** The object's direct controller, if it is among the objects. */
  controllerOf(obj: AnyObject): AnyObject | undefined {
    const refs = obj.metadata.ownerReferences ?? [];
    const ref = refs.find((r) => r.controller) ?? refs[0];
    if (!ref) return undefined;
    return (
      (ref.uid ? this.#byUid.get(ref.uid) : undefined) ??
      this.#byKey.get(objectKey(ref.kind, obj.metadata.namespace, ref.name))
    );
  }

  /** The top of the controller chain (Pod → ReplicaSet → Deployment); the object itself if it has none. */
  rootOf(obj: AnyObject): AnyObject {
    let current = obj;
    // Bounded walk: ownerReferences can form a cycle in hand-written manifests.
    for (let depth = 0; depth < 8; depth++) {
      const owner = this.controllerOf(current);
      if (!owner) break;
      current = owner;
    }
    return current;
  }

  /** An object by kind, namespace and name. */
  find(kind: string, namespace: string | undefined, name: string): AnyObject | undefined {
    return this.#byKey.get(objectKey(kind, namespace, name));
  }
}
