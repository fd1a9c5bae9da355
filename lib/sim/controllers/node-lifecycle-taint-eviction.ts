/**
 * @module
 * Taint-based eviction (pkg/controller/tainteviction/taint_eviction.go): once a node carries a
 * NoExecute taint (a lost node is tainted `node.kubernetes.io/unreachable`), each of its pods is
 * deleted when its toleration runs out: at once without a matching toleration, after
 * `tolerationSeconds` (300 s, added by the DefaultTolerationSeconds admission plugin) with one,
 * never when tolerated without a limit. The pods stay Terminating, since their kubelet is down,
 * and their controllers replace them. A taint that goes away calls the pending evictions off.
 */
import type { Node, Pod, Taint } from '../api';
import type { Clock, EventRecorder, Store } from '../framework';
import { toleratesTaint } from '../scheduler/taints';
import { asView } from '../views';

/**
 * Seconds until the pod must go: 0 when a NoExecute taint is not tolerated, the smallest
 * tolerationSeconds among matching tolerations, or undefined when tolerated forever
 * (taint_eviction.go `getMinTolerationTime`); a toleration matches as the scheduler's does
 * (core/v1 toleration.go `ToleratesTaint`).
 */
export function evictionDelay(pod: Pod, taints: readonly Taint[]): number | undefined {
  let delay: number | undefined;
  for (const taint of taints) {
    if (taint.effect !== 'NoExecute') continue;
    const matching = (pod.spec?.tolerations ?? []).filter((t) => toleratesTaint(t, taint));
    if (matching.length === 0) return 0;
    for (const t of matching) {
      if (t.tolerationSeconds === undefined) continue;
      delay = Math.min(delay ?? Infinity, Math.max(0, t.tolerationSeconds));
    }
  }
  return delay;
}

/** The node's NoExecute taints. */
function noExecuteTaints(node: Node): Taint[] {
  return (node.spec?.taints ?? []).filter((t) => t.effect === 'NoExecute');
}

/** Plans and cancels the evictions of pods on NoExecute-tainted nodes. */
export class TaintEviction {
  /** Pending evictions by `namespace/name`: the function that calls one off. */
  readonly #planned = new Map<string, () => void>();

  readonly #store: Store;
  readonly #clock: Clock;
  readonly #events: EventRecorder;
  readonly #component: string;

  constructor(store: Store, clock: Clock, events: EventRecorder, component: string) {
    this.#store = store;
    this.#clock = clock;
    this.#events = events;
    this.#component = component;
  }

  /** Called on every change of a node: plans evictions under NoExecute taints, else cancels them. */
  nodeChanged(node: Node): void {
    if (noExecuteTaints(node).length > 0) this.#planEvictions(node);
    else this.#cancelEvictions(node);
  }

  #planEvictions(node: Node): void {
    const taints = noExecuteTaints(node);
    for (const obj of this.#store.podsOnNode(node.metadata.name)) {
      const pod = asView<Pod>(obj);
      const key = `${pod.metadata.namespace}/${pod.metadata.name}`;
      if (pod.metadata.deletionTimestamp || this.#planned.has(key)) continue;
      const delay = evictionDelay(pod, taints);
      if (delay === undefined) continue;
      const cancel = this.#clock.after(delay, () => {
        this.#planned.delete(key);
        this.#evict(pod, node.metadata.name);
      });
      this.#planned.set(key, cancel);
    }
  }

  /** Deletes the pod if it is still the same one and its node's taints still say so. */
  #evict(pod: Pod, nodeName: string): void {
    const { name, namespace } = pod.metadata;
    const current = this.#store.get('Pod', name, namespace);
    const node = asView<Node>(this.#store.get('Node', nodeName));
    if (!current || current.metadata.uid !== pod.metadata.uid || !node) return;
    if (evictionDelay(asView<Pod>(current), noExecuteTaints(node)) === undefined) return;
    this.#events.event(
      current,
      'Normal',
      'TaintManagerEviction',
      `Marking for deletion Pod ${namespace}/${name}`,
      this.#component,
    );
    this.#store.delete('Pod', name, namespace);
  }

  #cancelEvictions(node: Node): void {
    for (const obj of this.#store.podsOnNode(node.metadata.name)) {
      const key = `${obj.metadata.namespace}/${obj.metadata.name}`;
      this.#planned.get(key)?.();
      this.#planned.delete(key);
    }
  }
}
