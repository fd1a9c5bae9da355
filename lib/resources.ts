/**
 * @module
 * CPU and memory of one container, in the one shape every bosun construct takes
 * (`{ cpu: { request, limit }, memory: { request, limit } }`): the types, their check, and how
 * a construct's defaults fill in what the user left out.
 */
import { k8s } from 'cdk8s-plus-28';
import type { IConstruct } from 'constructs';
import { parseQuantity } from './sim/quantity';
import { checkRequestLimit } from './validate';
import { checkKnownKeys, checkObject } from './validate-shapes';

/** A request/limit pair of one resource, as Kubernetes quantities (`'250m'`, `'512Mi'`). */
export interface ResourceRange {
  /** What the scheduler reserves for the container. @default - the construct's default for the resource, lowered to `limit` if that is lower */
  readonly request?: string;
  /** What the container may use at most. @default - the construct's default for the resource, raised to `request` if that is higher */
  readonly limit?: string;
}

/** CPU and memory of one container. Each construct documents its defaults. */
export interface ContainerResources {
  /** CPU, e.g. `{ request: '250m', limit: '500m' }`. @default - the construct's CPU default */
  readonly cpu?: ResourceRange;
  /** Memory, e.g. `{ request: '512Mi', limit: '1Gi' }`. @default - the construct's memory default */
  readonly memory?: ResourceRange;
}

const RESOURCE_NAMES = ['cpu', 'memory'] as const;

/**
 * Checks `resources` as given to any construct: the shape (no Kubernetes-style `requests` or a
 * bare `cpu: '250m'`), each quantity, and request <= limit, naming `${prop}.cpu.request` etc.
 */
export function checkResources(scope: IConstruct, prop: string, resources: unknown): void {
  checkObject(scope, prop, resources, "{ cpu: { request: '250m', limit: '500m' } }");
  if (resources === undefined) return;
  checkKnownKeys(scope, prop, resources as object, RESOURCE_NAMES);
  for (const name of RESOURCE_NAMES) {
    const range = (resources as Record<string, ResourceRange | undefined>)[name];
    checkObject(scope, `${prop}.${name}`, range, "{ request: '250m', limit: '500m' }");
    checkKnownKeys(scope, `${prop}.${name}`, range, ['request', 'limit']);
    checkRequestLimit(scope, `${prop}.${name}`, range);
  }
}

/**
 * Fills what the user left out from `fallback`. A request given alone raises a lower default
 * limit to it, and a limit given alone lowers a higher default request to it, so a half-given
 * pair never turns into a contradiction the user did not write. A fallback without a limit
 * (a database's CPU) leaves the limit out unless the user gives one.
 */
export function resolveRange(
  given: ResourceRange | undefined,
  fallback: ResourceRange,
): ResourceRange {
  const request = given?.request ?? fallback.request;
  const limit = given?.limit ?? fallback.limit;
  if (request === undefined || limit === undefined) return { request, limit };
  if (parseQuantity(request) <= parseQuantity(limit)) return { request, limit };
  // Only a default can be out of line here: checkResources refused a given request > limit.
  return given?.request !== undefined ? { request, limit: request } : { request: limit, limit };
}

/** Resolves both resources of a container against its defaults. */
export function resolveResources(
  given: ContainerResources | undefined,
  fallback: ContainerResources,
): ContainerResources {
  return {
    cpu: resolveRange(given?.cpu, fallback.cpu ?? {}),
    memory: resolveRange(given?.memory, fallback.memory ?? {}),
  };
}

/** The container's `resources` field: the requests and limits that are set, nothing else. */
export function toKubeResources(resources: ContainerResources): k8s.ResourceRequirements {
  const requests: Record<string, k8s.Quantity> = {};
  const limits: Record<string, k8s.Quantity> = {};
  for (const name of RESOURCE_NAMES) {
    const range = resources[name];
    if (range?.limit !== undefined) limits[name] = k8s.Quantity.fromString(range.limit);
    if (range?.request !== undefined) requests[name] = k8s.Quantity.fromString(range.request);
  }
  return {
    ...(Object.keys(limits).length > 0 ? { limits } : {}),
    ...(Object.keys(requests).length > 0 ? { requests } : {}),
  };
}
