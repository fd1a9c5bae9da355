/**
 * @module
 * What a user's test hands us, turned into plain manifests: a cdk8s Chart (synthesized as
 * `Testing.synth(chart)` does), an App (each of its charts, in dependency order), or
 * manifests already (YAML text, one object, a list).
 */
import { Chart, Testing } from 'cdk8s';

/** Something `simulate()` and `toConverge()` accept. */
export type Simulatable = Chart | AppLike | string | object | readonly unknown[];

/** A cdk8s App, recognized by its `charts` (works across copies of cdk8s). */
export interface AppLike {
  readonly charts: readonly Chart[];
}

/** True for a cdk8s App (or anything with a list of charts). */
export function isApp(x: unknown): x is AppLike {
  return (
    typeof x === 'object' &&
    x !== null &&
    !Chart.isChart(x) &&
    Array.isArray((x as Partial<AppLike>).charts) &&
    ((x as AppLike).charts.length === 0 || Chart.isChart((x as AppLike).charts[0]))
  );
}

/** The manifests a Chart or App synthesizes; anything else is returned as it is. */
export function toManifests(subject: Simulatable): string | object | readonly unknown[] {
  if (Chart.isChart(subject)) return Testing.synth(subject) as unknown[];
  if (isApp(subject)) return subject.charts.flatMap((chart) => Testing.synth(chart) as unknown[]);
  return subject;
}
