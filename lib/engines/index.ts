/**
 * @module
 * The engine presets StatefulDb can run, by name.
 */
import type { DatabaseEngine, StatefulDbEngine } from './engine';
import { mysql } from './mysql';
import { postgres } from './postgres';
import { redis } from './redis';

export type { DatabaseEngine, EngineContext, ImageUser, StatefulDbEngine } from './engine';
export { ENGINE_NAMES } from './engine';

/** Every preset, keyed by `StatefulDbProps.engine`. */
export const ENGINES: Readonly<Record<StatefulDbEngine, DatabaseEngine>> = {
  postgres,
  mysql,
  redis,
};

/** The preset for `name`, or undefined when there is none. */
export function findEngine(name: string): DatabaseEngine | undefined {
  return Object.prototype.hasOwnProperty.call(ENGINES, name)
    ? ENGINES[name as StatefulDbEngine]
    : undefined;
}
