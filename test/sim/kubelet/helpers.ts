/**
 * Helpers for the kubelet's controller tests: a harness with only the kubelet running, and
 * pods bound to a node by hand (no scheduler).
 */
import type { Container, KubeEvent, Pod, PodSpec } from '../../../lib/sim/api';
import type { ImageBehavior } from '../../../lib/sim/framework';
import { Kubelet, type KubeletOptions } from '../../../lib/sim/kubelet';
import { pullSeconds } from '../../../lib/sim/kubelet/image-puller';
import { newHarness, type Harness } from '../../../lib/sim/testing-harness';
import type { KubeObject } from '../../../lib/sim/types';

/** A harness running only the kubelet. */
export function kubeletHarness(
  images: Record<string, ImageBehavior> = {},
  options: KubeletOptions = {},
): Harness {
  const h = newHarness({ nodes: 2, images });
  h.start(new Kubelet(options));
  return h;
}

/** Creates a pod already bound to `node` (as if the scheduler had bound it). */
export function createBoundPod(
  h: Harness,
  name: string,
  containers: Partial<Container>[],
  spec: Partial<PodSpec> = {},
  node = 'node-1',
): void {
  const pod: Pod = {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace: 'default', labels: { app: name } },
    spec: {
      containers: containers.map((c, i) => ({ name: `c${i}`, image: 'web:1', ...c })),
      nodeName: node,
      ...spec,
    },
  };
  h.store.create(pod as unknown as KubeObject);
}

/** The pod as stored now. */
export function getPod(h: Harness, name: string): Pod | undefined {
  return h.store.get('Pod', name, 'default') as unknown as Pod | undefined;
}

/** The pod's condition of `type`. */
export function condition(h: Harness, name: string, type: string) {
  return getPod(h, name)?.status?.conditions?.find((c) => c.type === type);
}

/** The first container's waiting reason (or 'Running' / 'Terminated'). */
export function containerState(h: Harness, name: string, index = 0): string | undefined {
  const state = getPod(h, name)?.status?.containerStatuses?.[index]?.state;
  if (!state) return undefined;
  if (state.running) return 'Running';
  if (state.terminated) return `Terminated:${state.terminated.reason}`;
  return state.waiting?.reason;
}

/** Messages of the pod's Events with `reason`. */
export function eventMessages(h: Harness, name: string, reason: string): string[] {
  return (h.store.list('Event') as unknown as KubeEvent[])
    .filter((e) => e.involvedObject.name === name && e.reason === reason)
    .map((e) => e.message);
}

/** Pull time of an image in the model. */
export { pullSeconds };

/** The first three octets of a node's /24 pod CIDR, e.g. `10.244.1`. */
export function cidrBase(h: Harness, node: string): string {
  const cidr = (h.store.get('Node', node) as unknown as { spec: { podCIDR: string } }).spec.podCIDR;
  return cidr.split('.').slice(0, 3).join('.');
}
