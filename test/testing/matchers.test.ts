import { bosunMatchers, formatProblem } from '../../lib/testing';
import type { SimulationResult } from '../../lib/testing';
import type { Problem } from '../../lib/sim/types';

const problems: Problem[] = [
  {
    kind: 'Deployment',
    namespace: 'default',
    name: 'web',
    reason: 'ProgressDeadlineExceeded',
    message: 'ReplicaSet "web-5d9c7" has timed out progressing.',
  },
  {
    kind: 'PersistentVolume',
    namespace: '',
    name: 'pv-1',
    reason: 'Released',
    message: 'claim is gone',
  },
];

/** A simulate() result without a cluster behind it: toConverge takes results as they are. */
function result(converged: boolean, found: Problem[] = []): SimulationResult {
  return { converged, seconds: 600, problems: found } as unknown as SimulationResult;
}

describe('formatProblem', () => {
  it.each<[Problem, string]>([
    [
      problems[0],
      'Deployment default/web: ProgressDeadlineExceeded: ReplicaSet "web-5d9c7" has timed out progressing.',
    ],
    [problems[1], 'PersistentVolume pv-1: Released: claim is gone'], // cluster-scoped: no namespace
  ])('formatProblem(%#)', (p, expected) => {
    expect(formatProblem(p)).toBe(expected);
  });
});

describe('bosunMatchers.toConverge', () => {
  it('passes for a converged result and explains a negated failure', () => {
    const outcome = bosunMatchers.toConverge.call({}, result(true));
    expect(outcome.pass).toBe(true);
    expect(outcome.message()).toBe(
      'expected the manifests not to converge, but they converged in 600s (virtual)',
    );
  });

  it('fails for a result with problems, listing them one per line', () => {
    const outcome = bosunMatchers.toConverge.call({}, result(false, problems));
    expect(outcome.pass).toBe(false);
    expect(outcome.message().split('\n')).toEqual([
      'expected the manifests to converge, but after 600s (virtual) 2 problems remain:',
      '  Deployment default/web: ProgressDeadlineExceeded: ReplicaSet "web-5d9c7" has timed out progressing.',
      '  PersistentVolume pv-1: Released: claim is gone',
    ]);
  });

  it("is registered on jest's expect when bosun/testing is imported", () => {
    expect(result(true)).toConverge();
    expect(result(false, problems)).not.toConverge();
  });

  it('fails the test with the problems in the message', () => {
    expect(() => expect(result(false, problems)).toConverge()).toThrow(
      /2 problems remain:\n {2}Deployment default\/web: ProgressDeadlineExceeded: /,
    );
  });
});
