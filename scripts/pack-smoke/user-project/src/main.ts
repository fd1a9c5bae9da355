/**
 * @module
 * The user's `cdk8s synth` entry point: writes the chart's YAML to dist/.
 */
import { App } from 'cdk8s';
import { ShopChart } from './shop-chart';

const app = new App();
new ShopChart(app, 'shop');
app.synth();
