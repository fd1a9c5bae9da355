/**
 * @module
 * Pod facts several kernel parts read (pkg/api/v1/pod/util.go `IsPodReady`, and the
 * endpoints controller's `ShouldPodBeInEndpoints`).
 */
import type { Pod } from './api';

/** True when the pod's Ready condition is True. */
export function isPodReady(pod: Pod): boolean {
  return pod.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True') === true;
}

/** True when the pod finished for good (Succeeded or Failed). */
export function isPodTerminal(pod: Pod): boolean {
  const phase = pod.status?.phase;
  return phase === 'Succeeded' || phase === 'Failed';
}

/** A short account of why a pod is not ready: its waiting reason, else its phase. */
export function podStateSummary(pod: Pod): string {
  if (pod.metadata.deletionTimestamp) return 'Terminating';
  for (const status of [
    ...(pod.status?.initContainerStatuses ?? []),
    ...(pod.status?.containerStatuses ?? []),
  ]) {
    const reason = status.state.waiting?.reason ?? status.state.terminated?.reason;
    if (reason && reason !== 'Completed') return reason;
  }
  const scheduled = pod.status?.conditions?.find((c) => c.type === 'PodScheduled');
  if (scheduled?.status === 'False') return scheduled.reason ?? 'Unschedulable';
  if (!pod.spec?.nodeName) return 'Pending, not scheduled';
  const phase = pod.status?.phase ?? 'Pending';
  return phase === 'Running' ? 'Running, not ready' : phase;
}
