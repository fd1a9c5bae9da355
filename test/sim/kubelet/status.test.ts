import type { ContainerState, Pod } from '../../../lib/sim/api';
import {
  newContainerRuntime,
  type ContainerRuntime,
  type PodRuntime,
} from '../../../lib/sim/kubelet/runtime';
import { generatePodStatus, podPhase } from '../../../lib/sim/kubelet/status';

const running: ContainerState = { running: { startedAt: 't' } };
const waiting: ContainerState = { waiting: { reason: 'ContainerCreating' } };
const exited = (exitCode: number): ContainerState => ({ terminated: { exitCode } });

function container(
  name: string,
  state: ContainerState,
  lastState: ContainerState = {},
  ready = false,
): ContainerRuntime {
  return { ...newContainerRuntime({ name, image: `${name}:1` }, false), state, lastState, ready };
}

describe('podPhase', () => {
  it.each<[string, string, ContainerState[], ContainerState[], ContainerState[], string]>([
    // case, restartPolicy, init states, app states, app lastStates → phase
    ['containers being created', 'Always', [], [waiting], [], 'Pending'],
    ['a running container', 'Always', [], [running], [], 'Running'],
    [
      'a crash-looping container',
      'Always',
      [],
      [{ waiting: { reason: 'CrashLoopBackOff' } }],
      [exited(1)],
      'Running',
    ],
    ['all exited 0 with Never', 'Never', [], [exited(0)], [], 'Succeeded'],
    ['one exited 1 with Never', 'Never', [], [exited(0), exited(1)], [], 'Failed'],
    ['exited 0 with OnFailure', 'OnFailure', [], [exited(0)], [], 'Succeeded'],
    ['an init container running', 'Always', [running], [waiting], [], 'Pending'],
    ['a failed init container with Never', 'Never', [exited(1)], [waiting], [], 'Failed'],
    ['a completed init container', 'Always', [exited(0)], [running], [], 'Running'],
  ])('%s (%s) → %s', (_case, policy, init, app, last, expected) => {
    const inits = init.map((s, i) => container(`i${i}`, s));
    const apps = app.map((s, i) => container(`c${i}`, s, last[i] ?? {}));
    expect(podPhase(policy, inits, apps)).toBe(expected);
  });
});

describe('generatePodStatus', () => {
  const pod: Pod = {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'web-1', namespace: 'default', uid: 'u' },
    spec: { containers: [{ name: 'web' }, { name: 'log' }], nodeName: 'node-1' },
    status: {
      phase: 'Pending',
      conditions: [{ type: 'PodScheduled', status: 'True', lastTransitionTime: 'T0' }],
    },
  };

  function runtime(containers: ContainerRuntime[]): PodRuntime {
    return {
      key: 'default/web-1',
      uid: 'u',
      nodeName: 'node-1',
      initContainers: [],
      containers,
      sandboxReady: true,
      podIP: '10.244.1.2',
      hostIP: '172.18.0.2',
      startTime: 'T1',
      terminating: false,
      scheduledAt: Infinity,
    };
  }

  test('reports unready containers as the kubelet words it and keeps PodScheduled', () => {
    // GIVEN one ready and one unready container
    const rt = runtime([container('web', running, {}, true), container('log', running)]);
    // WHEN the status is generated
    const status = generatePodStatus(pod, rt, 'T2');
    // THEN the conditions come in the kubelet's order, PodScheduled kept last
    expect(status.conditions?.map((c) => [c.type, c.status, c.reason, c.message])).toEqual([
      ['PodReadyToStartContainers', 'True', undefined, undefined],
      ['Initialized', 'True', undefined, undefined],
      ['Ready', 'False', 'ContainersNotReady', 'containers with unready status: [log]'],
      ['ContainersReady', 'False', 'ContainersNotReady', 'containers with unready status: [log]'],
      ['PodScheduled', 'True', undefined, undefined],
    ]);
    expect(status).toMatchObject({
      phase: 'Running',
      podIP: '10.244.1.2',
      podIPs: [{ ip: '10.244.1.2' }],
      hostIP: '172.18.0.2',
      startTime: 'T1',
      qosClass: 'BestEffort',
    });
    expect(status.containerStatuses?.map((c) => [c.name, c.ready])).toEqual([
      ['web', true],
      ['log', false],
    ]);
  });

  test('keeps lastTransitionTime while a condition does not change', () => {
    const rt = runtime([container('web', running, {}, true), container('log', running, {}, true)]);
    const first = generatePodStatus(pod, rt, 'T2');
    const second = generatePodStatus({ ...pod, status: first }, rt, 'T3');
    expect(second.conditions?.find((c) => c.type === 'Ready')?.lastTransitionTime).toBe('T2');
    rt.containers[0].ready = false;
    const third = generatePodStatus({ ...pod, status: second }, rt, 'T4');
    expect(third.conditions?.find((c) => c.type === 'Ready')).toMatchObject({
      status: 'False',
      lastTransitionTime: 'T4',
    });
  });

  test('reuses the previous status objects that print the same, so a write holds only what changed', () => {
    const rt = runtime([container('web', running, {}, true), container('log', running)]);
    const first = generatePodStatus(pod, rt, 'T2');
    rt.containers[1].ready = true;
    const second = generatePodStatus({ ...pod, status: first }, rt, 'T3');
    // unchanged: the IP lists, PodReadyToStartContainers, Initialized, PodScheduled, web's status
    expect(second.podIPs).toBe(first.podIPs);
    expect((second as Record<string, unknown>).hostIPs).toBe(
      (first as Record<string, unknown>).hostIPs,
    );
    expect(second.conditions?.[0]).toBe(first.conditions?.[0]);
    expect(second.conditions?.[1]).toBe(first.conditions?.[1]);
    expect(second.conditions?.[4]).toBe(first.conditions?.[4]);
    expect(second.containerStatuses?.[0]).toBe(first.containerStatuses?.[0]);
    // changed: Ready, ContainersReady and log's status are new, and right
    expect(second.conditions?.[2]).toMatchObject({ type: 'Ready', status: 'True' });
    expect(second.conditions?.[3]).toMatchObject({ type: 'ContainersReady', status: 'True' });
    expect(second.containerStatuses?.[1]).toMatchObject({ name: 'log', ready: true });
    expect(first.containerStatuses?.[1]).toMatchObject({ name: 'log', ready: false });
    // and the whole prints as a status built from scratch would
    const fresh = generatePodStatus(
      { ...pod, status: JSON.parse(JSON.stringify(first)) },
      rt,
      'T3',
    );
    expect(JSON.stringify(second)).toBe(JSON.stringify(fresh));
  });
});
