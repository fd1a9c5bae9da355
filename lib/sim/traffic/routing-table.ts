/**
 * @module
 * The ingress controller's routing table, built the way ingress-nginx builds its nginx
 * configuration (internal/ingress/controller/controller.go `createServers`,
 * `getBackendServers`): Ingresses oldest first; one server per rule host plus the catch-all
 * server `_` for rules without a host; each server's root location goes to the default
 * backend (which answers 404) unless the Ingress that first defined the host has a
 * `spec.defaultBackend`; an Ingress with a defaultBackend and no rules becomes the catch-all
 * server's root. A request picks its server by host (exact, then wildcard, then `_`), then a
 * location by path (path.ts). Pure: the Router hands it the served Ingresses.
 */
import { keyOf } from '../workqueue';
import { selectHost } from './host';
import type { Ingress, IngressBackend, PathType, ServiceBackendPort } from './ingress-api';
import { selectPath } from './path';
import type { PathCandidate } from './path';

/** The server name nginx uses for the catch-all server. */
export const CATCH_ALL_SERVER = '_';

/** A Service port an Ingress routes to. */
export interface BackendRef {
  readonly namespace: string;
  readonly service: string;
  readonly port?: ServiceBackendPort;
}

/** A location of a server: one path of one Ingress rule. */
export interface Location {
  readonly backend: BackendRef;
  /** `namespace/name` of the Ingress that defined it. */
  readonly ingress: string;
  /** The rule's host, or undefined for a rule without one. */
  readonly host?: string;
  readonly path: string;
  readonly pathType: PathType;
}

/** An nginx server: a host and its locations. */
export interface Server {
  readonly host: string;
  readonly locations: PathCandidate<Location>[];
  /** Where unmatched paths go: an Ingress's defaultBackend, or undefined for the 404 backend. */
  readonly root?: { readonly backend: BackendRef; readonly ingress: string };
}

/** Servers by host. */
export type RoutingTable = ReadonlyMap<string, Server>;

/** Where the controller sends a request. */
export interface Route {
  /** The server that took the request (`_` for the catch-all). */
  readonly server: string;
  /** The backend, or undefined when the default backend answers 404. */
  readonly backend?: BackendRef;
  /** The location that matched, undefined when the server's root (default backend) answered. */
  readonly location?: Location;
  /** The Ingress whose rule or defaultBackend routed it. */
  readonly ingress?: string;
}

function backendRef(
  namespace: string,
  backend: IngressBackend | undefined,
): BackendRef | undefined {
  const service = backend?.service;
  if (!service?.name) return undefined; // resource backends are not simulated: default backend
  return { namespace, service: service.name, port: service.port };
}

/** Oldest first, then by namespace/name, as ingress-nginx sorts them (`sortIngressSlice`). */
function byAge(a: Ingress, b: Ingress): number {
  const ta = a.metadata.creationTimestamp ?? '';
  const tb = b.metadata.creationTimestamp ?? '';
  if (ta !== tb) return ta < tb ? -1 : 1;
  const ka = keyOf(a);
  const kb = keyOf(b);
  return ka < kb ? -1 : ka > kb ? 1 : 0;
}

/** Builds the servers for the Ingresses the controller serves. */
export function buildRoutingTable(ingresses: readonly Ingress[]): RoutingTable {
  const servers = new Map<string, Server>();
  servers.set(CATCH_ALL_SERVER, { host: CATCH_ALL_SERVER, locations: [] });
  const sorted = [...ingresses].sort(byAge);
  for (const ing of sorted) {
    const namespace = ing.metadata.namespace ?? 'default';
    const ingress = keyOf(ing);
    const fallback = backendRef(namespace, ing.spec?.defaultBackend);
    const rules = ing.spec?.rules ?? [];
    const catchAll = servers.get(CATCH_ALL_SERVER);
    if (fallback && rules.length === 0 && catchAll && !catchAll.root) {
      servers.set(CATCH_ALL_SERVER, { ...catchAll, root: { backend: fallback, ingress } });
    }
    for (const rule of rules) {
      const host = rule.host || CATCH_ALL_SERVER;
      if (!servers.has(host)) {
        servers.set(host, {
          host,
          locations: [],
          ...(fallback ? { root: { backend: fallback, ingress } } : {}),
        });
      }
    }
  }
  for (const ing of sorted) {
    const namespace = ing.metadata.namespace ?? 'default';
    const ingress = keyOf(ing);
    for (const rule of ing.spec?.rules ?? []) {
      const server = servers.get(rule.host || CATCH_ALL_SERVER);
      if (!server) continue;
      for (const p of rule.http?.paths ?? []) {
        const backend = backendRef(namespace, p.backend);
        if (!backend) continue;
        const path = p.path || '/';
        const pathType = p.pathType ?? 'ImplementationSpecific';
        // the first Ingress to define a location keeps it
        if (server.locations.some((l) => l.path === path && l.pathType === pathType)) continue;
        const location: Location = {
          backend,
          ingress,
          host: rule.host || undefined,
          path,
          pathType,
        };
        server.locations.push({ path, pathType, value: location });
      }
    }
  }
  return servers;
}

/** Where `table` sends a request for `host` and `path`. */
export function resolveRoute(table: RoutingTable, host: string, path: string): Route {
  const name = selectHost(
    [...table.keys()].filter((h) => h !== CATCH_ALL_SERVER),
    host,
  );
  const server = table.get(name ?? CATCH_ALL_SERVER);
  if (!server) return { server: CATCH_ALL_SERVER };
  const match = selectPath(server.locations, path);
  if (match) {
    const location = match.value;
    return { server: server.host, backend: location.backend, location, ingress: location.ingress };
  }
  if (server.root) {
    return { server: server.host, backend: server.root.backend, ingress: server.root.ingress };
  }
  return { server: server.host };
}
