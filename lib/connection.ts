/**
 * @module
 * The small interfaces through which constructs wire to each other, so that `WebApp`,
 * `StatefulDb` and `RoutedIngress` never depend on each other's classes.
 */
import type { IConstruct } from 'constructs';
import { BosunValidationError } from './errors';
import { describeValue, isPlainObject } from './validate-shapes';

/** Something whose pods can be selected by labels in a namespace (a NetworkPolicy peer). */
export interface IPodSelectable extends IConstruct {
  /** Labels every pod of the workload carries, usable as a selector. */
  readonly podSelectorLabels: Readonly<Record<string, string>>;
  /** Namespace the pods run in. */
  readonly namespace: string;
}

/** A Service a route or a client can reach. */
export interface IServiceTarget extends IConstruct {
  /** The Service's metadata.name. */
  readonly serviceName: string;
  /** The Service's port. */
  readonly servicePort: number;
  /** Namespace of the Service. */
  readonly namespace: string;
}

/** A database a WebApp can `connectTo`. */
export interface IConnectableDatabase extends IConstruct {
  /** DNS name clients use, e.g. `db.my-app.svc.cluster.local`. */
  readonly host: string;
  /** Port the engine listens on. */
  readonly port: number;
  /** Database name, when the engine has one (not Redis). */
  readonly databaseName?: string;
  /** User name, when the engine has one (not Redis). */
  readonly username?: string;
  /** Secret holding the password, or undefined when the database has none (Redis without auth). */
  readonly secretName?: string;
  /** Key of the password inside `secretName`. */
  readonly passwordKey: string;
  /** Let `peer`'s pods reach the database port through its NetworkPolicy. */
  allowFrom(peer: IPodSelectable): void;
}

/**
 * `peer` must be a WebApp or another IPodSelectable: labels to select its pods by and a
 * namespace. A JavaScript caller passing a name or `undefined` gets this, not a TypeError.
 */
export function checkPodSelectable(
  scope: IConstruct,
  prop: string,
  peer: unknown,
): asserts peer is IPodSelectable {
  const ok =
    isObject(peer) && isPlainObject(peer.podSelectorLabels) && typeof peer.namespace === 'string';
  if (!ok) {
    throw new BosunValidationError(
      `${prop} must be a WebApp or another IPodSelectable with podSelectorLabels and a namespace (got ${describeValue(peer)})`,
      scope,
    );
  }
}

// A construct is an object but not a plain one; its fields are what the checks look at.
function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

/** `db` must be a StatefulDb or another IConnectableDatabase: a host, a port and `allowFrom`. */
export function checkConnectableDatabase(
  scope: IConstruct,
  prop: string,
  db: unknown,
): asserts db is IConnectableDatabase {
  const ok =
    isObject(db) &&
    typeof db.host === 'string' &&
    typeof db.port === 'number' &&
    typeof db.allowFrom === 'function';
  if (!ok) {
    throw new BosunValidationError(
      `${prop} must be a StatefulDb or another IConnectableDatabase with host, port and allowFrom (got ${describeValue(db)})`,
      scope,
    );
  }
}
