import { Testing } from 'cdk8s';
import { checkImageTag, checkSecretKey } from '../lib/stateful-db-checks';
import { databaseResources, scratchVolumeName } from '../lib/stateful-db';

describe('checkImageTag', () => {
  it.each([
    // tag, accepted?
    ['16', true],
    ['8.4.3', true],
    ['16-alpine3.20', true],
    ['latest', true],
    ['_private', true],
    ['a'.repeat(128), true],
    ['a'.repeat(129), false],
    ['.16', false],
    ['-16', false],
    ['16 alpine', false],
    ['16:alpine', false],
    ['', false],
  ])('checkImageTag(%p) accepts: %p', (tag, accepted) => {
    const check = (): void => checkImageTag(Testing.chart(), 'version', tag);
    if (accepted) expect(check).not.toThrow();
    else expect(check).toThrow(/version must be an image tag/);
  });
});

describe('checkSecretKey', () => {
  it.each([
    ['password', true],
    ['root-password', true],
    ['.dotfile', true],
    ['PG_PASSWORD', true],
    ['k'.repeat(253), true],
    ['k'.repeat(254), false],
    ['pass word', false],
    ['pass/word', false],
    ['', false],
  ])('checkSecretKey(%p) accepts: %p', (key, accepted) => {
    const check = (): void => checkSecretKey(Testing.chart(), 'passwordKey', key);
    if (accepted) expect(check).not.toThrow();
    else expect(check).toThrow(/passwordKey must be a Secret key/);
  });
});

describe('scratchVolumeName', () => {
  it.each([
    ['/tmp', 'tmp'],
    ['/var/run/postgresql', 'var-run-postgresql'],
    ['/var/lib/mysql-files', 'var-lib-mysql-files'],
    ['/Weird//Path_/', 'weird-path'],
  ])('scratchVolumeName(%p) is %p', (path, name) => {
    expect(scratchVolumeName(path)).toBe(name);
  });
});

describe('databaseResources', () => {
  it.each([
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
  ])('databaseResources(%o)', (given, requests, limits) => {
    // Quantities resolve to strings at synth; compare their rendered values.
    const rendered = JSON.parse(
      JSON.stringify(databaseResources(given), (_k, v: unknown) =>
        v && typeof v === 'object' && 'value' in v ? (v as { value: unknown }).value : v,
      ),
    ) as unknown;
    expect(rendered).toEqual({ requests, limits });
  });
});
