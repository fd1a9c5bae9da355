/**
 * @module
 * A user's chart built only from the package root's exports, as a cdk8s app would write it.
 */
import { Chart, type ChartProps } from 'cdk8s';
import type { Construct } from 'constructs';
import { RoutedIngress, StatefulDb, WebApp, type WebAppProps } from 'bosun';

/** Props of the user's chart: overrides for the API's WebApp. */
export interface ShopChartProps extends ChartProps {
  /** Extra WebApp props for the API, e.g. a CPU request no node can hold. */
  readonly api?: Partial<WebAppProps>;
}

/** An API with a Postgres database behind it and an Ingress in front. */
export class ShopChart extends Chart {
  /** The API, exposed so tests can read its Service name. */
  public readonly api: WebApp;

  constructor(scope: Construct, id: string, props: ShopChartProps = {}) {
    super(scope, id, props);
    const db = new StatefulDb(this, 'db', {
      engine: 'postgres',
      password: 'dev-only',
      storage: { size: '1Gi' },
    });
    this.api = new WebApp(this, 'api', {
      image: 'shop-api:1.0.0',
      replicas: 2,
      readiness: { path: '/ready' },
      ...props.api,
    });
    this.api.connectTo(db);
    new RoutedIngress(this, 'edge', {
      routes: [{ host: 'shop.example.com', path: '/', to: this.api }],
    });
  }
}
