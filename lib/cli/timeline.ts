/**
 * @module
 * The rollout as it happened, from the cluster's Events (what `kubectl get events` lists):
 * a Mermaid `gantt` with one bar per workload, from its creation to its last event (its own,
 * its ReplicaSets' or its Pods'), and a table of the events in virtual time.
 */
import type { KubeEvent } from '../sim/api';
import type { Problem } from '../sim/types';
import type { AnyObject } from './views';
import { Ownership, keyOf, objectKey } from './ownership';
import { formatSeconds } from './summary';

/** The events table stops here; the rest is counted. */
const MAX_EVENT_ROWS = 200;

const ROLLOUT_KINDS = new Set(['Deployment', 'StatefulSet', 'DaemonSet', 'Job']);

/** One row of the timeline: seconds since the cluster started. */
export interface TimelineEvent {
  readonly at: number;
  readonly type: string;
  readonly reason: string;
  readonly object: string;
  readonly message: string;
  readonly count: number;
}

/** The cluster's events in time order (then by object and reason, for stable output). */
export function timelineEvents(objects: readonly AnyObject[], startMs: number): TimelineEvent[] {
  return (objects.filter((o) => o.kind === 'Event') as KubeEvent[])
    .map((e) => ({
      at: secondsSince(e.firstTimestamp ?? e.lastTimestamp, startMs),
      type: e.type,
      reason: e.reason,
      object: `${e.involvedObject.kind.toLowerCase()}/${e.involvedObject.name}`,
      message: e.message,
      count: e.count ?? 1,
    }))
    .sort((a, b) => a.at - b.at || cmp(a.object, b.object) || cmp(a.reason, b.reason));
}

/** Markdown table of events: `| +12s | Normal | ScalingReplicaSet | deployment/web | ... |`. */
export function eventsTable(events: readonly TimelineEvent[]): string {
  if (events.length === 0) return '_No events were recorded._';
  const rows = events.slice(0, MAX_EVENT_ROWS).map((e) => {
    const count = e.count > 1 ? ` (x${e.count})` : '';
    return `| +${formatSeconds(e.at)} | ${e.type} | ${e.reason}${count} | \`${e.object}\` | ${cell(e.message)} |`;
  });
  const more =
    events.length > MAX_EVENT_ROWS
      ? `\n\n_${events.length - MAX_EVENT_ROWS} more events not shown._`
      : '';
  return (
    ['| Time | Type | Reason | Object | Message |', '|---|---|---|---|---|', ...rows].join('\n') +
    more
  );
}

/**
 * Mermaid gantt source (without the fence): per namespace a section, per workload a bar from
 * its creation to the last event of it or anything it controls; red (`crit`) when it has a
 * problem. Undefined when there is no workload.
 */
export function rolloutGantt(
  objects: readonly AnyObject[],
  problems: readonly Problem[],
  startMs: number,
): string | undefined {
  const owners = new Ownership(objects);
  const lastEvent = new Map<string, number>();
  for (const e of objects.filter((o) => o.kind === 'Event') as KubeEvent[]) {
    const involved = owners.find(
      e.involvedObject.kind,
      e.involvedObject.namespace,
      e.involvedObject.name,
    );
    const root = involved ? owners.rootOf(involved) : undefined;
    if (!root) continue;
    const at = secondsSince(e.lastTimestamp ?? e.firstTimestamp, startMs);
    lastEvent.set(keyOf(root), Math.max(lastEvent.get(keyOf(root)) ?? 0, at));
  }
  const troubled = new Set(
    problems.map((p) => objectKey(p.kind, p.namespace || undefined, p.name)),
  );
  const workloads = objects
    .filter((o) => ROLLOUT_KINDS.has(o.kind) && owners.rootOf(o) === o)
    .sort((a, b) => cmp(keyOf(a), keyOf(b)));
  if (workloads.length === 0) return undefined;
  const lines = [
    'gantt',
    '  title Rollout (virtual seconds)',
    '  dateFormat X',
    '  axisFormat %M:%S',
  ];
  let section: string | undefined;
  for (const w of workloads) {
    const ns = w.metadata.namespace ?? '';
    if (ns !== section) {
      section = ns;
      lines.push(`  section ${ns || 'cluster'}`);
    }
    const start = Math.floor(secondsSince(w.metadata.creationTimestamp, startMs));
    const end = Math.max(start + 1, Math.ceil(lastEvent.get(keyOf(w)) ?? start));
    const tag = troubled.has(keyOf(w)) ? 'crit, ' : 'done, ';
    lines.push(`  ${w.kind.toLowerCase()}/${w.metadata.name} : ${tag}${start}, ${end}`);
  }
  return lines.join('\n');
}

function secondsSince(timestamp: string | undefined, startMs: number): number {
  const ms = timestamp ? Date.parse(timestamp) : NaN;
  return Number.isNaN(ms) ? 0 : Math.max(0, (ms - startMs) / 1000);
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** A Markdown table cell: no pipes or newlines. */
export function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}
