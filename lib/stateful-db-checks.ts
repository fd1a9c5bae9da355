/**
 * @module
 * Prop checks for `StatefulDb`: every rule a user can break, each failing with the prop, the
 * rule and the value received, before anything is synthesized.
 */
import type { IConstruct } from 'constructs';
import { ENGINE_NAMES, findEngine } from './engines';
import type { DatabaseEngine } from './engines';
import { BosunValidationError } from './errors';
import { checkPodSelectable } from './connection';
import { checkResources } from './resources';
import { checkSecurityOverrides } from './security';
import type { StatefulDbProps } from './stateful-db-props';
import {
  checkDnsLabel,
  checkDnsSubdomain,
  checkInteger,
  checkNonEmpty,
  checkQuantity,
} from './validate';
import {
  checkKnownKeys,
  checkList,
  checkObject,
  checkPropsObject,
  checkString,
  quoted,
} from './validate-shapes';

/**
 * Longest StatefulSet name: pods carry a `controller-revision-hash` label of
 * `<name>-<10 chars>`, which must fit a 63-character label value (kubernetes#64023).
 */
export const MAX_NAME = 52;

/** Docker's tag grammar (distribution/reference): a word character, then up to 127 of `[\w.-]`. */
const IMAGE_TAG = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/;

/** Secret keys: `[-._a-zA-Z0-9]+`, at most 253 (apimachinery validation IsConfigMapKey). */
const SECRET_KEY = /^[-._a-zA-Z0-9]+$/;

/** An image tag such as `16`, `8.4.3` or `16-alpine`. */
export function checkImageTag(scope: IConstruct, prop: string, value: string | undefined): void {
  if (value === undefined) return;
  if (typeof value !== 'string' || !IMAGE_TAG.test(value)) {
    throw new BosunValidationError(
      `${prop} must be an image tag: letters, digits, '_', '.' and '-', not starting with '.' or '-', at most 128 characters (got ${quoted(value)})`,
      scope,
    );
  }
}

/** A key inside a Secret or ConfigMap. */
export function checkSecretKey(scope: IConstruct, prop: string, value: string | undefined): void {
  if (value === undefined) return;
  if (typeof value !== 'string' || value.length > 253 || !SECRET_KEY.test(value)) {
    throw new BosunValidationError(
      `${prop} must be a Secret key: letters, digits, '-', '_' and '.', at most 253 characters (got ${quoted(value)})`,
      scope,
    );
  }
}

/** The engine preset named by `engine`, or a BosunValidationError listing the known ones. */
export function checkEngine(scope: IConstruct, engine: string | undefined): DatabaseEngine {
  const preset = typeof engine === 'string' ? findEngine(engine) : undefined;
  if (!preset) {
    throw new BosunValidationError(
      `engine must be one of ${ENGINE_NAMES.map((e) => `'${e}'`).join(', ')} (got ${quoted(engine)})`,
      scope,
    );
  }
  return preset;
}

function checkStorage(scope: IConstruct, props: StatefulDbProps): void {
  checkObject(scope, 'storage', props.storage, "{ size: '10Gi' }");
  checkKnownKeys(scope, 'storage', props.storage, ['size', 'storageClassName']);
  const size = checkQuantity(scope, 'storage.size', props.storage?.size);
  if (size !== undefined && size <= 0) {
    throw new BosunValidationError(
      `storage.size must be greater than zero (got '${props.storage?.size}')`,
      scope,
    );
  }
  checkDnsSubdomain(scope, 'storage.storageClassName', props.storage?.storageClassName);
}

function checkAllowFrom(scope: IConstruct, peers: StatefulDbProps['allowFrom']): void {
  checkList(scope, 'allowFrom', peers);
  peers?.forEach((peer, i) => checkPodSelectable(scope, `allowFrom[${i}]`, peer));
}

function checkCredentials(scope: IConstruct, engine: DatabaseEngine, props: StatefulDbProps): void {
  if (props.password !== undefined && props.passwordSecret !== undefined) {
    throw new BosunValidationError(
      `password and passwordSecret are mutually exclusive: give passwordSecret (an existing Secret) in production, password only for development (got both)`,
      scope,
    );
  }
  if (engine.requiresPassword && props.password === undefined && !props.passwordSecret) {
    throw new BosunValidationError(
      `${engine.name} needs credentials: set passwordSecret to an existing Secret with key '${props.passwordKey ?? 'password'}', or password (development only)`,
      scope,
    );
  }
  checkDnsSubdomain(scope, 'passwordSecret', props.passwordSecret);
  checkSecretKey(scope, 'passwordKey', props.passwordKey);
  if (props.password !== undefined) {
    if (typeof props.password !== 'string' || props.password === '') {
      throw new BosunValidationError(`password must be a non-empty string`, scope);
    }
    engine.checkPassword(scope, props.password);
  }
  if (props.rootPasswordKey !== undefined) {
    if (engine.name !== 'mysql') {
      throw new BosunValidationError(
        `rootPasswordKey is only for engine 'mysql' (got engine '${engine.name}')`,
        scope,
      );
    }
    if (props.passwordSecret === undefined) {
      throw new BosunValidationError(
        `rootPasswordKey needs passwordSecret: with a literal password the created Secret holds one key`,
        scope,
      );
    }
    checkSecretKey(scope, 'rootPasswordKey', props.rootPasswordKey);
  }
}

function checkNames(scope: IConstruct, engine: DatabaseEngine, props: StatefulDbProps): void {
  checkString(scope, 'database', props.database);
  checkString(scope, 'username', props.username);
  if (!engine.hasDatabaseAndUser) {
    if (props.database !== undefined || props.username !== undefined) {
      engine.checkNames(scope, props.database ?? '', props.username ?? '');
    }
    return;
  }
  engine.checkNames(scope, props.database ?? 'app', props.username ?? 'app');
}

/** Every prop of {@link StatefulDbProps}; `satisfies` keeps the list complete. */
const STATEFUL_DB_PROPS = Object.keys({
  engine: true,
  name: true,
  version: true,
  image: true,
  replicas: true,
  storage: true,
  database: true,
  username: true,
  passwordSecret: true,
  password: true,
  passwordKey: true,
  rootPasswordKey: true,
  resources: true,
  allowFrom: true,
  securityContext: true,
} satisfies Record<keyof StatefulDbProps, true>);

/**
 * Checks every prop and returns the engine preset. Throws a BosunValidationError naming the
 * prop, the rule and the value at the first rule broken.
 */
export function checkStatefulDbProps(scope: IConstruct, props: StatefulDbProps): DatabaseEngine {
  checkPropsObject(scope, props, ['engine']);
  // A misspelt or unknown prop (`security` for `securityContext`) would be ignored without a word.
  checkKnownKeys(scope, 'props', props, STATEFUL_DB_PROPS);
  const engine = checkEngine(scope, props.engine);
  if (props.image !== undefined && props.version !== undefined) {
    throw new BosunValidationError(
      `image and version are mutually exclusive: image is a full reference including its tag (got image '${props.image}', version '${props.version}')`,
      scope,
    );
  }
  checkDnsLabel(scope, 'name', props.name);
  if (typeof props.name === 'string' && props.name.length > MAX_NAME) {
    throw new BosunValidationError(
      `name must be at most ${MAX_NAME} characters: pods add '-<ordinal>' and their revision label '-<10-char hash>' (got '${props.name}', ${props.name.length} characters)`,
      scope,
    );
  }
  checkImageTag(scope, 'version', props.version);
  if (props.image !== undefined) checkNonEmpty(scope, 'image', props.image);
  checkInteger(scope, 'replicas', props.replicas, 1);
  checkStorage(scope, props);
  checkCredentials(scope, engine, props);
  checkNames(scope, engine, props);
  checkResources(scope, 'resources', props.resources);
  checkSecurityOverrides(scope, 'securityContext', props.securityContext);
  checkAllowFrom(scope, props.allowFrom);
  return engine;
}
