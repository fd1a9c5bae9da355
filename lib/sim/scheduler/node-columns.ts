/**
 * @module
 * What the scheduler reads on every node it visits for every pod, kept as typed-array columns
 * by NodeInfo.index (a node's "row"): generation and filter memo, allocatable, requested and
 * scoring-requested cpu and memory, and the few labels and taints the default plugins look at.
 * With 5,000 nodes Kubernetes filters and scores 500 of them per pod (numFeasibleNodesToFind);
 * reading a few contiguous arrays, instead of following each of 500 scattered NodeInfo objects
 * to its Resources objects and V8's boxed doubles inside them, is what keeps 150,000 pods
 * affordable. NodeInfo stays the truth: it writes its row whenever it changes.
 */
import type { NodeInfo } from './node-info';

const INITIAL_CAPACITY = 64;

// Plain (not `<ArrayBuffer>`) typed-array types, so the emitted .d.ts reads under TypeScript < 5.7 too.
type Column = Float64Array | Int32Array | Uint8Array;

function grown<T extends Column>(column: T, capacity: number, fill = 0): T {
  const bigger = new (column.constructor as new (n: number) => T)(capacity);
  bigger.fill(fill);
  bigger.set(column);
  return bigger;
}

/** Per-node numbers and flags, by NodeInfo.index. */
export class NodeColumns {
  allocatableMilliCpu: Float64Array = new Float64Array(INITIAL_CAPACITY);
  allocatableMemory: Float64Array = new Float64Array(INITIAL_CAPACITY);
  requestedMilliCpu: Float64Array = new Float64Array(INITIAL_CAPACITY);
  requestedMemory: Float64Array = new Float64Array(INITIAL_CAPACITY);
  nonZeroMilliCpu: Float64Array = new Float64Array(INITIAL_CAPACITY);
  nonZeroMemory: Float64Array = new Float64Array(INITIAL_CAPACITY);
  /** NodeInfo.generation. */
  generation: Int32Array = new Int32Array(INITIAL_CAPACITY);
  /** The last node-local filter answer is for this pod signature (PodInfo.signature)... */
  memoSignature: Int32Array = new Int32Array(INITIAL_CAPACITY);
  /** ...at this node generation (-1: none)... */
  memoGeneration: Int32Array = new Int32Array(INITIAL_CAPACITY).fill(-1);
  /** ...and was a rejection (1), whose Status is NodeInfo.memoStatus, or a fit (0). */
  memoRejected: Uint8Array = new Uint8Array(INITIAL_CAPACITY);
  /** 1 when the node carries the kubernetes.io/hostname label. */
  hasHostname: Uint8Array = new Uint8Array(INITIAL_CAPACITY);
  /** 1 when the node carries the topology.kubernetes.io/zone label. */
  hasZone: Uint8Array = new Uint8Array(INITIAL_CAPACITY);
  /** 1 when the node has a PreferNoSchedule taint. */
  hasPreferNoSchedule: Uint8Array = new Uint8Array(INITIAL_CAPACITY);
  /** Attached nodes with a zone label: with none, spreading has no zone term to compute. */
  zonedNodes = 0;
  /** Attached nodes with a PreferNoSchedule taint: with none, TaintToleration scores all alike. */
  preferNoScheduleNodes = 0;

  /** Copies the node's current state into row `node.index`, growing the columns if needed. */
  write(node: NodeInfo): void {
    const i = node.index;
    if (i >= this.generation.length) this.#grow(Math.max(i + 1, this.generation.length * 2));
    this.allocatableMilliCpu[i] = node.allocatable.milliCpu;
    this.allocatableMemory[i] = node.allocatable.memory;
    this.requestedMilliCpu[i] = node.requested.milliCpu;
    this.requestedMemory[i] = node.requested.memory;
    this.nonZeroMilliCpu[i] = node.nonZeroRequested.milliCpu;
    this.nonZeroMemory[i] = node.nonZeroRequested.memory;
    this.generation[i] = node.generation;
    this.hasHostname[i] = node.hostname === undefined ? 0 : 1;
    this.#setFlags(
      i,
      node.zone === undefined ? 0 : 1,
      node.preferNoScheduleTaints.length > 0 ? 1 : 0,
    );
  }

  /** The node left the cache: it no longer counts in the totals (its row is never reused). */
  release(node: NodeInfo): void {
    if (node.index < this.generation.length) this.#setFlags(node.index, 0, 0);
  }

  #setFlags(i: number, zone: number, preferNoSchedule: number): void {
    this.zonedNodes += zone - this.hasZone[i];
    this.hasZone[i] = zone;
    this.preferNoScheduleNodes += preferNoSchedule - this.hasPreferNoSchedule[i];
    this.hasPreferNoSchedule[i] = preferNoSchedule;
  }

  #grow(capacity: number): void {
    this.allocatableMilliCpu = grown(this.allocatableMilliCpu, capacity);
    this.allocatableMemory = grown(this.allocatableMemory, capacity);
    this.requestedMilliCpu = grown(this.requestedMilliCpu, capacity);
    this.requestedMemory = grown(this.requestedMemory, capacity);
    this.nonZeroMilliCpu = grown(this.nonZeroMilliCpu, capacity);
    this.nonZeroMemory = grown(this.nonZeroMemory, capacity);
    this.generation = grown(this.generation, capacity);
    this.memoSignature = grown(this.memoSignature, capacity);
    this.memoGeneration = grown(this.memoGeneration, capacity, -1);
    this.memoRejected = grown(this.memoRejected, capacity);
    this.hasHostname = grown(this.hasHostname, capacity);
    this.hasZone = grown(this.hasZone, capacity);
    this.hasPreferNoSchedule = grown(this.hasPreferNoSchedule, capacity);
  }
}

/** Where a list of nodes sits in the columns: `rows[i]` is the row of node `i`. */
export interface ColumnRows {
  readonly columns: NodeColumns;
  readonly rows: Int32Array;
}

/**
 * The rows of `nodes` in the columns they all write to (`nodes[0].columns`): `rows` when the
 * caller has them, else read from the nodes; undefined when the nodes have no columns in
 * common (nodes outside a cache, in tests), so that the caller scores them one by one.
 */
export function columnRows(nodes: readonly NodeInfo[], rows?: Int32Array): ColumnRows | undefined {
  const columns = nodes.length > 0 ? nodes[0].columns : undefined;
  if (!columns) return undefined;
  if (rows) return { columns, rows };
  const read = new Int32Array(nodes.length);
  for (let i = 0; i < nodes.length; i++) {
    if (nodes[i].columns !== columns) return undefined;
    read[i] = nodes[i].index;
  }
  return { columns, rows: read };
}
