/**
 * @module
 * MySQL, the official image (docker-library/mysql 8.4/Dockerfile.oracle and
 * 8.4/docker-entrypoint.sh):
 * - no `USER`: `_main` runs as root and re-executes itself with `gosu mysql` (999);
 * - mysqld listens on 3306 and, for the X protocol, 33060;
 * - on an uninitialised data directory `docker_verify_minimum_env` exits through `mysql_error`
 *   unless `MYSQL_ROOT_PASSWORD` (or its `_FILE`), `MYSQL_ALLOW_EMPTY_PASSWORD` or
 *   `MYSQL_RANDOM_ROOT_PASSWORD` is set, and refuses `MYSQL_USER="root"`;
 * - the server's socket and its lock file live in /var/run/mysqld (the temporary init server
 *   is started with `--socket="${SOCKET}"`); /var/lib/mysql is a `VOLUME`.
 */
import type { ImageCatalogueEntry } from '../catalogue-entry';

const ROOT_PASSWORD_OPTIONS =
  '    You need to specify one of the following as an environment variable:\n' +
  '    - MYSQL_ROOT_PASSWORD\n' +
  '    - MYSQL_ALLOW_EMPTY_PASSWORD\n' +
  '    - MYSQL_RANDOM_ROOT_PASSWORD';

/** mysql, every tag. */
export const mysql: ImageCatalogueEntry = {
  repository: 'docker.io/library/mysql',
  source: 'docker-library/mysql 8.4/Dockerfile.oracle, 8.4/docker-entrypoint.sh',
  behavior: {
    user: 0,
    ports: [3306, 33060],
    envRules: [
      {
        anyOf: [
          'MYSQL_ROOT_PASSWORD',
          'MYSQL_ROOT_PASSWORD_FILE',
          'MYSQL_ALLOW_EMPTY_PASSWORD',
          'MYSQL_RANDOM_ROOT_PASSWORD',
        ],
        message:
          '[ERROR] [Entrypoint]: Database is uninitialized and password option is not specified\n' +
          ROOT_PASSWORD_OPTIONS,
      },
      {
        when: ['MYSQL_USER=root'],
        anyOf: [],
        message:
          '[ERROR] [Entrypoint]: MYSQL_USER="root", MYSQL_USER and MYSQL_PASSWORD are for configuring a regular user and cannot be used for the root user',
      },
    ],
    writablePaths: ['/var/run/mysqld'],
    logs: {
      unwritable: {
        '/var/run/mysqld':
          '[ERROR] [MY-010273] [Server] Could not create unix socket lock file /var/run/mysqld/mysqld.sock.lock.\n' +
          '[ERROR] [Entrypoint]: Unable to start server.',
      },
    },
  },
};
