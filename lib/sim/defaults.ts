/**
 * @module
 * API-server defaulting, after pkg/apis/core/v1/defaults.go and pkg/apis/apps/v1/defaults.go:
 * the fields `kubectl get -o yaml` shows although nobody wrote them. Defaulting only fills
 * what is missing, so running it again changes nothing.
 */
import type { Container, PodSpec, Probe, ServicePort } from './api';
import type { KubeObject } from './types';
import { defaultHorizontalPodAutoscaler } from './controllers/hpa-defaults';
import { isPlainObject } from './json';

type Json = Record<string, unknown>;

function setDefault(target: Json, key: string, value: unknown): void {
  if (target[key] === undefined) target[key] = value;
}

/** Probe defaults (defaults.go `SetDefaults_Probe`, `SetDefaults_HTTPGetAction`). */
function defaultProbe(probe: Probe | undefined): void {
  if (!isPlainObject(probe)) return;
  const p = probe as unknown as Json;
  setDefault(p, 'timeoutSeconds', 1);
  setDefault(p, 'periodSeconds', 10);
  setDefault(p, 'successThreshold', 1);
  setDefault(p, 'failureThreshold', 3);
  if (isPlainObject(probe.httpGet)) {
    setDefault(probe.httpGet, 'path', '/');
    setDefault(probe.httpGet, 'scheme', 'HTTP');
  }
}

/** `IfNotPresent` unless the tag is `latest` or missing (defaults.go `SetDefaults_Container`). */
export function defaultImagePullPolicy(image: string | undefined): string {
  if (!image) return 'IfNotPresent';
  if (image.includes('@')) return 'IfNotPresent';
  const lastPart = image.slice(image.lastIndexOf('/') + 1);
  const colon = lastPart.lastIndexOf(':');
  const tag = colon === -1 ? '' : lastPart.slice(colon + 1);
  return tag === '' || tag === 'latest' ? 'Always' : 'IfNotPresent';
}

function defaultContainer(container: Container): void {
  if (!isPlainObject(container)) return;
  const c = container as unknown as Json;
  setDefault(c, 'imagePullPolicy', defaultImagePullPolicy(container.image));
  setDefault(c, 'terminationMessagePath', '/dev/termination-log');
  setDefault(c, 'terminationMessagePolicy', 'File');
  for (const port of container.ports ?? []) setDefault(port as unknown as Json, 'protocol', 'TCP');
  defaultProbe(container.livenessProbe);
  defaultProbe(container.readinessProbe);
  defaultProbe(container.startupProbe);
}

/** Pod spec defaults shared by Pods and pod templates. */
export function defaultPodSpec(spec: PodSpec | undefined): void {
  if (!isPlainObject(spec)) return;
  const s = spec as unknown as Json;
  setDefault(s, 'restartPolicy', 'Always');
  setDefault(s, 'terminationGracePeriodSeconds', 30);
  setDefault(s, 'dnsPolicy', 'ClusterFirst');
  setDefault(s, 'schedulerName', 'default-scheduler');
  setDefault(s, 'securityContext', {});
  setDefault(s, 'enableServiceLinks', true);
  for (const container of spec.initContainers ?? []) defaultContainer(container);
  for (const container of spec.containers ?? []) defaultContainer(container);
}

/**
 * A Pod's own defaults on top of the spec's: requests copied from limits where only limits are
 * set (defaults.go `SetDefaults_Pod`), and the not-ready/unreachable tolerations that the
 * DefaultTolerationSeconds admission plugin adds (300 s).
 */
function defaultPod(pod: KubeObject): void {
  const spec = pod.spec as PodSpec | undefined;
  if (!isPlainObject(spec)) return;
  for (const container of [...(spec.initContainers ?? []), ...(spec.containers ?? [])]) {
    const limits = container.resources?.limits;
    if (!limits) continue;
    const resources = container.resources ?? {};
    const missing = Object.keys(limits).filter((name) => resources.requests?.[name] === undefined);
    // an update carries the stored (possibly shared, store-shared-specs.ts) spec through here:
    // write only when a request is missing, which a stored pod never has
    if (missing.length === 0) continue;
    const requests = { ...(resources.requests ?? {}) };
    for (const name of missing) requests[name] = limits[name];
    container.resources = { ...resources, requests };
  }
  const tolerations = (spec.tolerations ??= []);
  for (const key of ['node.kubernetes.io/not-ready', 'node.kubernetes.io/unreachable']) {
    if (
      tolerations.some((t) => t.key === key && (t.effect === 'NoExecute' || t.effect === undefined))
    )
      continue;
    tolerations.push({ key, operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 });
  }
}

function defaultTemplate(spec: Json): void {
  const template = spec.template;
  if (isPlainObject(template)) defaultPodSpec(template.spec as PodSpec | undefined);
}

function defaultDeployment(spec: Json): void {
  setDefault(spec, 'replicas', 1);
  const strategy = isPlainObject(spec.strategy) ? spec.strategy : (spec.strategy = {});
  setDefault(strategy, 'type', 'RollingUpdate');
  if (strategy.type === 'RollingUpdate') {
    const rolling = isPlainObject(strategy.rollingUpdate)
      ? strategy.rollingUpdate
      : (strategy.rollingUpdate = {});
    setDefault(rolling, 'maxUnavailable', '25%');
    setDefault(rolling, 'maxSurge', '25%');
  }
  setDefault(spec, 'revisionHistoryLimit', 10);
  setDefault(spec, 'progressDeadlineSeconds', 600);
  defaultTemplate(spec);
}

function defaultStatefulSet(spec: Json): void {
  setDefault(spec, 'replicas', 1);
  setDefault(spec, 'podManagementPolicy', 'OrderedReady');
  const strategy = isPlainObject(spec.updateStrategy)
    ? spec.updateStrategy
    : (spec.updateStrategy = {});
  setDefault(strategy, 'type', 'RollingUpdate');
  if (strategy.type === 'RollingUpdate') {
    const rolling = isPlainObject(strategy.rollingUpdate)
      ? strategy.rollingUpdate
      : (strategy.rollingUpdate = {});
    setDefault(rolling, 'partition', 0);
  }
  setDefault(spec, 'revisionHistoryLimit', 10);
  setDefault(spec, 'persistentVolumeClaimRetentionPolicy', {
    whenDeleted: 'Retain',
    whenScaled: 'Retain',
  });
  defaultTemplate(spec);
}

function defaultService(spec: Json): void {
  setDefault(spec, 'type', 'ClusterIP');
  if (spec.type === 'ExternalName') return;
  setDefault(spec, 'sessionAffinity', 'None');
  setDefault(spec, 'internalTrafficPolicy', 'Cluster');
  if (spec.type === 'NodePort' || spec.type === 'LoadBalancer') {
    setDefault(spec, 'externalTrafficPolicy', 'Cluster');
  }
  if (spec.sessionAffinity === 'ClientIP') {
    setDefault(spec, 'sessionAffinityConfig', { clientIP: { timeoutSeconds: 10800 } });
  }
  if (Array.isArray(spec.ports)) {
    for (const port of spec.ports as ServicePort[]) {
      if (!isPlainObject(port)) continue;
      setDefault(port as unknown as Json, 'protocol', 'TCP');
      setDefault(port as unknown as Json, 'targetPort', port.port);
    }
  }
}

/** Base64 of a UTF-8 string, as the API server stores Secret `stringData`. */
function base64(text: string): string {
  return Buffer.from(text, 'utf8').toString('base64');
}

/**
 * Fills in the defaults the API server would for `obj` (in place). Covers the kinds the
 * simulator runs; other kinds pass through.
 */
export function applyDefaults(obj: KubeObject): void {
  const spec = isPlainObject(obj.spec) ? obj.spec : undefined;
  switch (obj.kind) {
    case 'Deployment':
      if (spec) defaultDeployment(spec);
      break;
    case 'ReplicaSet':
    case 'ReplicationController':
      if (spec) {
        setDefault(spec, 'replicas', 1);
        defaultTemplate(spec);
      }
      break;
    case 'StatefulSet':
      if (spec) defaultStatefulSet(spec);
      break;
    case 'DaemonSet':
      if (spec) {
        setDefault(spec, 'revisionHistoryLimit', 10);
        defaultTemplate(spec);
      }
      break;
    case 'Job':
      if (spec) {
        setDefault(spec, 'backoffLimit', 6);
        setDefault(spec, 'completions', 1);
        setDefault(spec, 'parallelism', 1);
        defaultTemplate(spec);
      }
      break;
    case 'Pod':
      defaultPodSpec(obj.spec as PodSpec | undefined);
      defaultPod(obj);
      break;
    case 'Service':
      if (spec) defaultService(spec);
      break;
    case 'Namespace': {
      const s = spec ?? (obj.spec = {});
      setDefault(s, 'finalizers', ['kubernetes']);
      // NamespaceDefaultLabelName: every namespace carries its own name as a label
      obj.metadata.labels = {
        ...(obj.metadata.labels ?? {}),
        'kubernetes.io/metadata.name': obj.metadata.name,
      };
      break;
    }
    case 'Secret': {
      const secret = obj as KubeObject & {
        data?: Record<string, string>;
        stringData?: Record<string, string>;
        type?: string;
      };
      secret.type ??= 'Opaque';
      if (isPlainObject(secret.stringData)) {
        secret.data = { ...(secret.data ?? {}) };
        for (const [key, value] of Object.entries(secret.stringData))
          secret.data[key] = base64(String(value));
        delete secret.stringData;
      }
      break;
    }
    case 'HorizontalPodAutoscaler':
      defaultHorizontalPodAutoscaler(obj);
      break;
    case 'PersistentVolumeClaim':
      if (spec) setDefault(spec, 'volumeMode', 'Filesystem');
      break;
    case 'PersistentVolume':
      // core/v1 defaults.go SetDefaults_PersistentVolume
      if (spec) {
        setDefault(spec, 'persistentVolumeReclaimPolicy', 'Retain');
        setDefault(spec, 'volumeMode', 'Filesystem');
      }
      break;
    case 'StorageClass':
      // storage/v1 defaults.go SetDefaults_StorageClass (fields at the top level)
      setDefault(obj, 'reclaimPolicy', 'Delete');
      setDefault(obj, 'volumeBindingMode', 'Immediate');
      break;
    default:
      break;
  }
}
