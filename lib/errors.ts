/**
 * @module
 * The one error type constructs throw for bad props.
 */
import type { IConstruct } from 'constructs';

const BRAND = Symbol.for('bosun.ValidationError');

/**
 * A prop broke a rule. The message starts with the construct path
 * (`shop/api: replicas must be an integer >= 0 (got -1)`) so a user knows where to look.
 */
export class BosunValidationError extends Error {
  /** Path of the construct whose props were rejected, e.g. `shop/api`. */
  readonly constructPath: string;

  constructor(message: string, scope: IConstruct, options?: { cause?: unknown }) {
    super(`${scope.node.path}: ${message}`, options);
    this.name = 'BosunValidationError';
    this.constructPath = scope.node.path;
    Object.defineProperty(this, BRAND, { value: true });
  }

  /** True for a BosunValidationError from any copy of this package. */
  static is(x: unknown): x is BosunValidationError {
    return typeof x === 'object' && x !== null && BRAND in x;
  }
}
