/**
 * @module
 * The example edge: one RoutedIngress carrying the seed routing table, with TLS for every host.
 */
import { Chart, type ChartProps } from 'cdk8s';
import type { Construct } from 'constructs';
import type { IServiceTarget } from '../lib/connection';
import { RoutedIngress, type RouteTarget } from '../lib/routed-ingress';
import { WebApp } from '../lib/webapp';
import { addDevelopmentTlsSecret } from './dev-tls';

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

/** Options for the example edge. */
export interface EdgeChartProps extends ChartProps {
  /**
   * Also create the TLS Secret `example-com-tls`, holding the committed self-signed development
   * certificate (see `dev-tls.ts`). Leave it off where cert-manager or CI provides the Secret.
   * @default false
   */
  readonly developmentCertificate?: boolean;
}

/**
 * The whole example: three WebApps (api, web, admin) behind the edge Ingress, in the chart's
 * namespace (`default` unless `props.namespace` says otherwise).
 */
export class EdgeChart extends Chart {
  /** The API, at api.example.com and example.com/api. */
  public readonly api: WebApp;
  /** The web front end, at web.example.com. */
  public readonly web: WebApp;
  /** The admin console, at example.com/admin. */
  public readonly admin: WebApp;
  /** The Ingress in front of them. */
  public readonly edge: RoutedIngress;

  constructor(scope: Construct, id: string, props: EdgeChartProps = {}) {
    super(scope, id, props);
    if (props.developmentCertificate) {
      addDevelopmentTlsSecret(this, 'tls', EDGE_TLS_SECRET);
    }
    this.api = new WebApp(this, 'api', { image: 'example/api:1.0.0' });
    this.web = new WebApp(this, 'web', { image: 'example/web:1.0.0' });
    this.admin = new WebApp(this, 'admin', { image: 'example/admin:1.0.0', replicas: 1 });
    this.edge = addEdgeIngress(this, { api: this.api, web: this.web, admin: this.admin });
  }
}
