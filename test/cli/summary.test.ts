import { paint, wantsColor } from '../../lib/cli/color';
import {
  formatNotSimulated,
  formatProblems,
  formatSeconds,
  formatVerdict,
  problemSubject,
} from '../../lib/cli/summary';
import type { Problem } from '../../lib/sim/types';

const plain = paint(false);
const imagePull: Problem = {
  kind: 'Pod',
  namespace: 'default',
  name: 'web-5d9c7-x2x7k',
  reason: 'ImagePullBackOff',
  message: 'Back-off pulling image "web:broken"',
};
const noEndpoints: Problem = {
  kind: 'Service',
  namespace: 'shop',
  name: 'api',
  reason: 'NoEndpoints',
  message: 'selector app=api matches no pod',
};

describe('formatVerdict', () => {
  it.each<[boolean, boolean, number, Problem[], string]>([
    // converged, timedOut, seconds, problems → verdict
    [true, false, 42, [], 'converged in 42s (virtual)'],
    [true, false, 2.5, [], 'converged in 2.5s (virtual)'],
    [
      false,
      false,
      31,
      [imagePull, noEndpoints],
      'not converged: 2 problems (nothing changed after 31s, virtual)',
    ],
    [false, false, 0, [imagePull], 'not converged: 1 problem (nothing changed after 0s, virtual)'],
    [
      false,
      true,
      599,
      [imagePull],
      'not converged after 599s (virtual), still changing: 1 problem',
    ],
  ])('converged=%s timedOut=%s seconds=%d', (converged, timedOut, seconds, problems, expected) => {
    expect(formatVerdict({ converged, timedOut, seconds, problems }, plain)).toBe(expected);
  });

  it('is green when converged and red when not, with colors on', () => {
    const colored = paint(true);
    expect(formatVerdict({ converged: true, seconds: 1, problems: [] }, colored)).toBe(
      '\u001b[32mconverged in 1s (virtual)\u001b[39m',
    );
    const notConverged = formatVerdict({ converged: false, seconds: 1, problems: [] }, colored);
    expect(notConverged.startsWith('\u001b[31m')).toBe(true);
  });
});

describe('formatProblems', () => {
  it('lists one problem per line as kind/name: reason: message', () => {
    expect(formatProblems([imagePull, noEndpoints], plain).split('\n')).toEqual([
      'Problems (2):',
      '  Pod/web-5d9c7-x2x7k: ImagePullBackOff: Back-off pulling image "web:broken"',
      '  Service/api (namespace shop): NoEndpoints: selector app=api matches no pod',
    ]);
  });

  it('is empty without problems', () => {
    expect(formatProblems([], plain)).toBe('');
  });
});

describe('problemSubject', () => {
  it.each<[string, string]>([
    ['default', 'Deployment/web'],
    ['', 'Deployment/web'],
    ['shop', 'Deployment/web (namespace shop)'],
  ])('namespace %j', (namespace, expected) => {
    expect(problemSubject({ ...imagePull, kind: 'Deployment', name: 'web', namespace })).toBe(
      expected,
    );
  });
});

describe('formatSeconds', () => {
  it.each([
    [0, '0s'],
    [42, '42s'],
    [0.30000000000000004, '0.3s'],
  ])('formatSeconds(%d)', (s, expected) => {
    expect(formatSeconds(s)).toBe(expected);
  });
});

describe('wantsColor', () => {
  it.each<[boolean, Record<string, string | undefined>, boolean]>([
    [true, {}, true],
    [false, {}, false], // piped: no color
    [true, { NO_COLOR: '1' }, false],
    [true, { NO_COLOR: '' }, true], // no-color.org: only a non-empty value disables
  ])('isTTY=%s env=%j', (isTTY, env, expected) => {
    expect(wantsColor(isTTY, env)).toBe(expected);
  });
});

describe('formatNotSimulated', () => {
  it('counts the objects of each kind the simulator does not run', () => {
    const outcome = {
      converged: true,
      seconds: 1,
      problems: [],
      notSimulated: [
        { kind: 'NetworkPolicy', name: 'a' },
        { kind: 'Certificate', name: 'b' },
        { kind: 'NetworkPolicy', name: 'c' },
      ],
    };
    expect(formatNotSimulated(outcome, plain)).toBe(
      'not simulated (accepted as given): 1 Certificate, 2 NetworkPolicy',
    );
  });

  it('is empty when everything was simulated', () => {
    expect(formatNotSimulated({ converged: true, seconds: 1, problems: [] }, plain)).toBe('');
  });
});
