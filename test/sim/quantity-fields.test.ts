/**
 * Malformed quantities are rejected when manifests come in, as the API server rejects them
 * (quantity.go ParseQuantity; ValidateResourceQuantityValue for negative amounts): a
 * ManifestError naming the source, the document, the object and the field path, before
 * anything is stored.
 */
import { Cluster } from '../../lib/sim/cluster';
import { ManifestError } from '../../lib/sim/manifests';
import {
  QUANTITY_FORMAT_ERROR,
  QUANTITY_SUFFIX_ERROR,
  quantityError,
} from '../../lib/sim/quantity-fields';
import type { KubeObject } from '../../lib/sim/types';

const FORMAT =
  "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'";

describe('quantityError', () => {
  it.each<[unknown, string | undefined]>([
    ['250m', undefined],
    ['1.5Gi', undefined],
    ['2e3', undefined],
    [2, undefined],
    [0.5, undefined],
    ['-1', undefined], // well formed; the sign is validation's business
    ['lots', QUANTITY_FORMAT_ERROR],
    ['1Gb', QUANTITY_FORMAT_ERROR],
    ['1.2.3', QUANTITY_FORMAT_ERROR],
    ['', QUANTITY_FORMAT_ERROR],
    [' 1', QUANTITY_FORMAT_ERROR],
    [true, QUANTITY_FORMAT_ERROR],
    ['1GG', QUANTITY_SUFFIX_ERROR],
    ['5mi', QUANTITY_SUFFIX_ERROR],
  ])('%p → %p', (value, expected) => {
    expect(quantityError(value)).toBe(expected);
  });

  it('prints the regular expression of the API server', () => {
    expect(QUANTITY_FORMAT_ERROR).toBe(FORMAT);
  });
});

const container = (resources: Record<string, unknown>) => ({
  name: 'app',
  image: 'nginx:1.27',
  resources,
});

const template = (resources: Record<string, unknown>) => ({
  metadata: { labels: { app: 'web' } },
  spec: { containers: [container(resources)] },
});

const claimSpec = (storage: unknown) => ({
  accessModes: ['ReadWriteOnce'],
  resources: { requests: { storage } },
});

/** Applies pod `p` with one container of `resources` to a fresh cluster. */
function applyPod(resources: Record<string, unknown>): void {
  new Cluster().apply({
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'p' },
    spec: { containers: [container(resources)] },
  });
}

describe('Cluster.apply with a malformed quantity', () => {
  it.each<[string, KubeObject, string]>([
    [
      'a pod container request',
      {
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: { name: 'p' },
        spec: { containers: [container({ requests: { cpu: 'lots' } })] },
      },
      'Pod "p" is invalid: spec.containers[0].resources.requests[cpu]: Invalid value: "lots"',
    ],
    [
      'an init container limit',
      {
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: { name: 'p' },
        spec: {
          initContainers: [container({ limits: { memory: '1Gb' } })],
          containers: [container({})],
        },
      },
      'Pod "p" is invalid: spec.initContainers[0].resources.limits[memory]: Invalid value: "1Gb"',
    ],
    [
      "a Deployment's pod template",
      {
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        metadata: { name: 'web' },
        spec: {
          selector: { matchLabels: { app: 'web' } },
          template: template({ requests: { cpu: 'lots' } }),
        },
      },
      'Deployment "web" is invalid: spec.template.spec.containers[0].resources.requests[cpu]: Invalid value: "lots"',
    ],
    [
      "a CronJob's pod template",
      {
        apiVersion: 'batch/v1',
        kind: 'CronJob',
        metadata: { name: 'nightly' },
        spec: {
          schedule: '0 0 * * *',
          jobTemplate: { spec: { template: template({ limits: { cpu: 'x' } }) } },
        },
      },
      'CronJob "nightly" is invalid: spec.jobTemplate.spec.template.spec.containers[0].resources.limits[cpu]: Invalid value: "x"',
    ],
    [
      'a PVC storage request',
      {
        apiVersion: 'v1',
        kind: 'PersistentVolumeClaim',
        metadata: { name: 'data' },
        spec: claimSpec('ten'),
      },
      'PersistentVolumeClaim "data" is invalid: spec.resources.requests[storage]: Invalid value: "ten"',
    ],
    [
      "a StatefulSet's claim template",
      {
        apiVersion: 'apps/v1',
        kind: 'StatefulSet',
        metadata: { name: 'db' },
        spec: {
          serviceName: 'db',
          selector: { matchLabels: { app: 'web' } },
          template: template({}),
          volumeClaimTemplates: [{ metadata: { name: 'data' }, spec: claimSpec('big') }],
        },
      },
      'StatefulSet "db" is invalid: spec.volumeClaimTemplates[0].spec.resources.requests[storage]: Invalid value: "big"',
    ],
    [
      'a ResourceQuota hard limit',
      {
        apiVersion: 'v1',
        kind: 'ResourceQuota',
        metadata: { name: 'compute' },
        spec: { hard: { 'requests.cpu': 'lots' } },
      },
      'ResourceQuota "compute" is invalid: spec.hard[requests.cpu]: Invalid value: "lots"',
    ],
    [
      'a LimitRange default',
      {
        apiVersion: 'v1',
        kind: 'LimitRange',
        metadata: { name: 'limits' },
        spec: { limits: [{ type: 'Container', default: { memory: 'plenty' } }] },
      },
      'LimitRange "limits" is invalid: spec.limits[0].default[memory]: Invalid value: "plenty"',
    ],
  ])('fails for %s, naming the field path', (_what, object, detail) => {
    const cluster = new Cluster();
    const apply = () => cluster.apply([object], 'app.yaml');
    expect(apply).toThrow(ManifestError);
    expect(apply).toThrow(`app.yaml: document 1: ${detail}: `);
    expect(apply).toThrow(/: (quantities must match the regular expression|unable to parse)/);
    // nothing was stored
    expect(cluster.get(object.kind, object.metadata.name)).toBeUndefined();
  });

  it('fails for a negative request, as validation does', () => {
    expect(() => applyPod({ requests: { cpu: '-1' } })).toThrow(
      'Pod "p" is invalid: spec.containers[0].resources.requests[cpu]: Invalid value: "-1": must be greater than or equal to 0',
    );
  });

  it('accepts a negative zero, which is not below zero', () => {
    expect(() => applyPod({ requests: { cpu: '-0', memory: '-0Mi' } })).not.toThrow();
  });

  it('fails for a resource list that is not a map', () => {
    expect(() => applyPod({ requests: 'lots' })).toThrow(
      'Pod "p" is invalid: spec.containers[0].resources.requests: Invalid value: "lots": must be a map of resource names to quantities',
    );
  });

  it('lists every bad field of one object, as the API server aggregates them', () => {
    expect(() => applyPod({ requests: { cpu: 'lots', memory: 'heaps' } })).toThrow(
      /is invalid: \[spec\.containers\[0\]\.resources\.requests\[cpu\]: .*, spec\.containers\[0\]\.resources\.requests\[memory\]: Invalid value: "heaps": /,
    );
  });

  it('rejects the whole input before applying any document', () => {
    const cluster = new Cluster();
    const yaml = [
      'apiVersion: v1\nkind: ConfigMap\nmetadata: { name: first }',
      'apiVersion: v1\nkind: Pod\nmetadata: { name: p }\nspec:\n  containers:\n  - { name: a, image: nginx, resources: { limits: { cpu: lots } } }',
    ].join('\n---\n');
    expect(() => cluster.apply(yaml, 'two.yaml')).toThrow(
      /^two\.yaml: document 2: Pod "p" is invalid/,
    );
    expect(cluster.get('ConfigMap', 'first')).toBeUndefined();
  });
});
