/**
 * `bosun/testing/jest-globals`: with `expect` imported from `@jest/globals`, importing it
 * registers toConverge. (That the type reaches users is `npm run test:pack`'s to prove: here
 * lib/ is in the program whatever this file imports.)
 */
import { describe, expect, it } from '@jest/globals';
import { Testing } from 'cdk8s';
import { WebApp } from '../../lib';
import '../../lib/testing/jest-globals';

describe('toConverge with expect from @jest/globals', () => {
  it('passes for a chart that converges', () => {
    const chart = Testing.chart();
    new WebApp(chart, 'web', { image: 'web:1' });
    expect(chart).toConverge();
  });

  it('fails with the problems for a chart whose pods cannot be scheduled', () => {
    const chart = Testing.chart();
    new WebApp(chart, 'web', {
      image: 'web:1',
      resources: { cpu: { request: '64', limit: '64' } },
    });
    expect(chart).not.toConverge({ timeoutSeconds: 120 });
    expect(() => expect(chart).toConverge({ timeoutSeconds: 120 })).toThrow(/FailedScheduling/);
  });
});
