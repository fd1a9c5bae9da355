/**
 * Manifests and watch-based probes for the fault scenarios: a Deployment behind a Service, a
 * StatefulDb-like StatefulSet with claim templates, and probes that see every pod change as it
 * happens (availability against the rollout bound, container restarts).
 */
import type { Pod } from '../../../lib/sim/api';
import type { Controller, SimContext } from '../../../lib/sim/framework';
import type { KubeObject } from '../../../lib/sim/types';
import { deployment, service, statefulSet } from '../fixtures/workloads';

/** A Deployment of nginx pods labelled app=<name>, 25%/25% by default, with a Service. */
export function webApp(name: string, replicas: number, image = 'nginx:1.27'): KubeObject[] {
  return [
    deployment(name, replicas, {
      name: 'app',
      image,
      ports: [{ containerPort: 80 }],
      readinessProbe: { httpGet: { path: '/', port: 80 }, periodSeconds: 5 },
    }),
    service(name, [{ port: 80, targetPort: 80 }]),
  ];
}

/** A StatefulSet like StatefulDb's: headless Service, ordered pods, one claim per pod. */
export function database(name: string, replicas: number): KubeObject[] {
  return [
    service(name, [{ port: 5432 }], { clusterIP: 'None' }),
    statefulSet(name, {
      replicas,
      container: {
        name: 'postgres',
        image: 'postgres:16',
        ports: [{ containerPort: 5432 }],
        env: [{ name: 'POSTGRES_PASSWORD', value: 'dev-only' }],
        volumeMounts: [{ name: 'data', mountPath: '/var/lib/postgresql/data' }],
      },
    }),
  ];
}

/** Whether the pod counts as available for its Deployment (active and Ready; minReadySeconds 0). */
export function isAvailable(pod: Pod): boolean {
  return (
    pod.metadata.deletionTimestamp === undefined &&
    pod.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True') === true
  );
}

/**
 * Watches the pods labelled app=<app> and checks, at every change, the rollout bound under
 * disruption: available >= minAvailable - deficit, where the deficit counts available pods the
 * test took away (kills, a lost node) and goes down by one whenever a pod becomes available.
 * The Deployment controller only ever removes pods it can spare (maxUnavailable); only the
 * faults can take availability lower, and only until replacements are Ready.
 */
export class AvailabilityProbe implements Controller {
  readonly name = 'availability-probe';
  /** Pods available now (by uid). */
  readonly available = new Set<string>();
  /** Pods not terminating now (by uid), for the surge bound. */
  readonly active = new Set<string>();
  deficit = 0;
  /** Bounds are checked only while recording (not while the Deployment first comes up). */
  recording = false;
  minAvailable = Number.POSITIVE_INFINITY;
  maxActive = 0;
  readonly violations: string[] = [];
  #ctx: SimContext | undefined;

  constructor(
    readonly app: string,
    readonly bound: number,
  ) {}

  start(ctx: SimContext): void {
    this.#ctx = ctx;
    ctx.store.watch<Pod>('Pod', (event) => {
      const pod = event.object;
      if (pod.metadata.labels?.app !== this.app) return;
      const uid = pod.metadata.uid ?? pod.metadata.name;
      const gone = event.type === 'DELETED';
      if (!gone && pod.metadata.deletionTimestamp === undefined) this.active.add(uid);
      else this.active.delete(uid);
      if (!gone && isAvailable(pod)) {
        if (!this.available.has(uid)) {
          this.available.add(uid);
          if (this.recording) this.deficit = Math.max(0, this.deficit - 1);
        }
      } else this.available.delete(uid);
      this.#check();
    });
  }

  /** The test takes `n` available pods away (before it does). */
  disrupt(n: number): void {
    this.deficit += n;
  }

  #check(): void {
    if (!this.recording) return;
    const now = this.#ctx?.clock.now() ?? 0;
    this.maxActive = Math.max(this.maxActive, this.active.size);
    this.minAvailable = Math.min(this.minAvailable, this.available.size);
    if (this.available.size < this.bound - this.deficit)
      this.violations.push(
        `t=${now}: ${this.available.size} available, deficit ${this.deficit}, bound ${this.bound}`,
      );
  }
}

/** Records each restart of the first container of pod `name`: [virtual time, restartCount]. */
export class RestartProbe implements Controller {
  readonly name = 'restart-probe';
  readonly restarts: [number, number][] = [];

  constructor(readonly pod: string) {}

  start(ctx: SimContext): void {
    ctx.store.watch<Pod>('Pod', (event) => {
      if (event.object.metadata.name !== this.pod) return;
      const count = event.object.status?.containerStatuses?.[0]?.restartCount ?? 0;
      const before = event.oldObject?.status?.containerStatuses?.[0]?.restartCount ?? 0;
      if (count !== before) this.restarts.push([ctx.clock.now(), count]);
    });
  }
}
