/**
 * @module
 * Redis on the official `redis` image (docker-library/redis).
 *
 * What the image does, read from its Dockerfile and docker-entrypoint.sh:
 * - `groupadd -r -g 999 redis && useradd -r -g redis -u 999 redis` (Debian variants); the
 *   Alpine variants use `addgroup -S -g 1000 redis && adduser -S -G redis -u 999 redis`.
 * - `WORKDIR /data`, `VOLUME /data`; the entrypoint only chowns and drops privileges when run
 *   as root, otherwise it execs `redis-server` with our args.
 * - redis-server writes nothing outside its `dir` (RDB, AOF and their rewrite temp files all live
 *   there) and runs in the foreground without a pid file, so no emptyDir is needed.
 * - Protected mode is compiled off in the image, so the server accepts remote clients; access
 *   is limited by the NetworkPolicy and, when given, `requirepass`.
 */
import type { IConstruct } from 'constructs';
import { BosunValidationError } from '../errors';
import type { DatabaseEngine, EngineContainer, EngineContext, ImageUser } from './engine';
import { databaseProbes, isAlpineImage, secretEnv } from './probes';

const PORT = 6379;
const DATA_MOUNT = '/data';

/** The `redis` preset. */
export const redis: DatabaseEngine = {
  name: 'redis',
  repository: 'redis',
  defaultVersion: '7.4',
  port: PORT,
  portName: 'redis',
  dataMountPath: DATA_MOUNT,
  scratchPaths: [],
  requiresPassword: false,
  hasDatabaseAndUser: false,
  // Redis saves an RDB snapshot on SIGTERM when `save` points are configured (the default).
  terminationGracePeriodSeconds: 30,

  imageUser(image: string): ImageUser {
    return isAlpineImage(image) ? { uid: 999, gid: 1000 } : { uid: 999, gid: 999 };
  },

  checkNames(scope: IConstruct): void {
    throw new BosunValidationError(
      `database and username are not supported by engine 'redis' (it has numbered databases and one password)`,
      scope,
    );
  },

  checkPassword(): void {
    // Passed as one argv element via $(REDIS_PASSWORD) expansion: no quoting involved.
  },

  container(context: EngineContext): EngineContainer {
    // `appendonly yes`: every write is logged, so a restart loses at most a second of data
    // (appendfsync everysec), not everything since the last RDB snapshot.
    const args = ['redis-server', '--dir', DATA_MOUNT, '--appendonly', 'yes'];
    const env = [];
    if (context.secretName) {
      // The kubelet expands $(REDIS_PASSWORD) in args from the container's env, so the password
      // comes from the Secret without a shell; redis-cli reads REDISCLI_AUTH for the probes.
      env.push(secretEnv('REDIS_PASSWORD', context.secretName, context.passwordKey));
      env.push(secretEnv('REDISCLI_AUTH', context.secretName, context.passwordKey));
      args.push('--requirepass', '$(REDIS_PASSWORD)');
    }
    const ping = `redis-cli -h 127.0.0.1 -p ${PORT} ping`;
    return {
      env,
      args,
      // redis-cli exits 0 on an error reply such as NOAUTH (only I/O errors count, redis/redis
      // #5458; `-e` came later, #8136), so the reply itself is checked. While loading a large
      // AOF Redis answers LOADING: alive, but not ready.
      ...databaseProbes({
        ready: ['sh', '-c', `${ping} | grep -q PONG`],
        alive: ['sh', '-c', `${ping} | grep -qE 'PONG|LOADING'`],
        startupFailureThreshold: 30,
      }),
    };
  },
};
