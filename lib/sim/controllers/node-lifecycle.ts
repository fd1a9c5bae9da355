/**
 * @module
 * Taint-based eviction of the node lifecycle controller (pkg/controller/tainteviction): when
 * a node gets a NoExecute taint (a failed node is tainted `node.kubernetes.io/unreachable`),
 * its pods are deleted once their toleration runs out: at once without a matching
 * toleration, after `tolerationSeconds` (300 s, added by DefaultTolerationSeconds) with one.
 * The pods stay Terminating, since their kubelet is down, and their controllers replace them.
 * Pods on a node that stops being Ready are marked not ready at once, so Services stop
 * sending them traffic (pkg/controller/util/node/controller_utils.go `MarkPodsNotReady`).
 */
import type { Condition, Node, Pod, Taint, Toleration } from '../api';
import type { Controller, SimContext, Store, EventRecorder, Clock } from '../framework';
import { asKube, asView } from '../views';

function tolerates(toleration: Toleration, taint: Taint): boolean {
  if (toleration.effect !== undefined && toleration.effect !== taint.effect) return false;
  if (toleration.key === undefined || toleration.key === '')
    return toleration.operator === 'Exists';
  if (toleration.key !== taint.key) return false;
  return toleration.operator === 'Exists' || (toleration.value ?? '') === (taint.value ?? '');
}

/**
 * Seconds until the pod must go: 0 when a NoExecute taint is not tolerated, the smallest
 * tolerationSeconds among matching tolerations, or undefined when tolerated forever.
 */
export function evictionDelay(pod: Pod, taints: readonly Taint[]): number | undefined {
  let delay: number | undefined;
  for (const taint of taints) {
    if (taint.effect !== 'NoExecute') continue;
    const matching = (pod.spec?.tolerations ?? []).filter((t) => tolerates(t, taint));
    if (matching.length === 0) return 0;
    for (const t of matching) {
      if (t.tolerationSeconds === undefined) continue;
      delay = Math.min(delay ?? Infinity, Math.max(0, t.tolerationSeconds));
    }
  }
  return delay;
}

function isNodeReady(node: Node): boolean {
  return node.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True') === true;
}

/** Sets the Ready condition of every pod on `node` to False, with a NodeNotReady event. */
function markPodsNotReady(
  store: Store,
  clock: Clock,
  events: EventRecorder,
  node: Node,
  component: string,
): void {
  for (const obj of store.podsOnNode(node.metadata.name)) {
    const pod = asView<Pod>(obj);
    const conditions = pod.status?.conditions ?? [];
    if (!conditions.some((c) => c.type === 'Ready' && c.status === 'True')) continue;
    const now = clock.timestamp();
    const updated: Condition[] = conditions.map((c) =>
      c.type === 'Ready' ? { ...c, status: 'False', lastTransitionTime: now } : c,
    );
    store.updateStatus(asKube({ ...pod, status: { ...pod.status, conditions: updated } }));
    events.event(obj, 'Warning', 'NodeNotReady', 'Node is not ready', component);
  }
}

function noExecuteTaints(node: Node): Taint[] {
  return (node.spec?.taints ?? []).filter((t) => t.effect === 'NoExecute');
}

/** Evicts pods from nodes with NoExecute taints they do not tolerate. */
export class NodeLifecycleController implements Controller {
  readonly name = 'node-controller';

  start(ctx: SimContext): void {
    const { store, clock, events } = ctx;
    const planned = new Map<string, () => void>();
    const evictLater = (node: Node): void => {
      const taints = noExecuteTaints(node);
      for (const obj of store.podsOnNode(node.metadata.name)) {
        const pod = asView<Pod>(obj);
        const key = `${pod.metadata.namespace}/${pod.metadata.name}`;
        if (pod.metadata.deletionTimestamp || planned.has(key)) continue;
        const delay = evictionDelay(pod, taints);
        if (delay === undefined) continue;
        const cancel = clock.after(delay, () => {
          planned.delete(key);
          const current = store.get('Pod', pod.metadata.name, pod.metadata.namespace);
          const currentNode = asView<Node>(store.get('Node', node.metadata.name));
          if (!current || current.metadata.uid !== pod.metadata.uid || !currentNode) return;
          if (evictionDelay(asView<Pod>(current), noExecuteTaints(currentNode)) === undefined)
            return;
          events.event(
            current,
            'Normal',
            'TaintManagerEviction',
            `Marking for deletion Pod ${key}`,
            this.name,
          );
          store.delete('Pod', pod.metadata.name, pod.metadata.namespace);
        });
        planned.set(key, cancel);
      }
    };
    store.watch('Node', (event) => {
      if (event.type === 'DELETED') return;
      const node = asView<Node>(event.object);
      const old = event.oldObject && asView<Node>(event.oldObject);
      if (!isNodeReady(node) && (!old || isNodeReady(old))) {
        markPodsNotReady(store, clock, events, node, this.name);
      }
      if (noExecuteTaints(node).length > 0) {
        evictLater(node);
        return;
      }
      // the taints are gone (node recovered): pending evictions on it are called off
      for (const obj of store.podsOnNode(node.metadata.name)) {
        const key = `${obj.metadata.namespace}/${obj.metadata.name}`;
        planned.get(key)?.();
        planned.delete(key);
      }
    });
  }
}
