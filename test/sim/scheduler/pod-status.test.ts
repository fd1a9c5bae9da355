import type { Pod } from '../../../lib/sim/api';
import { withPodScheduled } from '../../../lib/sim/scheduler/pod-status';
import { pod } from './fixtures';

function withCondition(status: 'True' | 'False', message?: string): Pod {
  const p = pod('p');
  p.status = {
    phase: 'Pending',
    conditions: [
      {
        type: 'PodScheduled',
        status,
        reason: status === 'False' ? 'Unschedulable' : undefined,
        message,
        lastTransitionTime: 'T0',
      },
    ],
  };
  return p;
}

describe('withPodScheduled (podutil.UpdatePodCondition)', () => {
  it('returns undefined when nothing would change', () => {
    expect(
      withPodScheduled(withCondition('False', 'm'), 'False', 'T1', 'Unschedulable', 'm'),
    ).toBeUndefined();
  });

  it('keeps the transition time when only the message changes', () => {
    const next = withPodScheduled(
      withCondition('False', 'old'),
      'False',
      'T1',
      'Unschedulable',
      'new',
    );
    expect(next?.status?.conditions).toEqual([
      {
        type: 'PodScheduled',
        status: 'False',
        reason: 'Unschedulable',
        message: 'new',
        lastProbeTime: null,
        lastTransitionTime: 'T0',
      },
    ]);
  });

  it('moves the transition time when the status flips, and keeps other conditions', () => {
    const p = withCondition('False', 'm');
    p.status!.conditions!.push({ type: 'Other', status: 'True' });
    const next = withPodScheduled(p, 'True', 'T1');
    expect(next?.status?.conditions).toEqual([
      { type: 'Other', status: 'True' },
      { type: 'PodScheduled', status: 'True', lastProbeTime: null, lastTransitionTime: 'T1' },
    ]);
    expect(p.status?.conditions?.[0].status).toBe('False'); // input untouched
  });
});
