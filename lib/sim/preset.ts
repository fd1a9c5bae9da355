/**
 * @module
 * The default simulator: which controllers run and which problem detectors judge the
 * result (after hono's presets: `Cluster` holds the behaviour, the preset picks the parts).
 */
import { deploymentProblems, DeploymentController } from './controllers/deployment';
import { EndpointsController } from './controllers/endpoints';
import { HorizontalPodAutoscalerController } from './controllers/hpa';
import { hpaProblems } from './controllers/hpa-problems';
import { NamespaceController } from './controllers/namespace';
import { NodeLifecycleController } from './controllers/node-lifecycle';
import { PersistentVolumeController } from './controllers/pv-binder';
import { PvcProtectionController } from './controllers/pv-protection';
import { ReplicaSetController, replicaSetProblems } from './controllers/replicaset';
import { StatefulSetController, statefulSetProblems } from './controllers/statefulset';
import type { Controller, ProblemDetector } from './framework';
import { Kubelet, podProblems } from './kubelet';
import { ResourceQuotaController, quotaProblems } from './quota';
import { Scheduler, schedulingProblems } from './scheduler';
import { serviceProblems } from './service-problems';
import { volumeProblems } from './storage/problems';
import { IngressStatusController, ingressProblems } from './traffic';

/**
 * Kinds the simulator runs or reads; objects of other kinds are stored and listed as not
 * simulated. Kinds that are configuration only (RBAC, ServiceAccounts) count as simulated:
 * there is nothing about them to converge.
 */
export const SIMULATED_KINDS: ReadonlySet<string> = new Set([
  'Namespace',
  'Node',
  'Pod',
  'ReplicaSet',
  'Deployment',
  'Service',
  'Endpoints',
  'Event',
  'ConfigMap',
  'Secret',
  'StorageClass',
  'IngressClass',
  'Ingress',
  'ServiceAccount',
  'Role',
  'RoleBinding',
  'ClusterRole',
  'ClusterRoleBinding',
  'PodDisruptionBudget',
  'PriorityClass',
  'LimitRange',
  'ResourceQuota',
  'StatefulSet',
  'ControllerRevision',
  'PersistentVolumeClaim',
  'PersistentVolume',
  'HorizontalPodAutoscaler',
]);

/** The controllers of the default cluster, in start order. */
export function defaultControllers(): Controller[] {
  return [
    new NamespaceController(),
    new NodeLifecycleController(),
    new ResourceQuotaController(),
    new DeploymentController(),
    new ReplicaSetController(),
    new StatefulSetController(),
    new HorizontalPodAutoscalerController(),
    new PersistentVolumeController(),
    new PvcProtectionController(),
    new Scheduler(),
    new Kubelet(),
    new EndpointsController(),
    new IngressStatusController(),
  ];
}

/** The problem detectors of the default cluster, in report order. */
export function defaultProblemDetectors(): ProblemDetector[] {
  return [
    deploymentProblems,
    replicaSetProblems,
    statefulSetProblems,
    quotaProblems,
    hpaProblems,
    volumeProblems,
    schedulingProblems,
    podProblems,
    serviceProblems,
    ingressProblems,
  ];
}
