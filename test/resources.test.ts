import { Chart, Testing } from 'cdk8s';
import { StatefulDb, WebApp } from '../lib';
import type { ContainerResources, ResourceRange } from '../lib/resources';
import { checkResources, resolveRange, resolveResources, toKubeResources } from '../lib/resources';
import { DEFAULT_DATABASE_RESOURCES } from '../lib/stateful-db';
import { DEFAULT_APP_RESOURCES } from '../lib/webapp-defaults';

/** Quantities resolve to strings at synth; compare their rendered values. */
function rendered(value: unknown): unknown {
  return JSON.parse(
    JSON.stringify(value, (_k, v: unknown) =>
      v && typeof v === 'object' && 'value' in v ? (v as { value: unknown }).value : v,
    ),
  ) as unknown;
}

describe('resolveRange', () => {
  test.each<[ResourceRange | undefined, ResourceRange, ResourceRange]>([
    // given, fallback → resolved
    [undefined, { request: '100m', limit: '500m' }, { request: '100m', limit: '500m' }],
    [{}, { request: '100m', limit: '500m' }, { request: '100m', limit: '500m' }],
    [{ request: '250m' }, { request: '100m', limit: '500m' }, { request: '250m', limit: '500m' }],
    // above the default limit: the limit follows the request
    [{ request: '2' }, { request: '100m', limit: '500m' }, { request: '2', limit: '2' }],
    [{ limit: '1' }, { request: '100m', limit: '500m' }, { request: '100m', limit: '1' }],
    // below the default request: the request follows the limit
    [{ limit: '50m' }, { request: '100m', limit: '500m' }, { request: '50m', limit: '50m' }],
    [
      { request: '1', limit: '2' },
      { request: '100m', limit: '500m' },
      { request: '1', limit: '2' },
    ],
    // a default without a limit (a database's CPU) stays without one
    [undefined, { request: '250m' }, { request: '250m', limit: undefined }],
    [{ request: '4' }, { request: '250m' }, { request: '4', limit: undefined }],
    [{ limit: '100m' }, { request: '250m' }, { request: '100m', limit: '100m' }],
  ])('%j over %j → %j', (given, fallback, resolved) => {
    expect(resolveRange(given, fallback)).toEqual(resolved);
  });
});

describe('the database defaults through resolveResources and toKubeResources', () => {
  test.each<[ContainerResources | undefined, Record<string, string>, Record<string, string>]>([
    // given → requests, limits
    [undefined, { cpu: '250m', memory: '256Mi' }, { memory: '1Gi' }],
    [{ cpu: { limit: '2' } }, { cpu: '250m', memory: '256Mi' }, { cpu: '2', memory: '1Gi' }],
    [{ cpu: { limit: '100m' } }, { cpu: '100m', memory: '256Mi' }, { cpu: '100m', memory: '1Gi' }],
    [{ memory: { request: '4Gi' } }, { cpu: '250m', memory: '4Gi' }, { memory: '4Gi' }],
    [{ memory: { limit: '128Mi' } }, { cpu: '250m', memory: '128Mi' }, { memory: '128Mi' }],
    [
      { cpu: { request: '1', limit: '1' }, memory: { request: '1Gi', limit: '1Gi' } },
      { cpu: '1', memory: '1Gi' },
      { cpu: '1', memory: '1Gi' },
    ],
  ])('%j', (given, requests, limits) => {
    const resources = toKubeResources(resolveResources(given, DEFAULT_DATABASE_RESOURCES));
    expect(rendered(resources)).toEqual({ requests, limits });
  });

  test('a WebApp container always gets both ends of both resources', () => {
    expect(rendered(toKubeResources(resolveResources(undefined, DEFAULT_APP_RESOURCES)))).toEqual({
      limits: { cpu: '500m', memory: '512Mi' },
      requests: { cpu: '100m', memory: '128Mi' },
    });
  });
});

describe('checkResources', () => {
  const check = (resources: unknown) => () =>
    checkResources(Testing.chart(), 'resources', resources);

  test.each<[unknown]>([
    [undefined],
    [{}],
    [{ cpu: {} }],
    [{ cpu: { request: '250m', limit: '250m' }, memory: { request: '1Gi', limit: '1.5Gi' } }],
    [{ memory: { limit: '512Mi' } }],
  ])('accepts %j', (resources) => {
    expect(check(resources)).not.toThrow();
  });

  test.each<[unknown, RegExp]>([
    // resources → message
    ['1Gi', /resources must be an object such as \{ cpu: .* \(got string '1Gi'\)/],
    [null, /resources must be an object .*\(got null\)/],
    [
      { cpu: '250m' },
      /resources\.cpu must be an object such as \{ request: '250m', limit: '500m' \} \(got string '250m'\)/,
    ],
    [{ requests: { cpu: '1' } }, /resources takes only 'cpu', 'memory' \(got 'requests'\)/],
    [{ storage: { request: '1Gi' } }, /resources takes only 'cpu', 'memory' \(got 'storage'\)/],
    [{ cpu: { requests: '1' } }, /resources\.cpu takes only 'request', 'limit' \(got 'requests'\)/],
    [
      { cpu: { request: 1 } },
      /resources\.cpu\.request must be a Kubernetes quantity .* \(got number 1\)/,
    ],
    [
      { memory: { limit: '1 Gi' } },
      /resources\.memory\.limit must be a Kubernetes quantity .* \(got '1 Gi'\)/,
    ],
    [{ memory: { limit: '-1Gi' } }, /resources\.memory\.limit must not be negative \(got '-1Gi'\)/],
    [
      { cpu: { request: '2', limit: '500m' } },
      /resources\.cpu\.request must not exceed resources\.cpu\.limit \(got request '2', limit '500m'\)/,
    ],
  ])('fails on %j', (resources, message) => {
    expect(check(resources)).toThrow(message);
  });
});

describe('every construct checks resources the same way', () => {
  const BAD = { cpu: { request: '2', limit: '1' } };
  test.each<[string, (chart: Chart) => void]>([
    ['api', (chart) => new WebApp(chart, 'api', { image: 'shop:1', resources: BAD })],
    ['db', (chart) => new StatefulDb(chart, 'db', { engine: 'redis', resources: BAD })],
  ])('%s fails with the construct path, the prop and the rule', (id, build) => {
    const chart = new Chart(Testing.app(), 'shop');
    expect(() => build(chart)).toThrow(
      new Error(
        `shop/${id}: resources.cpu.request must not exceed resources.cpu.limit (got request '2', limit '1')`,
      ),
    );
  });
});
