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
import { KubeletHeartbeats, nodeSpecs, registerNodes } from './nodes';
import { LimitRangerAdmission, ResourceQuotaAdmission } from './quota';
import type { NodeDefaults, NodeSpec } from './nodes';
import { SeededRng } from './rng';
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
 * How an image behaves: an exact `images` entry, else one for the image without its tag
 * (`my-app` covers `my-app:1.0`), else pulls and runs.
 */
export function imageBehaviorLookup(
  images: Readonly<Record<string, ImageBehavior>> = {},
): (image: string) => ImageBehavior {
  return (image) => {
    if (images[image]) return images[image];
    const slash = image.lastIndexOf('/');
    const colon = image.lastIndexOf(':');
    const repository = colon > slash ? image.slice(0, colon) : image;
    return images[repository] ?? images[`${repository}:latest`] ?? {};
  };
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
    imageBehavior: imageBehaviorLookup(options.images),
  };
  return { clock, rng, store, events, heartbeats, ctx };
}
