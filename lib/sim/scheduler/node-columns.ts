/**
 * @module
 * The numbers the score plugins read on every scored node for every pod (allocatable,
 * requested and scoring-requested cpu and memory), kept as typed-array columns by
 * NodeInfo.index. With 5,000 nodes Kubernetes scores 500 of them per pod
 * (numFeasibleNodesToFind); reading six doubles from contiguous arrays, instead of following
 * each NodeInfo to its Resources objects and V8's boxed doubles inside them, is what keeps
 * 150,000 pods affordable. NodeInfo stays the truth: it writes its columns whenever it changes.
 */
import type { NodeInfo } from './node-info';

const INITIAL_CAPACITY = 64;

/** Per-node cpu (millicores) and memory (bytes), by NodeInfo.index. */
export class NodeColumns {
  allocatableMilliCpu = new Float64Array(INITIAL_CAPACITY);
  allocatableMemory = new Float64Array(INITIAL_CAPACITY);
  requestedMilliCpu = new Float64Array(INITIAL_CAPACITY);
  requestedMemory = new Float64Array(INITIAL_CAPACITY);
  nonZeroMilliCpu = new Float64Array(INITIAL_CAPACITY);
  nonZeroMemory = new Float64Array(INITIAL_CAPACITY);

  /** Copies the node's current numbers into row `node.index`, growing the columns if needed. */
  write(node: NodeInfo): void {
    const i = node.index;
    if (i >= this.requestedMilliCpu.length)
      this.#grow(Math.max(i + 1, this.requestedMilliCpu.length * 2));
    this.allocatableMilliCpu[i] = node.allocatable.milliCpu;
    this.allocatableMemory[i] = node.allocatable.memory;
    this.requestedMilliCpu[i] = node.requested.milliCpu;
    this.requestedMemory[i] = node.requested.memory;
    this.nonZeroMilliCpu[i] = node.nonZeroRequested.milliCpu;
    this.nonZeroMemory[i] = node.nonZeroRequested.memory;
  }

  #grow(capacity: number): void {
    const grown = (a: Float64Array): Float64Array<ArrayBuffer> => {
      const b = new Float64Array(capacity);
      b.set(a);
      return b;
    };
    this.allocatableMilliCpu = grown(this.allocatableMilliCpu);
    this.allocatableMemory = grown(this.allocatableMemory);
    this.requestedMilliCpu = grown(this.requestedMilliCpu);
    this.requestedMemory = grown(this.requestedMemory);
    this.nonZeroMilliCpu = grown(this.nonZeroMilliCpu);
    this.nonZeroMemory = grown(this.nonZeroMemory);
  }
}
