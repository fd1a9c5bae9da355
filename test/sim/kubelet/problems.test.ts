import type { ContainerStatus, Pod, PodStatus } from '../../../lib/sim/api';
import { podProblem } from '../../../lib/sim/kubelet/problems';

function pod(status: PodStatus, restartPolicy: 'Always' | 'Never' = 'Always'): Pod {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'web-1', namespace: 'shop' },
    spec: { containers: [{ name: 'web' }], nodeName: 'node-1', restartPolicy },
    status,
  };
}

function container(
  state: ContainerStatus['state'],
  extra: Partial<ContainerStatus> = {},
): ContainerStatus {
  return {
    name: 'web',
    image: 'shop:1',
    ready: false,
    restartCount: 0,
    state,
    lastState: {},
    ...extra,
  };
}

const ready = [{ type: 'Ready', status: 'True' as const }];
const unready = [{ type: 'Ready', status: 'False' as const }];

describe('podProblem', () => {
  it.each<[string, Pod, string | undefined, RegExp | undefined]>([
    [
      'a running ready pod',
      pod({
        phase: 'Running',
        conditions: ready,
        containerStatuses: [container({ running: {} }, { ready: true })],
      }),
      undefined,
      undefined,
    ],
    ['a succeeded pod', pod({ phase: 'Succeeded' }), undefined, undefined],
    [
      'an image that cannot be pulled',
      pod({
        phase: 'Pending',
        conditions: unready,
        containerStatuses: [
          container({
            waiting: { reason: 'ImagePullBackOff', message: 'Back-off pulling image "shop:1"' },
          }),
        ],
      }),
      'ImagePullBackOff',
      /^image "shop:1" could not be pulled; check the image name and registry credentials$/,
    ],
    [
      "a crash loop with the app's last words",
      pod({
        phase: 'Running',
        conditions: unready,
        containerStatuses: [
          container(
            { waiting: { reason: 'CrashLoopBackOff', message: 'back-off 40s ...' } },
            {
              restartCount: 4,
              lastState: {
                terminated: { exitCode: 1, message: 'image "shop:1" exits without env DB_URL' },
              },
            },
          ),
        ],
      }),
      'CrashLoopBackOff',
      /^container "web" keeps exiting \(exit code 1, 4 restarts\): image "shop:1" exits without env DB_URL$/,
    ],
    [
      'a crash loop from a liveness probe',
      pod({
        phase: 'Running',
        conditions: unready,
        containerStatuses: [
          container(
            { waiting: { reason: 'CrashLoopBackOff' } },
            { restartCount: 2, lastState: { terminated: { exitCode: 137 } } },
          ),
        ],
      }),
      'CrashLoopBackOff',
      /killed by its liveness or startup probe/,
    ],
    [
      'a missing ConfigMap',
      pod({
        phase: 'Pending',
        conditions: unready,
        containerStatuses: [
          container({
            waiting: { reason: 'CreateContainerConfigError', message: 'configmap "cfg" not found' },
          }),
        ],
      }),
      'CreateContainerConfigError',
      /^container "web": configmap "cfg" not found; create it in the pod's namespace or mark the reference optional$/,
    ],
    [
      'runAsNonRoot with a root image',
      pod({
        phase: 'Pending',
        conditions: unready,
        containerStatuses: [
          container({
            waiting: {
              reason: 'CreateContainerConfigError',
              message:
                'container has runAsNonRoot and image will run as root (pod: "x", container: web)',
            },
          }),
        ],
      }),
      'CreateContainerConfigError',
      /set runAsUser to a non-zero UID/,
    ],
    [
      'an init container crash loop',
      pod({
        phase: 'Pending',
        conditions: unready,
        initContainerStatuses: [
          { ...container({ waiting: { reason: 'CrashLoopBackOff' } }), name: 'migrate' },
        ],
        containerStatuses: [container({ waiting: { reason: 'PodInitializing' } })],
      }),
      'CrashLoopBackOff',
      /^init container "migrate" keeps exiting/,
    ],
    [
      'a failed pod with restartPolicy Never',
      pod(
        {
          phase: 'Failed',
          containerStatuses: [container({ terminated: { exitCode: 2, reason: 'Error' } })],
        },
        'Never',
      ),
      'Error',
      /^container "web" exited with code 2 and restartPolicy Never does not restart it$/,
    ],
    [
      'a running container that never becomes ready',
      pod({
        phase: 'Running',
        conditions: unready,
        containerStatuses: [container({ running: {} })],
      }),
      'Unhealthy',
      /^container "web" is running but never became ready/,
    ],
  ])('%s', (_case, p, reason, message) => {
    const problem = podProblem(p);
    if (!reason) {
      expect(problem).toBeUndefined();
      return;
    }
    expect(problem?.reason).toBe(reason);
    expect(problem?.message).toMatch(message!);
  });

  test('names the FailedMount message of a pod stuck in ContainerCreating', () => {
    const p = pod({
      phase: 'Pending',
      conditions: unready,
      containerStatuses: [container({ waiting: { reason: 'ContainerCreating' } })],
    });
    expect(
      podProblem(p, 'MountVolume.SetUp failed for volume "cfg" : configmap "cfg" not found'),
    ).toEqual({
      reason: 'FailedMount',
      message:
        'MountVolume.SetUp failed for volume "cfg" : configmap "cfg" not found; create it or mark the volume optional',
    });
  });
});
