/**
 * @module
 * The kubelet of every node, as one simulator component, and the detector that reports pods
 * which are bound but not running and ready.
 */
export { Kubelet } from './kubelet';
export type { KubeletOptions } from './kubelet';
export { podProblems } from './problems';
