import type { Pod } from '../../../lib/sim/api';
import { claimMountError } from '../../../lib/sim/storage/mount';
import { newHarness } from '../../../lib/sim/testing-harness';
import { claim, podWithClaims } from './fixtures';

describe('claimMountError (desired_state_of_world_populator getPVCExtractPV)', () => {
  const pod = podWithClaims('app', ['data']) as unknown as Pod;

  test('fails for a missing claim', () => {
    const h = newHarness();
    expect(claimMountError(h.store, pod)).toBe(
      'error processing PVC default/data: failed to fetch PVC from API server: persistentvolumeclaims "data" not found',
    );
  });

  test('fails for a claim that is not Bound yet', () => {
    const h = newHarness();
    h.store.create(claim('data', '1Gi'));
    expect(claimMountError(h.store, pod)).toBe(
      'PVC default/data has non-bound phase ("") or empty pvc.Spec.VolumeName ("")',
    );
  });

  test('passes a pod without claims', () => {
    const h = newHarness();
    expect(claimMountError(h.store, podWithClaims('plain', []) as unknown as Pod)).toBeUndefined();
  });
});
