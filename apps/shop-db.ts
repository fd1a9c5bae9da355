/**
 * @module
 * The example database: PostgreSQL for the Spring Boot-style API, as one StatefulDb.
 */
import type { Construct } from 'constructs';
import { StatefulDb } from '../lib';

/** Options of {@link addShopDb}. */
export interface ShopDbOptions {
  /** Construct id, which also names the objects. @default 'db' */
  readonly id?: string;
  /**
   * An existing Secret with key `password`: the production path, so no password is in the
   * repository. @default - a literal development password, put into a Secret by the construct
   */
  readonly passwordSecret?: string;
}

/**
 * DEVELOPMENT ONLY: the literal password ends up in the synthesized YAML and in version control.
 * Production passes `passwordSecret` naming a Secret created outside the app (by CI, sealed-secrets
 * or external-secrets).
 */
export const SHOP_DB_DEV_PASSWORD = 'shop-dev-password';

/**
 * Adds PostgreSQL 16 to `scope` (normally the API's chart, so both share a namespace): database
 * and user `shop`, one pod with a 10Gi volume from the default StorageClass. Connect the API with
 * `api.connectTo(db)`, which sets DB_HOST, DB_PORT, DB_NAME, DB_USER and DB_PASSWORD and lets
 * its pods through the database's NetworkPolicy.
 */
export function addShopDb(scope: Construct, options: ShopDbOptions = {}): StatefulDb {
  return new StatefulDb(scope, options.id ?? 'db', {
    engine: 'postgres',
    version: '16',
    replicas: 1,
    storage: { size: '10Gi' },
    database: 'shop',
    username: 'shop',
    ...(options.passwordSecret
      ? { passwordSecret: options.passwordSecret }
      : { password: SHOP_DB_DEV_PASSWORD }),
    resources: {
      cpu: { request: '250m' },
      memory: { request: '512Mi', limit: '1Gi' },
    },
  });
}
