/**
 * @module
 * The quantity fields of a manifest, checked as the API server checks them: a value that is
 * not a quantity fails decoding (k8s.io/apimachinery/pkg/api/resource/quantity.go
 * `ParseQuantity`: `ErrFormatWrong`, `ErrSuffix`), and resource amounts must not be negative
 * (pkg/apis/core/validation/validation.go `ValidateResourceQuantityValue`). Paths are written
 * as the API server's field paths write them (`spec.containers[0].resources.requests[cpu]`).
 * Covers pods and every pod template (workloads, Jobs, CronJobs), claims and claim templates,
 * PersistentVolumes, ResourceQuotas, LimitRanges and HPA metric targets.
 */
import { isQuantity, parseQuantity } from './quantity';
import { isPlainObject } from './json';

/** quantity.go `splitREString`, as its error message prints it. */
const SPLIT_RE = /^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$/;

/** quantity.go `ErrFormatWrong`. */
export const QUANTITY_FORMAT_ERROR = `quantities must match the regular expression '${SPLIT_RE.source}'`;
/** quantity.go `ErrSuffix`. */
export const QUANTITY_SUFFIX_ERROR = "unable to parse quantity's suffix";

/** Why `value` is not a quantity, or undefined when it is one (a string or a number). */
export function quantityError(value: unknown): string | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? undefined : QUANTITY_FORMAT_ERROR;
  if (typeof value !== 'string') return QUANTITY_FORMAT_ERROR;
  if (isQuantity(value) && value.trim() === value) return undefined;
  const split = SPLIT_RE.exec(value);
  // "1Gb", "lots", "1.2.3": the scanner rejects the form; "1GG", "2Qi"-like: the suffix
  if (!split || (split[1].match(/\./g) ?? []).length > 1) return QUANTITY_FORMAT_ERROR;
  return QUANTITY_SUFFIX_ERROR;
}

function listOf(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

function show(value: unknown): string {
  return typeof value === 'string' ? `"${value}"` : (JSON.stringify(value) ?? String(value));
}

/** Collects `path: Invalid value: ...` errors for one object. */
class QuantityChecker {
  readonly errors: string[] = [];

  /** A map of quantities (`requests`, `hard`, `capacity`): each value, `[name]` in the path. */
  list(value: unknown, path: string, nonNegative: boolean): void {
    if (value === undefined || value === null) return;
    if (!isPlainObject(value)) {
      // decoding fails: `cannot unmarshal string into ... of type v1.ResourceList`
      this.errors.push(
        `${path}: Invalid value: ${show(value)}: must be a map of resource names to quantities`,
      );
      return;
    }
    for (const [name, quantity] of Object.entries(value))
      this.one(quantity, `${path}[${name}]`, nonNegative);
  }

  /** One quantity field. */
  one(value: unknown, path: string, nonNegative = false): void {
    if (value === undefined || value === null) return;
    const error = quantityError(value);
    if (error) this.errors.push(`${path}: Invalid value: ${show(value)}: ${error}`);
    // ValidateNonnegativeQuantity compares the value with zero: "-0" passes
    else if (nonNegative && parseQuantity(value as string | number) < 0)
      this.errors.push(
        `${path}: Invalid value: ${show(value)}: must be greater than or equal to 0`,
      );
  }

  requirements(value: unknown, path: string): void {
    if (!isPlainObject(value)) return;
    this.list(value.requests, `${path}.requests`, true);
    this.list(value.limits, `${path}.limits`, true);
  }

  claimSpec(value: unknown, path: string): void {
    if (isPlainObject(value)) this.requirements(value.resources, `${path}.resources`);
  }

  podSpec(value: unknown, path: string): void {
    if (!isPlainObject(value)) return;
    for (const field of ['initContainers', 'containers', 'ephemeralContainers'])
      listOf(value[field]).forEach((c, i) => {
        if (isPlainObject(c)) this.requirements(c.resources, `${path}.${field}[${i}].resources`);
      });
    this.requirements(value.resources, `${path}.resources`);
    this.list(value.overhead, `${path}.overhead`, true);
    listOf(value.volumes).forEach((v, i) => {
      if (!isPlainObject(v)) return;
      if (isPlainObject(v.emptyDir))
        this.one(v.emptyDir.sizeLimit, `${path}.volumes[${i}].emptyDir.sizeLimit`, true);
      const template = isPlainObject(v.ephemeral) ? v.ephemeral.volumeClaimTemplate : undefined;
      if (isPlainObject(template))
        this.claimSpec(template.spec, `${path}.volumes[${i}].ephemeral.volumeClaimTemplate.spec`);
    });
  }

  template(value: unknown, path: string): void {
    if (isPlainObject(value)) this.podSpec(value.spec, `${path}.spec`);
  }

  limitRange(spec: Record<string, unknown>): void {
    listOf(spec.limits).forEach((item, i) => {
      if (!isPlainObject(item)) return;
      for (const field of ['max', 'min', 'default', 'defaultRequest', 'maxLimitRequestRatio'])
        this.list(item[field], `spec.limits[${i}].${field}`, false);
    });
  }

  metricTargets(spec: Record<string, unknown>): void {
    listOf(spec.metrics).forEach((metric, i) => {
      if (!isPlainObject(metric)) return;
      for (const source of ['resource', 'containerResource', 'pods', 'object', 'external']) {
        const s = metric[source];
        const target = isPlainObject(s) ? s.target : undefined;
        if (!isPlainObject(target)) continue;
        this.one(target.value, `spec.metrics[${i}].${source}.target.value`);
        this.one(target.averageValue, `spec.metrics[${i}].${source}.target.averageValue`);
      }
    });
  }
}

/** The quantity errors of a manifest (empty when every quantity field is well formed). */
export function quantityFieldErrors(obj: Record<string, unknown>): string[] {
  const check = new QuantityChecker();
  const spec = isPlainObject(obj.spec) ? obj.spec : {};
  switch (obj.kind) {
    case 'Pod':
      check.podSpec(spec, 'spec');
      break;
    case 'PodTemplate':
      check.template(obj.template, 'template');
      break;
    case 'Deployment':
    case 'ReplicaSet':
    case 'ReplicationController':
    case 'DaemonSet':
    case 'Job':
      check.template(spec.template, 'spec.template');
      break;
    case 'StatefulSet':
      check.template(spec.template, 'spec.template');
      listOf(spec.volumeClaimTemplates).forEach((t, i) => {
        if (isPlainObject(t)) check.claimSpec(t.spec, `spec.volumeClaimTemplates[${i}].spec`);
      });
      break;
    case 'CronJob': {
      const job = isPlainObject(spec.jobTemplate) ? spec.jobTemplate.spec : undefined;
      if (isPlainObject(job)) check.template(job.template, 'spec.jobTemplate.spec.template');
      break;
    }
    case 'PersistentVolumeClaim':
      check.claimSpec(spec, 'spec');
      break;
    case 'PersistentVolume':
      check.list(spec.capacity, 'spec.capacity', true);
      break;
    case 'ResourceQuota':
      check.list(spec.hard, 'spec.hard', true);
      break;
    case 'LimitRange':
      check.limitRange(spec);
      break;
    case 'HorizontalPodAutoscaler':
      check.metricTargets(spec);
      break;
  }
  return check.errors;
}
