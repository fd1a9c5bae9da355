import type { ContainerStatus, Pod } from '../../lib/sim/api';
import { podColumns } from '../../lib/cli/pod-status';

const NOW = Date.parse('2024-01-01T00:10:00Z');

function pod(status: Pod['status'], extra: Partial<Pod> = {}, initContainers = 0): Pod {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'web-abc', namespace: 'default', ...(extra.metadata ?? {}) },
    spec: {
      containers: [{ name: 'app', image: 'app:1' }],
      initContainers: Array.from({ length: initContainers }, (_, i) => ({
        name: `init-${i}`,
        image: 'init:1',
      })),
    },
    status,
  };
}

function container(
  state: ContainerStatus['state'],
  more: Partial<ContainerStatus> = {},
): ContainerStatus {
  return { name: 'app', image: 'app:1', ready: false, restartCount: 0, state, ...more };
}

describe('podColumns', () => {
  it.each<[string, Pod, string, string, string]>([
    // case, pod → READY, STATUS, RESTARTS
    ['a pending pod shows its phase', pod({ phase: 'Pending' }), '0/1', 'Pending', '0'],
    [
      'a waiting reason wins over the phase',
      pod({
        phase: 'Pending',
        containerStatuses: [container({ waiting: { reason: 'ContainerCreating' } })],
      }),
      '0/1',
      'ContainerCreating',
      '0',
    ],
    [
      'a running, ready container counts as ready',
      pod({ phase: 'Running', containerStatuses: [container({ running: {} }, { ready: true })] }),
      '1/1',
      'Running',
      '0',
    ],
    [
      'a running container not ready yet is not counted',
      pod({ phase: 'Running', containerStatuses: [container({ running: {} })] }),
      '0/1',
      'Running',
      '0',
    ],
    [
      'restarts show how long ago the last one ended',
      pod({
        phase: 'Running',
        containerStatuses: [
          container(
            { waiting: { reason: 'CrashLoopBackOff' } },
            {
              restartCount: 4,
              lastState: { terminated: { exitCode: 1, finishedAt: '2024-01-01T00:09:18Z' } },
            },
          ),
        ],
      }),
      '0/1',
      'CrashLoopBackOff',
      '4 (42s ago)',
    ],
    [
      'a terminated container without a reason shows its exit code',
      pod({ phase: 'Failed', containerStatuses: [container({ terminated: { exitCode: 137 } })] }),
      '0/1',
      'ExitCode:137',
      '0',
    ],
    [
      'a completed container shows Completed',
      pod({
        phase: 'Succeeded',
        containerStatuses: [container({ terminated: { exitCode: 0, reason: 'Completed' } })],
      }),
      '0/1',
      'Completed',
      '0',
    ],
    [
      'a pod being deleted is Terminating',
      pod(
        { phase: 'Running', containerStatuses: [container({ running: {} }, { ready: true })] },
        { metadata: { name: 'web-abc', deletionTimestamp: '2024-01-01T00:09:00Z' } },
      ),
      '1/1',
      'Terminating',
      '0',
    ],
    [
      'a pod on a lost node being deleted is Unknown',
      pod(
        { phase: 'Running', reason: 'NodeLost' },
        { metadata: { name: 'web-abc', deletionTimestamp: '2024-01-01T00:09:00Z' } },
      ),
      '0/1',
      'Unknown',
      '0',
    ],
    [
      'a pod status reason wins over the phase',
      pod({ phase: 'Failed', reason: 'Evicted' }),
      '0/1',
      'Evicted',
      '0',
    ],
    [
      'a scheduling-gated pod shows SchedulingGated',
      pod({
        phase: 'Pending',
        conditions: [{ type: 'PodScheduled', status: 'False', reason: 'SchedulingGated' }],
      }),
      '0/1',
      'SchedulingGated',
      '0',
    ],
    [
      'a running init container shows Init:N/M',
      pod(
        {
          phase: 'Pending',
          initContainerStatuses: [
            { ...container({ terminated: { exitCode: 0 } }), name: 'init-0' },
            { ...container({ running: {} }), name: 'init-1' },
          ],
        },
        {},
        2,
      ),
      '0/1',
      'Init:1/2',
      '0',
    ],
    [
      'a failing init container shows Init:<reason>',
      pod(
        {
          phase: 'Pending',
          initContainerStatuses: [
            {
              ...container({ waiting: { reason: 'CrashLoopBackOff' } }, { restartCount: 2 }),
              name: 'init-0',
            },
          ],
        },
        {},
        1,
      ),
      '0/1',
      'Init:CrashLoopBackOff',
      '2',
    ],
  ])('%s', (_case, p, ready, status, restarts) => {
    expect(podColumns(p, NOW)).toEqual({ ready, status, restarts });
  });

  it("takes the first container's reason when several containers are waiting", () => {
    // GIVEN two containers, both waiting
    const p = pod({
      phase: 'Pending',
      containerStatuses: [
        { ...container({ waiting: { reason: 'ImagePullBackOff' } }), name: 'app' },
        { ...container({ waiting: { reason: 'ContainerCreating' } }), name: 'sidecar' },
      ],
    });
    p.spec?.containers.push({ name: 'sidecar', image: 'side:1' });

    // WHEN / THEN kubectl walks them backwards, so the first one's reason is shown
    expect(podColumns(p, NOW)).toEqual({ ready: '0/2', status: 'ImagePullBackOff', restarts: '0' });
  });

  it('counts a native sidecar (init container with restartPolicy Always) as a container', () => {
    const p = pod(
      {
        phase: 'Running',
        conditions: [{ type: 'Initialized', status: 'True' }],
        initContainerStatuses: [
          { ...container({ running: {} }, { ready: true, started: true }), name: 'init-0' },
        ],
        containerStatuses: [container({ running: {} }, { ready: true })],
      },
      {},
      1,
    );
    p.spec!.initContainers![0].restartPolicy = 'Always';
    expect(podColumns(p, NOW)).toEqual({ ready: '2/2', status: 'Running', restarts: '0' });
  });
});
