/**
 * @module
 * The end of the human output: the problems, one per line, then a one-line verdict.
 */
import type { Problem } from '../sim/types';
import type { Paint } from './color';

/** What the verdict needs from a converge() result. */
export interface Outcome {
  readonly converged: boolean;
  readonly seconds: number;
  readonly problems: readonly Problem[];
  /** True when the virtual timeout ended the run while objects were still changing. */
  readonly timedOut?: boolean;
  /** Objects of kinds the simulator stores but does not run (CRDs, ...). */
  readonly notSimulated?: readonly { readonly kind: string; readonly name: string }[];
}

/** `Deployment/web`, with ` (namespace shop)` outside the default namespace. */
export function problemSubject(p: Problem): string {
  const where = p.namespace && p.namespace !== 'default' ? ` (namespace ${p.namespace})` : '';
  return `${p.kind}/${p.name}${where}`;
}

/** One line per problem: `Deployment/web: ProgressDeadlineExceeded: ReplicaSet "web-5d9" has timed out progressing.` */
export function formatProblems(problems: readonly Problem[], paint: Paint): string {
  if (problems.length === 0) return '';
  const lines = problems.map(
    (p) => `  ${paint.bold(problemSubject(p))}: ${paint.red(p.reason)}: ${p.message}`,
  );
  return `${paint.bold(`Problems (${problems.length}):`)}\n${lines.join('\n')}`;
}

/** Virtual seconds without float noise: `42s`, `2.5s`. */
export function formatSeconds(seconds: number): string {
  const rounded = Math.round(seconds * 10) / 10;
  return `${rounded}s`;
}

/**
 * `converged in 42s (virtual)`; when not, either `not converged after 600s (virtual), still
 * changing: 1 problem` (the timeout cut it short) or `not converged: 2 problems (nothing changed
 * after 3s, virtual)` (it is stuck).
 */
export function formatVerdict(outcome: Outcome, paint: Paint): string {
  const time = formatSeconds(outcome.seconds);
  if (outcome.converged) return paint.green(`converged in ${time} (virtual)`);
  const n = outcome.problems.length;
  const count = n === 1 ? '1 problem' : `${n} problems`;
  if (outcome.timedOut) {
    return paint.red(`not converged after ${time} (virtual), still changing: ${count}`);
  }
  return paint.red(`not converged: ${count} (nothing changed after ${time}, virtual)`);
}

/** `not simulated (accepted as given): 2 Certificate, 1 NetworkPolicy`, or '' when none. */
export function formatNotSimulated(outcome: Outcome, paint: Paint): string {
  const counts = new Map<string, number>();
  for (const o of outcome.notSimulated ?? []) counts.set(o.kind, (counts.get(o.kind) ?? 0) + 1);
  if (counts.size === 0) return '';
  const kinds = [...counts.keys()].sort();
  const list = kinds.map((k) => `${counts.get(k)} ${k}`).join(', ');
  return paint.yellow(`not simulated (accepted as given): ${list}`);
}
