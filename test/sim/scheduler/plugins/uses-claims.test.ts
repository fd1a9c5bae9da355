import type { Pod } from '../../../../lib/sim/api';
import { podClaimNames, usesClaims } from '../../../../lib/sim/scheduler/plugins/volumebinding';
import { pod } from '../fixtures';

function withVolumes(volumes: unknown[] | undefined): Pod {
  const p = pod('web');
  return { ...p, spec: { ...p.spec, ...(volumes ? { volumes } : {}) } } as Pod;
}

describe('usesClaims', () => {
  it.each([
    // volumes → uses claims, claim names
    ['no volumes', undefined, false, []],
    [
      'an emptyDir and a configMap',
      [
        { name: 'tmp', emptyDir: {} },
        { name: 'c', configMap: { name: 'c' } },
      ],
      false,
      [],
    ],
    [
      'a persistentVolumeClaim',
      [{ name: 'data', persistentVolumeClaim: { claimName: 'db' } }],
      true,
      ['db'],
    ],
    [
      'an ephemeral volume',
      [{ name: 'scratch', ephemeral: { volumeClaimTemplate: {} } }],
      true,
      ['web-scratch'],
    ],
  ])('%s', (_case, volumes, uses, names) => {
    const p = withVolumes(volumes);
    expect(usesClaims(p)).toBe(uses);
    expect(podClaimNames(p)).toEqual(names); // the two agree
  });
});
