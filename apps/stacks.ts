/**
 * @module
 * Every example chart, added to an app. `main.ts` synthesizes them into `dist/`; tests call
 * this directly so they never write to disk.
 */
import type { App, Chart } from 'cdk8s';
import { NamespaceChart } from './namespace';
import { SPRING_API_NAMESPACE, SpringApiChart } from './spring-api';

/** Adds the example charts to `app` and returns them, namespaces first. */
export function addExampleCharts(app: App): Chart[] {
  const namespace = new NamespaceChart(app, 'my-app-namespace', SPRING_API_NAMESPACE);
  const springApi = new SpringApiChart(app, 'spring-api');
  springApi.addDependency(namespace);
  return [namespace, springApi];
}
