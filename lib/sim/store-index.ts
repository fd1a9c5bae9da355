/**
 * @module
 * One kind's objects in the store with the indexes the controllers query (as client-go
 * informers' indexers do): by namespace, by label pair, by owner uid and, for Pods, by node.
 * Maps and sets keep creation order, so lists come out in a stable order. Each object sits in
 * a slot that its updates replace in place, and the indexes hold slots: reads, updates and
 * index lookups never build and hash a `namespace/name` key, which at 150,000 pods (and twice
 * as many Events) was most of their cost.
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

/** Where one object lives; its updates replace `obj`. */
export interface Slot {
  obj: KubeObject;
}

function addTo<K>(index: Map<K, Set<Slot>>, at: K, slot: Slot): void {
  let set = index.get(at);
  if (!set) index.set(at, (set = new Set()));
  set.add(slot);
}

function removeFrom<K>(index: Map<K, Set<Slot>>, at: K, slot: Slot): void {
  const set = index.get(at);
  if (!set) return;
  set.delete(slot);
  if (set.size === 0) index.delete(at);
}

function nodeNameOf(obj: KubeObject): string | undefined {
  const nodeName = (obj.spec as { nodeName?: unknown } | undefined)?.nodeName;
  return typeof nodeName === 'string' && nodeName !== '' ? nodeName : undefined;
}

/** The objects of one kind and their indexes. */
export class KindTable {
  /** Every object's slot, in creation order. */
  readonly #all = new Set<Slot>();
  /** namespace → name → slot, in creation order. */
  readonly #byNamespace = new Map<string, Map<string, Slot>>();
  readonly #byLabel = new Map<string, Set<Slot>>();
  readonly #byOwner = new Map<string, Set<Slot>>();
  readonly #byNode = new Map<string, Set<Slot>>();

  /** Number of objects. */
  get size(): number {
    return this.#all.size;
  }

  /** The object named `name` in `namespace` ('' for cluster-scoped kinds). */
  get(namespace: string, name: string): KubeObject | undefined {
    return this.#byNamespace.get(namespace)?.get(name)?.obj;
  }

  /** Adds or replaces `obj` (previously stored as `old`), keeping every index current; returns its slot. */
  put(obj: KubeObject, old?: KubeObject): Slot {
    const namespace = obj.metadata.namespace ?? '';
    let inNamespace = this.#byNamespace.get(namespace);
    if (!inNamespace) this.#byNamespace.set(namespace, (inNamespace = new Map()));
    let slot = inNamespace.get(obj.metadata.name);
    if (slot) {
      slot.obj = obj;
    } else {
      slot = { obj };
      inNamespace.set(obj.metadata.name, slot);
      this.#all.add(slot);
    }
    if (!deepEqual(old?.metadata.labels, obj.metadata.labels)) {
      this.#indexLabels(slot, old, false);
      this.#indexLabels(slot, obj, true);
    }
    if (!deepEqual(old?.metadata.ownerReferences, obj.metadata.ownerReferences)) {
      for (const ref of old?.metadata.ownerReferences ?? [])
        removeFrom(this.#byOwner, ref.uid, slot);
      for (const ref of obj.metadata.ownerReferences ?? []) addTo(this.#byOwner, ref.uid, slot);
    }
    const oldNode = old && nodeNameOf(old);
    const newNode = nodeNameOf(obj);
    if (oldNode !== newNode) {
      if (oldNode) removeFrom(this.#byNode, oldNode, slot);
      if (newNode) addTo(this.#byNode, newNode, slot);
    }
    return slot;
  }

  /** Removes the object named `name` in `namespace`. */
  remove(namespace: string, name: string): void {
    const inNamespace = this.#byNamespace.get(namespace);
    const slot = inNamespace?.get(name);
    if (!inNamespace || !slot) return;
    const obj = slot.obj;
    this.#all.delete(slot);
    inNamespace.delete(name);
    if (inNamespace.size === 0) this.#byNamespace.delete(namespace);
    this.#indexLabels(slot, obj, false);
    for (const ref of obj.metadata.ownerReferences ?? []) removeFrom(this.#byOwner, ref.uid, slot);
    const node = nodeNameOf(obj);
    if (node) removeFrom(this.#byNode, node, slot);
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
    let smallest: Set<Slot> | undefined;
    for (const key in selector) {
      const set = this.#byLabel.get(labelKey(namespace, key, selector[key]));
      if (!set) return [];
      if (!smallest || set.size < smallest.size) smallest = set;
    }
    if (!smallest) return this.list(namespace);
    const out: KubeObject[] = [];
    for (const { obj } of smallest) {
      if (matchesLabels(obj.metadata.labels, selector)) out.push(obj);
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

  #resolve(slots: Set<Slot> | undefined): KubeObject[] {
    const out: KubeObject[] = [];
    for (const slot of slots ?? []) out.push(slot.obj);
    return out;
  }

  #indexLabels(slot: Slot, obj: KubeObject | undefined, add: boolean): void {
    const labels = obj?.metadata.labels;
    if (!obj || !labels) return;
    const namespace = obj.metadata.namespace ?? '';
    for (const name in labels) {
      const at = labelKey(namespace, name, labels[name]);
      if (add) addTo(this.#byLabel, at, slot);
      else removeFrom(this.#byLabel, at, slot);
    }
  }
}
