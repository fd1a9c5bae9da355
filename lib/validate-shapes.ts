/**
 * @module
 * Checks of a prop's JSON type and shape, shared by the constructs, so a JavaScript or YAML-fed
 * caller passing `null`, a string for an object or a Kubernetes-shaped field gets a
 * BosunValidationError naming the prop, never a TypeError from inside cdk8s; and how a received
 * value reads in any message.
 */
import type { IConstruct } from 'constructs';
import { BosunValidationError } from './errors';
import { isPlainObject } from './sim/json';

/** A C identifier, the portable shape of an environment variable name. */
export const C_IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;

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

export { isPlainObject } from './sim/json';

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

/**
 * An entry of a list prop (`routes[0]`, `sidecars[1]`) must be an object, `undefined` included:
 * unlike an optional prop, an entry cannot be left out.
 */
export function checkEntryObject(
  scope: IConstruct,
  prop: string,
  value: unknown,
  example: string,
): void {
  if (!isPlainObject(value)) {
    throw new BosunValidationError(
      `${prop} must be an object such as ${example} (got ${describeValue(value)})`,
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
