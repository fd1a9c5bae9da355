/**
 * @module
 * Rules on prop values shared by the constructs (counts, ports, quantities, names). Each throws
 * a BosunValidationError whose message names the prop, the rule and the value received. Checks
 * of a prop's JSON type are in validate-shapes.ts.
 */
import type { IConstruct } from 'constructs';
import { BosunValidationError } from './errors';
import { isQuantity, parseQuantity } from './sim/quantity';
import { C_IDENTIFIER, describeValue, quoted } from './validate-shapes';

/** `replicas must be an integer >= 0 (got -1)` unless `value` is an integer in [min, max]. */
export function checkInteger(
  scope: IConstruct,
  prop: string,
  value: number | undefined,
  min: number,
  max = Number.MAX_SAFE_INTEGER,
): void {
  if (value === undefined) return;
  if (!Number.isInteger(value) || value < min || value > max) {
    const rule = max === Number.MAX_SAFE_INTEGER ? `>= ${min}` : `between ${min} and ${max}`;
    throw new BosunValidationError(
      `${prop} must be an integer ${rule} (got ${typeof value === 'number' ? value : describeValue(value)})`,
      scope,
    );
  }
}

/** A TCP/UDP port: an integer in 1–65535. */
export function checkPort(scope: IConstruct, prop: string, value: number | undefined): void {
  checkInteger(scope, prop, value, 1, 65535);
}

/** A Kubernetes quantity such as `250m` or `512Mi`; returns its value in base units. */
export function checkQuantity(scope: IConstruct, prop: string, value: unknown): number | undefined {
  if (value === undefined) return undefined;
  // isQuantity forgives surrounding spaces; the manifest would carry them, so refuse them here.
  if (typeof value !== 'string' || /\s/.test(value) || !isQuantity(value)) {
    throw new BosunValidationError(
      `${prop} must be a Kubernetes quantity such as '250m' or '512Mi' (got ${quoted(value)})`,
      scope,
    );
  }
  const parsed = parseQuantity(value);
  if (parsed < 0) {
    throw new BosunValidationError(`${prop} must not be negative (got '${value}')`, scope);
  }
  return parsed;
}

/** A request/limit pair: both well-formed, and request <= limit. */
export function checkRequestLimit(
  scope: IConstruct,
  prop: string,
  pair: { readonly request?: unknown; readonly limit?: unknown } | undefined,
): void {
  if (!pair) return;
  const request = checkQuantity(scope, `${prop}.request`, pair.request);
  const limit = checkQuantity(scope, `${prop}.limit`, pair.limit);
  if (request !== undefined && limit !== undefined && request > limit) {
    throw new BosunValidationError(
      `${prop}.request must not exceed ${prop}.limit (got request ${quoted(pair.request)}, limit ${quoted(pair.limit)})`,
      scope,
    );
  }
}

const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

/** A DNS-1123 subdomain (most object names): lowercase alphanumerics, '-' and '.', <= 253. */
export function checkDnsSubdomain(
  scope: IConstruct,
  prop: string,
  value: string | undefined,
): void {
  if (value === undefined) return;
  if (typeof value !== 'string' || value.length > 253 || !DNS1123_SUBDOMAIN.test(value)) {
    throw new BosunValidationError(
      `${prop} must be a DNS-1123 subdomain: lowercase letters, digits, '-' and '.', starting and ending with a letter or digit, at most 253 characters (got ${quoted(value)})`,
      scope,
    );
  }
}

/** A DNS-1123 label (Service names, ports' names): lowercase alphanumerics and '-', <= 63. */
export function checkDnsLabel(scope: IConstruct, prop: string, value: string | undefined): void {
  if (value === undefined) return;
  if (typeof value !== 'string' || value.length > 63 || !DNS1123_LABEL.test(value)) {
    throw new BosunValidationError(
      `${prop} must be a DNS-1123 label: lowercase letters, digits and '-', starting and ending with a letter or digit, at most 63 characters (got ${quoted(value)})`,
      scope,
    );
  }
}

/** Environment variable names bosun emits must be C identifiers (portable across shells). */
export function checkEnvNames(
  scope: IConstruct,
  prop: string,
  env: Readonly<Record<string, string>> | undefined,
): void {
  for (const name of Object.keys(env ?? {})) {
    if (!C_IDENTIFIER.test(name)) {
      throw new BosunValidationError(
        `${prop} keys must be C identifiers ([A-Za-z_][A-Za-z0-9_]*) (got '${name}')`,
        scope,
      );
    }
  }
}

/** A non-empty string with no whitespace, e.g. an image reference. */
export function checkNonEmpty(scope: IConstruct, prop: string, value: string | undefined): void {
  if (typeof value !== 'string' || value.trim() === '' || /\s/.test(value)) {
    throw new BosunValidationError(
      `${prop} must be a non-empty string without whitespace (got ${quoted(value)})`,
      scope,
    );
  }
}

/** One of the allowed values. */
export function checkOneOf<T extends string>(
  scope: IConstruct,
  prop: string,
  value: string | undefined,
  allowed: readonly T[],
): void {
  if (value === undefined) return;
  if (!(allowed as readonly string[]).includes(value)) {
    throw new BosunValidationError(
      `${prop} must be one of ${allowed.map((a) => `'${a}'`).join(', ')} (got ${quoted(value)})`,
      scope,
    );
  }
}

const PERCENT = /^(0|[1-9][0-9]*)%$/;

/** A count or a percentage (`1`, `'25%'`), as rollouts and disruption budgets take; percent <= 100. */
export function checkIntOrPercent(
  scope: IConstruct,
  prop: string,
  value: number | string | undefined,
): void {
  if (value === undefined) return;
  const ok =
    typeof value === 'number'
      ? Number.isInteger(value) && value >= 0
      : typeof value === 'string' && PERCENT.test(value) && parseInt(value, 10) <= 100;
  if (!ok) {
    throw new BosunValidationError(
      `${prop} must be an integer >= 0 or a percentage such as '25%' (got ${quoted(value)})`,
      scope,
    );
  }
}

/** True when an int-or-percent value means zero (`0` or `'0%'`). */
export function isZeroIntOrPercent(value: number | string | undefined): boolean {
  return value === 0 || value === '0%';
}
