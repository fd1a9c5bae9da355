// Only the side-effect import: it alone must register the matcher and its type.
import 'bosun/testing';
import { Testing } from 'cdk8s';
import { ShopChart } from './shop-chart';

it('toConverge works after a bare import of bosun/testing', () => {
  expect(new ShopChart(Testing.app(), 'shop')).toConverge({ nodes: 1 });
});
