/**
 * @module
 * One contract suite for every construct: each prop given a value of every wrong JSON type (as
 * JavaScript or YAML-fed callers do) either builds or fails with a BosunValidationError that
 * names the construct path and the prop, never a TypeError from inside cdk8s; and a value of
 * the wrong type never builds.
 */
import { Chart, Testing } from 'cdk8s';
import { BosunValidationError } from '../../lib/errors';

/** The JSON type a prop takes. */
export type Shape = 'string' | 'number' | 'boolean' | 'object' | 'list';

/** Values of every JSON type, including the near-misses (`[]`, `{}`, `NaN`, `[null]`). */
export const WRONG_VALUES: readonly unknown[] = [
  null,
  'text',
  42,
  -1,
  true,
  [],
  [null],
  {},
  { x: null },
  NaN,
];

function shapeOf(value: unknown): Shape | 'other' {
  if (Array.isArray(value)) return 'list';
  if (value === null || Number.isNaN(value)) return 'other';
  if (typeof value === 'object') return 'object';
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') {
    return typeof value as Shape;
  }
  return 'other';
}

/** What {@link describeWrongTypes} needs to know about one construct (or one nested struct). */
export interface WrongTypesSuite {
  /** Construct path the errors must start with, e.g. `shop/api`. */
  readonly path: string;
  /** Each prop and the JSON type it takes. */
  readonly shapes: Readonly<Record<string, Shape>>;
  /** Builds the construct in `chart` with `{ [prop]: value }` over valid defaults. */
  readonly build: (chart: Chart, override: Record<string, unknown>) => void;
}

/** Registers one test per prop and wrong value. */
export function describeWrongTypes(title: string, suite: WrongTypesSuite): void {
  const cases = Object.entries(suite.shapes).flatMap(([prop, shape]) =>
    WRONG_VALUES.map((value) => [prop, value, shape] as const),
  );
  describe(title, () => {
    test.each(cases)(
      '%s = %p builds or fails with a BosunValidationError, never a TypeError (takes %s)',
      (prop, value, shape) => {
        // GIVEN a chart `shop` WHEN the construct gets the value and is synthesized
        const chart = new Chart(Testing.app(), 'shop');
        let failure: unknown;
        try {
          suite.build(chart, { [prop]: value });
          Testing.synth(chart);
        } catch (error) {
          failure = error;
        }
        // THEN any failure is ours, scoped to the construct
        if (failure !== undefined) {
          if (!BosunValidationError.is(failure)) throw failure;
          expect((failure as Error).message.startsWith(`${suite.path}: `)).toBe(true);
        }
        // AND a value of the wrong JSON type is never silently accepted, and the error names it
        if (shapeOf(value) !== shape) {
          expect(failure).toBeDefined();
          expect((failure as Error).message).toContain(prop);
        }
      },
    );
  });
}
