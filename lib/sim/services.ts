/**
 * @module
 * Service admission as the API server does it (pkg/registry/core/service/storage/alloc.go and
 * the ipallocator / portallocator packages): a ClusterIP from the service CIDR 10.96.0.0/12
 * (or `None` for a headless Service), NodePorts in 30000-32767 for NodePort and LoadBalancer
 * Services (explicit ports honoured, clashes rejected with the API server's message), and an
 * external IP for LoadBalancers as a cloud provider (or kind's cloud-provider-kind) would
 * give. Allocations stay with the Service across updates and are freed when it is deleted.
 */
import type { Service, ServicePort } from './api';
import { invalid } from './admission';
import type { Rng } from './framework';
import type { AdmissionPlugin } from './store';
import { storeKey } from './store-index';
import type { KubeObject } from './types';
import { asKube, asView } from './views';

/** The service CIDR, as kind configures it. */
export const SERVICE_CIDR = '10.96.0.0/12';
/** The NodePort range (`--service-node-port-range`). */
export const NODE_PORT_RANGE = { base: 30000, size: 2768 } as const;

const CIDR_BASE = (10 << 24) | (96 << 16); // 10.96.0.0
const CIDR_SIZE = 1 << 20; // a /12
const LB_BASE = (172 << 24) | (18 << 16) | (255 << 8) | 200; // 172.18.255.200, kind's docker network

function ipToString(n: number): string {
  return [n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255].join('.');
}

function ipToNumber(ip: string): number | undefined {
  const parts = ip.split('.');
  if (parts.length !== 4 || parts.some((p) => !/^\d{1,3}$/.test(p) || Number(p) > 255))
    return undefined;
  return parts.reduce((n, p) => n * 256 + Number(p), 0);
}

function keyOfService(obj: KubeObject): string {
  return storeKey(obj.metadata.namespace ?? '', obj.metadata.name);
}

/** Allocates ClusterIPs, NodePorts and LoadBalancer IPs to Services. */
export class ServiceAllocator implements AdmissionPlugin {
  readonly #rng: Rng;
  readonly #ips = new Map<number, string>();
  readonly #ports = new Map<number, string>();
  readonly #lbIps = new Map<number, string>();

  /** `rng` should be a stream of its own, so Services do not shift pod names. */
  constructor(rng: Rng) {
    this.#rng = rng;
  }

  admit(_operation: 'CREATE' | 'UPDATE', obj: KubeObject, old: KubeObject | undefined): void {
    if (obj.kind !== 'Service') return;
    const owner = keyOfService(obj);
    const before = [this.#ips, this.#ports, this.#lbIps].map((map) => this.#owned(map, owner));
    try {
      this.#admit(obj, old, owner);
    } catch (error) {
      // a rejected write allocates nothing: give back what this attempt took
      [this.#ips, this.#ports, this.#lbIps].forEach((map, i) => {
        for (const key of this.#owned(map, owner)) if (!before[i].has(key)) map.delete(key);
      });
      throw error;
    }
  }

  #owned(map: Map<number, string>, owner: string): Set<number> {
    const out = new Set<number>();
    for (const [key, holder] of map) if (holder === owner) out.add(key);
    return out;
  }

  #admit(obj: KubeObject, old: KubeObject | undefined, owner: string): void {
    const service = asView<Service>(obj);
    const previous = asView<Service>(old);
    const spec = (service.spec ??= {});
    if (spec.type === 'ExternalName') {
      this.#releaseAll(owner);
      delete spec.clusterIP;
      delete spec.clusterIPs;
      service.status = { loadBalancer: {} };
      return;
    }
    this.#admitClusterIP(service, previous, owner);
    this.#admitNodePorts(service, previous, owner);
    if (spec.type === 'LoadBalancer') {
      const ip = this.#lbIpOf(owner) ?? this.#allocateLbIp(owner);
      service.status = { loadBalancer: { ingress: [{ ip }] } };
    } else {
      this.#freeOwned(this.#lbIps, owner);
      service.status = { loadBalancer: {} };
    }
  }

  release(obj: KubeObject): void {
    if (obj.kind === 'Service') this.#releaseAll(keyOfService(obj));
  }

  #admitClusterIP(service: Service, previous: Service | undefined, owner: string): void {
    const spec = service.spec ?? {};
    const had = previous?.spec?.clusterIP;
    const wanted =
      spec.clusterIP ?? spec.clusterIPs?.[0] ?? (had && had !== 'None' ? had : undefined);
    if (had && wanted !== undefined && wanted !== had) {
      throw invalid(
        asKube(service),
        `spec.clusterIPs[0]: Invalid value: []string{"${wanted}"}: may not change once set`,
      );
    }
    const families = spec as { ipFamilies?: string[]; ipFamilyPolicy?: string };
    families.ipFamilies ??= ['IPv4'];
    families.ipFamilyPolicy ??= 'SingleStack';
    if (wanted === 'None') {
      spec.clusterIP = 'None';
      spec.clusterIPs = ['None'];
      return;
    }
    let ip: string;
    if (wanted === undefined || wanted === '') ip = this.#allocateIp(owner);
    else if (had === wanted) ip = wanted;
    else ip = this.#allocateSpecificIp(service, wanted, owner);
    spec.clusterIP = ip;
    spec.clusterIPs = [ip];
  }

  #admitNodePorts(service: Service, previous: Service | undefined, owner: string): void {
    const spec = service.spec ?? {};
    const ports: ServicePort[] = spec.ports ?? [];
    const wantsNodePorts = spec.type === 'NodePort' || spec.type === 'LoadBalancer';
    if (!wantsNodePorts) {
      ports.forEach((port, i) => {
        if (port.nodePort !== undefined) {
          throw invalid(
            asKube(service),
            `spec.ports[${i}].nodePort: Forbidden: may not be used when \`type\` is '${spec.type ?? 'ClusterIP'}'`,
          );
        }
      });
      this.#freeOwned(this.#ports, owner);
      return;
    }
    const kept = new Set<number>();
    const previousPorts = previous?.spec?.ports ?? [];
    ports.forEach((port, i) => {
      const before = previousPorts.find(
        (p) =>
          p.nodePort !== undefined && (p.name ?? '') === (port.name ?? '') && p.port === port.port,
      );
      let nodePort = port.nodePort;
      if (nodePort === undefined && before?.nodePort !== undefined) nodePort = before.nodePort;
      if (nodePort === undefined) nodePort = this.#allocatePort(owner);
      else if (this.#ports.get(nodePort) !== owner || kept.has(nodePort)) {
        this.#allocateSpecificPort(service, i, nodePort, owner);
      }
      kept.add(nodePort);
      port.nodePort = nodePort;
    });
    for (const [port, holder] of this.#ports)
      if (holder === owner && !kept.has(port)) this.#ports.delete(port);
  }

  #allocateIp(owner: string): string {
    // ipallocator: a random free address; .0 (network) and the last (broadcast) are never used
    const start = 1 + this.#rng.int(CIDR_SIZE - 2);
    for (let i = 0; i < CIDR_SIZE - 2; i++) {
      const offset = 1 + ((start - 1 + i) % (CIDR_SIZE - 2));
      const ip = CIDR_BASE + offset;
      if (!this.#ips.has(ip)) {
        this.#ips.set(ip, owner);
        return ipToString(ip);
      }
    }
    throw invalid(
      { kind: 'Service', apiVersion: 'v1', metadata: { name: owner.split('/')[1] } },
      'spec.clusterIPs: Internal error: range is full',
    );
  }

  #allocateSpecificIp(service: Service, wanted: string, owner: string): string {
    const ip = ipToNumber(wanted);
    const prefix = `spec.clusterIPs: Invalid value: []string{"${wanted}"}: failed to allocate IP ${wanted}`;
    if (ip === undefined || ip <= CIDR_BASE || ip >= CIDR_BASE + CIDR_SIZE - 1) {
      throw invalid(
        asKube(service),
        `${prefix}: the provided IP (${wanted}) is not in the valid range. The range of valid IPs is ${SERVICE_CIDR}`,
      );
    }
    const holder = this.#ips.get(ip);
    if (holder !== undefined && holder !== owner) {
      throw invalid(asKube(service), `${prefix}: provided IP is already allocated`);
    }
    this.#ips.set(ip, owner);
    return wanted;
  }

  #allocatePort(owner: string): number {
    const { base, size } = NODE_PORT_RANGE;
    const start = this.#rng.int(size);
    for (let i = 0; i < size; i++) {
      const port = base + ((start + i) % size);
      if (!this.#ports.has(port)) {
        this.#ports.set(port, owner);
        return port;
      }
    }
    throw new Error('NodePort range is full');
  }

  #allocateSpecificPort(service: Service, index: number, port: number, owner: string): void {
    const { base, size } = NODE_PORT_RANGE;
    const field = `spec.ports[${index}].nodePort: Invalid value: ${port}`;
    if (!Number.isInteger(port) || port < base || port >= base + size) {
      throw invalid(
        asKube(service),
        `${field}: provided port is not in the valid range. The range of valid ports is ${base}-${base + size - 1}`,
      );
    }
    const holder = this.#ports.get(port);
    if (holder !== undefined && holder !== owner)
      throw invalid(asKube(service), `${field}: provided port is already allocated`);
    this.#ports.set(port, owner);
  }

  #lbIpOf(owner: string): string | undefined {
    for (const [ip, holder] of this.#lbIps) if (holder === owner) return ipToString(ip);
    return undefined;
  }

  #allocateLbIp(owner: string): string {
    let ip = LB_BASE;
    while (this.#lbIps.has(ip)) ip++;
    this.#lbIps.set(ip, owner);
    return ipToString(ip);
  }

  #freeOwned(map: Map<number, string>, owner: string): void {
    for (const [key, holder] of map) if (holder === owner) map.delete(key);
  }

  #releaseAll(owner: string): void {
    this.#freeOwned(this.#ips, owner);
    this.#freeOwned(this.#ports, owner);
    this.#freeOwned(this.#lbIps, owner);
  }
}
