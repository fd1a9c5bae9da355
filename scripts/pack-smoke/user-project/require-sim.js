// Plain CommonJS, no TypeScript: require('bosun/sim') and run manifests through a cluster.
'use strict';
const assert = require('node:assert/strict');
const { Cluster, ManifestError } = require('bosun/sim');
const { simulate } = require('bosun/testing');
const { WebApp } = require('bosun');

assert.equal(typeof Cluster, 'function', 'bosun/sim exports Cluster');
assert.equal(typeof ManifestError, 'function', 'bosun/sim exports ManifestError');
assert.equal(typeof WebApp, 'function', 'bosun exports WebApp');

const cluster = new Cluster({ nodes: 1 });
cluster.apply(`
apiVersion: apps/v1
kind: Deployment
metadata: { name: web }
spec:
  replicas: 2
  selector: { matchLabels: { app: web } }
  template:
    metadata: { labels: { app: web } }
    spec: { containers: [{ name: web, image: 'nginx:1.27' }] }
`);
const result = cluster.converge({ timeoutSeconds: 300 });
assert.equal(result.converged, true, JSON.stringify(result.problems));
assert.equal(cluster.get('Deployment', 'web').status.readyReplicas, 2);
assert.equal(simulate([]).converged, true, 'bosun/testing simulate() runs from CommonJS');
console.log('require(bosun/sim): Deployment web ready 2/2');
