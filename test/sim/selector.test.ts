import type { LabelSelector } from '../../lib/sim/api';
import { formatLabels, matchesLabels, matchesSelector } from '../../lib/sim/selector';

describe('matchesLabels', () => {
  it.each([
    // labels, matchLabels → matches
    [{ app: 'web', tier: 'front' }, { app: 'web' }, true],
    [{ app: 'web' }, { app: 'web', tier: 'front' }, false],
    [{ app: 'api' }, { app: 'web' }, false],
    [undefined, { app: 'web' }, false],
    [undefined, {}, true], // an empty set selects everything
    [{ app: 'web' }, {}, true],
  ])('matchesLabels(%j, %j) is %s', (labels, matchLabels, expected) => {
    expect(matchesLabels(labels, matchLabels)).toBe(expected);
  });
});

describe('matchesSelector', () => {
  const web = { app: 'web', tier: 'front' };
  it.each<[string, Record<string, string> | undefined, LabelSelector | undefined, boolean]>([
    ['a missing selector selects nothing', web, undefined, false],
    ['an empty selector selects everything', web, {}, true],
    ['matchLabels subset', web, { matchLabels: { app: 'web' } }, true],
    ['matchLabels mismatch', web, { matchLabels: { app: 'api' } }, false],
    [
      'In with the value',
      web,
      { matchExpressions: [{ key: 'app', operator: 'In', values: ['api', 'web'] }] },
      true,
    ],
    [
      'In without the key',
      {},
      { matchExpressions: [{ key: 'app', operator: 'In', values: ['web'] }] },
      false,
    ],
    [
      'NotIn with another value',
      web,
      { matchExpressions: [{ key: 'app', operator: 'NotIn', values: ['api'] }] },
      true,
    ],
    [
      'NotIn with the value',
      web,
      { matchExpressions: [{ key: 'app', operator: 'NotIn', values: ['web'] }] },
      false,
    ],
    [
      'NotIn without the key',
      {},
      { matchExpressions: [{ key: 'app', operator: 'NotIn', values: ['web'] }] },
      true,
    ],
    ['Exists', web, { matchExpressions: [{ key: 'tier', operator: 'Exists' }] }, true],
    [
      'Exists without the key',
      { app: 'web' },
      { matchExpressions: [{ key: 'tier', operator: 'Exists' }] },
      false,
    ],
    [
      'DoesNotExist',
      { app: 'web' },
      { matchExpressions: [{ key: 'tier', operator: 'DoesNotExist' }] },
      true,
    ],
    [
      'DoesNotExist with the key',
      web,
      { matchExpressions: [{ key: 'tier', operator: 'DoesNotExist' }] },
      false,
    ],
    [
      'matchLabels AND matchExpressions',
      web,
      {
        matchLabels: { app: 'web' },
        matchExpressions: [{ key: 'tier', operator: 'In', values: ['back'] }],
      },
      false,
    ],
  ])('%s', (_name, labels, selector, expected) => {
    expect(matchesSelector(labels, selector)).toBe(expected);
  });
});

test('formatLabels prints labels as kubectl does', () => {
  expect(formatLabels({ app: 'web', tier: 'front' })).toBe('app=web,tier=front');
  expect(formatLabels(undefined)).toBe('');
});
