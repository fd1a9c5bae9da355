/**
 * @module
 * The node lifecycle controller (pkg/controller/nodelifecycle/node_lifecycle_controller.go).
 * A node whose kubelet stops its heartbeat keeps its last status for the node-monitor grace
 * period (40 s, `--node-monitor-grace-period`); then `monitorNodeHealth` sets Ready (and the
 * pressure conditions) to Unknown, records NodeNotReady, marks the node's pods not ready so
 * that they leave the Endpoints (pkg/controller/util/node/controller_utils.go
 * `MarkPodsNotReady`) and taints the node `node.kubernetes.io/unreachable`, whose NoExecute
 * taint evicts the pods once their toleration runs out (node-lifecycle-taint-eviction.ts). When
 * the kubelet posts Ready again, the taints go (`markNodeAsReachable`).
 *
 * Kubernetes checks every `--node-monitor-period` (5 s) and the last renewal may lie up to 10 s
 * before the failure; the simulator marks the node exactly 40 s after its heartbeat stopped.
 * The zone disruption modes (no evictions while every node of a zone is down) are not modelled.
 */
import type { Condition, Node, Pod } from '../api';
import type { Clock, Controller, EventRecorder, SimContext, Store } from '../framework';
import {
  markNodeUnreachable,
  readyConditionOf,
  recordNodeStatusChange,
  removeUnreachableTaints,
  UNREACHABLE_TAINT,
} from '../nodes';
import { asKube, asView } from '../views';
import { TaintEviction } from './node-lifecycle-taint-eviction';

/** `--node-monitor-grace-period` (pkg/controller/nodelifecycle/config/v1alpha1/defaults.go). */
export const NODE_MONITOR_GRACE_SECONDS = 40;

function isNodeReady(node: Node): boolean {
  return readyConditionOf(node)?.status === 'True';
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

/** Marks silent nodes Unknown after the grace period, taints them and evicts their pods. */
export class NodeLifecycleController implements Controller {
  readonly name = 'node-controller';

  start(ctx: SimContext): void {
    const { store, clock, events, heartbeats } = ctx;
    const eviction = new TaintEviction(store, clock, events, this.name);
    /** Pending grace-period checks by node: the function that calls one off. */
    const checks = new Map<string, () => void>();
    heartbeats.watch((nodeName, beating) => {
      checks.get(nodeName)?.();
      checks.delete(nodeName);
      if (beating) return;
      const check = (): void => {
        checks.delete(nodeName);
        if (heartbeats.isBeating(nodeName)) return;
        if (!markNodeUnreachable(store, clock, nodeName)) return;
        // once, when Ready leaves True
        recordNodeStatusChange(store, events, nodeName, 'NodeNotReady', this.name);
      };
      checks.set(nodeName, clock.after(NODE_MONITOR_GRACE_SECONDS, check));
    });
    store.watch('Node', (event) => {
      if (event.type === 'DELETED') return;
      const node = asView<Node>(event.object);
      const old = event.oldObject && asView<Node>(event.oldObject);
      const ready = isNodeReady(node);
      if (!ready && (!old || isNodeReady(old))) {
        markPodsNotReady(store, clock, events, node, this.name);
      }
      eviction.nodeChanged(node);
      const tainted = (node.spec?.taints ?? []).some((t) => t.key === UNREACHABLE_TAINT);
      if (ready && tainted) {
        // the kubelet is back: the unreachable taints go on the controller's next pass
        clock.after(0, () => {
          const current = asView<Node>(store.get('Node', node.metadata.name));
          if (current && isNodeReady(current)) removeUnreachableTaints(store, node.metadata.name);
        });
      }
    });
  }
}
