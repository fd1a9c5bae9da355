/**
 * @module
 * Every example chart, added to an app. `main.ts` synthesizes them into `dist/`; tests call
 * this directly so they never write to disk.
 */
import type { App } from 'cdk8s';
import { EdgeChart } from './edge';
import { NamespaceChart } from './namespace';
import { SPRING_API_NAMESPACE, SpringApiChart } from './spring-api';

/** Namespace of the example edge (the seed routing table). */
export const EDGE_NAMESPACE = 'edge';

/** The example charts, by role. */
export interface ExampleCharts {
  /** Namespace `my-app`. */
  readonly myAppNamespace: NamespaceChart;
  /** The Spring Boot-style API and its PostgreSQL, in `my-app`. */
  readonly springApi: SpringApiChart;
  /** Namespace `edge`. */
  readonly edgeNamespace: NamespaceChart;
  /** The seed routing table in front of three WebApps, in `edge`, with a development certificate. */
  readonly edge: EdgeChart;
}

/** Adds the example charts to `app`, each namespace before the charts that use it. */
export function addExampleCharts(app: App): ExampleCharts {
  const myAppNamespace = new NamespaceChart(app, 'my-app-namespace', SPRING_API_NAMESPACE);
  const springApi = new SpringApiChart(app, 'spring-api');
  springApi.addDependency(myAppNamespace);

  const edgeNamespace = new NamespaceChart(app, 'edge-namespace', EDGE_NAMESPACE);
  const edge = new EdgeChart(app, 'edge', {
    namespace: EDGE_NAMESPACE,
    developmentCertificate: true,
  });
  edge.addDependency(edgeNamespace);

  return { myAppNamespace, springApi, edgeNamespace, edge };
}
