/**
 * @module
 * Turns a flat list of resolved routes into Ingress rules: one rule per host, paths in the
 * order the ingress controller would pick them. Pure, so the output depends only on the set
 * of routes, never on the order they were added in.
 */
import type { k8s } from 'cdk8s-plus-28';
import type { IngressPathType } from './routed-ingress-checks';

/** A route whose target has been resolved to a Service name and port number. */
export interface ResolvedRoute {
  /** Request host; undefined for a rule that matches every host. */
  readonly host?: string;
  /** Request path, starting with '/'. */
  readonly path: string;
  /** How `path` is matched. */
  readonly pathType: IngressPathType;
  /** Backend Service's metadata.name. */
  readonly serviceName: string;
  /** Backend Service's port number. */
  readonly port: number;
}

/** Compares strings by UTF-16 code units, so the order never depends on the machine's locale. */
function byCodeUnit(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Orders paths by precedence: longer paths first, at equal length `Exact` before `Prefix`,
 * then alphabetically. That is the Ingress matching rule ("the longest matching path takes
 * priority; if two paths are still equally matched, paths with an exact path type take
 * priority over prefix path types", kubernetes.io/docs/concepts/services-networking/ingress/
 * "Multiple matches"), so a reader scanning a rule top-down meets the winning path first.
 */
export function comparePathPrecedence(
  a: Pick<ResolvedRoute, 'path' | 'pathType'>,
  b: Pick<ResolvedRoute, 'path' | 'pathType'>,
): number {
  if (a.path.length !== b.path.length) return b.path.length - a.path.length;
  if (a.pathType !== b.pathType) return a.pathType === 'Exact' ? -1 : 1;
  return byCodeUnit(a.path, b.path);
}

/**
 * Orders hosts alphabetically, with the host-less catch-all rule last (it is the fallback
 * for every host the other rules do not name).
 */
export function compareHosts(a: string | undefined, b: string | undefined): number {
  if (a === b) return 0;
  if (a === undefined) return 1;
  if (b === undefined) return -1;
  return byCodeUnit(a, b);
}

/** The backend pointing at a Service port by number. */
export function serviceBackend(serviceName: string, port: number): k8s.IngressBackend {
  return { service: { name: serviceName, port: { number: port } } };
}

/** Groups routes into one rule per host, hosts and paths sorted as described above. */
export function buildIngressRules(routes: readonly ResolvedRoute[]): k8s.IngressRule[] {
  const byHost = new Map<string | undefined, ResolvedRoute[]>();
  for (const route of routes) {
    const group = byHost.get(route.host) ?? [];
    group.push(route);
    byHost.set(route.host, group);
  }
  return [...byHost.keys()].sort(compareHosts).map((host) => {
    const paths = [...(byHost.get(host) ?? [])].sort(comparePathPrecedence).map((route) => ({
      path: route.path,
      pathType: route.pathType,
      backend: serviceBackend(route.serviceName, route.port),
    }));
    return host === undefined ? { http: { paths } } : { host, http: { paths } };
  });
}
