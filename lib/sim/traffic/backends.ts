/**
 * @module
 * From an Ingress backend to the pods behind it, as ingress-nginx resolves an upstream
 * (internal/ingress/controller/controller.go `serviceEndpoints`): the Service in the Ingress's
 * namespace; the Service port whose number, name or targetPort equals the backend port; the
 * ready addresses the endpoints controller lists for that port (pkg/controller/endpoint: not
 * ready pods sit in `notReadyAddresses`, which no proxy uses). A missing Service or port leaves
 * the upstream without endpoints, and nginx answers 503. An ExternalName Service is proxied to
 * its external name on the backend port, whatever ports it lists.
 */
import type { Endpoints, Service, ServicePort } from '../api';
import type { Store } from '../framework';
import { asView } from '../views';
import type { Endpoint } from './endpoint-choice';
import type { ServiceBackendPort } from './ingress-api';
import type { BackendRef } from './routing-table';

/** Reason of an Ingress backend naming a Service that does not exist. */
export const SERVICE_NOT_FOUND = 'ServiceNotFound';
/** Reason of an Ingress backend naming a port its Service does not have. */
export const SERVICE_PORT_NOT_FOUND = 'ServicePortNotFound';

/** A backend resolved to its Service and port, or why it cannot be. */
export type BackendLookup =
  | { readonly found: true; readonly service: Service; readonly port: ServicePort }
  | {
      readonly found: false;
      readonly reason: typeof SERVICE_NOT_FOUND | typeof SERVICE_PORT_NOT_FOUND;
      readonly message: string;
    };

/** `80` or `"http"`, as a backend port reads in messages. */
export function formatBackendPort(port: ServiceBackendPort | undefined): string {
  if (port?.number !== undefined) return String(port.number);
  if (port?.name !== undefined) return `"${port.name}"`;
  return '<none>';
}

/** True when `servicePort` is the one a backend port names (number, name or targetPort). */
export function servesBackendPort(
  servicePort: ServicePort,
  port: ServiceBackendPort | undefined,
): boolean {
  if (port?.number !== undefined) {
    return servicePort.port === port.number || servicePort.targetPort === port.number;
  }
  if (port?.name !== undefined) {
    return servicePort.name === port.name || servicePort.targetPort === port.name;
  }
  return false;
}

/** The Service and port `ref` points at. */
export function lookupBackend(store: Store, ref: BackendRef): BackendLookup {
  const service = asView<Service>(store.get('Service', ref.service, ref.namespace));
  if (!service) {
    return {
      found: false,
      reason: SERVICE_NOT_FOUND,
      message: `service "${ref.service}" not found in namespace ${ref.namespace}`,
    };
  }
  if (service.spec?.type === 'ExternalName') {
    // ingress-nginx proxies to externalName:port and ignores the Service's ports
    return { found: true, service, port: { port: ref.port?.number ?? 80 } };
  }
  const ports = service.spec?.ports ?? [];
  // a backend without a port is invalid in networking/v1; take a single-port Service's port
  const port =
    ref.port === undefined && ports.length === 1
      ? ports[0]
      : ports.find((p) => servesBackendPort(p, ref.port));
  if (!port) {
    const offered = ports.map((p) => (p.name ? `${p.name}(${p.port})` : String(p.port)));
    return {
      found: false,
      reason: SERVICE_PORT_NOT_FOUND,
      message: `service "${ref.service}" has no port ${formatBackendPort(ref.port)} (its ports: ${offered.join(', ') || 'none'})`,
    };
  }
  return { found: true, service, port };
}

/** The ready endpoints of one Service port, in the order the Endpoints object lists them. */
export function readyEndpoints(store: Store, service: Service, port: ServicePort): Endpoint[] {
  const namespace = service.metadata.namespace ?? 'default';
  const endpoints = asView<Endpoints>(store.get('Endpoints', service.metadata.name, namespace));
  const out: Endpoint[] = [];
  for (const subset of endpoints?.subsets ?? []) {
    const carries = (subset.ports ?? []).some((p) => (p.name ?? '') === (port.name ?? ''));
    if (!carries && (subset.ports ?? []).length > 0) continue;
    for (const address of subset.addresses ?? []) {
      out.push({
        ip: address.ip,
        ...(address.targetRef?.kind === 'Pod' ? { pod: address.targetRef.name } : {}),
        ...(address.nodeName ? { node: address.nodeName } : {}),
      });
    }
  }
  return out;
}
