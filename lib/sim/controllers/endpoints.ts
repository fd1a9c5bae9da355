/**
 * @module
 * The endpoints controller (pkg/controller/endpoint/endpoints_controller.go): for every
 * Service with a selector, an Endpoints object of the same name listing the selected pods'
 * IPs (ready ones in `addresses`, others in `notReadyAddresses`) and the target ports,
 * named targetPorts resolved against each pod's container ports (podutil.FindPort).
 * Addresses with the same ports share a subset (endpoints.RepackSubsets).
 */
import type { EndpointAddress, EndpointSubset, Endpoints, Pod, Service, ServicePort } from '../api';
import { deepEqual } from '../deep-equal';
import type { Controller, SimContext, Store, WatchEvent } from '../framework';
import { isPodReady, isPodTerminal } from '../pod-readiness';
import { matchesLabels } from '../selector';
import type { KubeObject } from '../types';
import { asKube, asView } from '../views';
import { keyOf, splitKey, WorkQueue } from '../workqueue';

type EndpointPort = NonNullable<EndpointSubset['ports']>[number];

/** A Service's selector (matchLabels only, as Services have). */
type Selector = Record<string, string>;

/** The selector the endpoints controller follows, or undefined (no selector, ExternalName). */
export function endpointsSelector(service: Service): Record<string, string> | undefined {
  const selector = service.spec?.selector;
  if (service.spec?.type === 'ExternalName' || !selector || Object.keys(selector).length === 0)
    return undefined;
  return selector;
}

/**
 * The container port a Service port reaches on `pod` (podutil.FindPort): a number as is, a
 * name looked up among the containers' named ports with the same protocol.
 */
export function findPort(pod: Pod, port: ServicePort): number | undefined {
  const target = port.targetPort ?? port.port;
  if (typeof target === 'number') return target;
  if (/^\d+$/.test(target)) return Number(target);
  const protocol = port.protocol ?? 'TCP';
  for (const container of pod.spec?.containers ?? []) {
    for (const p of container.ports ?? []) {
      if (p.name === target && (p.protocol ?? 'TCP') === protocol) return p.containerPort;
    }
  }
  return undefined;
}

/** Whether a pod belongs in Endpoints at all (endpointutil.ShouldPodBeInEndpoints). */
function shouldInclude(pod: Pod, service: Service): boolean {
  if (isPodTerminal(pod) || !pod.status?.podIP) return false;
  return !pod.metadata.deletionTimestamp || service.spec?.publishNotReadyAddresses === true;
}

function addressOf(pod: Pod, service: Service): EndpointAddress {
  const address: EndpointAddress = { ip: pod.status?.podIP ?? '' };
  if (pod.spec?.hostname && pod.spec.subdomain === service.metadata.name)
    address.hostname = pod.spec.hostname;
  if (pod.spec?.nodeName) address.nodeName = pod.spec.nodeName;
  address.targetRef = {
    kind: 'Pod',
    name: pod.metadata.name,
    namespace: pod.metadata.namespace,
    uid: pod.metadata.uid,
  };
  return address;
}

/** An IPv4 address as a number for sorting (0 for the parts of anything else). */
function ipValue(ip: string): number {
  // dotted decimal, the allocator's form, without splitting: every sync sorts every address
  let n = 0;
  let part = 0;
  for (let i = 0; i < ip.length; i++) {
    const c = ip.charCodeAt(i);
    if (c === 46 /* . */) {
      n = n * 256 + part;
      part = 0;
    } else if (c >= 48 && c <= 57) {
      part = part * 10 + (c - 48);
    } else {
      return slowIpValue(ip);
    }
  }
  return n * 256 + part;
}

function slowIpValue(ip: string): number {
  let n = 0;
  for (const part of ip.split('.')) n = n * 256 + (Number(part) || 0);
  return n;
}

/** Sorts addresses by IP (then pod uid), as endpoints.SortSubsets does. */
function sortAddresses(addresses: EndpointAddress[]): EndpointAddress[] {
  return addresses
    .map((address) => ({ address, ip: ipValue(address.ip), uid: address.targetRef?.uid ?? '' }))
    .sort((a, b) => a.ip - b.ip || (a.uid < b.uid ? -1 : a.uid > b.uid ? 1 : 0))
    .map((entry) => entry.address);
}

/** The subsets for `service` given the pods its selector picks. Pure. */
export function computeSubsets(service: Service, pods: readonly Pod[]): EndpointSubset[] {
  const servicePorts = service.spec?.ports ?? [];
  const groups = new Map<
    string,
    Required<Pick<EndpointSubset, 'addresses' | 'notReadyAddresses' | 'ports'>>
  >();
  const headlessWithoutPorts = servicePorts.length === 0 && service.spec?.clusterIP === 'None';
  for (const pod of pods) {
    if (!shouldInclude(pod, service)) continue;
    const ports: EndpointPort[] = [];
    for (const sp of servicePorts) {
      const port = findPort(pod, sp);
      if (port === undefined) continue; // the pod has no such named port: it serves not this port
      ports.push(
        sp.name
          ? { name: sp.name, port, protocol: sp.protocol ?? 'TCP' }
          : { port, protocol: sp.protocol ?? 'TCP' },
      );
    }
    if (ports.length === 0 && !headlessWithoutPorts) continue;
    // port names are DNS labels and protocols words: NUL and SOH cannot occur in them
    let key = '';
    for (const p of ports) key += `${p.name ?? ''}\u0000${p.port}\u0000${p.protocol}\u0001`;
    let group = groups.get(key);
    if (!group) groups.set(key, (group = { addresses: [], notReadyAddresses: [], ports }));
    const ready = service.spec?.publishNotReadyAddresses === true || isPodReady(pod);
    (ready ? group.addresses : group.notReadyAddresses).push(addressOf(pod, service));
  }
  return [...groups.values()].map((group) => {
    const subset: EndpointSubset = {};
    if (group.addresses.length > 0) subset.addresses = sortAddresses(group.addresses);
    if (group.notReadyAddresses.length > 0)
      subset.notReadyAddresses = sortAddresses(group.notReadyAddresses);
    if (group.ports.length > 0) subset.ports = group.ports;
    return subset;
  });
}

/**
 * True when a pod update can change its Services' endpoints (podEndpointsChanged): its IP,
 * readiness, deletion, phase, node, hostname or subdomain moved. Compared field by field: it
 * runs on every pod status write.
 */
function endpointsRelevantChange(old: Pod, pod: Pod): boolean {
  return (
    old.status?.podIP !== pod.status?.podIP ||
    old.status?.phase !== pod.status?.phase ||
    old.metadata.deletionTimestamp !== pod.metadata.deletionTimestamp ||
    old.spec?.nodeName !== pod.spec?.nodeName ||
    old.spec?.hostname !== pod.spec?.hostname ||
    old.spec?.subdomain !== pod.spec?.subdomain ||
    isPodReady(old) !== isPodReady(pod)
  );
}

/** Keeps an Endpoints object for every Service with a selector. */
export class EndpointsController implements Controller {
  readonly name = 'endpoint-controller';

  /**
   * Service selectors indexed by one of their label pairs (namespace → label → value →
   * service key → selector), so a pod event looks only at Services that could select it;
   * nested maps, so that looking up a pod's labels builds no strings.
   */
  readonly #byPair = new Map<string, Map<string, Map<string, Map<string, Selector>>>>();
  readonly #pairOf = new Map<string, readonly [string, string, string]>();

  start(ctx: SimContext): void {
    const store = ctx.store;
    const queue = new WorkQueue(ctx.clock, (key) => this.#sync(store, key));
    store.watch('Service', (event) => {
      const service = asView<Service>(event.object);
      const key = keyOf(service);
      this.#unindex(key);
      const selector = event.type === 'DELETED' ? undefined : endpointsSelector(service);
      if (selector) this.#index(key, service.metadata.namespace ?? 'default', selector);
      queue.add(key);
    });
    store.watch('Pod', (event: WatchEvent) => {
      const pod = asView<Pod>(event.object);
      const old = event.oldObject && asView<Pod>(event.oldObject);
      if (event.type === 'MODIFIED' && old) {
        const sameLabels = deepEqual(old.metadata.labels, pod.metadata.labels);
        if (sameLabels && !endpointsRelevantChange(old, pod)) return;
        if (!sameLabels) this.#enqueueServicesOf(queue, old);
      }
      this.#enqueueServicesOf(queue, pod);
    });
  }

  #index(key: string, namespace: string, selector: Selector): void {
    const label = Object.keys(selector).sort()[0];
    const value = selector[label];
    let labels = this.#byPair.get(namespace);
    if (!labels) this.#byPair.set(namespace, (labels = new Map()));
    let values = labels.get(label);
    if (!values) labels.set(label, (values = new Map()));
    let services = values.get(value);
    if (!services) values.set(value, (services = new Map()));
    services.set(key, selector);
    this.#pairOf.set(key, [namespace, label, value]);
  }

  #unindex(key: string): void {
    const pair = this.#pairOf.get(key);
    if (pair === undefined) return;
    this.#pairOf.delete(key);
    const [namespace, label, value] = pair;
    const labels = this.#byPair.get(namespace);
    const values = labels?.get(label);
    const services = values?.get(value);
    if (!labels || !values || !services) return;
    services.delete(key);
    if (services.size === 0) values.delete(value);
    if (values.size === 0) labels.delete(label);
    if (labels.size === 0) this.#byPair.delete(namespace);
  }

  #enqueueServicesOf(queue: WorkQueue, pod: Pod): void {
    const labels = pod.metadata.labels;
    const indexed = labels && this.#byPair.get(pod.metadata.namespace ?? 'default');
    if (!labels || !indexed) return;
    for (const name in labels) {
      const services = indexed.get(name)?.get(labels[name]);
      if (!services) continue;
      for (const [key, selector] of services) if (matchesLabels(labels, selector)) queue.add(key);
    }
  }

  #sync(store: Store, key: string): void {
    const { namespace, name } = splitKey(key);
    const service = asView<Service>(store.get('Service', name, namespace));
    const existing = asView<Endpoints>(store.get('Endpoints', name, namespace));
    const selector = service && endpointsSelector(service);
    if (!service || !selector) {
      // the Service is gone (or stopped selecting): its managed Endpoints go with it
      if (existing && (!service || service.spec?.type === 'ExternalName'))
        store.delete('Endpoints', name, namespace);
      return;
    }
    const pods = store.select('Pod', namespace, selector).map((p) => asView<Pod>(p));
    const subsets = computeSubsets(service, pods);
    const labels = { ...(service.metadata.labels ?? {}) };
    if (service.spec?.clusterIP === 'None') labels['service.kubernetes.io/headless'] = '';
    const metadata = { ...(existing?.metadata ?? {}), name, namespace, labels };
    if (Object.keys(labels).length === 0) delete (metadata as { labels?: unknown }).labels;
    const desired: Endpoints = {
      apiVersion: 'v1',
      kind: 'Endpoints',
      metadata,
      ...(subsets.length > 0 ? { subsets } : {}),
    };
    if (!existing) {
      store.create(asKube(desired));
    } else if (
      !deepEqual(existing.subsets, desired.subsets) ||
      !deepEqual(existing.metadata.labels ?? {}, labels)
    ) {
      store.update(asKube(desired) as KubeObject);
    }
  }
}
