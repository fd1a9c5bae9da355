/**
 * @module
 * Prop checks shared by the constructs. Each throws a BosunValidationError whose message
 * names the prop, the rule and the value received.
 */
import type { IConstruct } from 'constructs';
import { BosunValidationError } from './errors';
import { isQuantity, parseQuantity } from './sim/quantity';

/**
 * How a received value of the wrong type reads in a message: named with its type, so `'3'`
 * given for a count reads `string '3'` and `8080` given for a string reads `number 8080`.
 */
export function describeValue(value: unknown): string {
  if (value === null || value === undefined) return String(value);
  if (typeof value === 'string') return `string '${value}'`;
  if (Array.isArray(value)) return `a list ${safeJson(value)}`;
  if (typeof value === 'object') return `an object ${safeJson(value)}`;
  return `${typeof value} ${String(value)}`;
}

// A construct passed where data belongs has cycles; its type is all a message needs then.
function safeJson(value: unknown): string {
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return '(not plain data)';
  }
}

/** True for `{...}`: not null, not a list. */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

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

/** A C identifier, the portable shape of an environment variable name. */
export const C_IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;

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

/**
 * A value as quoted in a message about a string-valued prop: `'text'` for a string, as the
 * user wrote it; other types named (`number 5`, `undefined`), since the type is then the fault.
 */
export function quoted(value: unknown): string {
  return typeof value === 'string' ? `'${value}'` : describeValue(value);
}

/** `${prop} must be an object` unless `value` is a plain object or undefined. */
export function checkObject(scope: IConstruct, prop: string, value: unknown, example = ''): void {
  if (value !== undefined && !isPlainObject(value)) {
    const such = example ? ` such as ${example}` : '';
    throw new BosunValidationError(
      `${prop} must be an object${such} (got ${describeValue(value)})`,
      scope,
    );
  }
}

/** `${prop} must be a string` unless `value` is a string or undefined. */
export function checkString(
  scope: IConstruct,
  prop: string,
  value: unknown,
): asserts value is string | undefined {
  if (value !== undefined && typeof value !== 'string') {
    throw new BosunValidationError(`${prop} must be a string (got ${describeValue(value)})`, scope);
  }
}

/**
 * A record of strings (env, annotations): an object whose every value is a string, since YAML
 * and JavaScript callers easily pass `8080` or `true` where Kubernetes takes only strings.
 * Keys that are identifiers read `env.PORT`, others `annotations['example.com/key']`.
 */
export function checkStringRecord(scope: IConstruct, prop: string, record: unknown): void {
  checkObject(scope, prop, record);
  for (const [key, value] of Object.entries(record ?? {})) {
    if (typeof value !== 'string') {
      const field = C_IDENTIFIER.test(key) ? `${prop}.${key}` : `${prop}['${key}']`;
      throw new BosunValidationError(
        `${field} must be a string (got ${describeValue(value)}); quote numbers and booleans`,
        scope,
      );
    }
  }
}

/** `${prop} must be a list` unless `value` is an array or undefined. */
export function checkList(
  scope: IConstruct,
  prop: string,
  value: unknown,
): asserts value is readonly unknown[] | undefined {
  if (value !== undefined && !Array.isArray(value)) {
    throw new BosunValidationError(`${prop} must be a list (got ${describeValue(value)})`, scope);
  }
}

/** A list whose every entry is a string. */
export function checkStringList(scope: IConstruct, prop: string, list: unknown): void {
  checkList(scope, prop, list);
  if (list?.some((s) => typeof s !== 'string')) {
    throw new BosunValidationError(
      `${prop} must be a list of strings (got ${describeValue(list)})`,
      scope,
    );
  }
}

/**
 * Keys of `value` outside `known` fail, naming the key and the known ones: a misspelt or
 * Kubernetes-shaped field (`requests` for `request`) would otherwise be ignored without a word.
 */
export function checkKnownKeys(
  scope: IConstruct,
  prop: string,
  value: object | undefined,
  known: readonly string[],
): void {
  for (const key of Object.keys(value ?? {})) {
    if (!known.includes(key)) {
      throw new BosunValidationError(
        `${prop} takes only ${known.map((k) => `'${k}'`).join(', ')} (got '${key}')`,
        scope,
      );
    }
  }
}

/**
 * The props argument of a construct must be an object, so that JavaScript callers passing
 * `undefined`, `null` or a string get a message rather than a TypeError from deep inside.
 */
export function checkPropsObject(
  scope: IConstruct,
  props: unknown,
  required: readonly string[],
): asserts props is object {
  if (!isPlainObject(props)) {
    const least =
      required.length > 0 ? ` with at least ${required.map((r) => `'${r}'`).join(', ')}` : '';
    throw new BosunValidationError(
      `props must be an object${least} (got ${describeValue(props)})`,
      scope,
    );
  }
}

/**
 * Props that were renamed fail with the new name rather than being ignored, which would
 * quietly drop what the user asked for (`security` → `securityContext`).
 */
export function checkRenamedProps(
  scope: IConstruct,
  props: object,
  renamed: Readonly<Record<string, string>>,
): void {
  for (const [old, now] of Object.entries(renamed)) {
    if ((props as Record<string, unknown>)[old] !== undefined) {
      throw new BosunValidationError(
        `${old} was renamed ${now}, the name every bosun construct uses; rename the prop`,
        scope,
      );
    }
  }
}

/** True when an int-or-percent value means zero (`0` or `'0%'`). */
export function isZeroIntOrPercent(value: number | string | undefined): boolean {
  return value === 0 || value === '0%';
}
