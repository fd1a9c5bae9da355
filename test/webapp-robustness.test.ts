import { Chart, Testing } from 'cdk8s';
import { BosunValidationError } from '../lib/errors';
import { WebApp } from '../lib/webapp';
import type { WebAppProps } from '../lib/webapp-props';

type Shape = 'string' | 'number' | 'object' | 'list';

/** Each prop and the JSON type it takes. */
const PROPS: Record<string, Shape> = {
  image: 'string',
  port: 'number',
  servicePort: 'number',
  replicas: 'number',
  env: 'object',
  secretEnv: 'object',
  envFromSecrets: 'list',
  command: 'list',
  args: 'list',
  resources: 'object',
  liveness: 'object',
  readiness: 'object',
  startup: 'object',
  autoscaling: 'object',
  rollout: 'object',
  minReadySeconds: 'number',
  progressDeadlineSeconds: 'number',
  disruptionBudget: 'object',
  serviceType: 'string',
  nodePort: 'number',
  sessionAffinity: 'string',
  externalTrafficPolicy: 'string',
  sidecars: 'list',
  writablePaths: 'list',
  securityContext: 'object',
};

function shapeOf(value: unknown): Shape | 'other' {
  if (Array.isArray(value)) return 'list';
  if (value === null || Number.isNaN(value)) return 'other';
  if (typeof value === 'object') return 'object';
  if (typeof value === 'string' || typeof value === 'number') return typeof value as Shape;
  return 'other';
}

const WRONG_VALUES: readonly unknown[] = [
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

describe('WebApp given wrongly typed props (as from JavaScript or YAML)', () => {
  const cases = Object.entries(PROPS).flatMap(([prop, shape]) =>
    WRONG_VALUES.map((value) => [prop, value, shape] as const),
  );

  test.each(cases)(
    '%s = %p builds or fails with a BosunValidationError, never a TypeError (takes %s)',
    (prop, value, shape) => {
      const chart = new Chart(Testing.app(), 'shop');
      const props = { image: 'shop:1', [prop]: value } as unknown as WebAppProps;
      let failure: unknown;
      try {
        new WebApp(chart, 'api', props);
        Testing.synth(chart);
      } catch (error) {
        failure = error;
      }
      if (failure !== undefined) {
        if (!BosunValidationError.is(failure)) throw failure;
        expect((failure as Error).message).toMatch(/^shop\/api: /);
      }
      // A value of the wrong JSON type is never silently accepted.
      if (shapeOf(value) !== shape) expect(failure).toBeDefined();
    },
  );
});
