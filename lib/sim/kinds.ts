/**
 * @module
 * What the API server knows about each built-in kind: whether it is cluster-scoped, its
 * resource name as error messages print it (`deployments.apps`), and kubectl's short names.
 * Unknown kinds (CRDs) are namespaced unless their kind starts with `Cluster`, the convention
 * most CRDs follow (ClusterIssuer, ClusterPolicy).
 */

const CLUSTER_SCOPED = new Set([
  'Namespace',
  'Node',
  'PersistentVolume',
  'StorageClass',
  'IngressClass',
  'ClusterRole',
  'ClusterRoleBinding',
  'CustomResourceDefinition',
  'PriorityClass',
  'RuntimeClass',
  'CSIDriver',
  'CSINode',
  'VolumeAttachment',
  'APIService',
  'MutatingWebhookConfiguration',
  'ValidatingWebhookConfiguration',
  'ValidatingAdmissionPolicy',
  'ValidatingAdmissionPolicyBinding',
  'FlowSchema',
  'PriorityLevelConfiguration',
  'CertificateSigningRequest',
  'ComponentStatus',
]);

/** API group of each built-in kind ('' is core), for `resource.group` in messages. */
const GROUPS: Readonly<Record<string, string>> = {
  Deployment: 'apps',
  ReplicaSet: 'apps',
  StatefulSet: 'apps',
  DaemonSet: 'apps',
  ControllerRevision: 'apps',
  Job: 'batch',
  CronJob: 'batch',
  Ingress: 'networking.k8s.io',
  IngressClass: 'networking.k8s.io',
  NetworkPolicy: 'networking.k8s.io',
  HorizontalPodAutoscaler: 'autoscaling',
  PodDisruptionBudget: 'policy',
  StorageClass: 'storage.k8s.io',
  Role: 'rbac.authorization.k8s.io',
  RoleBinding: 'rbac.authorization.k8s.io',
  ClusterRole: 'rbac.authorization.k8s.io',
  ClusterRoleBinding: 'rbac.authorization.k8s.io',
  EndpointSlice: 'discovery.k8s.io',
  PriorityClass: 'scheduling.k8s.io',
  CustomResourceDefinition: 'apiextensions.k8s.io',
};

/** The core and built-in API kinds the API server serves without a CRD. */
export const BUILT_IN_KINDS: ReadonlySet<string> = new Set([
  ...CLUSTER_SCOPED,
  ...Object.keys(GROUPS),
  'Pod',
  'Service',
  'Endpoints',
  'ConfigMap',
  'Secret',
  'ServiceAccount',
  'PersistentVolumeClaim',
  'Event',
  'LimitRange',
  'ResourceQuota',
  'PodTemplate',
  'ReplicationController',
]);

/** True for kinds whose objects live outside namespaces. */
export function isClusterScoped(kind: string): boolean {
  // asked on every store read: answer each kind once
  let scoped = SCOPE_CACHE.get(kind);
  if (scoped === undefined) {
    scoped = CLUSTER_SCOPED.has(kind) || (!BUILT_IN_KINDS.has(kind) && kind.startsWith('Cluster'));
    SCOPE_CACHE.set(kind, scoped);
  }
  return scoped;
}

const SCOPE_CACHE = new Map<string, boolean>();

/** `deployments.apps`, `pods`, `ingresses.networking.k8s.io`: how the API server names a resource. */
export function resourceName(kind: string, apiVersion?: string): string {
  const lower = kind.toLowerCase();
  const plural = /(s|x|ch|sh)$/.test(lower)
    ? `${lower}es`
    : /[^aeiou]y$/.test(lower)
      ? `${lower.slice(0, -1)}ies`
      : `${lower}s`;
  const group = GROUPS[kind] ?? (apiVersion?.includes('/') ? apiVersion.split('/')[0] : '');
  const resource = kind === 'Endpoints' ? 'endpoints' : plural;
  return group ? `${resource}.${group}` : resource;
}

const ALIASES: Readonly<Record<string, string>> = {
  po: 'Pod',
  pod: 'Pod',
  pods: 'Pod',
  svc: 'Service',
  service: 'Service',
  services: 'Service',
  deploy: 'Deployment',
  deployment: 'Deployment',
  deployments: 'Deployment',
  rs: 'ReplicaSet',
  replicaset: 'ReplicaSet',
  replicasets: 'ReplicaSet',
  sts: 'StatefulSet',
  statefulset: 'StatefulSet',
  statefulsets: 'StatefulSet',
  ds: 'DaemonSet',
  daemonset: 'DaemonSet',
  daemonsets: 'DaemonSet',
  ep: 'Endpoints',
  endpoints: 'Endpoints',
  no: 'Node',
  node: 'Node',
  nodes: 'Node',
  ns: 'Namespace',
  namespace: 'Namespace',
  namespaces: 'Namespace',
  cm: 'ConfigMap',
  configmap: 'ConfigMap',
  configmaps: 'ConfigMap',
  secret: 'Secret',
  secrets: 'Secret',
  ing: 'Ingress',
  ingress: 'Ingress',
  ingresses: 'Ingress',
  pvc: 'PersistentVolumeClaim',
  persistentvolumeclaim: 'PersistentVolumeClaim',
  persistentvolumeclaims: 'PersistentVolumeClaim',
  pv: 'PersistentVolume',
  persistentvolume: 'PersistentVolume',
  persistentvolumes: 'PersistentVolume',
  sc: 'StorageClass',
  storageclass: 'StorageClass',
  hpa: 'HorizontalPodAutoscaler',
  horizontalpodautoscaler: 'HorizontalPodAutoscaler',
  ev: 'Event',
  event: 'Event',
  events: 'Event',
  sa: 'ServiceAccount',
  serviceaccount: 'ServiceAccount',
  netpol: 'NetworkPolicy',
  networkpolicy: 'NetworkPolicy',
  job: 'Job',
  jobs: 'Job',
  cronjob: 'CronJob',
  cj: 'CronJob',
};

/** `deploy`, `deployments` or `Deployment` → `Deployment`; other names pass through. */
export function canonicalKind(kind: string): string {
  return ALIASES[kind] ?? ALIASES[kind.toLowerCase()] ?? kind;
}
