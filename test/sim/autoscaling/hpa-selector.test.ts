/** The HPA's selector text, as apimachinery's labels.Selector String() prints it. */
import { formatSelector } from '../../../lib/sim/controllers/hpa-selector';

it.each([
  [{ matchLabels: { app: 'web' } }, 'app=web'],
  [{ matchLabels: { tier: 'fe', app: 'web' } }, 'app=web,tier=fe'],
  [
    {
      matchLabels: { app: 'web' },
      matchExpressions: [
        { key: 'env', operator: 'In' as const, values: ['prod', 'dev'] },
        { key: 'canary', operator: 'DoesNotExist' as const },
      ],
    },
    'app=web,!canary,env in (dev,prod)',
  ],
])('formatSelector(%j) is %s', (selector, text) => {
  expect(formatSelector(selector)).toBe(text);
});
