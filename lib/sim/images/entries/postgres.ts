/**
 * @module
 * PostgreSQL, the official image (docker-library/postgres 16/bookworm/Dockerfile and
 * docker-entrypoint.sh):
 * - no `USER`: the entrypoint starts as root and steps down with gosu to `postgres` (999;
 *   70 on Alpine); run as another UID it initialises the cluster itself;
 * - `EXPOSE 5432`;
 * - `docker_verify_minimum_env` exits 1 when `POSTGRES_PASSWORD` is empty (file_env also reads
 *   `POSTGRES_PASSWORD_FILE`) unless `POSTGRES_HOST_AUTH_METHOD` is `trust`;
 * - the server (and the entrypoint's socket-only init server) puts its socket lock file in
 *   /var/run/postgresql, installed with mode 3777 so that any UID may write it; PGDATA is a
 *   `VOLUME`, which the container runtime mounts writable (containerd's CRI `volumeMounts`),
 *   so a read-only root filesystem leaves it alone.
 */
import type { ImageCatalogueEntry } from '../catalogue-entry';

/** postgres, every tag and variant. */
export const postgres: ImageCatalogueEntry = {
  repository: 'docker.io/library/postgres',
  source: 'docker-library/postgres 16/bookworm/Dockerfile, docker-entrypoint.sh',
  behavior: {
    user: 0,
    ports: [5432],
    envRules: [
      {
        anyOf: ['POSTGRES_PASSWORD', 'POSTGRES_PASSWORD_FILE', 'POSTGRES_HOST_AUTH_METHOD=trust'],
        message:
          'Error: Database is uninitialized and superuser password is not specified.\n' +
          '       You must specify POSTGRES_PASSWORD to a non-empty value for the\n' +
          '       superuser. For example, "-e POSTGRES_PASSWORD=password" on "docker run".',
      },
    ],
    writablePaths: ['/var/run/postgresql'],
    logs: {
      unwritable: {
        '/var/run/postgresql':
          'FATAL:  could not create lock file "/var/run/postgresql/.s.PGSQL.5432.lock": {error}',
      },
    },
  },
};
