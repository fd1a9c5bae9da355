/**
 * @module
 * The scheduling algorithm for one pod, after kubernetes pkg/scheduler/schedule_one.go:
 * `schedulePod` → `findNodesThatFitPod` (PreFilter, then Filter over nodes starting where the
 * previous pod stopped, until `numFeasibleNodesToFind` fit) → `prioritizeNodes` → `selectHost`
 * (highest total score; ties broken by reservoir sampling with the seeded RNG).
 */
import type { Rng } from '../framework';
import type { Status } from './framework';
import type { NodeSnapshot } from './cache';
import type { NodeInfo } from './node-info';
import type { PodInfo } from './pod-info';
import type { ProfileRuntime } from './profile-runtime';

/** Below this many nodes, every node is checked (minFeasibleNodesToFind). */
export const MIN_FEASIBLE_NODES_TO_FIND = 100;
/** The adaptive percentage never drops below this (minFeasibleNodesPercentageToFind). */
export const MIN_FEASIBLE_NODES_PERCENTAGE_TO_FIND = 5;

/**
 * How many feasible nodes to find before scoring (Scheduler.numFeasibleNodesToFind). With
 * percentage 0 the adaptive default applies: 50% minus 1% per 125 nodes, at least 5%.
 *
 * 3 nodes → 3; 100 → 100; 1000 → 420 (42%); 5000 → 500 (10%); 20000 → 1000 (5%).
 */
export function numFeasibleNodesToFind(percentage: number, numAllNodes: number): number {
  if (numAllNodes < MIN_FEASIBLE_NODES_TO_FIND) return numAllNodes;
  let p = percentage;
  if (p <= 0) {
    p = 50 - Math.trunc(numAllNodes / 125);
    if (p < MIN_FEASIBLE_NODES_PERCENTAGE_TO_FIND) p = MIN_FEASIBLE_NODES_PERCENTAGE_TO_FIND;
  }
  const n = Math.trunc((numAllNodes * p) / 100);
  return n < MIN_FEASIBLE_NODES_TO_FIND ? MIN_FEASIBLE_NODES_TO_FIND : Math.min(n, numAllNodes);
}

/** A node that rejected the pod, and why. */
export interface NodeStatus {
  readonly node: NodeInfo;
  readonly status: Status;
}

/** The outcome of one scheduling attempt. */
export type ScheduleResult =
  | { readonly node: NodeInfo; readonly evaluated: number; readonly feasible: number }
  | {
      readonly node?: undefined;
      /** The PreFilter rejection, which applies to every node. */
      readonly preFilter?: Status;
      /** The nodes' rejections (every node was checked, since none fit). */
      readonly rejected: readonly NodeStatus[];
      readonly numAllNodes: number;
    };

/**
 * Index of the highest score; among equal scores each is picked with equal probability, as
 * selectHost's reservoir sampling does — with one draw from `rng` instead of one per tie.
 */
export function selectHost(scores: ArrayLike<number>, rng: Rng): number {
  let max = scores[0];
  let ties = 1;
  for (let i = 1; i < scores.length; i++) {
    if (scores[i] > max) {
      max = scores[i];
      ties = 1;
    } else if (scores[i] === max) {
      ties++;
    }
  }
  if (ties === 1) {
    for (let i = 0; i < scores.length; i++) if (scores[i] === max) return i;
  }
  let k = rng.int(ties);
  for (let i = 0; i < scores.length; i++) {
    if (scores[i] === max && k-- === 0) return i;
  }
  return 0;
}

/** Runs the algorithm; keeps where filtering stopped so the next pod starts after it. */
export class Algorithm {
  readonly #runtime: ProfileRuntime;
  readonly #rng: Rng;
  #nextStartNodeIndex = 0;
  readonly #feasible: NodeInfo[] = [];
  #feasibleRows = new Int32Array(0);

  constructor(runtime: ProfileRuntime, rng: Rng) {
    this.#runtime = runtime;
    this.#rng = rng;
  }

  /** Picks a node for `pod` among the snapshot's nodes, or says why none fits. */
  schedulePod(pod: PodInfo, snapshot: NodeSnapshot): ScheduleResult {
    const { nodes, rows, columns } = snapshot;
    const all = nodes.length;
    if (all === 0) return { rejected: [], numAllNodes: 0 };
    const pre = this.#runtime.runPreFilters(pod);
    if ('status' in pre) return { preFilter: pre.status, rejected: [], numAllNodes: all };
    const filters = pre.filters;
    // Node-local filters only: answers can be reused per (signature, node generation).
    const signature = filters.every((f) => f.nodeLocal) ? pod.signature : undefined;

    const want = numFeasibleNodesToFind(this.#runtime.profile.percentageOfNodesToScore ?? 0, all);
    // Reused from pod to pod (read only during this call): no 500-entry array per pod. It is
    // overwritten up to `found` and cut to length after the loop, never emptied first: V8
    // frees an array's storage when its length is set to 0, and would regrow it for every pod.
    const feasible = this.#feasible;
    if (this.#feasibleRows.length < all) this.#feasibleRows = new Int32Array(all);
    const feasibleRows = this.#feasibleRows;
    let found = 0;
    const rejected: NodeStatus[] = [];
    const start = this.#nextStartNodeIndex % all;
    let processed = 0;
    // 150k pods × 500 nodes on 5,000 nodes: this loop is the scheduler's hottest, so it walks
    // the ring without `%`, and a memo hit reads three columns without touching the NodeInfo.
    const { generation, memoSignature, memoGeneration, memoRejected } = columns;
    let at = start;
    while (processed < all && found < want) {
      const position = at;
      const k = rows[at];
      if (++at === all) at = 0;
      processed++;
      let status: Status | undefined;
      if (signature === undefined) {
        status = this.#runtime.runFilters(pod, nodes[position], filters);
      } else if (memoSignature[k] === signature && memoGeneration[k] === generation[k]) {
        status = memoRejected[k] === 0 ? undefined : nodes[position].memoStatus;
      } else {
        const node = nodes[position];
        status = this.#runtime.runFilters(pod, node, filters);
        memoSignature[k] = signature;
        memoGeneration[k] = generation[k];
        memoRejected[k] = status ? 1 : 0;
        node.memoStatus = status;
      }
      if (status) {
        rejected.push({ node: nodes[position], status });
      } else {
        feasible[found] = nodes[position];
        feasibleRows[found++] = k;
      }
    }
    feasible.length = found;
    this.#nextStartNodeIndex = (start + processed) % all;

    if (feasible.length === 0) return { rejected, numAllNodes: all };
    if (feasible.length === 1) return { node: feasible[0], evaluated: processed, feasible: 1 };
    const scores = this.#runtime.runScores(pod, feasible, feasibleRows.subarray(0, found));
    const chosen = feasible[selectHost(scores, this.#rng)];
    return { node: chosen, evaluated: processed, feasible: feasible.length };
  }
}
