/**
 * Builders and a stand-in kubelet for the Deployment and ReplicaSet controller tests: the
 * fake binds every new pod to node-1 and marks it Running and Ready after `readySeconds`
 * (never for images listed as broken), and finishes a pod's deletion `shutdownSeconds` after
 * it is marked, as the real kubelet would.
 */
import type { Deployment, Pod, PodStatus, ReplicaSet } from '../../../lib/sim/api';
import type { Controller, SimContext } from '../../../lib/sim/framework';
import { TypedStore } from '../../../lib/sim/controllers/typed-store';

/** A Deployment of nginx pods labelled app=<name>. */
export function deploymentManifest(
  name: string,
  replicas: number,
  spec: Partial<NonNullable<Deployment['spec']>> = {},
  image = 'nginx:1.25',
): Deployment {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, namespace: 'default' },
    spec: {
      replicas,
      selector: { matchLabels: { app: name } },
      template: {
        metadata: { labels: { app: name } },
        spec: { containers: [{ name: 'app', image }] },
      },
      ...spec,
    },
  };
}

/** A bare ReplicaSet labelled app=<name>. */
export function replicaSetManifest(
  name: string,
  replicas: number,
  minReadySeconds = 0,
): ReplicaSet {
  return {
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: { name, namespace: 'default' },
    spec: {
      replicas,
      minReadySeconds,
      selector: { matchLabels: { app: name } },
      template: {
        metadata: { labels: { app: name } },
        spec: { containers: [{ name: 'app', image: 'nginx:1.25' }] },
      },
    },
  };
}

/** Binds the pod to `node` and reports it Running and Ready now. */
export function markReady(
  ctx: SimContext,
  name: string,
  namespace = 'default',
  node = 'node-1',
): void {
  const store = new TypedStore(ctx.store);
  const pod = store.get<Pod>('Pod', name, namespace);
  if (!pod || pod.metadata.deletionTimestamp) return;
  const now = ctx.clock.timestamp();
  const bound = pod.spec?.nodeName
    ? pod
    : store.update({
        ...pod,
        spec: { ...pod.spec, containers: pod.spec?.containers ?? [], nodeName: node },
      });
  const status: PodStatus = {
    phase: 'Running',
    conditions: [
      { type: 'PodScheduled', status: 'True', lastTransitionTime: now },
      { type: 'Ready', status: 'True', lastTransitionTime: now },
    ],
    containerStatuses: [
      {
        name: 'app',
        image: 'x',
        ready: true,
        restartCount: 0,
        state: { running: { startedAt: now } },
      },
    ],
  };
  store.updateStatus({ ...bound, status });
}

/** Reports the pod's container as waiting with `reason` (ImagePullBackOff, ...). */
export function markWaiting(ctx: SimContext, name: string, reason: string, node = 'node-1'): void {
  const store = new TypedStore(ctx.store);
  const pod = store.get<Pod>('Pod', name);
  if (!pod) return;
  const bound = pod.spec?.nodeName
    ? pod
    : store.update({
        ...pod,
        spec: { ...pod.spec, containers: pod.spec?.containers ?? [], nodeName: node },
      });
  store.updateStatus({
    ...bound,
    status: {
      phase: 'Pending',
      conditions: [{ type: 'Ready', status: 'False', reason: 'ContainersNotReady' }],
      containerStatuses: [
        { name: 'app', image: 'x', ready: false, restartCount: 0, state: { waiting: { reason } } },
      ],
    },
  });
}

/** A stand-in kubelet: pods turn ready after `readySeconds`; deletions finish after `shutdownSeconds`. */
export class FakeKubelet implements Controller {
  readonly name = 'fake-kubelet';
  readonly #readySeconds: number;
  readonly #shutdownSeconds: number;
  readonly #broken: ReadonlySet<string>;

  constructor(
    options: { readySeconds?: number; shutdownSeconds?: number; brokenImages?: string[] } = {},
  ) {
    this.#readySeconds = options.readySeconds ?? 5;
    this.#shutdownSeconds = options.shutdownSeconds ?? 2;
    this.#broken = new Set(options.brokenImages ?? []);
  }

  start(ctx: SimContext): void {
    const store = new TypedStore(ctx.store);
    store.watch<Pod>('Pod', (event) => {
      const pod = event.object;
      const { name, namespace } = pod.metadata;
      if (event.type === 'ADDED') {
        const image = pod.spec?.containers[0]?.image ?? '';
        if (this.#broken.has(image)) {
          ctx.clock.after(1, () => markWaiting(ctx, name, 'ImagePullBackOff'));
        } else {
          ctx.clock.after(this.#readySeconds, () => markReady(ctx, name, namespace));
        }
      } else if (
        event.type === 'MODIFIED' &&
        pod.metadata.deletionTimestamp &&
        !event.oldObject?.metadata.deletionTimestamp
      ) {
        ctx.clock.after(this.#shutdownSeconds, () =>
          ctx.store.delete('Pod', name, namespace, { gracePeriodSeconds: 0 }),
        );
      }
    });
  }
}
