/**
 * @module
 * The props of `StatefulDb` and the small structs they are made of.
 */
import type { IPodSelectable } from './connection';
import type { StatefulDbEngine } from './engines';
import type { ContainerResources } from './resources';
import type { SecurityOverrides } from './security';

/** The volume each pod gets from the StatefulSet's volumeClaimTemplate. */
export interface DatabaseStorage {
  /** Size of each pod's PersistentVolumeClaim, a Kubernetes quantity. @default '10Gi' */
  readonly size?: string;
  /** StorageClass to provision from. @default - the cluster's default StorageClass */
  readonly storageClassName?: string;
}

/** Props of a `StatefulDb`. */
export interface StatefulDbProps {
  /** Which database: `'postgres'`, `'mysql'` or `'redis'`, each on its official image. */
  readonly engine: StatefulDbEngine;
  /**
   * Name of the StatefulSet, Service, NetworkPolicy and PodDisruptionBudget, so the host is
   * predictable (`<name>.<namespace>.svc.cluster.local`). A DNS-1123 label of at most 52
   * characters (pods are `<name>-<ordinal>`, and the revision label adds 11 more).
   * @default - from the construct path with a hash, e.g. `shop-db-c8b8558a`
   */
  readonly name?: string;
  /** Image tag of the official image. @default - '16' for postgres, '8.4' for mysql, '7.4' for redis */
  readonly version?: string;
  /**
   * Full image reference to run instead of the official image from Docker Hub, e.g. a mirror
   * (`registry.example.com/library/postgres:16.4`). It must be the official image or a copy.
   * @default - `<engine>:<version>` from Docker Hub
   */
  readonly image?: string;
  /**
   * Pods in the set, started in order, each with its own volume. Pods do not replicate to each
   * other unless you configure replication yourself (see the README).
   * @default 1
   */
  readonly replicas?: number;
  /** Per-pod persistent volume. @default - 10Gi from the default StorageClass */
  readonly storage?: DatabaseStorage;
  /** Database to create on first start (postgres, mysql). @default 'app' */
  readonly database?: string;
  /** User to create on first start (postgres, mysql). @default 'app' */
  readonly username?: string;
  /**
   * Name of an existing Secret (same namespace) holding the password under `passwordKey`.
   * It is referenced, never created. The production path.
   * @default - none; then `password` is needed for postgres and mysql
   */
  readonly passwordSecret?: string;
  /**
   * A literal password, put into a Secret this construct creates. For development only: it
   * ends up in the synthesized YAML and in version control.
   * @default - none
   */
  readonly password?: string;
  /** Key of the password inside the Secret. @default 'password' */
  readonly passwordKey?: string;
  /**
   * MySQL only: key of the root password inside `passwordSecret`.
   * @default - the same key as the application user's password
   */
  readonly rootPasswordKey?: string;
  /**
   * CPU and memory of the database container.
   * @default - CPU request '250m' and no CPU limit (CFS throttling stalls a database
   * mid-transaction); memory request '256Mi', limit '1Gi'
   */
  readonly resources?: ContainerResources;
  /** Workloads whose pods may reach the database port. @default - none; add with `allowFrom()` or `webApp.connectTo(db)` */
  readonly allowFrom?: readonly IPodSelectable[];
  /**
   * Relaxations of the PSS-restricted security context, where an image needs them (the same
   * prop as WebApp's). @default - restricted, running as the image's own user (e.g. 999 for postgres)
   */
  readonly securityContext?: SecurityOverrides;
}
