/**
 * @module
 * Probe timings and env helpers shared by the engine presets. Databases restart slowly and are
 * hurt by being killed mid-recovery, so liveness is lenient and the startup probe gives
 * initialisation (initdb, mysqld --initialize, loading a large AOF) minutes, not seconds.
 */
import type { k8s } from 'cdk8s-plus-28';

/** Seconds between startup probes; times `startupFailureThreshold` is the time allowed to start. */
export const STARTUP_PERIOD_SECONDS = 10;

/** Liveness, readiness and startup probes running `command`s inside the container. */
export function databaseProbes(options: {
  /** Command that succeeds once the server answers queries. */
  readonly ready: string[];
  /** Command that succeeds while the server is alive, even if busy (e.g. loading data). */
  readonly alive: string[];
  /** Startup attempts before the kubelet restarts the container. */
  readonly startupFailureThreshold: number;
}): { livenessProbe: k8s.Probe; readinessProbe: k8s.Probe; startupProbe: k8s.Probe } {
  return {
    // 6 misses x 10 s: a minute of silence before a restart, so a long checkpoint or fsync
    // stall does not turn into a crash loop.
    livenessProbe: {
      exec: { command: options.alive },
      periodSeconds: 10,
      timeoutSeconds: 5,
      failureThreshold: 6,
    },
    readinessProbe: {
      exec: { command: options.ready },
      periodSeconds: 5,
      timeoutSeconds: 5,
      failureThreshold: 3,
    },
    startupProbe: {
      exec: { command: options.ready },
      periodSeconds: STARTUP_PERIOD_SECONDS,
      timeoutSeconds: 5,
      failureThreshold: options.startupFailureThreshold,
    },
  };
}

/** A plain env var. */
export function plainEnv(name: string, value: string): k8s.EnvVar {
  return { name, value };
}

/** An env var read from a Secret key, so the value never appears in the manifest. */
export function secretEnv(name: string, secretName: string, key: string): k8s.EnvVar {
  return { name, valueFrom: { secretKeyRef: { name: secretName, key } } };
}

/** True when an image's tag names an Alpine variant (`postgres:16-alpine`, `redis:7.4-alpine3.20`). */
export function isAlpineImage(image: string): boolean {
  const withoutDigest = image.split('@')[0];
  const colon = withoutDigest.lastIndexOf(':');
  // A colon before the last '/' belongs to a registry port (`registry:5000/postgres`), not a tag.
  if (colon < 0 || colon < withoutDigest.lastIndexOf('/')) return false;
  return /(^|-)alpine/.test(withoutDigest.slice(colon + 1));
}
