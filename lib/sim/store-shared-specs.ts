/**
 * @module
 * Pods of one controller share one spec object in the store. A ReplicaSet's 100 pods differ
 * in metadata and status, but after admission their specs are the same JSON; keeping 100
 * copies (each a dozen objects) made the 150,000-pod envelope spend its GC time copying them.
 * Sharing is safe because stored objects are read-only: every writer builds a new object
 * (the binding spreads the spec to add nodeName), an update that keeps the stored spec runs
 * it through admission defaulting, which writes only what is missing (defaults.ts), and
 * Cluster.get/list hand out deep copies. store-shared-specs.test.ts freezes every stored pod
 * spec through a cluster run to keep it so.
 */
import { sameJsonText } from './deep-equal';
import type { KubeObject } from './types';

/** The uid of the object's controller (ownerReferences with controller: true), if any. */
function controllerUid(obj: KubeObject): string | undefined {
  for (const ref of obj.metadata.ownerReferences ?? []) if (ref.controller === true) return ref.uid;
  return undefined;
}

/** Remembers the last admitted spec of each controller's pods and hands it to identical ones. */
export class SharedPodSpecs {
  /** controller uid → the spec its last created pod was stored with. */
  readonly #lastByController = new Map<string, unknown>();

  /**
   * Called on a Pod after admission, before it is stored: replaces its spec by the previous
   * pod's of the same controller when both print the same, else remembers this one.
   */
  share(pod: KubeObject): void {
    if (pod.spec === undefined) return;
    const uid = controllerUid(pod);
    if (uid === undefined) return;
    const last = this.#lastByController.get(uid);
    if (last !== undefined && sameJsonText(pod.spec, last)) pod.spec = last;
    else this.#lastByController.set(uid, pod.spec);
  }

  /** The object with `uid` is gone: its pods' spec need not be remembered. */
  forget(uid: string): void {
    this.#lastByController.delete(uid);
  }
}
