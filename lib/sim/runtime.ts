/**
 * @module
 * Assembles one simulated control plane without its controllers: clock, seeded rng, store
 * with its admission chain and garbage collector, event recorder, and the objects a fresh
 * kind cluster starts with (namespaces, the `kubernetes` Service, the `standard`
 * StorageClass, the `nginx` IngressClass, the Nodes). `Cluster` and the test harness both
 * build on it.
 */
import { CoreAdmission } from './admission';
import { VirtualClock } from './clock';
import { startGarbageCollector } from './controllers/garbage-collector';
import { StoreEventRecorder } from './events';
import type { ImageBehavior, SimContext } from './framework';
import { CONTAINERD_UNPRIVILEGED_PORT_START } from './kubelet/image-process';
import { KubeletHeartbeats, nodeSpecs, registerNodes } from './nodes';
import { LimitRangerAdmission, ResourceQuotaAdmission } from './quota';
import type { NodeDefaults, NodeSpec } from './nodes';
import { SeededRng } from './rng';
import { catalogueLookup } from './images/catalogue';
import { namesTagOrDigest, parseImageReference } from './images/reference';
import { DefaultStorageClassAdmission } from './storage/classes';
import { DefaultIngressClassAdmission } from './traffic/default-ingress-class';
import { ServiceAllocator } from './services';
import { SimStore } from './store';
import type { KubeObject } from './types';

/** What a runtime is built from. */
export interface RuntimeOptions {
  readonly nodes?: number | readonly NodeSpec[];
  readonly nodeDefaults?: NodeDefaults;
  readonly seed?: number;
  readonly images?: Readonly<Record<string, ImageBehavior>>;
  /** Whether well-known images behave as the catalogue (lib/sim/images) says. @default true */
  readonly imageCatalogue?: boolean;
  /** The container runtime's `net.ipv4.ip_unprivileged_port_start` for pods. @default 0 */
  readonly unprivilegedPortStart?: number;
}

/** The parts of a running control plane. */
export interface Runtime {
  readonly clock: VirtualClock;
  readonly rng: SeededRng;
  readonly store: SimStore;
  readonly events: StoreEventRecorder;
  /** The kubelets' heartbeats; `Cluster.failNode` stops one. */
  readonly heartbeats: KubeletHeartbeats;
  readonly ctx: SimContext;
}

/** Rng stream ids, so that allocating IPs never shifts the names of pods. */
const SERVICE_STREAM = 1;

/** Namespaces every cluster has. */
export const SYSTEM_NAMESPACES = [
  'default',
  'kube-node-lease',
  'kube-public',
  'kube-system',
] as const;

/**
 * How an image behaves: the user's `images` entry for it (the exact string; else the same tag of
 * the same repository, Docker Hub names normalized, so `nginx:1.27` also covers
 * `docker.io/library/nginx:1.27`; else one for the whole repository, `my-app` covering
 * `my-app:1.0`), else the image catalogue's entry (unless `catalogue` is false), else pulls
 * and runs. Answers are cached by image string: one map lookup per container start.
 */
export function imageBehaviorLookup(
  images: Readonly<Record<string, ImageBehavior>> = {},
  catalogue = true,
): (image: string) => ImageBehavior {
  const byReference = new Map<string, ImageBehavior>();
  for (const [key, behavior] of Object.entries(images)) {
    const { repository, tag } = parseImageReference(key);
    const normalized = namesTagOrDigest(key) ? `${repository}:${tag ?? ''}` : repository;
    if (!byReference.has(normalized)) byReference.set(normalized, behavior);
  }
  const fromCatalogue = catalogue ? catalogueLookup() : () => undefined;
  const cache = new Map<string, ImageBehavior>();
  return (image) => {
    let behavior = cache.get(image);
    if (behavior !== undefined) return behavior;
    const { repository, tag } = parseImageReference(image);
    behavior =
      images[image] ??
      byReference.get(`${repository}:${tag ?? ''}`) ??
      byReference.get(repository) ??
      fromCatalogue(image)?.behavior ??
      {};
    behavior = withUser(behavior);
    cache.set(image, behavior);
    return behavior;
  };
}

/**
 * `runsAsRoot` is the image user 0 said another way: the kubelet reads only `user`, so a
 * behavior that says runsAsRoot gets `user: 0` (over any `user` it also names, as before).
 */
function withUser(behavior: ImageBehavior): ImageBehavior {
  return behavior.runsAsRoot && behavior.user !== 0 ? { ...behavior, user: 0 } : behavior;
}

function bootstrapObjects(): KubeObject[] {
  return [
    ...SYSTEM_NAMESPACES.map((name) => ({
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: { name },
    })),
    {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: {
        name: 'kubernetes',
        namespace: 'default',
        labels: { component: 'apiserver', provider: 'kubernetes' },
      },
      spec: {
        clusterIP: '10.96.0.1',
        ports: [{ name: 'https', port: 443, protocol: 'TCP', targetPort: 6443 }],
      },
    },
    {
      apiVersion: 'storage.k8s.io/v1',
      kind: 'StorageClass',
      metadata: {
        name: 'standard',
        annotations: { 'storageclass.kubernetes.io/is-default-class': 'true' },
      },
      provisioner: 'rancher.io/local-path',
      reclaimPolicy: 'Delete',
      volumeBindingMode: 'WaitForFirstConsumer',
    },
    {
      apiVersion: 'networking.k8s.io/v1',
      kind: 'IngressClass',
      metadata: {
        name: 'nginx',
        annotations: { 'ingressclass.kubernetes.io/is-default-class': 'true' },
      },
      spec: { controller: 'k8s.io/ingress-nginx' },
    },
  ];
}

/** A control plane with a fresh cluster's objects and no controllers running. */
export function createRuntime(options: RuntimeOptions = {}): Runtime {
  const seed = options.seed ?? 1;
  const clock = new VirtualClock();
  const rng = new SeededRng(seed);
  const store = new SimStore(clock, rng);
  // kube-apiserver's default plugin order (pkg/kubeapiserver/options/plugins.go
  // AllOrderedPlugins): mutating defaults first, ResourceQuota last so that it charges the
  // object as stored (a claim's default class decides which storage-class quota it uses)
  store.use(new CoreAdmission(store));
  store.use(new LimitRangerAdmission(store));
  store.use(new DefaultStorageClassAdmission(store));
  store.use(new DefaultIngressClassAdmission(store));
  store.use(new ResourceQuotaAdmission(store, clock));
  store.use(new ServiceAllocator(new SeededRng(seed, SERVICE_STREAM)));
  startGarbageCollector(store, clock);
  const events = new StoreEventRecorder(store, clock);
  for (const obj of bootstrapObjects()) store.create(obj);
  registerNodes(store, clock, nodeSpecs(options.nodes, options.nodeDefaults));
  const heartbeats = new KubeletHeartbeats();
  const ctx: SimContext = {
    store,
    clock,
    rng,
    events,
    heartbeats,
    imageBehavior: imageBehaviorLookup(options.images, options.imageCatalogue ?? true),
    unprivilegedPortStart: options.unprivilegedPortStart ?? CONTAINERD_UNPRIVILEGED_PORT_START,
  };
  return { clock, rng, store, events, heartbeats, ctx };
}
