/**
 * @module
 * How one ready endpoint is picked for a request, on the virtual clock.
 *
 * - **Balancing is round-robin**, per balancer and Service port: ingress-nginx's default
 *   `load-balance: round_robin` does exactly this, and so does kube-proxy in IPVS mode (its
 *   default scheduler `rr`, pkg/proxy/ipvs/proxier.go). kube-proxy's iptables mode picks at
 *   random with equal probability (`-m statistic --mode random --probability 1/n`,
 *   pkg/proxy/iptables/proxier.go); round-robin gives the same even share deterministically and
 *   leaves the cluster's seeded rng to the controllers, so requests never shift pod names.
 * - **ClientIP session affinity** as kube-proxy's iptables rules keep it
 *   (pkg/proxy/iptables/proxier.go: `-m recent --name <endpoint chain> --rcheck --seconds
 *   <timeoutSeconds> --reap` ahead of the balancing rules, `--set` on every hit): a client goes
 *   back to the endpoint it last reached while its previous request is less than
 *   `timeoutSeconds` ago (a sliding window), as long as that endpoint is still a candidate;
 *   otherwise it is balanced afresh and remembered. Each balancer (the ingress controller, each
 *   node's kube-proxy) keeps its own table, as each node keeps its own `recent` lists.
 */

/** A ready endpoint a request can go to. */
export interface Endpoint {
  readonly ip: string;
  /** The pod behind it (Endpoints `targetRef`), if any. */
  readonly pod?: string;
  /** The node it runs on (Endpoints `nodeName`), if known. */
  readonly node?: string;
}

interface Sticky {
  readonly ip: string;
  readonly lastSeen: number;
}

/** Per-client memory of the endpoint last reached, with the time of that request. */
export class SessionAffinityTable {
  readonly #entries = new Map<string, Sticky>();

  /** The remembered endpoint for `key` if still fresh at `now` and still among `candidates`. */
  lookup(
    key: string,
    now: number,
    timeoutSeconds: number,
    candidates: readonly Endpoint[],
  ): Endpoint | undefined {
    const entry = this.#entries.get(key);
    if (!entry) return undefined;
    if (now - entry.lastSeen >= timeoutSeconds) {
      this.#entries.delete(key); // --reap: expired entries are dropped
      return undefined;
    }
    return candidates.find((e) => e.ip === entry.ip);
  }

  /** Remembers that `key` reached `endpoint` at `now` (`-m recent --set`). */
  record(key: string, endpoint: Endpoint, now: number): void {
    this.#entries.set(key, { ip: endpoint.ip, lastSeen: now });
  }
}

/** A round-robin position per balancing key. */
export class RoundRobin {
  readonly #next = new Map<string, number>();

  /** The next of `items` for `key` (items must be non-empty). */
  pick<T>(key: string, items: readonly T[]): T {
    const i = (this.#next.get(key) ?? 0) % items.length;
    this.#next.set(key, i + 1);
    return items[i];
  }
}

/** What a balancer remembers between requests. */
export interface BalancerState {
  readonly affinity: SessionAffinityTable;
  readonly roundRobin: RoundRobin;
}

/** A fresh, empty balancer state. */
export function newBalancerState(): BalancerState {
  return { affinity: new SessionAffinityTable(), roundRobin: new RoundRobin() };
}

/** One endpoint choice. */
export interface ChoiceInput {
  /** Which balancer and Service port: `ingress|ns/svc:80`, `node-2|ns/svc:80`. */
  readonly key: string;
  readonly clientIp: string;
  readonly candidates: readonly Endpoint[];
  /** Virtual seconds now. */
  readonly now: number;
  /** ClientIP affinity timeout, or undefined for sessionAffinity None. */
  readonly affinityTimeoutSeconds?: number;
}

/** Picks the endpoint for one request (see the module comment); undefined when none is ready. */
export function chooseEndpoint(state: BalancerState, input: ChoiceInput): Endpoint | undefined {
  const { key, clientIp, candidates, now, affinityTimeoutSeconds } = input;
  if (candidates.length === 0) return undefined;
  if (affinityTimeoutSeconds === undefined) return state.roundRobin.pick(key, candidates);
  const clientKey = `${key}|${clientIp}`;
  const sticky = state.affinity.lookup(clientKey, now, affinityTimeoutSeconds, candidates);
  const chosen = sticky ?? state.roundRobin.pick(key, candidates);
  state.affinity.record(clientKey, chosen, now);
  return chosen;
}
