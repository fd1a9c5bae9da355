/**
 * @module
 * What the container runtime knows about a pod, kept by the kubelet in memory (the runtime is
 * the kubelet's source of truth, as CRI is for pkg/kubelet/kuberuntime): each container's
 * state and the virtual instants of its planned transitions. Status is generated from it.
 */
import type { Container, ContainerState } from '../api';

/** Where a container is in the kubelet's start sequence (kuberuntime_manager.go SyncPod). */
export type ContainerStage =
  /** Not tried yet (waiting ContainerCreating / PodInitializing). */
  | 'pending'
  /** Image being pulled; `wakeAt` is when the pull ends. */
  | 'pulling'
  /** Pull failed; waiting ErrImagePull, then ImagePullBackOff until `wakeAt`. */
  | 'pullBackOff'
  /** CreateContainerConfigError; re-tried when a ConfigMap/Secret changes. */
  | 'configError'
  /** Running; planned transitions in `plan`. */
  | 'running'
  /** Exited, waiting CrashLoopBackOff until `wakeAt`. */
  | 'crashBackOff'
  /** Exited for good (completed init container, or restartPolicy says no restart). */
  | 'exited';

/** The planned future of a running container, in absolute virtual seconds. */
export interface RunPlan {
  readonly startedAt: number;
  readonly startedBecomesTrueAt: number;
  readonly readyAt: number;
  /** When the process exits by itself (crash, or an init container completing). */
  readonly exitAt?: number;
  readonly exitCode?: number;
  /** What the process prints before it exits (status `terminated.message`). */
  readonly exitMessage?: string;
  /** terminated.reason of that exit when not `Error`/`Completed` (OOMKilled). */
  readonly exitReason?: string;
  /** When the kubelet kills it for a failed liveness/startup probe. */
  readonly killAt?: number;
  readonly killedBy?: 'startup' | 'liveness';
}

/** One container as the runtime tracks it. */
export interface ContainerRuntime {
  readonly spec: Container;
  readonly image: string;
  readonly init: boolean;
  /** A restartable init container (`restartPolicy: Always`, KEP-753 native sidecar). */
  readonly sidecar: boolean;
  stage: ContainerStage;
  state: ContainerState;
  lastState: ContainerState;
  restartCount: number;
  started: boolean;
  ready: boolean;
  containerID?: string;
  imageID?: string;
  plan?: RunPlan;
  /** Next instant this container needs the kubelet (pull end, back-off end, probe transition). */
  wakeAt: number;
  /** Instant the last pull failed (ErrImagePull shows until the next sync). */
  pullFailedAt?: number;
  /** Instant this container asked for the pull it is waiting for. */
  pullStartedAt?: number;
  /** Instant the node's (serialized) puller actually began that pull. */
  pullBeganAt?: number;
  /** Whether the pull it waits for will succeed. */
  pullOk?: boolean;
}

/** One pod as this node's kubelet runs it. */
export interface PodRuntime {
  readonly key: string;
  readonly uid: string;
  readonly nodeName: string;
  readonly initContainers: ContainerRuntime[];
  readonly containers: ContainerRuntime[];
  /** The spec's container list last seen, to notice an in-place image change. */
  specContainers?: readonly Container[];
  /** The sandbox (network namespace) exists: IP allocated, PodReadyToStartContainers. */
  sandboxReady: boolean;
  podIP?: string;
  hostIP?: string;
  startTime?: string;
  /** status.qosClass, fixed for the pod's life (resources are immutable). */
  qosClass?: string;
  /** FailedMount message while a volume cannot be set up. */
  mountError?: string;
  /** Returns the pod IP to its node's pool. */
  releaseIP?: () => void;
  /** Being stopped for deletion; removed from the store at `deleteAt`. */
  terminating: boolean;
  deleteAt?: number;
  /** The instant a scheduled sync will run (Infinity: none), and how to cancel it. */
  scheduledAt: number;
  cancelScheduled?: () => void;
  /** JSON of the last status written, to write only when something changed. */
  lastWritten?: string;
  /** resourceVersion of the kubelet's own last write, to ignore its echo. */
  lastResourceVersion?: string;
}

/** A container entry for a pod spec's container, not yet tried. */
export function newContainerRuntime(spec: Container, init: boolean): ContainerRuntime {
  return {
    spec,
    image: spec.image ?? '',
    init,
    sidecar: init && spec.restartPolicy === 'Always',
    stage: 'pending',
    state: {},
    lastState: {},
    restartCount: 0,
    started: false,
    ready: false,
    wakeAt: Infinity,
  };
}

/**
 * A short string that changes whenever the generated status would: what each container shows
 * and the sandbox. Cheaper than comparing statuses on every sync.
 */
export function runtimeFingerprint(rt: PodRuntime): string {
  let text = `${rt.sandboxReady ? 1 : 0}${rt.podIP ?? ''}`;
  for (const list of [rt.initContainers, rt.containers]) {
    for (const c of list) {
      const s = c.state;
      const state = s.running
        ? 'r'
        : s.terminated
          ? `t${s.terminated.exitCode}${s.terminated.finishedAt ?? ''}`
          : `w${s.waiting?.reason ?? ''}${s.waiting?.message ?? ''}`;
      text += `|${state}${c.ready ? 1 : 0}${c.started ? 1 : 0}${c.restartCount}${c.containerID ?? ''}`;
    }
  }
  return text;
}
