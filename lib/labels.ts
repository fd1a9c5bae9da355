/**
 * @module
 * The `app.kubernetes.io/*` labels bosun puts on everything it makes, derived from the
 * construct path so they are stable across synths.
 */
import { Chart, Names } from 'cdk8s';
import type { IConstruct } from 'constructs';

/** Labels that select a workload's pods: stable for the workload's life (selectors are immutable). */
export function selectorLabels(scope: IConstruct): Record<string, string> {
  return {
    'app.kubernetes.io/name': Names.toLabelValue(scope, { includeHash: false }).slice(0, 63),
    'app.kubernetes.io/instance': Names.toLabelValue(scope),
  };
}

/** The recommended labels (kubernetes.io/docs/concepts/overview/working-with-objects/common-labels/). */
export function standardLabels(scope: IConstruct, component: string): Record<string, string> {
  return {
    ...selectorLabels(scope),
    'app.kubernetes.io/component': component,
    'app.kubernetes.io/managed-by': 'bosun',
  };
}

/** The namespace of the chart that holds `scope`, `default` when the chart sets none. */
export function namespaceOf(scope: IConstruct): string {
  return Chart.of(scope).namespace ?? 'default';
}
