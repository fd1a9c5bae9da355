/**
 * Secure by default, checked against the admission plugin's rules rather than our own: every
 * construct's pods pass PSS restricted unless a securityContext relaxation leaves it, and
 * `isRestricted` (what the prop docs promise) agrees with the independent checker on each.
 * The ground a fuzzer of random valid props will stand on.
 */
import { Chart, Testing } from 'cdk8s';
import type { StatefulDbEngine } from '../lib';
import { StatefulDb, WebApp } from '../lib';
import type { SecurityOverrides } from '../lib/security';
import { restrictedViolationsOf } from './helpers/pss-restricted';

/**
 * What SecurityOverrides' docs promise: only `runAsNonRoot: false`, `allowPrivilegeEscalation:
 * true` and a capability other than NET_BIND_SERVICE leave the restricted profile.
 */
function isRestricted(overrides: SecurityOverrides): boolean {
  return (
    overrides.runAsNonRoot !== false &&
    overrides.allowPrivilegeEscalation !== true &&
    (overrides.addCapabilities ?? []).every((c) => c === 'NET_BIND_SERVICE')
  );
}

const RELAXATIONS: readonly SecurityOverrides[] = [
  {},
  { runAsUser: 1001 },
  { runAsGroup: 5, fsGroup: 6 },
  { readOnlyRootFilesystem: false },
  { addCapabilities: ['NET_BIND_SERVICE'] },
  { addCapabilities: ['NET_ADMIN'] },
  { allowPrivilegeEscalation: false },
  { allowPrivilegeEscalation: true },
  { runAsNonRoot: true },
  { runAsNonRoot: false },
  { runAsNonRoot: false, runAsUser: 0 },
];

/** Each way a user can put a relaxation on a pod bosun makes. */
const BUILDERS: Record<string, (chart: Chart, securityContext: SecurityOverrides) => void> = {
  'WebApp securityContext': (chart, securityContext) =>
    new WebApp(chart, 'api', { image: 'shop:1', securityContext }),
  'WebApp sidecar securityContext': (chart, securityContext) =>
    new WebApp(chart, 'api', {
      image: 'shop:1',
      sidecars: [{ name: 'side', image: 'side:1', securityContext }],
    }),
  ...Object.fromEntries(
    (['postgres', 'mysql', 'redis'] as StatefulDbEngine[]).map((engine) => [
      `StatefulDb ${engine} securityContext`,
      (chart: Chart, securityContext: SecurityOverrides) =>
        new StatefulDb(chart, 'db', { engine, password: 'dev-only', securityContext }),
    ]),
  ),
};

describe.each(Object.entries(BUILDERS))('%s', (_name, build) => {
  test.each(RELAXATIONS.map((r) => [r, isRestricted(r)] as const))(
    '%j keeps the pod restricted: %s',
    (relaxation, restricted) => {
      // GIVEN the relaxation WHEN the construct is synthesized
      const chart = new Chart(Testing.app(), 'shop');
      build(chart, relaxation);
      const violations = restrictedViolationsOf(Testing.synth(chart));
      // THEN the checker finds one pod, violating the profile exactly when isRestricted says so
      expect(Object.keys(violations)).toHaveLength(1);
      expect(Object.values(violations)[0].length === 0).toBe(restricted);
    },
  );
});
