/**
 * @module
 * The example cdk8s app: `cdk8s synth` runs this file and writes every chart to `dist/`.
 */
import { App } from 'cdk8s';
import { addExampleCharts } from './stacks';

const app = new App();
addExampleCharts(app);
app.synth();
