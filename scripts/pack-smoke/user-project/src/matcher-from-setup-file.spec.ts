// No import of bosun/testing here: jest.setup-file.config.js's setup file registered the matcher.
import { Testing } from 'cdk8s';
import { ShopChart } from './shop-chart';

it('toConverge works when a setup file imported bosun/testing', () => {
  expect(new ShopChart(Testing.app(), 'shop')).toConverge({ nodes: 1 });
});
