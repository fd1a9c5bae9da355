/**
 * One pod of one container in a fresh default cluster (image catalogue on unless said), run
 * until it settles: what the kubelet made of the image.
 */
import type { Container, ContainerStatus, Pod } from '../../../lib/sim/api';
import { Cluster, type ClusterOptions } from '../../../lib/sim/cluster';
import type { KubeObject, Problem } from '../../../lib/sim/types';
import type { ConvergeResult } from '../../../lib/sim/verdict';

/** The pod after converging, its container's status and the verdict. */
export interface PodRun {
  readonly pod: Pod;
  readonly status: ContainerStatus;
  readonly result: ConvergeResult;
  /** The problem reported for the pod, if any. */
  readonly problem?: Problem;
}

/** Runs pod `web` with one container `web` (`container` fields merged in), `spec` added to the pod spec. */
export function runPod(
  container: Partial<Container> & { image: string },
  spec: Record<string, unknown> = {},
  options: ClusterOptions = {},
  extra: KubeObject[] = [],
): PodRun {
  const cluster = new Cluster(options);
  cluster.apply([
    ...extra,
    {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'web', namespace: 'default' },
      spec: { containers: [{ name: 'web', ...container }], ...spec },
    },
  ]);
  const result = cluster.converge({ timeoutSeconds: 300 });
  const pod = cluster.get('Pod', 'web') as unknown as Pod;
  const status = pod.status?.containerStatuses?.[0] as ContainerStatus;
  const problem = result.problems.find((p) => p.kind === 'Pod' && p.name === 'web');
  return { pod, status, result, problem };
}

/** `format.Pod` as the kubelet prints the pod in messages. */
export function formatted(pod: Pod): string {
  return `web_default(${pod.metadata.uid ?? ''})`;
}

/** A writable emptyDir mounted at each path: volumes and mounts to merge into a pod. */
export function emptyDirs(...paths: string[]): {
  volumes: Record<string, unknown>[];
  volumeMounts: { name: string; mountPath: string }[];
} {
  const names = paths.map((_, i) => `scratch-${i}`);
  return {
    volumes: names.map((name) => ({ name, emptyDir: {} })),
    volumeMounts: names.map((name, i) => ({ name, mountPath: paths[i] })),
  };
}

/** The last termination of a container that keeps exiting. */
export function lastTermination(run: PodRun): Record<string, unknown> | undefined {
  return run.status.lastState?.terminated as Record<string, unknown> | undefined;
}
