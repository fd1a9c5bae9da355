import { Testing } from 'cdk8s';
import { checkImageTag, checkSecretKey } from '../lib/stateful-db-checks';
import { scratchVolumeName } from '../lib/stateful-db';

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
