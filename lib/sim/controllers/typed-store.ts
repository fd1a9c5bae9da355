/**
 * @module
 * The store seen through the typed views of api.ts (Pod, ReplicaSet, Deployment): the
 * store's calls with views in and out, converted by views.ts's `asKube`/`asView`.
 */
import type { EventRecorder, Store } from '../framework';
import type { KubeObject } from '../types';
import { asKube, asView } from '../views';

/** Any typed view of a stored object. */
export interface View {
  apiVersion: string;
  kind: string;
  metadata: KubeObject['metadata'];
}

/** The store's read and write calls, typed by view. */
export class TypedStore {
  readonly #store: Store;

  constructor(store: Store) {
    this.#store = store;
  }

  /** The untyped store. */
  get raw(): Store {
    return this.#store;
  }

  /** One object, or undefined. */
  get<T extends View>(kind: string, name: string, namespace?: string): T | undefined {
    return asView<T>(this.#store.get(kind, name, namespace));
  }

  /** All objects of a kind, optionally in one namespace. */
  list<T extends View>(kind: string, namespace?: string): T[] {
    return this.#store.list(kind, namespace) as unknown as T[];
  }

  /** Objects in `namespace` carrying every label of `matchLabels`. */
  select<T extends View>(
    kind: string,
    namespace: string,
    matchLabels: Readonly<Record<string, string>>,
  ): T[] {
    return this.#store.select(kind, namespace, matchLabels) as unknown as T[];
  }

  /** Objects with an ownerReference to `uid`. */
  ownedBy<T extends View>(kind: string, uid: string): T[] {
    return this.#store.ownedBy(kind, uid) as unknown as T[];
  }

  /** Create (throws ApiError). */
  create<T extends View>(obj: T): T {
    return asView<T>(this.#store.create(asKube(obj)));
  }

  /** Replace metadata and spec. */
  update<T extends View>(obj: T): T {
    return asView<T>(this.#store.update(asKube(obj)));
  }

  /** Replace status. */
  updateStatus<T extends View>(obj: T): T {
    return asView<T>(this.#store.updateStatus(asKube(obj)));
  }

  /** Delete (graceful for bound pods). */
  delete(kind: string, name: string, namespace?: string): void {
    this.#store.delete(kind, name, namespace);
  }

  /** Subscribe to one kind's events. */
  watch<T extends View>(kind: string, handler: (event: ViewEvent<T>) => void): void {
    this.#store.watch(kind, (event) => handler(event as unknown as ViewEvent<T>));
  }
}

/** Typed watch event. */
export interface ViewEvent<T> {
  readonly type: 'ADDED' | 'MODIFIED' | 'DELETED';
  readonly object: T;
  readonly oldObject?: T;
}

/** Records an Event about a typed object. */
export function recordEvent(
  events: EventRecorder,
  involved: View,
  type: 'Normal' | 'Warning',
  reason: string,
  message: string,
  component: string,
): void {
  events.event(asKube(involved), type, reason, message, component);
}
