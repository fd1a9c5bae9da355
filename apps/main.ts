/**
 * @module
 * The example cdk8s app: `cdk8s synth` runs this file and writes every chart to `dist/`.
 */
import { App } from 'cdk8s';

const app = new App();
app.synth();
