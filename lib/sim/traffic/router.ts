/**
 * @module
 * `cluster.request(...)`: a request as it really travels. Without `nodePort` it enters through
 * the ingress controller (ingress-nginx): the served Ingresses pick a server by host and a
 * location by path (routing-table.ts), the backend Service and port lead to the ready
 * endpoints (backends.ts), and the balancer picks one (endpoint-choice.ts). With `nodePort` it
 * enters a node's kube-proxy: the Service owning that node port (any node answers on it,
 * pkg/proxy/iptables/proxier.go `KUBE-NODEPORTS`), with `externalTrafficPolicy: Local` only to
 * endpoints on the receiving node (pkg/proxy/topology.go `CategorizeEndpoints`: a node without
 * local endpoints drops the packet). Host and path do not matter at that layer.
 *
 * Answers: 200 with `service` (`namespace/name`) and `pod`; 404 when no rule matches and no
 * defaultBackend takes it (ingress-nginx's default backend); 503 when the backend Service or
 * port does not exist, or has no ready endpoint (nginx's answer for an upstream without
 * endpoints) — and, for node ports, when nothing would answer at all (no Service owns the
 * port, the node is down, or no endpoint is local under `Local`).
 *
 * A request writes nothing to the store and advances no time; only the balancers' memory
 * (round-robin positions, ClientIP affinity stamped with the virtual time) changes.
 *
 * One simplification, on purpose: the Service's `sessionAffinity: ClientIP` is honoured for
 * requests through the ingress controller as well, keyed by the client's address. Real
 * ingress-nginx balances over the endpoints itself and offers only cookie affinity
 * (`nginx.ingress.kubernetes.io/affinity: cookie`); a user asking "are my clients sticky?"
 * gets the answer kube-proxy would give a client reaching the Service directly.
 */
import type { Node, Service } from '../api';
import { ApiError } from '../framework';
import type { Clock, NodeHeartbeats, Store } from '../framework';
import { asView } from '../views';
import { lookupBackend, readyEndpoints } from './backends';
import { chooseEndpoint, newBalancerState } from './endpoint-choice';
import type { BalancerState, Endpoint } from './endpoint-choice';
import type { Ingress } from './ingress-api';
import { classVerdict, ingressClasses } from './ingress-class';
import { buildRoutingTable, resolveRoute } from './routing-table';
import type { Route, RoutingTable } from './routing-table';

/** A request from outside the cluster (CONTRACT.md `request`). */
export interface TrafficRequest {
  /** Host header, e.g. `api.example.com` (a `:port` suffix is ignored). */
  readonly host: string;
  /** Request path, e.g. `/api/users?page=2` (query and fragment are ignored). */
  readonly path: string;
  /** The client's address, for ClientIP session affinity. @default '172.18.0.1' (kind's docker gateway, i.e. a client on the host) */
  readonly clientIp?: string;
  /** Enter through this NodePort instead of the ingress controller. @default - through the ingress controller */
  readonly nodePort?: number;
  /**
   * The node whose port receives a `nodePort` request.
   * @default - the first Ready node; with externalTrafficPolicy Local the first Ready node
   * that runs a ready endpoint (as a load balancer's health checks would steer it)
   */
  readonly node?: string;
}

/** Where a request landed. */
export interface TrafficResponse {
  /** 200 routed, 404 no rule matched, 503 no ready backend. */
  readonly status: number;
  /** `namespace/name` of the Service that took it. */
  readonly service?: string;
  /** Name of the pod that answered. */
  readonly pod?: string;
}

/** The client address used when a request names none. */
export const DEFAULT_CLIENT_IP = '172.18.0.1';
/** Balancer key of the ingress controller (one nginx for the whole cluster). */
const INGRESS_BALANCER = 'ingress-nginx';

function isNodeReady(node: Node): boolean {
  return node.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True') === true;
}

function serviceKey(service: Service): string {
  return `${service.metadata.namespace ?? 'default'}/${service.metadata.name}`;
}

function affinityTimeout(service: Service): number | undefined {
  if (service.spec?.sessionAffinity !== 'ClientIP') return undefined;
  // defaults.go SetDefaults_Service: DefaultClientIPServiceAffinitySeconds = 10800 (3 hours)
  return service.spec.sessionAffinityConfig?.clientIP?.timeoutSeconds ?? 10800;
}

/** Routes requests through the cluster's ingress controller and kube-proxies. */
export class Router {
  readonly #store: Store;
  readonly #clock: Clock;
  readonly #heartbeats: NodeHeartbeats | undefined;
  readonly #balancers = new Map<string, BalancerState>();
  #table: RoutingTable | undefined;
  #tableWrites = -1;

  /** `heartbeats`: a node whose kubelet is lost answers nothing even before it turns NotReady. */
  constructor(store: Store, clock: Clock, heartbeats?: NodeHeartbeats) {
    this.#store = store;
    this.#clock = clock;
    this.#heartbeats = heartbeats;
  }

  #answers(node: Node): boolean {
    return isNodeReady(node) && (this.#heartbeats?.isBeating(node.metadata.name) ?? true);
  }

  /** Sends one request (see the module comment). */
  request(request: TrafficRequest): TrafficResponse {
    const clientIp = request.clientIp ?? DEFAULT_CLIENT_IP;
    if (request.nodePort !== undefined) return this.#viaNodePort(request, clientIp);
    const route = this.route(request.host, request.path);
    if (!route.backend) return { status: 404 };
    const backend = lookupBackend(this.#store, route.backend);
    if (!backend.found) return { status: 503 };
    const { service, port } = backend;
    if (service.spec?.type === 'ExternalName') return { status: 200, service: serviceKey(service) };
    const candidates = readyEndpoints(this.#store, service, port);
    return this.#answer(INGRESS_BALANCER, service, port.port, clientIp, candidates);
  }

  /** Which server, location and backend the ingress controller picks for `host` and `path`. */
  route(host: string, path: string): Route {
    return resolveRoute(this.#routingTable(), host, path);
  }

  #routingTable(): RoutingTable {
    if (this.#table && this.#tableWrites === this.#store.writes) return this.#table;
    const classes = ingressClasses(this.#store.list('IngressClass'));
    const served = this.#store
      .list('Ingress')
      .map((obj) => asView<Ingress>(obj))
      .filter((ing) => !ing.metadata.deletionTimestamp && classVerdict(ing, classes).served);
    this.#table = buildRoutingTable(served);
    this.#tableWrites = this.#store.writes;
    return this.#table;
  }

  #viaNodePort(request: TrafficRequest, clientIp: string): TrafficResponse {
    const nodePort = request.nodePort;
    const owner = this.#store
      .list('Service')
      .map((obj) => asView<Service>(obj))
      .find((s) => (s.spec?.ports ?? []).some((p) => p.nodePort === nodePort));
    const port = owner?.spec?.ports?.find((p) => p.nodePort === nodePort);
    if (!owner || !port) return { status: 503 }; // nothing listens: connection refused
    const all = readyEndpoints(this.#store, owner, port);
    const local = owner.spec?.externalTrafficPolicy === 'Local';
    const node = this.#receivingNode(request.node, local ? all : []);
    if (!node || !this.#answers(node)) return { status: 503 }; // the node does not answer
    const candidates = local ? all.filter((e) => e.node === node.metadata.name) : all;
    return this.#answer(node.metadata.name, owner, port.port, clientIp, candidates);
  }

  /** The named node, or the default receiver (see {@link TrafficRequest.node}). */
  #receivingNode(name: string | undefined, localEndpoints: readonly Endpoint[]): Node | undefined {
    if (name !== undefined) {
      const node = asView<Node>(this.#store.get('Node', name));
      if (!node) throw new ApiError(404, 'NotFound', `nodes "${name}" not found`);
      return node;
    }
    const ready = this.#store
      .list('Node')
      .map((obj) => asView<Node>(obj))
      .filter((node) => this.#answers(node));
    const hosting = new Set(localEndpoints.map((e) => e.node));
    return ready.find((n) => hosting.has(n.metadata.name)) ?? ready[0];
  }

  #answer(
    balancer: string,
    service: Service,
    port: number,
    clientIp: string,
    candidates: readonly Endpoint[],
  ): TrafficResponse {
    let state = this.#balancers.get(balancer);
    if (!state) this.#balancers.set(balancer, (state = newBalancerState()));
    const endpoint = chooseEndpoint(state, {
      key: `${serviceKey(service)}:${port}`,
      clientIp,
      candidates,
      now: this.#clock.now(),
      affinityTimeoutSeconds: affinityTimeout(service),
    });
    if (!endpoint) return { status: 503 };
    return {
      status: 200,
      service: serviceKey(service),
      ...(endpoint.pod ? { pod: endpoint.pod } : {}),
    };
  }
}

const routers = new WeakMap<Store, Router>();

/** The Router of the cluster that owns `store` (one per cluster, so balancer memory persists). */
export function routerFor(store: Store, clock: Clock, heartbeats?: NodeHeartbeats): Router {
  let router = routers.get(store);
  if (!router) routers.set(store, (router = new Router(store, clock, heartbeats)));
  return router;
}
