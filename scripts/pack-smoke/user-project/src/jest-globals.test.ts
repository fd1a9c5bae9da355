// expect from @jest/globals (not the @types/jest global): bosun/testing/jest-globals types and
// registers toConverge for it.
import { expect, it } from '@jest/globals';
import 'bosun/testing/jest-globals';
import { Testing } from 'cdk8s';
import { ShopChart } from './shop-chart';

it('toConverge works with expect from @jest/globals', () => {
  expect(new ShopChart(Testing.app(), 'shop')).toConverge({ nodes: 1 });
});
