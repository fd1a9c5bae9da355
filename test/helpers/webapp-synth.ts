/**
 * @module
 * Synthesizes a WebApp in a fresh chart and hands back its objects by kind, typed with the
 * simulator's API views, so construct tests read like the YAML they check.
 */
import { Chart, Testing } from 'cdk8s';
import type { Deployment, DataObject, Service } from '../../lib/sim/api';
import type { KubeObject } from '../../lib/sim/types';
import { WebApp } from '../../lib/webapp';
import type { WebAppProps } from '../../lib/webapp-props';

/** Everything one WebApp synthesized. */
export interface SynthesizedWebApp {
  readonly chart: Chart;
  readonly webApp: WebApp;
  readonly objects: KubeObject[];
  readonly deployment: Deployment;
  readonly service: Service;
  /** Present only when synthesized. */
  readonly configMap?: DataObject;
  readonly secret?: DataObject;
  readonly hpa?: KubeObject;
  readonly pdb?: KubeObject;
}

/** The single object of a kind; throws when there are none or several. */
export function only<T = KubeObject>(objects: readonly KubeObject[], kind: string): T {
  const found = objects.filter((o) => o.kind === kind);
  if (found.length !== 1) throw new Error(`expected one ${kind}, found ${found.length}`);
  return found[0] as unknown as T;
}

/** The object of a kind, or undefined; throws when there are several. */
export function maybe<T = KubeObject>(objects: readonly KubeObject[], kind: string): T | undefined {
  return objects.some((o) => o.kind === kind) ? only<T>(objects, kind) : undefined;
}

/** GIVEN a chart (namespace `shop` unless told) WHEN a WebApp `api` is added and synthesized. */
export function synthWebApp(
  props: WebAppProps,
  options: { namespace?: string; configure?: (webApp: WebApp, chart: Chart) => void } = {},
): SynthesizedWebApp {
  const chart = new Chart(Testing.app(), 'shop', { namespace: options.namespace ?? 'shop' });
  const webApp = new WebApp(chart, 'api', props);
  options.configure?.(webApp, chart);
  const objects = Testing.synth(chart) as KubeObject[];
  return {
    chart,
    webApp,
    objects,
    deployment: only<Deployment>(objects, 'Deployment'),
    service: only<Service>(objects, 'Service'),
    configMap: maybe<DataObject>(objects, 'ConfigMap'),
    secret: maybe<DataObject>(objects, 'Secret'),
    hpa: maybe(objects, 'HorizontalPodAutoscaler'),
    pdb: maybe(objects, 'PodDisruptionBudget'),
  };
}
