/**
 * @module
 * What a database engine preset tells StatefulDb: image, port, where data lives, which paths the
 * image writes outside its data directory, the user it runs as, its env, args and probes.
 * StatefulDb does the Kubernetes wiring; a preset only knows its image.
 */
import type { k8s } from 'cdk8s-plus-28';
import type { IConstruct } from 'constructs';

/** The engines StatefulDb knows. */
export type StatefulDbEngine = 'postgres' | 'mysql' | 'redis';

/** Every engine name, in the order error messages list them. */
export const ENGINE_NAMES: readonly StatefulDbEngine[] = ['postgres', 'mysql', 'redis'];

/** User, group and fsGroup an image's server process runs as. */
export interface ImageUser {
  /** UID of the image's own service account, e.g. 999 for `postgres` on Debian. */
  readonly uid: number;
  /** Its primary GID; also the fsGroup, so the data volume is writable by it. */
  readonly gid: number;
}

/** What StatefulDb resolved from its props, handed to the preset to build the container. */
export interface EngineContext {
  /** Database to create on first start (undefined for engines without one). */
  readonly database?: string;
  /** User to create on first start (undefined for engines without one). */
  readonly username?: string;
  /** Secret holding the password, undefined when the database runs without one (Redis only). */
  readonly secretName?: string;
  /** Key of the application user's password in `secretName`. */
  readonly passwordKey: string;
  /** Key of the administrator's password in `secretName` (MySQL root). */
  readonly rootPasswordKey: string;
}

/** The parts of the database container a preset decides. */
export interface EngineContainer {
  /** Environment, with passwords as `secretKeyRef`s, never literals. */
  readonly env: k8s.EnvVar[];
  /** Arguments to the image's entrypoint. @default - the image's CMD */
  readonly args?: string[];
  /** Restarts a wedged server; generous, since killing a database mid-recovery makes it worse. */
  readonly livenessProbe: k8s.Probe;
  /** Takes the pod out of the Service while the server cannot answer. */
  readonly readinessProbe: k8s.Probe;
  /** Holds liveness off while the image initialises or recovers a data directory. */
  readonly startupProbe: k8s.Probe;
}

/** A database engine on its official Docker Hub image. */
export interface DatabaseEngine {
  /** The engine's name, as given in `StatefulDbProps.engine`. */
  readonly name: StatefulDbEngine;
  /** Docker Hub repository of the official image, e.g. `postgres`. */
  readonly repository: string;
  /** Tag used when `version` is not given. */
  readonly defaultVersion: string;
  /** TCP port the server listens on. */
  readonly port: number;
  /** Name of that port in the container and the Service (IANA service name where there is one). */
  readonly portName: string;
  /** Where the persistent volume is mounted. */
  readonly dataMountPath: string;
  /** Paths the image writes outside the data volume; each gets an emptyDir. */
  readonly scratchPaths: readonly string[];
  /** True when the engine refuses to start without a password (Postgres, MySQL). */
  readonly requiresPassword: boolean;
  /** True when the engine has a database and a user to create (not Redis). */
  readonly hasDatabaseAndUser: boolean;
  /** Grace period long enough for a clean shutdown that flushes data to disk. */
  readonly terminationGracePeriodSeconds: number;
  /** UID/GID of the image's service account, which differs between variants (Debian, Alpine). */
  imageUser(image: string): ImageUser;
  /** Throws a BosunValidationError when the engine would reject `database` or `username`. */
  checkNames(scope: IConstruct, database: string, username: string): void;
  /** Throws when a literal password would break the image's initialisation. */
  checkPassword(scope: IConstruct, password: string): void;
  /** Env, args and probes of the database container. */
  container(context: EngineContext): EngineContainer;
}
