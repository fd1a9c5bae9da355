import { fitErrorMessage } from '../../../lib/sim/scheduler/fit-error';

describe('fitErrorMessage (framework/types.go FitError.Error)', () => {
  it.each([
    // nodes, reasons, preFilter, postFilter → message
    [
      3,
      { 'Insufficient cpu': 3 },
      undefined,
      undefined,
      '0/3 nodes are available: 3 Insufficient cpu.',
    ],
    [
      3,
      { 'Insufficient cpu': 2, 'Insufficient memory': 1 },
      undefined,
      undefined,
      '0/3 nodes are available: 1 Insufficient memory, 2 Insufficient cpu.',
    ],
    // sorted as strings: "10 ..." before "2 ..."
    [12, { b: 2, a: 10 }, undefined, undefined, '0/12 nodes are available: 10 a, 2 b.'],
    [
      3,
      { 'Insufficient cpu': 3 },
      undefined,
      'preemption: 0/3 nodes are available: 3 No preemption victims found for incoming pod.',
      '0/3 nodes are available: 3 Insufficient cpu. preemption: 0/3 nodes are available: 3 No preemption victims found for incoming pod.',
    ],
    [
      3,
      {},
      'pod has unbound immediate PersistentVolumeClaims',
      undefined,
      '0/3 nodes are available: pod has unbound immediate PersistentVolumeClaims.',
    ],
    [0, {}, undefined, undefined, '0/0 nodes are available:'],
  ])('%i nodes %j prefilter=%s postfilter=%s', (n, reasons, preFilterMsg, postFilterMsg, want) => {
    expect(
      fitErrorMessage(n, {
        reasons: new Map(Object.entries(reasons)),
        preFilterMsg,
        postFilterMsg,
      }),
    ).toBe(want);
  });
});
