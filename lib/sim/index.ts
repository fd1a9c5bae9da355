/**
 * @module
 * bosun's Kubernetes simulator (`bosun/sim`): give it manifests, ask whether they converge
 * and, if not, why. Anything not listed here is internal.
 */
export { Cluster, SETTLE_SECONDS } from './cluster';
export type {
  AppliedObject,
  ClusterOptions,
  ClusterRequest,
  ClusterResponse,
  ConvergeOptions,
} from './cluster';
export { ManifestError, parseManifests } from './manifests';
export type { ManifestInput, SourcedObject } from './manifests';
export type { NodeSpec } from './nodes';
export type { ConvergeResult, NotSimulated } from './verdict';
export { ApiError } from './framework';
export type {
  Clock,
  Controller,
  ImageBehavior,
  ProblemDetector,
  SimContext,
  Store,
  WatchEvent,
} from './framework';
export { defaultControllers, defaultProblemDetectors } from './preset';
export type { KubeObject, ObjectMeta, OwnerReference, Problem } from './types';
export type {
  Condition,
  Container,
  ContainerStatus,
  Deployment,
  DeploymentStatus,
  EndpointSubset,
  Endpoints,
  KubeEvent,
  LabelSelector,
  Node,
  Pod,
  PodSpec,
  PodStatus,
  ReplicaSet,
  Service,
  ServiceSpec,
} from './api';
