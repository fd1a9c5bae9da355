/**
 * @module
 * Proves the shipped .d.ts files carry real types (not `any`): each `@ts-expect-error` below
 * fails the compile when the line it guards stops being an error.
 */
import { Testing } from 'cdk8s';
import { BosunValidationError, WebApp } from 'bosun';
import { Cluster, type ClusterOptions, type Problem } from 'bosun/sim';
import type { SimulationResult } from 'bosun/testing';

const chart = Testing.chart();
// @ts-expect-error image must be a string
new WebApp(chart, 'typed', { image: 1 });
// @ts-expect-error serviceType is a union of the Service types
new WebApp(chart, 'typed2', { image: 'a:1', serviceType: 'Ingress' });

const options: ClusterOptions = { nodes: 1, seed: 7 };
const cluster = new Cluster(options);
const problems: readonly Problem[] = cluster.converge({ timeoutSeconds: 60 }).problems;
// @ts-expect-error a Problem's reason is a string
const reason: number = problems[0].reason;

/** A SimulationResult's fields, named: the type reaches users. */
export function describeResult(r: SimulationResult): string {
  return `${r.converged} ${r.problems.length} ${reason}`;
}

export const isValidationError: (x: unknown) => boolean = BosunValidationError.is;
