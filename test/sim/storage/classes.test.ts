import type { PersistentVolumeClaim, StorageClass } from '../../../lib/sim/storage/api';
import {
  DefaultStorageClassAdmission,
  canProvision,
  defaultStorageClass,
  isDelayBinding,
} from '../../../lib/sim/storage/classes';
import { newHarness } from '../../../lib/sim/testing-harness';
import type { KubeObject } from '../../../lib/sim/types';
import { claim, storageClass } from './fixtures';

describe('StorageClass helpers', () => {
  test('the default class of a fresh cluster is standard', () => {
    const h = newHarness();
    expect(defaultStorageClass(h.store)?.metadata.name).toBe('standard');
  });

  test('with two default classes the newest wins (GetDefaultClass)', () => {
    const h = newHarness();
    h.run(10);
    const newer = storageClass('newer');
    newer.metadata.annotations = { 'storageclass.kubernetes.io/is-default-class': 'true' };
    h.store.create(newer);
    expect(defaultStorageClass(h.store)?.metadata.name).toBe('newer');
  });

  it.each([
    // class of the claim → delayed binding
    ['standard', true],
    ['fast', false],
    ['', false],
    ['missing', false],
  ])("isDelayBinding for class '%s' is %s", (cls, want) => {
    const h = newHarness();
    h.store.create(storageClass('fast', { mode: 'Immediate' }));
    const c = claim('c', '1Gi', { storageClassName: cls }) as unknown as PersistentVolumeClaim;
    expect(isDelayBinding(h.store, c)).toBe(want);
  });

  it.each([
    ['rancher.io/local-path', true],
    ['kubernetes.io/no-provisioner', false],
    ['', false],
  ])('canProvision(%s) is %s', (provisioner, want) => {
    const sc = storageClass('x', { provisioner }) as unknown as StorageClass;
    expect(canProvision(sc)).toBe(want);
  });
});

describe('DefaultStorageClassAdmission', () => {
  function admitted(input: KubeObject): PersistentVolumeClaim {
    const h = newHarness();
    new DefaultStorageClassAdmission(h.store).admit('CREATE', input);
    return input as PersistentVolumeClaim;
  }

  test('fills in the default class of a claim that names none', () => {
    expect(admitted(claim('c', '1Gi')).spec?.storageClassName).toBe('standard');
  });

  test("leaves storageClassName '' (no class) and explicit classes alone", () => {
    expect(admitted(claim('c', '1Gi', { storageClassName: '' })).spec?.storageClassName).toBe('');
    expect(admitted(claim('c', '1Gi', { storageClassName: 'fast' })).spec?.storageClassName).toBe(
      'fast',
    );
  });
});
