/**
 * @module
 * Env var naming for `WebApp.connectTo`: which names a database connection sets.
 */
import type { IConnectableDatabase } from './connection';
import type { ConnectionEnv } from './webapp-props';

/** `cache` → `CACHE`, `orders-db` → `ORDERS_DB`, `2nd` → `_2ND`: a C identifier from a construct id. */
export function envPrefixFromId(id: string): string {
  const upper = id
    .toUpperCase()
    .replace(/[^A-Z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '');
  if (upper === '') return 'DB';
  return /^[0-9]/.test(upper) ? `_${upper}` : upper;
}

/** The env names a connection sets under `prefix`; what the database lacks is left out. */
export function connectionEnvNames(prefix: string, db: IConnectableDatabase): ConnectionEnv {
  return {
    host: `${prefix}_HOST`,
    port: `${prefix}_PORT`,
    ...(db.databaseName !== undefined ? { database: `${prefix}_NAME` } : {}),
    ...(db.username !== undefined ? { user: `${prefix}_USER` } : {}),
    ...(db.secretName !== undefined ? { password: `${prefix}_PASSWORD` } : {}),
  };
}
