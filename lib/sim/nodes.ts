/**
 * @module
 * The cluster's Nodes, as kubelets register them: capacity and allocatable, the well-known
 * labels, a pod CIDR from the cluster CIDR (as the node IPAM controller assigns it), an
 * InternalIP on kind's docker network, and a Ready condition. `failNode` models a node whose
 * kubelet stopped posting status: the node lifecycle controller marks Ready Unknown and taints
 * it unreachable (pkg/controller/nodelifecycle).
 */
import type { Condition, Node, Taint } from './api';
import type { Clock, Store } from './framework';
import type { KubeObject } from './types';
import { asKube, asView } from './views';

/** One node of the simulated cluster (CONTRACT.md `nodes`). */
export interface NodeSpec {
  /** @default `node-<n>` */
  readonly name?: string;
  /** Allocatable CPU. @default '4' */
  readonly cpu?: string;
  /** Allocatable memory. @default '16Gi' */
  readonly memory?: string;
  /** Maximum pods. @default 110 */
  readonly pods?: number;
  /** Extra labels (beside kubernetes.io/hostname, kubernetes.io/os, kubernetes.io/arch). @default - none */
  readonly labels?: Readonly<Record<string, string>>;
  /** Taints, e.g. `{ key: 'dedicated', value: 'db', effect: 'NoSchedule' }`. @default - none */
  readonly taints?: readonly Taint[];
}

/** Defaults for nodes given only by count. */
export interface NodeDefaults {
  readonly cpu?: string;
  readonly memory?: string;
  readonly pods?: number;
}

/** The taint the node lifecycle controller puts on a node it cannot reach. */
export const UNREACHABLE_TAINT = 'node.kubernetes.io/unreachable';

/** `nodes: 3` or a list → one NodeSpec per node. */
export function nodeSpecs(
  nodes: number | readonly NodeSpec[] | undefined,
  defaults: NodeDefaults = {},
): NodeSpec[] {
  const list =
    typeof nodes === 'number' || nodes === undefined
      ? Array.from({ length: nodes ?? 3 }, () => ({}))
      : nodes;
  return list.map((spec) => ({
    cpu: defaults.cpu,
    memory: defaults.memory,
    pods: defaults.pods,
    ...stripUndefined(spec),
  }));
}

function stripUndefined(spec: NodeSpec): NodeSpec {
  return Object.fromEntries(Object.entries(spec).filter(([, v]) => v !== undefined)) as NodeSpec;
}

/** The pod CIDR of the node at 0-based `index`: 10.244.<n>.0/24 for node n (kind's node IPAM); past 255 nodes the range continues in 10.128.0.0/9. */
export function podCidr(index: number): string {
  const n = index + 1;
  if (n < 256) return `10.244.${n}.0/24`;
  return `10.${128 + Math.floor(n / 256)}.${n % 256}.0/24`;
}

/** Node addresses on kind's docker network: 172.18.0.2, 172.18.0.3, ... */
export function nodeAddress(index: number): string {
  const n = index + 2;
  return `172.18.${Math.floor(n / 256)}.${n % 256}`;
}

function readyCondition(status: Condition['status'], clock: Clock): Condition {
  const now = clock.timestamp();
  return status === 'True'
    ? ({
        type: 'Ready',
        status,
        reason: 'KubeletReady',
        message: 'kubelet is posting ready status',
        lastHeartbeatTime: now,
        lastTransitionTime: now,
      } as Condition)
    : ({
        type: 'Ready',
        status,
        reason: 'NodeStatusUnknown',
        message: 'Kubelet stopped posting node status.',
        lastHeartbeatTime: now,
        lastTransitionTime: now,
      } as Condition);
}

/** The Node object a kubelet would register for `spec` (index 0-based). */
export function nodeObject(spec: NodeSpec, index: number, clock: Clock): KubeObject {
  const name = spec.name ?? `node-${index + 1}`;
  const resources = {
    cpu: spec.cpu ?? '4',
    memory: spec.memory ?? '16Gi',
    pods: String(spec.pods ?? 110),
    'ephemeral-storage': '100Gi',
  };
  const now = clock.timestamp();
  const pressure = (type: string, reason: string, message: string): Condition =>
    ({
      type,
      status: 'False',
      reason,
      message,
      lastHeartbeatTime: now,
      lastTransitionTime: now,
    }) as Condition;
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: {
      name,
      labels: {
        'kubernetes.io/arch': 'amd64',
        'kubernetes.io/hostname': name,
        'kubernetes.io/os': 'linux',
        ...(spec.labels ?? {}),
      },
    },
    spec: {
      podCIDR: podCidr(index),
      podCIDRs: [podCidr(index)],
      ...(spec.taints && spec.taints.length > 0
        ? { taints: spec.taints.map((t) => ({ ...t })) }
        : {}),
    },
    status: {
      capacity: { ...resources },
      allocatable: { ...resources },
      conditions: [
        pressure(
          'MemoryPressure',
          'KubeletHasSufficientMemory',
          'kubelet has sufficient memory available',
        ),
        pressure('DiskPressure', 'KubeletHasNoDiskPressure', 'kubelet has no disk pressure'),
        pressure('PIDPressure', 'KubeletHasSufficientPID', 'kubelet has sufficient PID available'),
        readyCondition('True', clock),
      ],
      addresses: [
        { type: 'InternalIP', address: nodeAddress(index) },
        { type: 'Hostname', address: name },
      ],
      nodeInfo: {
        kubeletVersion: 'v1.31.0',
        containerRuntimeVersion: 'containerd://1.7.18',
        operatingSystem: 'linux',
        architecture: 'amd64',
      },
    },
  };
}

/** Registers every node of `specs` in the store. */
export function registerNodes(store: Store, clock: Clock, specs: readonly NodeSpec[]): void {
  specs.forEach((spec, i) => store.create(nodeObject(spec, i, clock)));
}

function setReady(store: Store, clock: Clock, name: string, ready: boolean): void {
  const node = asView<Node>(store.get('Node', name));
  if (!node) throw new Error(`node "${name}" not found`);
  const unreachable: Taint[] = [
    { key: UNREACHABLE_TAINT, effect: 'NoSchedule', timeAdded: clock.timestamp() },
    { key: UNREACHABLE_TAINT, effect: 'NoExecute', timeAdded: clock.timestamp() },
  ];
  const others = (node.spec?.taints ?? []).filter((t) => t.key !== UNREACHABLE_TAINT);
  const taints = ready ? others : [...others, ...unreachable];
  const spec = { ...(node.spec ?? {}), taints };
  if (taints.length === 0) delete (spec as { taints?: Taint[] }).taints;
  store.update(asKube({ ...node, spec }));
  const current = asView<Node>(store.get('Node', name)) ?? node;
  const conditions = (current.status?.conditions ?? []).map((c) =>
    c.type === 'Ready' ? readyCondition(ready ? 'True' : 'Unknown', clock) : c,
  );
  store.updateStatus(asKube({ ...current, status: { ...(current.status ?? {}), conditions } }));
}

/** The node stops responding: Ready becomes Unknown and the node is tainted unreachable. */
export function failNode(store: Store, clock: Clock, name: string): void {
  setReady(store, clock, name, false);
}

/** The node's kubelet posts status again: Ready is True and the unreachable taints go. */
export function recoverNode(store: Store, clock: Clock, name: string): void {
  setReady(store, clock, name, true);
}
