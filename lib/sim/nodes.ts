/**
 * @module
 * The cluster's Nodes, as kubelets register them: capacity and allocatable, the well-known
 * labels, a pod CIDR from the cluster CIDR (as the node IPAM controller assigns it), an
 * InternalIP on kind's docker network, and a Ready condition; the kubelets' heartbeats, which a
 * fault stops; and the writes that follow from a lost or returning kubelet (Ready Unknown and
 * the unreachable taints from the node lifecycle controller, Ready True from the kubelet).
 */
import type { Condition, Node, Taint } from './api';
import type { Clock, EventRecorder, NodeHeartbeats, Store } from './framework';
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

/** The conditions a healthy kubelet posts (pkg/kubelet/nodestatus/setters.go), stamped `now`. */
function kubeletConditions(clock: Clock): Condition[] {
  const now = clock.timestamp();
  const condition = (type: string, status: string, reason: string, message: string): Condition =>
    ({
      type,
      status,
      reason,
      message,
      lastHeartbeatTime: now,
      lastTransitionTime: now,
    }) as Condition;
  return [
    condition(
      'MemoryPressure',
      'False',
      'KubeletHasSufficientMemory',
      'kubelet has sufficient memory available',
    ),
    condition('DiskPressure', 'False', 'KubeletHasNoDiskPressure', 'kubelet has no disk pressure'),
    condition(
      'PIDPressure',
      'False',
      'KubeletHasSufficientPID',
      'kubelet has sufficient PID available',
    ),
    condition('Ready', 'True', 'KubeletReady', 'kubelet is posting ready status'),
  ];
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
      conditions: kubeletConditions(clock),
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

/** The node's Ready condition, if it has one. */
export function readyConditionOf(node: Node): Condition | undefined {
  return node.status?.conditions?.find((c) => c.type === 'Ready');
}

/** The conditions the node lifecycle controller sets to Unknown when the kubelet goes silent. */
const KUBELET_CONDITIONS = new Set(['Ready', 'MemoryPressure', 'DiskPressure', 'PIDPressure']);

/**
 * What the node lifecycle controller writes once a node's heartbeat has been missing for the
 * grace period (pkg/controller/nodelifecycle/node_lifecycle_controller.go `tryUpdateNodeHealth`):
 * Ready and the pressure conditions become Unknown, NodeStatusUnknown, with a new transition
 * time and the last heartbeat kept; then the `node.kubernetes.io/unreachable` taints
 * (NoSchedule and NoExecute, `processTaintBaseEviction`). Returns false when the node is
 * missing or was already Unknown.
 */
export function markNodeUnreachable(store: Store, clock: Clock, name: string): boolean {
  const node = asView<Node>(store.get('Node', name));
  if (!node || readyConditionOf(node)?.status === 'Unknown') return false;
  const now = clock.timestamp();
  const conditions = (node.status?.conditions ?? []).map((c) =>
    KUBELET_CONDITIONS.has(c.type) && c.status !== 'Unknown'
      ? ({
          ...c,
          status: 'Unknown',
          reason: 'NodeStatusUnknown',
          message: 'Kubelet stopped posting node status.',
          lastTransitionTime: now,
        } as Condition)
      : c,
  );
  store.updateStatus(asKube({ ...node, status: { ...(node.status ?? {}), conditions } }));
  const current = asView<Node>(store.get('Node', name)) ?? node;
  const others = (current.spec?.taints ?? []).filter((t) => t.key !== UNREACHABLE_TAINT);
  const taints: Taint[] = [
    ...others,
    { key: UNREACHABLE_TAINT, effect: 'NoSchedule', timeAdded: now },
    { key: UNREACHABLE_TAINT, effect: 'NoExecute', timeAdded: now },
  ];
  store.update(asKube({ ...current, spec: { ...(current.spec ?? {}), taints } }));
  return true;
}

/**
 * What the node lifecycle controller does once a node is Ready again (`markNodeAsReachable`):
 * the unreachable taints go. A node without them is not written.
 */
export function removeUnreachableTaints(store: Store, name: string): void {
  const node = asView<Node>(store.get('Node', name));
  const taints = node?.spec?.taints ?? [];
  if (!node || !taints.some((t) => t.key === UNREACHABLE_TAINT)) return;
  const others = taints.filter((t) => t.key !== UNREACHABLE_TAINT);
  const spec: Node['spec'] = { ...(node.spec ?? {}), taints: others };
  if (others.length === 0) delete spec.taints;
  store.update(asKube({ ...node, spec }));
}

/**
 * What a kubelet that comes back posts first (pkg/kubelet/nodestatus/setters.go): Ready True
 * and no pressure. Returns false when the node is missing or already Ready.
 */
export function postNodeReady(store: Store, clock: Clock, name: string): boolean {
  const node = asView<Node>(store.get('Node', name));
  if (!node || readyConditionOf(node)?.status === 'True') return false;
  const fresh = new Map(kubeletConditions(clock).map((c) => [c.type, c]));
  const conditions = (node.status?.conditions ?? []).map((c) => {
    const posted = fresh.get(c.type);
    if (!posted) return c;
    // the transition time moves only with the status (setters.go: on a change of status)
    return posted.status === c.status
      ? { ...posted, lastTransitionTime: c.lastTransitionTime }
      : posted;
  });
  store.updateStatus(asKube({ ...node, status: { ...(node.status ?? {}), conditions } }));
  return true;
}

/**
 * Records `Node <name> status is now: <status>` on the node, as both the node lifecycle
 * controller and the kubelet do when Ready changes (pkg/controller/util/node/controller_utils.go
 * `RecordNodeStatusChange`); `host` is the reporting kubelet's node.
 */
export function recordNodeStatusChange(
  store: Store,
  events: EventRecorder,
  name: string,
  status: 'NodeReady' | 'NodeNotReady',
  component: string,
  host?: string,
): void {
  const node = store.get('Node', name);
  if (node)
    events.event(node, 'Normal', status, `Node ${name} status is now: ${status}`, component, host);
}

/**
 * The heartbeats of the simulated kubelets: every node's beats until a fault stops it. Stopping
 * writes nothing; the node lifecycle controller only notices the silence after its grace period.
 */
export class KubeletHeartbeats implements NodeHeartbeats {
  readonly #stopped = new Set<string>();
  readonly #handlers: ((node: string, beating: boolean) => void)[] = [];

  isBeating(node: string): boolean {
    return !this.#stopped.has(node);
  }

  watch(handler: (node: string, beating: boolean) => void): void {
    this.#handlers.push(handler);
  }

  /** The node's kubelet stops (machine lost, network cut). */
  stop(node: string): void {
    if (this.#stopped.has(node)) return;
    this.#stopped.add(node);
    for (const handler of this.#handlers) handler(node, false);
  }

  /** The node's kubelet runs again. */
  resume(node: string): void {
    if (!this.#stopped.delete(node)) return;
    for (const handler of this.#handlers) handler(node, true);
  }
}
