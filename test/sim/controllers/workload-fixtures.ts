/**
 * Builders and a stand-in kubelet for the Deployment and ReplicaSet controller tests: the
 * fake binds every new pod to node-1 and marks it Running and Ready after `readySeconds`
 * (never for images listed as broken), and finishes a pod's deletion `shutdownSeconds` after
 * it is marked, as the real kubelet would.
 */
import type { Deployment, Pod, PodStatus, ReplicaSet } from '../../../lib/sim/api';
import { ApiError } from '../../../lib/sim/framework';
import type { Controller, SimContext, Store } from '../../../lib/sim/framework';
import type { AdmissionPlugin } from '../../../lib/sim/store';
import type { KubeObject } from '../../../lib/sim/types';
import { TypedStore } from '../../../lib/sim/controllers/typed-store';
import { appPods } from '../fixtures/workloads';

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
    spec: { replicas, ...appPods(name, [{ name: 'app', image }]), ...spec },
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
    spec: { replicas, minReadySeconds, ...appPods(name, [{ name: 'app', image: 'nginx:1.25' }]) },
  };
}

/** The pod bound to `node`, as the scheduler would bind it (unchanged if already bound). */
function boundTo(store: TypedStore, pod: Pod, node: string): Pod {
  if (pod.spec?.nodeName) return pod;
  return store.update({
    ...pod,
    spec: { ...pod.spec, containers: pod.spec?.containers ?? [], nodeName: node },
  });
}

/**
 * An admission plugin standing in for a quota of `max` pods: pod creations beyond it are
 * forbidden with the API server's message, naming the quota `quota`.
 */
export function podQuotaStandIn(store: Store, max: number, quota: string): AdmissionPlugin {
  return {
    admit(operation: 'CREATE' | 'UPDATE', obj: KubeObject) {
      if (operation === 'CREATE' && obj.kind === 'Pod' && store.list('Pod').length >= max) {
        throw new ApiError(
          403,
          'Forbidden',
          `pods "${obj.metadata.name}" is forbidden: exceeded quota: ${quota}, requested: pods=1, used: pods=${max}, limited: pods=${max}`,
        );
      }
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
  const bound = boundTo(store, pod, node);
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
  const bound = boundTo(store, pod, node);
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
