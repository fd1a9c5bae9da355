/**
 * @module
 * `bosun sim --report FILE.md`: a Markdown report a pull request can show — the verdict, the
 * problems, the topology as a Mermaid flowchart and the rollout timeline from the Events.
 */
import type { AnyObject } from './views';
import { paint } from './color';
import { formatVerdict, type Outcome } from './summary';
import { cell, eventsTable, rolloutGantt, timelineEvents } from './timeline';
import { mermaidTopology } from './topology';

/** Everything the report shows. */
export interface ReportInput {
  /** The converge() result. */
  readonly outcome: Outcome;
  /** Every object in the cluster at the end. */
  readonly objects: readonly AnyObject[];
  /** Virtual time at the end, RFC 3339. */
  readonly now: string;
  /** Virtual time zero (the cluster's start), RFC 3339. */
  readonly start: string;
  /** The files simulated, as given on the command line. */
  readonly sources?: readonly string[];
}

/** The report as Markdown. */
export function renderReport(input: ReportInput): string {
  const { outcome, objects, now } = input;
  const startMs = Date.parse(input.start);
  const plain = paint(false);
  const mark = outcome.converged ? '✅' : '❌';
  const out: string[] = ['# bosun sim report', ''];
  out.push(`**${mark} ${formatVerdict(outcome, plain)}**`, '');
  if (input.sources && input.sources.length > 0) {
    out.push(`Manifests: ${input.sources.map((s) => `\`${s}\``).join(', ')}`, '');
  }
  out.push(`Objects in the cluster: ${objects.filter((o) => o.kind !== 'Event').length}`, '');

  out.push('## Problems', '');
  if (outcome.problems.length === 0) {
    out.push('None.');
  } else {
    out.push('| Kind | Namespace | Name | Reason | Message |', '|---|---|---|---|---|');
    for (const p of outcome.problems) {
      out.push(
        `| ${p.kind} | ${p.namespace || '-'} | ${p.name} | ${p.reason} | ${cell(p.message)} |`,
      );
    }
  }

  out.push(
    '',
    '## Topology',
    '',
    '```mermaid',
    mermaidTopology(objects, outcome.problems, now),
    '```',
  );

  out.push('', '## Rollout timeline', '');
  const gantt = rolloutGantt(objects, outcome.problems, startMs);
  if (gantt) out.push('```mermaid', gantt, '```', '');
  out.push(eventsTable(timelineEvents(objects, startMs)), '');
  return out.join('\n');
}
