/**
 * @module
 * One kind's objects in the store with the indexes the controllers query (as client-go
 * informers' indexers do): by namespace, by label pair, by owner uid and, for Pods, by node.
 * Maps keep creation order, so lists come out in a stable order. Each object sits in a slot
 * that its updates replace in place: a read or an update finds it by namespace and name
 * without building the `namespace/name` key, which at 150,000 pods is most of a read's cost.
 */
import { deepEqual } from './deep-equal';
import { matchesLabels } from './selector';
import type { KubeObject } from './types';

/** `namespace/name`, the store key (namespace '' for cluster-scoped kinds). */
export function storeKey(namespace: string, name: string): string {
  return `${namespace}/${name}`;
}

function labelKey(namespace: string, key: string, value: string): string {
  return `${namespace}\u0000${key}\u0000${value}`;
}

function addTo<K>(index: Map<K, Set<string>>, at: K, key: string): void {
  let set = index.get(at);
  if (!set) index.set(at, (set = new Set()));
  set.add(key);
}

function removeFrom<K>(index: Map<K, Set<string>>, at: K, key: string): void {
  const set = index.get(at);
  if (!set) return;
  set.delete(key);
  if (set.size === 0) index.delete(at);
}

function nodeNameOf(obj: KubeObject): string | undefined {
  const nodeName = (obj.spec as { nodeName?: unknown } | undefined)?.nodeName;
  return typeof nodeName === 'string' && nodeName !== '' ? nodeName : undefined;
}

/** Where one object lives; updates replace `obj`, the key stays. */
interface Slot {
  obj: KubeObject;
  readonly key: string;
}

/** The objects of one kind and their indexes. */
export class KindTable {
  /** Every object's slot by key, in creation order (the indexes hold keys). */
  readonly #all = new Map<string, Slot>();
  /** namespace → name → slot, in creation order. */
  readonly #byNamespace = new Map<string, Map<string, Slot>>();
  readonly #byLabel = new Map<string, Set<string>>();
  readonly #byOwner = new Map<string, Set<string>>();
  readonly #byNode = new Map<string, Set<string>>();

  /** Number of objects. */
  get size(): number {
    return this.#all.size;
  }

  /** The object named `name` in `namespace` ('' for cluster-scoped kinds). */
  get(namespace: string, name: string): KubeObject | undefined {
    return this.#byNamespace.get(namespace)?.get(name)?.obj;
  }

  /** Adds or replaces `obj` (previously stored as `old`), keeping every index current. */
  put(obj: KubeObject, old?: KubeObject): void {
    const namespace = obj.metadata.namespace ?? '';
    let inNamespace = this.#byNamespace.get(namespace);
    if (!inNamespace) this.#byNamespace.set(namespace, (inNamespace = new Map()));
    let slot = inNamespace.get(obj.metadata.name);
    if (slot) {
      slot.obj = obj;
    } else {
      slot = { obj, key: storeKey(namespace, obj.metadata.name) };
      inNamespace.set(obj.metadata.name, slot);
      this.#all.set(slot.key, slot);
    }
    const key = slot.key;
    if (!deepEqual(old?.metadata.labels, obj.metadata.labels)) {
      this.#indexLabels(key, old, false);
      this.#indexLabels(key, obj, true);
    }
    if (!deepEqual(old?.metadata.ownerReferences, obj.metadata.ownerReferences)) {
      for (const ref of old?.metadata.ownerReferences ?? [])
        removeFrom(this.#byOwner, ref.uid, key);
      for (const ref of obj.metadata.ownerReferences ?? []) addTo(this.#byOwner, ref.uid, key);
    }
    const oldNode = old && nodeNameOf(old);
    const newNode = nodeNameOf(obj);
    if (oldNode !== newNode) {
      if (oldNode) removeFrom(this.#byNode, oldNode, key);
      if (newNode) addTo(this.#byNode, newNode, key);
    }
  }

  /** Removes the object named `name` in `namespace`. */
  remove(namespace: string, name: string): void {
    const inNamespace = this.#byNamespace.get(namespace);
    const slot = inNamespace?.get(name);
    if (!inNamespace || !slot) return;
    const { obj, key } = slot;
    this.#all.delete(key);
    inNamespace.delete(name);
    if (inNamespace.size === 0) this.#byNamespace.delete(namespace);
    this.#indexLabels(key, obj, false);
    for (const ref of obj.metadata.ownerReferences ?? []) removeFrom(this.#byOwner, ref.uid, key);
    const node = nodeNameOf(obj);
    if (node) removeFrom(this.#byNode, node, key);
  }

  /** Objects in `namespace`, or all when undefined, in creation order. */
  list(namespace?: string): KubeObject[] {
    const slots = namespace === undefined ? this.#all : this.#byNamespace.get(namespace);
    const out: KubeObject[] = [];
    for (const slot of slots?.values() ?? []) out.push(slot.obj);
    return out;
  }

  /** Objects in `namespace` carrying every label of `selector`, via the rarest label pair. */
  select(namespace: string, selector: Readonly<Record<string, string>>): KubeObject[] {
    let smallest: Set<string> | undefined;
    for (const key in selector) {
      const set = this.#byLabel.get(labelKey(namespace, key, selector[key]));
      if (!set) return [];
      if (!smallest || set.size < smallest.size) smallest = set;
    }
    if (!smallest) return this.list(namespace);
    const out: KubeObject[] = [];
    for (const key of smallest) {
      const obj = this.#all.get(key)?.obj;
      if (obj && matchesLabels(obj.metadata.labels, selector)) out.push(obj);
    }
    return out;
  }

  /** Objects with an ownerReference to `uid`. */
  ownedBy(uid: string): KubeObject[] {
    return this.#resolve(this.#byOwner.get(uid));
  }

  /** Pods with spec.nodeName `nodeName`. */
  onNode(nodeName: string): KubeObject[] {
    return this.#resolve(this.#byNode.get(nodeName));
  }

  #resolve(keys: Set<string> | undefined): KubeObject[] {
    const out: KubeObject[] = [];
    for (const key of keys ?? []) {
      const obj = this.#all.get(key)?.obj;
      if (obj) out.push(obj);
    }
    return out;
  }

  #indexLabels(key: string, obj: KubeObject | undefined, add: boolean): void {
    const labels = obj?.metadata.labels;
    if (!obj || !labels) return;
    const namespace = obj.metadata.namespace ?? '';
    for (const name in labels) {
      const at = labelKey(namespace, name, labels[name]);
      if (add) addTo(this.#byLabel, at, key);
      else removeFrom(this.#byLabel, at, key);
    }
  }
}
