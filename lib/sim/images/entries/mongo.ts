/**
 * @module
 * MongoDB, the official image (docker-library/mongo 7.0/Dockerfile and docker-entrypoint.sh):
 * no `USER` (the entrypoint steps down with gosu to `mongodb`, 999); `EXPOSE 27017`;
 * `VOLUME /data/db /data/configdb`. After file_env has read the `_FILE` variants, a root
 * username without a password, or a password without a username, makes the entrypoint exit 1.
 */
import type { ImageCatalogueEntry } from '../catalogue-entry';

const USER = ['MONGO_INITDB_ROOT_USERNAME', 'MONGO_INITDB_ROOT_USERNAME_FILE'];
const PASSWORD = ['MONGO_INITDB_ROOT_PASSWORD', 'MONGO_INITDB_ROOT_PASSWORD_FILE'];
const BOTH =
  "error: missing 'MONGO_INITDB_ROOT_USERNAME' or 'MONGO_INITDB_ROOT_PASSWORD'\n" +
  '       both must be specified for a user to be created';

/** mongo, every tag. */
export const mongo: ImageCatalogueEntry = {
  repository: 'docker.io/library/mongo',
  source: 'docker-library/mongo 7.0/Dockerfile, 7.0/docker-entrypoint.sh',
  behavior: {
    user: 0,
    ports: [27017],
    envRules: [
      { when: USER, anyOf: PASSWORD, message: BOTH },
      { when: PASSWORD, anyOf: USER, message: BOTH },
    ],
  },
};
