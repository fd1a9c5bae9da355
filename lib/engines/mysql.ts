/**
 * @module
 * MySQL on the official `mysql` image (docker-library/mysql). 8.4 and later exist only as the
 * Oracle Linux variant.
 *
 * What the image does, read from 8.4/Dockerfile.oracle and 8.4/docker-entrypoint.sh:
 * - `groupadd --system --gid 999 mysql; useradd --system --uid 999 --gid 999 mysql`.
 * - Run as a non-root uid, `_main` skips the chown and `gosu` step and initialises the data
 *   directory itself (`docker_init_database_dir`: `mysqld --initialize-insecure`).
 * - It writes outside the data directory: the socket and pid file in /var/run/mysqld (the
 *   Dockerfile rewrites `socket=` in /etc/my.cnf to /var/run/mysqld/mysqld.sock), temporary
 *   files in /tmp (mktemp, bash here-documents, mysqld's own tmpdir), and `secure-file-priv`
 *   points at /var/lib/mysql-files, which mysqld refuses to start without (docker-library/mysql
 *   #541). Each gets an emptyDir so the root filesystem can be read-only.
 * - `mysqld --initialize` aborts when the data directory "has files in it", and a fresh volume
 *   has `lost+found` (docker-library/mysql#186, #69: "provide a subdirectory of the formatted
 *   partition"), so `--datadir` is a subdirectory of the mount; the entrypoint reads datadir
 *   from mysqld's effective config (`mysql_get_config 'datadir' "$@"`), so it follows.
 * - `MYSQL_ROOT_PASSWORD` is mandatory (`docker_verify_minimum_env`); `MYSQL_USER` may not be
 *   `root`; the user and password are pasted into SQL inside single quotes
 *   (`CREATE USER '$MYSQL_USER'@'%' IDENTIFIED BY '$MYSQL_PASSWORD'`).
 */
import type { IConstruct } from 'constructs';
import { BosunValidationError } from '../errors';
import type { DatabaseEngine, EngineContainer, EngineContext, ImageUser } from './engine';
import { databaseProbes, plainEnv, secretEnv } from './probes';

const PORT = 3306;
const DATA_MOUNT = '/var/lib/mysql';

/** Database names are identifiers: at most 64 characters (MySQL manual, "Identifier Length Limits"). */
const MAX_DATABASE = 64;
/** "MySQL user names are up to 32 characters long" (MySQL manual, "Account User Names"). */
const MAX_USER = 32;
/** Unquoted-identifier characters minus `$`, so shells and the entrypoint's SQL need no escaping. */
const NAME = /^[A-Za-z0-9_]+$/;

function checkName(scope: IConstruct, prop: string, value: string, max: number): void {
  // An identifier may start with a digit but may not consist solely of digits.
  if (value.length > max || !NAME.test(value) || /^[0-9]+$/.test(value)) {
    throw new BosunValidationError(
      `${prop} must be a MySQL name: letters, digits and '_', not only digits, at most ${max} characters (got '${value}')`,
      scope,
    );
  }
}

/** The `mysql` preset. */
export const mysql: DatabaseEngine = {
  name: 'mysql',
  repository: 'mysql',
  defaultVersion: '8.4',
  port: PORT,
  portName: 'mysql',
  dataMountPath: DATA_MOUNT,
  scratchPaths: ['/var/run/mysqld', '/tmp', '/var/lib/mysql-files'],
  requiresPassword: true,
  hasDatabaseAndUser: true,
  // InnoDB flushes dirty pages on a clean shutdown; give it time before SIGKILL.
  terminationGracePeriodSeconds: 60,

  imageUser(): ImageUser {
    return { uid: 999, gid: 999 };
  },

  checkNames(scope: IConstruct, database: string, username: string): void {
    checkName(scope, 'database', database, MAX_DATABASE);
    checkName(scope, 'username', username, MAX_USER);
    if (username.toLowerCase() === 'root') {
      throw new BosunValidationError(
        `username must not be 'root': the mysql image creates root itself and refuses MYSQL_USER=root (got '${username}')`,
        scope,
      );
    }
  },

  checkPassword(scope: IConstruct, password: string): void {
    if (/['\\]/.test(password)) {
      throw new BosunValidationError(
        `password must not contain ' or \\ for mysql: the image's entrypoint pastes it into a quoted SQL string`,
        scope,
      );
    }
  },

  container(context: EngineContext): EngineContainer {
    const env = [
      plainEnv('MYSQL_DATABASE', context.database ?? 'app'),
      plainEnv('MYSQL_USER', context.username ?? 'app'),
    ];
    if (context.secretName) {
      env.push(secretEnv('MYSQL_PASSWORD', context.secretName, context.passwordKey));
      env.push(secretEnv('MYSQL_ROOT_PASSWORD', context.secretName, context.rootPasswordKey));
    }
    // `mysqladmin ping` exits 0 whenever the server answers, even with "Access denied" (MySQL
    // manual, mysqladmin), so it needs no password; the image ships it (its entrypoint stops the
    // init server with `mysqladmin shutdown`). Over TCP: the init server runs with --skip-networking, so the pod turns
    // ready only once the real server listens.
    const ready = ['mysqladmin', 'ping', '--host=127.0.0.1', `--port=${PORT}`, '--silent'];
    return {
      env,
      args: ['mysqld', `--datadir=${DATA_MOUNT}/data`],
      // First start loads time zone tables and runs init scripts: allow ten minutes.
      ...databaseProbes({ ready, alive: ready, startupFailureThreshold: 60 }),
    };
  },
};
