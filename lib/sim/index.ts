/**
 * @module
 * bosun's Kubernetes simulator (`bosun/sim`): give it manifests, ask whether they converge
 * and, if not, why. Anything not listed here is internal.
 */

// the cluster and what its methods take and give
export { Cluster, SETTLE_SECONDS, SIMULATOR_ERROR } from './cluster';
export type {
  AppliedObject,
  ClusterOptions,
  ClusterRequest,
  ClusterResponse,
  ConvergeOptions,
} from './cluster';
export { NODE_MONITOR_GRACE_SECONDS } from './controllers/node-lifecycle';
export type { NodeSpec } from './nodes';
export { STILL_CHANGING } from './verdict';
export type { ConvergeResult, NotSimulated } from './verdict';

// how images behave (Cluster option `images`), and the catalogue of well-known ones (`imageCatalogue`)
export type { ImageBehavior, ImageEnvRule, ImageLogs } from './framework';
export { IMAGE_CATALOGUE, catalogueBehavior } from './images';
export type { ImageCatalogueEntry } from './images';

// manifests in
export { ManifestError, parseManifests } from './manifests';
export type { ManifestInput, SourcedObject } from './manifests';

// the parts a custom control loop or detector is written against
export { ApiError } from './framework';
export type {
  Clock,
  Controller,
  DeleteOptions,
  EventRecorder,
  NodeHeartbeats,
  ProblemDetector,
  Rng,
  ScheduleOptions,
  SimContext,
  Store,
  WatchEvent,
  WatchHandler,
} from './framework';

// the default preset, and its judges one by one (to drop or reorder some)
export { defaultControllers, defaultProblemDetectors } from './preset';
export { deploymentProblems } from './controllers/deployment';
export { replicaSetProblems } from './controllers/replicaset';
export { statefulSetProblems } from './controllers/statefulset';
export { hpaProblems } from './controllers/hpa-problems';
export { quotaProblems } from './quota';
export { volumeProblems } from './storage/problems';
export { schedulingProblems } from './scheduler';
export { podProblems } from './kubelet';
export { serviceProblems } from './service-problems';
export { ingressProblems } from './traffic';

// typed views of the objects `get` and `list` return
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
  ResourceRequirements,
  Service,
  ServiceSpec,
  Taint,
  Toleration,
} from './api';
export type { StatefulSet } from './controllers/statefulset-api';
export type { HorizontalPodAutoscaler } from './controllers/hpa-api';
export type { PersistentVolume, PersistentVolumeClaim, StorageClass } from './storage/api';
export type { Ingress, IngressClass } from './traffic';
