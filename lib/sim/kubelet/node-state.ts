/**
 * @module
 * What the kubelets need to know about their nodes: whether the node's kubelet is up (its
 * Ready condition is True: a node that is not Ready runs nothing and writes nothing), its
 * InternalIP (status.hostIP) and its pod IP pool (spec.podCIDR).
 */
import type { Node } from '../api';
import { IpAllocator } from './ip-allocator';

/** Pool for nodes without spec.podCIDR (kube-controller-manager normally allocates one). */
const FALLBACK_POD_CIDR = '10.245.0.0/16';

/** One node as its kubelet sees it. */
export interface NodeState {
  readonly name: string;
  ready: boolean;
  hostIP?: string;
  readonly ips: IpAllocator;
}

/** True when the node's Ready condition is True. */
export function isNodeReady(node: Node): boolean {
  return node.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True') ?? false;
}

/** The node's InternalIP, else its first address. */
export function internalIP(node: Node): string | undefined {
  const addresses = node.status?.addresses ?? [];
  return (addresses.find((a) => a.type === 'InternalIP') ?? addresses[0])?.address;
}

/** Node states by name, fed from Node watch events. */
export class NodeStates {
  readonly #nodes = new Map<string, NodeState>();
  #fallback?: IpAllocator;

  /** The state of `name`, or undefined for a node that does not exist. */
  get(name: string): NodeState | undefined {
    return this.#nodes.get(name);
  }

  /** Records the node's latest object; returns true when it just became Ready. */
  observe(node: Node): boolean {
    const name = node.metadata.name;
    const ready = isNodeReady(node);
    const known = this.#nodes.get(name);
    if (known) {
      const becameReady = ready && !known.ready;
      known.ready = ready;
      known.hostIP = internalIP(node) ?? known.hostIP;
      return becameReady;
    }
    this.#nodes.set(name, {
      name,
      ready,
      hostIP: internalIP(node),
      ips: this.#allocator(node.spec?.podCIDR),
    });
    return ready;
  }

  /** Forgets a deleted node. */
  remove(name: string): void {
    this.#nodes.delete(name);
  }

  #allocator(cidr: string | undefined): IpAllocator {
    if (cidr) {
      try {
        return new IpAllocator(cidr);
      } catch {
        // fall through to the shared pool
      }
    }
    this.#fallback ??= new IpAllocator(FALLBACK_POD_CIDR);
    return this.#fallback;
  }
}
