/**
 * @module
 * Pod IPs from a node's `spec.podCIDR`, as the host-local IPAM plugin hands them out on a kind
 * node: the network and gateway (.0, .1) and the broadcast address are never given; freed
 * addresses are reused (most recently freed first) before new ones, so runs are deterministic.
 */

function parseIPv4(text: string): number | undefined {
  const parts = text.split('.');
  if (parts.length !== 4) return undefined;
  let n = 0;
  for (const part of parts) {
    const octet = Number(part);
    if (!/^\d{1,3}$/.test(part) || octet > 255) return undefined;
    n = n * 256 + octet;
  }
  return n;
}

/** Dotted form of a 32-bit address. */
export function formatIPv4(n: number): string {
  return `${(n >>> 24) & 255}.${(n >>> 16) & 255}.${(n >>> 8) & 255}.${n & 255}`;
}

/** Hands out the addresses of one CIDR. */
export class IpAllocator {
  readonly #first: number;
  readonly #last: number;
  #next: number;
  readonly #freed: number[] = [];
  readonly #used = new Set<number>();

  /** `cidr` like `10.244.1.0/24`; throws on anything else. */
  constructor(cidr: string) {
    const [address, bits] = cidr.split('/');
    const base = parseIPv4(address ?? '');
    const prefix = Number(bits);
    if (base === undefined || !Number.isInteger(prefix) || prefix < 0 || prefix > 30) {
      throw new Error(`invalid pod CIDR "${cidr}"`);
    }
    const size = 2 ** (32 - prefix);
    const network = base - (base % size);
    this.#first = network + 2;
    this.#last = network + size - 2;
    this.#next = this.#first;
  }

  /** A free address, or undefined when the range is exhausted. */
  allocate(): string | undefined {
    let n = this.#freed.pop();
    if (n === undefined) {
      if (this.#next > this.#last) return undefined;
      n = this.#next++;
    }
    this.#used.add(n);
    return formatIPv4(n);
  }

  /** Returns an address to the pool; unknown addresses are ignored. */
  release(ip: string): void {
    const n = parseIPv4(ip);
    if (n === undefined || !this.#used.delete(n)) return;
    this.#freed.push(n);
  }
}
