/**
 * @module
 * The example edge: one RoutedIngress carrying the seed routing table, with TLS for every host.
 */
import type { Construct } from 'constructs';
import type { IServiceTarget } from '../lib/connection';
import { RoutedIngress, type RouteTarget } from '../lib/routed-ingress';

/** What the example edge routes to. */
export interface EdgeTargets {
  /** Serves `api.example.com` and `example.com/api`. */
  readonly api: IServiceTarget;
  /** Serves `web.example.com`. */
  readonly web: IServiceTarget;
  /** Serves `example.com/admin`: a WebApp, or `{ serviceName: 'admin', port: 80 }` for a Service made elsewhere. */
  readonly admin: RouteTarget;
}

/** Secret holding the certificate for every example host (made outside the app, e.g. by cert-manager). */
export const EDGE_TLS_SECRET = 'example-com-tls';

/**
 * Adds the seed routing table to `scope` as one Ingress (class nginx):
 * api.example.com → api, web.example.com → web, example.com/api → api,
 * example.com/admin → admin; all three hosts over TLS.
 */
export function addEdgeIngress(scope: Construct, targets: EdgeTargets, id = 'edge'): RoutedIngress {
  return new RoutedIngress(scope, id, {
    routes: [
      { host: 'api.example.com', path: '/', to: targets.api },
      { host: 'web.example.com', path: '/', to: targets.web },
      { host: 'example.com', path: '/api', to: targets.api },
      { host: 'example.com', path: '/admin', to: targets.admin },
    ],
    tls: [
      {
        hosts: ['example.com', 'api.example.com', 'web.example.com'],
        secretName: EDGE_TLS_SECRET,
      },
    ],
    annotations: { 'nginx.ingress.kubernetes.io/ssl-redirect': 'true' },
  });
}
