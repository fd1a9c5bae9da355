/**
 * @module
 * The API server and etcd in one object: resourceVersion, generation, uid, creationTimestamp
 * in virtual time, admission (defaulting, validation, allocation), graceful deletion,
 * finalizers, background cascading deletion and watch fan-out. Objects are kept as written
 * (no deep copy on the hot path): writers hand over an object they own, readers treat what
 * they get as read-only, as framework.ts asks.
 */
import type { Pod } from './api';
import { deepEqual } from './deep-equal';
import { ApiError } from './framework';
import type { Clock, DeleteOptions, Rng, Store, WatchEvent, WatchHandler } from './framework';
import { isClusterScoped, resourceName } from './kinds';
import { BINDING_KIND, boundPod } from './pod-binding';
import { NAME_SUFFIX_ALPHABET } from './rng';
import { KindTable, type Slot } from './store-index';
import { SharedPodSpecs } from './store-shared-specs';
import type { KubeObject, ObjectMeta } from './types';
import { asView } from './views';

/** A step of the API server's admission chain (defaulting, validation, allocation). */
export interface AdmissionPlugin {
  /** Mutates `obj` or throws an ApiError; `old` is the stored object on UPDATE. */
  admit(operation: 'CREATE' | 'UPDATE', obj: KubeObject, old: KubeObject | undefined): void;
  /** Frees what admission allocated (ClusterIPs, NodePorts) when the object is removed. */
  release?(obj: KubeObject): void;
}

/** Called with the uid of every removed object (the garbage collector's trigger). */
export type RemovalListener = (removed: KubeObject) => void;

/** Kinds whose status the API server resets on create (their status is a subresource). */
const STATUS_RESET_ON_CREATE = new Set([
  'Deployment',
  'ReplicaSet',
  'StatefulSet',
  'DaemonSet',
  'Job',
  'CronJob',
  'Pod',
  'Service',
  'PersistentVolumeClaim',
  'HorizontalPodAutoscaler',
  'Ingress',
]);

/** Kinds that are records, not state: writing them does not count as a change for converge(). */
const NOT_STATE = new Set(['Event']);

/** Metadata fields only the API server sets, kept from the stored object on update. */
const SERVER_OWNED_OPTIONAL = [
  'namespace',
  'deletionTimestamp',
  'deletionGracePeriodSeconds',
  'generation',
] as const;

/** What every uid starts with; the counter follows in 12 hex digits. */
const UID_PREFIX = '5a1b0000-0000-4000-8000-';

/** A deterministic, RFC 4122-shaped uid from a counter. */
function uidFor(n: number): string {
  return UID_PREFIX + n.toString(16).padStart(12, '0');
}

/** The counter of a uid made by {@link uidFor}, or undefined for any other string. */
function uidCounter(uid: string): number | undefined {
  if (uid.length !== UID_PREFIX.length + 12 || !uid.startsWith(UID_PREFIX)) return undefined;
  const n = Number.parseInt(uid.slice(UID_PREFIX.length), 16);
  return Number.isSafeInteger(n) && n > 0 ? n : undefined;
}

/** The simulator's API server. */
export class SimStore implements Store {
  readonly #clock: Clock;
  readonly #rng: Rng;
  readonly #tables = new Map<string, KindTable>();
  readonly #watchers = new Map<string, WatchHandler[]>();
  readonly #admission: AdmissionPlugin[] = [];
  readonly #removalListeners: RemovalListener[] = [];
  readonly #sharedPodSpecs = new SharedPodSpecs();
  /**
   * Slots by uid counter - 1 (uids are handed out in sequence): an array slot per object
   * instead of hashing 36-character uids into a Map of 450,000 entries, and updates need not
   * touch it since they replace the slot's object.
   */
  readonly #byUid: (Slot | undefined)[] = [];
  #resourceVersion = 0;
  #uids = 0;
  #writes = 0;

  constructor(clock: Clock, rng: Rng) {
    this.#clock = clock;
    this.#rng = rng;
  }

  /** Number of state-changing writes so far (Events excluded). */
  get writes(): number {
    return this.#writes;
  }

  /** Adds an admission plugin; plugins run in the order added. */
  use(plugin: AdmissionPlugin): void {
    this.#admission.push(plugin);
  }

  /** Calls `listener` after each object is removed for good. */
  onRemoved(listener: RemovalListener): void {
    this.#removalListeners.push(listener);
  }

  /** The namespace an object of `kind` lives in: '' when cluster-scoped, else `namespace` or `default`. */
  namespaceFor(kind: string, namespace: string | undefined): string {
    return isClusterScoped(kind) ? '' : namespace || 'default';
  }

  get<T extends KubeObject = KubeObject>(
    kind: string,
    name: string,
    namespace?: string,
  ): T | undefined {
    return this.#tables.get(kind)?.get(this.namespaceFor(kind, namespace), name) as T | undefined;
  }

  /** The object with `uid`, whatever its kind. */
  byUid(uid: string): KubeObject | undefined {
    const n = uidCounter(uid);
    return n === undefined ? undefined : this.#byUid[n - 1]?.obj;
  }

  list<T extends KubeObject = KubeObject>(kind: string, namespace?: string): T[] {
    const table = this.#tables.get(kind);
    if (!table) return [];
    const scoped = namespace === undefined ? undefined : this.namespaceFor(kind, namespace);
    return table.list(scoped) as T[];
  }

  /** Every kind that has objects, in first-creation order. */
  kinds(): string[] {
    return [...this.#tables.entries()].filter(([, t]) => t.size > 0).map(([kind]) => kind);
  }

  select<T extends KubeObject = KubeObject>(
    kind: string,
    namespace: string,
    selector: Readonly<Record<string, string>>,
  ): T[] {
    return (this.#tables.get(kind)?.select(namespace, selector) ?? []) as T[];
  }

  ownedBy<T extends KubeObject = KubeObject>(kind: string, ownerUid: string): T[] {
    return (this.#tables.get(kind)?.ownedBy(ownerUid) ?? []) as T[];
  }

  /** Dependents of `ownerUid` of every kind. */
  dependentsOf(ownerUid: string): KubeObject[] {
    const out: KubeObject[] = [];
    for (const table of this.#tables.values()) out.push(...table.ownedBy(ownerUid));
    return out;
  }

  podsOnNode<T extends KubeObject = KubeObject>(nodeName: string): T[] {
    return (this.#tables.get('Pod')?.onNode(nodeName) ?? []) as T[];
  }

  watch<T extends KubeObject = KubeObject>(kind: string, handler: WatchHandler<T>): void {
    let handlers = this.#watchers.get(kind);
    if (!handlers) this.#watchers.set(kind, (handlers = []));
    handlers.push(handler as WatchHandler);
  }

  create<T extends KubeObject>(input: T): T {
    const kind = input.kind;
    if (kind === BINDING_KIND) return this.#bind(input) as T;
    const metadata: ObjectMeta = { ...input.metadata };
    const obj = { ...input, metadata } as KubeObject;
    if (!isClusterScoped(kind)) metadata.namespace = metadata.namespace || 'default';
    else if (metadata.namespace !== undefined) delete metadata.namespace;
    if (!metadata.name && metadata.generateName) {
      // names.SimpleNameGenerator: the prefix plus 5 random characters
      metadata.name = metadata.generateName + this.#rng.string(5, NAME_SUFFIX_ALPHABET);
    }
    if (obj.status !== undefined && STATUS_RESET_ON_CREATE.has(kind)) delete obj.status;
    const table = this.#table(kind);
    if (table.get(metadata.namespace ?? '', metadata.name) !== undefined) {
      throw new ApiError(
        409,
        'AlreadyExists',
        `${resourceName(kind, obj.apiVersion)} "${metadata.name}" already exists`,
      );
    }
    for (const plugin of this.#admission) plugin.admit('CREATE', obj, undefined);
    if (kind === 'Pod') this.#sharedPodSpecs.share(obj);
    if (metadata.deletionTimestamp !== undefined) delete metadata.deletionTimestamp;
    if (metadata.deletionGracePeriodSeconds !== undefined)
      delete metadata.deletionGracePeriodSeconds;
    const counter = ++this.#uids;
    metadata.uid = uidFor(counter);
    metadata.resourceVersion = String(++this.#resourceVersion);
    metadata.creationTimestamp = this.#clock.timestamp();
    if (obj.spec !== undefined) metadata.generation = 1;
    this.#byUid[counter - 1] = table.put(obj);
    this.#written(kind);
    this.#notify(kind, { type: 'ADDED', object: obj });
    return obj as T;
  }

  update<T extends KubeObject>(input: T): T {
    const kind = input.kind;
    const old = this.#require(kind, input.metadata.name, input.metadata.namespace);
    const metadata: ObjectMeta = {
      ...input.metadata,
      uid: old.metadata.uid,
      creationTimestamp: old.metadata.creationTimestamp,
      resourceVersion: old.metadata.resourceVersion,
    };
    // server-owned fields come from the stored object; `delete` only when the input has them
    // and the stored object does not (deleting properties makes V8 objects slow)
    const fields = metadata as Record<string, unknown>;
    for (const field of SERVER_OWNED_OPTIONAL) {
      const value = old.metadata[field];
      if (value !== undefined) fields[field] = value;
      else if (fields[field] !== undefined) delete fields[field];
    }
    const obj = { ...input, metadata, status: old.status } as KubeObject;
    if (obj.status === undefined) delete obj.status;
    for (const plugin of this.#admission) plugin.admit('UPDATE', obj, old);
    if (deepEqual(obj, old)) return old as T;
    if (old.metadata.generation !== undefined && !deepEqual(obj.spec, old.spec)) {
      metadata.generation = old.metadata.generation + 1;
    }
    return this.#replace(old, obj) as T;
  }

  updateStatus<T extends KubeObject>(input: T): T {
    const old = this.#require(input.kind, input.metadata.name, input.metadata.namespace);
    if (deepEqual(input.status, old.status)) return old as T;
    const obj = {
      ...old,
      metadata: { ...old.metadata },
      status: input.status,
    } as KubeObject;
    if (obj.status === undefined) delete obj.status;
    return this.#replace(old, obj) as T;
  }

  delete(kind: string, name: string, namespace?: string, options: DeleteOptions = {}): void {
    const old = this.get(kind, name, namespace);
    if (!old) return; // already gone: deleting is idempotent for controllers
    const grace = this.#gracePeriod(old, options);
    if (grace === 0 && !this.#blockedByFinalizers(old)) return this.#remove(old);
    const deletionTimestamp = this.#clock.timestamp(this.#clock.now() + grace);
    const already = old.metadata.deletionTimestamp;
    // a second delete may shorten the grace period, never lengthen it (pod strategy)
    if (already !== undefined && already <= deletionTimestamp) return;
    const obj = {
      ...old,
      metadata: { ...old.metadata, deletionTimestamp, deletionGracePeriodSeconds: grace },
    } as KubeObject;
    if (kind === 'Namespace')
      obj.status = { ...((old.status as object | undefined) ?? {}), phase: 'Terminating' };
    this.#replace(old, obj);
  }

  /** Whether the object is held by finalizers (metadata.finalizers, a Namespace's spec.finalizers). */
  #blockedByFinalizers(obj: KubeObject): boolean {
    if ((obj.metadata.finalizers?.length ?? 0) > 0) return true;
    const specFinalizers =
      obj.kind === 'Namespace'
        ? (obj.spec as { finalizers?: unknown } | undefined)?.finalizers
        : undefined;
    return Array.isArray(specFinalizers) && specFinalizers.length > 0;
  }

  /**
   * Seconds of graceful termination. Only Pods bound to a node and still running get one
   * (pkg/registry/core/pod/strategy.go `CheckGracefulDeleteStrategy`: unscheduled and
   * terminal pods go at once).
   */
  #gracePeriod(obj: KubeObject, options: DeleteOptions): number {
    if (obj.kind !== 'Pod') return 0;
    const pod = asView<Pod>(obj);
    const phase = pod.status?.phase;
    if (!pod.spec?.nodeName || phase === 'Succeeded' || phase === 'Failed') return 0;
    if (options.gracePeriodSeconds !== undefined) return Math.max(0, options.gracePeriodSeconds);
    const fromSpec = pod.spec.terminationGracePeriodSeconds;
    return typeof fromSpec === 'number' ? Math.max(0, fromSpec) : 30;
  }

  /**
   * POST pods/<name>/binding: the pod's nodeName and PodScheduled condition in one write
   * (pod-binding.ts). Nothing is stored for the Binding itself; the pod's generation moves as
   * for any spec change.
   */
  #bind(binding: KubeObject): KubeObject {
    const { name, namespace } = binding.metadata;
    const old = this.#require('Pod', name, namespace);
    const pod = boundPod(asView<Pod>(old), binding, this.#clock.timestamp());
    const generation = old.metadata.generation;
    pod.metadata = {
      ...old.metadata,
      ...(generation !== undefined ? { generation: generation + 1 } : {}),
    };
    this.#replace(old, pod as KubeObject);
    return binding;
  }

  #replace(old: KubeObject, obj: KubeObject): KubeObject {
    obj.metadata.resourceVersion = String(++this.#resourceVersion);
    this.#table(obj.kind).put(obj, old);
    this.#written(obj.kind);
    this.#notify(obj.kind, { type: 'MODIFIED', object: obj, oldObject: old });
    if (obj.metadata.deletionTimestamp !== undefined && !this.#blockedByFinalizers(obj)) {
      // the last finalizer is gone: the deletion completes
      if (obj.kind !== 'Pod' || old.metadata.finalizers?.length) this.#remove(obj);
    }
    return obj;
  }

  #remove(obj: KubeObject): void {
    this.#table(obj.kind).remove(obj.metadata.namespace ?? '', obj.metadata.name);
    const counter = uidCounter(obj.metadata.uid ?? '');
    if (counter !== undefined) this.#byUid[counter - 1] = undefined;
    if (obj.metadata.uid !== undefined) this.#sharedPodSpecs.forget(obj.metadata.uid);
    for (const plugin of this.#admission) plugin.release?.(obj);
    this.#resourceVersion++;
    this.#written(obj.kind);
    this.#notify(obj.kind, { type: 'DELETED', object: obj });
    for (const listener of this.#removalListeners) listener(obj);
  }

  #require(kind: string, name: string, namespace: string | undefined): KubeObject {
    const old = this.get(kind, name, namespace);
    if (!old) throw new ApiError(404, 'NotFound', `${resourceName(kind)} "${name}" not found`);
    return old;
  }

  #table(kind: string): KindTable {
    let table = this.#tables.get(kind);
    if (!table) this.#tables.set(kind, (table = new KindTable()));
    return table;
  }

  #written(kind: string): void {
    if (!NOT_STATE.has(kind)) this.#writes++;
  }

  #notify(kind: string, event: WatchEvent): void {
    const handlers = this.#watchers.get(kind);
    if (!handlers) return;
    for (const handler of handlers) handler(event);
  }
}
