// Plain CommonJS, no TypeScript: require() each entry point, and converge a WebApp's manifests
// in a cluster from bosun/sim.
'use strict';
const assert = require('node:assert/strict');
const { Testing } = require('cdk8s');
const { WebApp } = require('bosun');
const { Cluster, ManifestError } = require('bosun/sim');
const { simulate } = require('bosun/testing');

assert.equal(typeof ManifestError, 'function', 'bosun/sim exports ManifestError');

const chart = Testing.chart();
const web = new WebApp(chart, 'web', { image: 'web:1.0.0', replicas: 2 });
const cluster = new Cluster({ nodes: 1 });
cluster.apply(Testing.synth(chart));
const result = cluster.converge({ timeoutSeconds: 300 });
assert.equal(result.converged, true, JSON.stringify(result.problems));
const deployment = cluster.get('Deployment', web.deployment.name);
assert.equal(deployment.status.readyReplicas, 2, 'both pods ready');
assert.equal(simulate(chart).converged, true, 'bosun/testing simulate() runs from CommonJS');
console.log(`require('bosun/sim'): Deployment ${web.deployment.name} ready 2/2`);
