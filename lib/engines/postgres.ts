/**
 * @module
 * PostgreSQL on the official `postgres` image (docker-library/postgres).
 *
 * What the image does, read from its Dockerfile and docker-entrypoint.sh (16/bookworm):
 * - `useradd -r -g postgres --uid=999` (Debian variants); the Alpine variants use 70:70
 *   ("70 is the standard uid/gid for postgres in Alpine", 16/alpine3.20/Dockerfile).
 * - Run as a non-root uid, the entrypoint skips its chown/gosu step and runs initdb itself
 *   (`docker_create_db_directories`, `_main`); the uid exists in /etc/passwd, so the
 *   nss_wrapper fallback (which would mktemp in /tmp) is not needed, but bash here-documents
 *   still use $TMPDIR, hence an emptyDir on /tmp.
 * - The server and the entrypoint's temporary init server (`listen_addresses=''`, socket only)
 *   put their Unix socket and lock file in /var/run/postgresql (`install ... /var/run/postgresql`
 *   in the Dockerfile), which a read-only root filesystem would refuse: another emptyDir.
 * - `POSTGRES_USER`, `POSTGRES_DB`, `POSTGRES_PASSWORD` are read by `docker_setup_env`; an empty
 *   password makes `docker_verify_minimum_env` exit ("superuser password is not specified").
 * - initdb refuses a non-empty directory, and a fresh ext4 volume holds `lost+found`, so PGDATA
 *   is a subdirectory of the mount, as the image's documentation advises. Setting PGDATA also
 *   keeps the layout stable across the image's own PGDATA change in 18+.
 */
import type { IConstruct } from 'constructs';
import { BosunValidationError } from '../errors';
import type { DatabaseEngine, EngineContainer, EngineContext, ImageUser } from './engine';
import { databaseProbes, isAlpineImage, plainEnv, secretEnv } from './probes';

const PORT = 5432;
const DATA_MOUNT = '/var/lib/postgresql/data';

/** Identifiers longer than NAMEDATALEN-1 (63) bytes are truncated by the server (pg_config_manual.h). */
const MAX_IDENTIFIER = 63;

/** Lowercase, so clients need not quote it: unquoted identifiers fold to lower case. */
const IDENTIFIER = /^[a-z_][a-z0-9_]*$/;

function checkIdentifier(scope: IConstruct, prop: string, value: string): void {
  if (value.length > MAX_IDENTIFIER || !IDENTIFIER.test(value)) {
    throw new BosunValidationError(
      `${prop} must be a PostgreSQL identifier: lowercase letters, digits and '_', starting with a letter or '_', at most ${MAX_IDENTIFIER} characters (got '${value}')`,
      scope,
    );
  }
}

/** The `postgres` preset. */
export const postgres: DatabaseEngine = {
  name: 'postgres',
  repository: 'postgres',
  defaultVersion: '16',
  port: PORT,
  portName: 'postgresql',
  dataMountPath: DATA_MOUNT,
  scratchPaths: ['/var/run/postgresql', '/tmp'],
  requiresPassword: true,
  hasDatabaseAndUser: true,
  // The image stops with SIGINT ("fast shutdown", STOPSIGNAL in the Dockerfile); its comment
  // notes even 90 s may not be enough on busy servers, 10 s (Docker's default) too little.
  terminationGracePeriodSeconds: 60,

  imageUser(image: string): ImageUser {
    return isAlpineImage(image) ? { uid: 70, gid: 70 } : { uid: 999, gid: 999 };
  },

  checkNames(scope: IConstruct, database: string, username: string): void {
    checkIdentifier(scope, 'database', database);
    checkIdentifier(scope, 'username', username);
    // CreateRole (src/backend/commands/user.c): "Role names starting with "pg_" are reserved."
    if (username.startsWith('pg_')) {
      throw new BosunValidationError(
        `username must not start with 'pg_': PostgreSQL reserves those role names (got '${username}')`,
        scope,
      );
    }
  },

  checkPassword(): void {
    // initdb reads the password from a file (--pwfile), so any characters are safe.
  },

  container(context: EngineContext): EngineContainer {
    const database = context.database ?? 'app';
    const username = context.username ?? 'app';
    const env = [
      plainEnv('PGDATA', `${DATA_MOUNT}/pgdata`),
      plainEnv('POSTGRES_DB', database),
      plainEnv('POSTGRES_USER', username),
    ];
    if (context.secretName) {
      env.push(secretEnv('POSTGRES_PASSWORD', context.secretName, context.passwordKey));
    }
    // Over TCP on 127.0.0.1: the init server listens on the socket only, so the pod turns ready
    // only once the real server accepts network connections. pg_isready needs no password.
    const ready = [
      'pg_isready',
      '--quiet',
      '--host=127.0.0.1',
      `--port=${PORT}`,
      `--username=${username}`,
      `--dbname=${database}`,
    ];
    return {
      env,
      ...databaseProbes({ ready, alive: ready, startupFailureThreshold: 30 }),
    };
  },
};
