/**
 * Shared fixtures for the autoscaling tests: pods as the replica calculator sees them, and
 * a small Deployment + HPA pair as YAML.
 */
import type { Pod } from '../../../lib/sim/api';
import { rfc3339 } from '../../../lib/sim/clock';
import type { PodMetricsInfo } from '../../../lib/sim/controllers/hpa-replica-calculator';

/** The virtual "now" of the calculator tables: long after every pod started. */
export const NOW = 1000;

/** How a table row describes a pod. */
export interface PodRow {
  /** millicores used, or undefined when metrics-server has no sample. */
  readonly usage?: number;
  /** @default 'Running' */
  readonly phase?: 'Pending' | 'Running' | 'Failed';
  /** @default true */
  readonly ready?: boolean;
  /** Seconds since the Ready condition last changed. @default 600 when ready, else since start (never ready) */
  readonly readySince?: number;
  /** Seconds since the pod started. @default 900 */
  readonly startedAgo?: number;
  /** @default '1' (1000m) */
  readonly cpuRequest?: string | null;
  readonly deleting?: boolean;
}

/** Pods and samples for a table row: pod `web-<i>` from each PodRow. */
export function podsAndMetrics(rows: readonly PodRow[]): { pods: Pod[]; metrics: PodMetricsInfo } {
  const pods: Pod[] = [];
  const metrics: PodMetricsInfo = new Map();
  rows.forEach((row, i) => {
    const name = `web-${i}`;
    const request = row.cpuRequest === undefined ? '1' : row.cpuRequest;
    pods.push({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: {
        name,
        namespace: 'default',
        ...(row.deleting ? { deletionTimestamp: rfc3339(NOW) } : {}),
      },
      spec: {
        containers: [
          {
            name: 'app',
            image: 'web:1',
            resources: request === null ? {} : { requests: { cpu: request } },
          },
        ],
      },
      status: {
        phase: row.phase ?? 'Running',
        startTime: rfc3339(NOW - (row.startedAgo ?? 900)),
        conditions: [
          {
            type: 'Ready',
            status: (row.ready ?? true) ? 'True' : 'False',
            lastTransitionTime: rfc3339(
              NOW - (row.readySince ?? ((row.ready ?? true) ? 600 : (row.startedAgo ?? 900))),
            ),
          },
        ],
      },
    });
    if (row.usage !== undefined)
      metrics.set(name, { value: row.usage, timestamp: NOW, window: 15 });
  });
  return { pods, metrics };
}

/** A Deployment `web` (cpu request 100m unless `cpu` is null) and an HPA `web` targeting it. */
export function webWithHpa(options: {
  replicas?: number;
  cpu?: string | null;
  hpa?: string;
  target?: string;
}): string {
  const resources =
    options.cpu === null
      ? ''
      : `\n        resources: { requests: { cpu: ${options.cpu ?? '100m'} } }`;
  const replicas = options.replicas === undefined ? '' : `\n  replicas: ${options.replicas}`;
  return `
apiVersion: apps/v1
kind: Deployment
metadata: { name: web }
spec:${replicas}
  selector: { matchLabels: { app: web } }
  template:
    metadata: { labels: { app: web } }
    spec:
      containers:
      - name: web
        image: nginx:1.27${resources}
---
apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata: { name: web }
spec:
  scaleTargetRef: { apiVersion: apps/v1, kind: Deployment, name: ${options.target ?? 'web'} }
${
  options.hpa ??
  `  minReplicas: 1
  maxReplicas: 5
  metrics:
  - type: Resource
    resource: { name: cpu, target: { type: Utilization, averageUtilization: 50 } }`
}
`;
}
