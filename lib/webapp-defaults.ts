/**
 * @module
 * The defaults a careful operator would choose for a WebApp, in one place so the docs, the code
 * and the tests agree.
 */
import type { ContainerResources } from './resources';

/** Container port when none is given (Spring Boot, most JVM and Go servers). */
export const DEFAULT_PORT = 8080;

/** Service port when none is given. */
export const DEFAULT_SERVICE_PORT = 80;

/** Pods when neither `replicas` nor `autoscaling` is given: two, so one can be drained. */
export const DEFAULT_REPLICAS = 2;

/** HPA floor when `autoscaling.minReplicas` is not given. */
export const DEFAULT_MIN_REPLICAS = 2;

/** HPA CPU target when `autoscaling` names no target at all. */
export const DEFAULT_CPU_UTILIZATION = 80;

/** Name of the app container in the pod. */
export const APP_CONTAINER_NAME = 'app';

/** Name of the container port and the Service port. */
export const HTTP_PORT_NAME = 'http';

/** Paths that get a writable emptyDir when `writablePaths` is not given. */
export const DEFAULT_WRITABLE_PATHS: readonly string[] = ['/tmp'];

/** Pod-template annotation holding the hash of the app's ConfigMap and Secret data. */
export const CONFIG_HASH_ANNOTATION = 'bosun.dev/config-hash';

/**
 * App container resources: a small guaranteed share, room to burst. cdk8s-plus-28 would
 * otherwise request a full CPU per pod, which leaves most small clusters unschedulable.
 */
export const DEFAULT_APP_RESOURCES: ContainerResources = {
  cpu: { request: '100m', limit: '500m' },
  memory: { request: '128Mi', limit: '512Mi' },
};

/** Sidecar resources: helpers are smaller than the app they serve. */
export const DEFAULT_SIDECAR_RESOURCES: ContainerResources = {
  cpu: { request: '50m', limit: '200m' },
  memory: { request: '64Mi', limit: '256Mi' },
};
