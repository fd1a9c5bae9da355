import { Kubelet, podProblems } from '../../../lib/sim/kubelet';
import {
  cidrBase,
  createBoundPod,
  condition,
  containerState,
  eventMessages,
  getPod,
  kubeletHarness,
  pullSeconds,
} from './helpers';

describe('Kubelet: starting pods', () => {
  test('runs a bound pod: Running, Ready, IPs from the node, statuses as kubectl shows them', () => {
    // GIVEN a pod bound to node-1
    const h = kubeletHarness();
    createBoundPod(h, 'web', [{ resources: { requests: { cpu: '100m' } } }]);
    // WHEN its image has been pulled
    h.run(pullSeconds('web:1'));
    // THEN it runs, ready, with the first IP of node-1's pod CIDR
    const pod = getPod(h, 'web')!;
    const ip = `${cidrBase(h, 'node-1')}.2`;
    expect(pod.status).toMatchObject({
      phase: 'Running',
      podIP: ip,
      podIPs: [{ ip }],
      hostIP: '172.18.0.2',
      qosClass: 'Burstable',
      startTime: h.clock.timestamp(0),
    });
    expect(pod.status?.conditions?.map((c) => `${c.type}=${c.status}`)).toEqual([
      'PodReadyToStartContainers=True',
      'Initialized=True',
      'Ready=True',
      'ContainersReady=True',
    ]);
    expect(pod.status?.containerStatuses?.[0]).toMatchObject({
      name: 'c0',
      image: 'web:1',
      imageID: expect.stringMatching(/^docker\.io\/library\/web@sha256:[0-9a-f]{64}$/),
      containerID: expect.stringMatching(/^containerd:\/\/[0-9a-f]{64}$/),
      ready: true,
      started: true,
      restartCount: 0,
      state: { running: { startedAt: h.clock.timestamp(pullSeconds('web:1')) } },
    });
  });

  test('shows ContainerCreating while the image is pulled, and pulls each image once per node', () => {
    const h = kubeletHarness();
    createBoundPod(h, 'a', [{}]);
    h.run(1);
    expect(getPod(h, 'a')?.status?.phase).toBe('Pending');
    expect(containerState(h, 'a')).toBe('ContainerCreating');
    expect(condition(h, 'a', 'ContainersReady')).toMatchObject({
      status: 'False',
      reason: 'ContainersNotReady',
      message: 'containers with unready status: [c0]',
    });
    h.run(10);
    // a second pod with the same image on the same node starts at once
    createBoundPod(h, 'b', [{}]);
    h.run(0);
    expect(containerState(h, 'b')).toBe('Running');
    expect(eventMessages(h, 'a', 'Pulled')).toEqual([
      `Successfully pulled image "web:1" in ${pullSeconds('web:1')}s (${pullSeconds('web:1')}s including waiting)`,
    ]);
    expect(eventMessages(h, 'b', 'Pulling')).toEqual([]);
  });

  test('records Created and Started Events per container when asked to', () => {
    const h = kubeletHarness({}, { containerEvents: true });
    createBoundPod(h, 'a', [{}]);
    h.run(10);
    createBoundPod(h, 'b', [{}]);
    h.run(1);
    expect(eventMessages(h, 'b', 'Pulled')).toEqual([
      'Container image "web:1" already present on machine',
    ]);
    expect(eventMessages(h, 'b', 'Created')).toEqual(['Created container: c0']);
    expect(eventMessages(h, 'b', 'Started')).toEqual(['Started container c0']);
  });

  test('records no per-container Normal Events by default', () => {
    const h = kubeletHarness();
    createBoundPod(h, 'a', [{}]);
    h.run(10);
    expect(eventMessages(h, 'a', 'Started')).toEqual([]);
  });

  test('warns about image pull secrets that do not exist, and pulls anyway', () => {
    const h = kubeletHarness();
    createBoundPod(h, 'web', [{}], { imagePullSecrets: [{ name: 'regcred' }] } as never);
    h.run(10);
    expect(eventMessages(h, 'web', 'FailedToRetrieveImagePullSecret')).toEqual([
      'Unable to retrieve some image pull secrets (regcred); attempting to pull the image may not succeed.',
    ]);
    expect(containerState(h, 'web')).toBe('Running');
  });

  test('pulls one image at a time per node, as serializeImagePulls does', () => {
    const h = kubeletHarness();
    createBoundPod(h, 'a', [{ image: 'web:1' }]);
    createBoundPod(h, 'b', [{ image: 'api:1' }]);
    const [first, second] = [pullSeconds('web:1'), pullSeconds('api:1')];
    h.run(first + second);
    expect(eventMessages(h, 'b', 'Pulled')).toEqual([
      `Successfully pulled image "api:1" in ${second}s (${first + second}s including waiting)`,
    ]);
    expect(getPod(h, 'b')?.status?.containerStatuses?.[0].state.running?.startedAt).toBe(
      h.clock.timestamp(first + second),
    );
  });

  test('gives distinct pods distinct IPs and reuses the IP of a deleted pod', () => {
    const h = kubeletHarness();
    createBoundPod(h, 'a', [{}]);
    createBoundPod(h, 'b', [{}]);
    createBoundPod(h, 'c', [{}], {}, 'node-2');
    h.run(10);
    const [n1, n2] = [cidrBase(h, 'node-1'), cidrBase(h, 'node-2')];
    expect([getPod(h, 'a'), getPod(h, 'b'), getPod(h, 'c')].map((p) => p?.status?.podIP)).toEqual([
      `${n1}.2`,
      `${n1}.3`,
      `${n2}.2`,
    ]);
    h.store.delete('Pod', 'a', 'default');
    h.run(5);
    createBoundPod(h, 'd', [{}]);
    h.run(1);
    expect(getPod(h, 'd')?.status?.podIP).toBe(`${n1}.2`);
  });

  test('becomes Ready at the exact instant the readiness probe first passes', () => {
    // GIVEN an image that answers after 12 s and a readiness probe every 5 s after 10 s
    const h = kubeletHarness({ 'slow:1': { startupSeconds: 12 } });
    createBoundPod(h, 'slow', [
      {
        image: 'slow:1',
        readinessProbe: {
          httpGet: { port: 8080 },
          initialDelaySeconds: 10,
          periodSeconds: 5,
          successThreshold: 2,
        },
      },
    ]);
    const start = pullSeconds('slow:1');
    // WHEN time passes
    h.run(start + 19);
    // THEN it is running but not ready just before the second successful probe (15 s, 20 s)
    expect(condition(h, 'slow', 'Ready')?.status).toBe('False');
    expect(getPod(h, 'slow')?.status?.phase).toBe('Running');
    h.run(1);
    expect(condition(h, 'slow', 'Ready')).toMatchObject({
      status: 'True',
      lastTransitionTime: h.clock.timestamp(start + 20),
    });
  });

  test('runs init containers in order before the app containers', () => {
    const h = kubeletHarness();
    createBoundPod(h, 'web', [{}], {
      initContainers: [
        { name: 'migrate', image: 'web:1' },
        { name: 'warm', image: 'web:1' },
      ],
    });
    h.run(pullSeconds('web:1') + 0.5);
    let pod = getPod(h, 'web')!;
    expect(pod.status?.initContainerStatuses?.map((s) => Object.keys(s.state)[0])).toEqual([
      'running',
      'waiting',
    ]);
    expect(pod.status?.containerStatuses?.[0].state.waiting?.reason).toBe('PodInitializing');
    expect(condition(h, 'web', 'Initialized')).toMatchObject({
      status: 'False',
      reason: 'ContainersNotInitialized',
      message: 'containers with incomplete status: [migrate warm]',
    });
    h.run(5);
    pod = getPod(h, 'web')!;
    expect(pod.status?.initContainerStatuses?.map((s) => s.state.terminated?.reason)).toEqual([
      'Completed',
      'Completed',
    ]);
    expect(condition(h, 'web', 'Initialized')?.status).toBe('True');
    expect(condition(h, 'web', 'Ready')?.status).toBe('True');
  });
});

describe('Kubelet: in-place image change', () => {
  test('restarts a container whose image was changed on the pod', () => {
    const h = kubeletHarness();
    createBoundPod(h, 'web', [{ image: 'web:1' }]);
    h.run(10);
    const pod = getPod(h, 'web')!;
    h.store.update({
      ...pod,
      spec: { ...pod.spec, containers: [{ ...pod.spec!.containers[0], image: 'web:2' }] },
    } as never);
    h.run(10);
    const status = getPod(h, 'web')!.status!.containerStatuses![0];
    expect(status).toMatchObject({ image: 'web:2', restartCount: 1, ready: true });
    expect(status.lastState?.terminated?.reason).toBe('Completed');
    expect(eventMessages(h, 'web', 'Killing')).toEqual([
      'Container c0 definition changed, will be restarted',
    ]);
  });
});

describe('Kubelet: sidecars and readiness gates', () => {
  test('starts a native sidecar (restartable init container) before the app and keeps it running', () => {
    // GIVEN a sidecar that answers after 8 s behind a startup probe, then a regular init container
    const h = kubeletHarness({ 'proxy:1': { startupSeconds: 8 } });
    createBoundPod(h, 'web', [{}], {
      initContainers: [
        {
          name: 'proxy',
          image: 'proxy:1',
          restartPolicy: 'Always',
          startupProbe: { tcpSocket: { port: 15001 }, periodSeconds: 5, failureThreshold: 10 },
        },
        { name: 'migrate', image: 'web:1' },
      ],
    });
    const start = pullSeconds('proxy:1');
    // WHEN the startup probe has not passed yet
    h.run(start + 9);
    // THEN the next init container has not started
    let pod = getPod(h, 'web')!;
    expect(pod.status?.initContainerStatuses?.map((s) => Object.keys(s.state)[0])).toEqual([
      'running',
      'waiting',
    ]);
    expect(pod.status?.phase).toBe('Pending');
    // WHEN it has passed (at 10 s) and the init container and app have run
    h.run(20);
    pod = getPod(h, 'web')!;
    expect(pod.status?.initContainerStatuses?.map((s) => Object.keys(s.state)[0])).toEqual([
      'running',
      'terminated',
    ]);
    expect(pod.status?.phase).toBe('Running');
    expect(condition(h, 'web', 'Ready')?.status).toBe('True');
  });

  test('holds Ready back until every readiness gate condition is True', () => {
    const h = kubeletHarness();
    createBoundPod(h, 'web', [{}], {
      readinessGates: [{ conditionType: 'example.com/lb' }],
    } as never);
    h.run(10);
    expect(condition(h, 'web', 'ContainersReady')?.status).toBe('True');
    expect(condition(h, 'web', 'Ready')).toMatchObject({
      status: 'False',
      reason: 'ReadinessGatesNotReady',
      message: 'corresponding condition of pod readiness gate "example.com/lb" does not exist.',
    });
    expect(podProblems(h.store, h.clock)).toEqual([
      expect.objectContaining({ name: 'web', reason: 'ReadinessGatesNotReady' }),
    ]);
    // WHEN the load balancer controller sets its condition
    const pod = getPod(h, 'web')!;
    h.store.updateStatus({
      ...pod,
      status: {
        ...pod.status,
        conditions: [...(pod.status?.conditions ?? []), { type: 'example.com/lb', status: 'True' }],
      },
    } as never);
    h.run(0);
    expect(condition(h, 'web', 'Ready')?.status).toBe('True');
  });
});

describe('Kubelet: failures', () => {
  test('reports ErrImagePull, then ImagePullBackOff, retrying after 10, 20, 40 s', () => {
    const h = kubeletHarness({ 'my-app:broken': { pull: 'fail' } });
    createBoundPod(h, 'web', [{ image: 'my-app:broken' }]);
    h.run(1);
    expect(containerState(h, 'web')).toBe('ErrImagePull');
    expect(getPod(h, 'web')?.status?.containerStatuses?.[0].state.waiting?.message).toMatch(
      /^rpc error: code = NotFound desc = failed to pull and unpack image "docker.io\/library\/my-app:broken"/,
    );
    h.run(1);
    expect(getPod(h, 'web')?.status?.containerStatuses?.[0].state.waiting).toEqual({
      reason: 'ImagePullBackOff',
      message: 'Back-off pulling image "my-app:broken"',
    });
    expect(eventMessages(h, 'web', 'Failed')).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^Failed to pull image "my-app:broken": rpc error/),
        'Error: ErrImagePull',
        'Error: ImagePullBackOff',
      ]),
    );
    // attempts at 0, 11 (1 + 10), 32 (12 + 20), 73 (33 + 40)
    const pullingCount = () =>
      eventMessages(h, 'web', 'Pulling').length && countOf(h, 'web', 'Pulling');
    h.run(8.5); // t = 10.5
    expect(pullingCount()).toBe(1);
    h.run(1); // t = 11.5
    expect(pullingCount()).toBe(2);
    h.run(20); // t = 31.5
    expect(pullingCount()).toBe(2);
    h.run(1); // t = 32.5
    expect(pullingCount()).toBe(3);
    h.run(41); // t = 73.5
    expect(pullingCount()).toBe(4);
    expect(getPod(h, 'web')?.status?.phase).toBe('Pending');
  });

  test('crash-loops with back-off 10 s, 20 s, 40 s and counts restarts', () => {
    const h = kubeletHarness({ 'crash:1': { crash: true, exitCode: 3 } });
    createBoundPod(h, 'web', [{ image: 'crash:1' }]);
    const p = pullSeconds('crash:1');
    // started at p, exits at p+1, restarted at once, exits at p+2 → back-off 10s
    h.run(p + 2);
    let status = getPod(h, 'web')!.status!.containerStatuses![0];
    expect(status.state.waiting).toEqual({
      reason: 'CrashLoopBackOff',
      message: `back-off 10s restarting failed container=c0 pod=web_default(${getPod(h, 'web')!.metadata.uid})`,
    });
    expect(status.restartCount).toBe(1);
    expect(status.lastState?.terminated).toMatchObject({ exitCode: 3, reason: 'Error' });
    expect(getPod(h, 'web')?.status?.phase).toBe('Running');
    h.run(10); // restarted at p+12, exits at p+13
    h.run(1);
    status = getPod(h, 'web')!.status!.containerStatuses![0];
    expect(status.restartCount).toBe(2);
    expect(status.state.waiting?.message).toMatch(/^back-off 20s restarting failed container=c0/);
    h.run(21); // restarted at p+33, exits at p+34
    status = getPod(h, 'web')!.status!.containerStatuses![0];
    expect(status.state.waiting?.message).toMatch(/^back-off 40s /);
    expect(status.restartCount).toBe(3);
    h.run(2000);
    status = getPod(h, 'web')!.status!.containerStatuses![0];
    expect(status.state.waiting?.message).toMatch(/^back-off 5m0s /);
    expect(eventMessages(h, 'web', 'BackOff')[0]).toMatch(
      /^Back-off restarting failed container c0 in pod web_default\(/,
    );
  });

  test('reports InvalidImageName for an image reference that does not parse', () => {
    const h = kubeletHarness();
    createBoundPod(h, 'web', [{ image: 'Nginx:1.27' }]);
    h.run(30);
    expect(getPod(h, 'web')?.status?.containerStatuses?.[0].state.waiting).toEqual({
      reason: 'InvalidImageName',
      message:
        'Failed to apply default image tag "Nginx:1.27": couldn\'t parse image reference "Nginx:1.27": ' +
        'invalid reference format: repository name must be lowercase',
    });
    expect(podProblems(h.store, h.clock)[0]).toMatchObject({
      reason: 'InvalidImageName',
      message:
        'image "Nginx:1.27" is not a valid image reference (repository name must be lowercase); fix the image name',
    });
  });

  test('OOMKills a container whose memory limit is below what its image needs', () => {
    const h = kubeletHarness({ 'java-app:1': { memory: '700Mi' } });
    createBoundPod(h, 'api', [{ image: 'java-app:1', resources: { limits: { memory: '512Mi' } } }]);
    h.run(60);
    const status = getPod(h, 'api')!.status!.containerStatuses![0];
    expect(status.state.waiting?.reason).toBe('CrashLoopBackOff');
    expect(status.lastState?.terminated).toMatchObject({ exitCode: 137, reason: 'OOMKilled' });
    expect(podProblems(h.store, h.clock)[0]).toMatchObject({
      reason: 'CrashLoopBackOff',
      message: expect.stringMatching(
        /^container "c0" is OOMKilled again and again \(exit code 137, \d+ restarts\): the process needs about 700Mi but the memory limit is 512Mi/,
      ),
    });
  });

  test('honours restartPolicy Never: the pod fails', () => {
    const h = kubeletHarness({ 'crash:1': { crash: true } });
    createBoundPod(h, 'job', [{ image: 'crash:1' }], { restartPolicy: 'Never' });
    h.run(30);
    const pod = getPod(h, 'job')!;
    expect(pod.status?.phase).toBe('Failed');
    expect(pod.status?.containerStatuses?.[0]).toMatchObject({
      restartCount: 0,
      state: { terminated: { exitCode: 1 } },
    });
    expect(condition(h, 'job', 'Ready')).toMatchObject({ status: 'False', reason: 'PodFailed' });
  });

  test('crashes when a required env var is missing, and says which', () => {
    const h = kubeletHarness({ 'postgres:16': { requiredEnv: ['POSTGRES_PASSWORD'] } });
    createBoundPod(h, 'db', [{ image: 'postgres:16' }]);
    h.run(30);
    expect(containerState(h, 'db')).toBe('CrashLoopBackOff');
    expect(getPod(h, 'db')?.status?.containerStatuses?.[0].lastState?.terminated?.message).toMatch(
      /POSTGRES_PASSWORD/,
    );
  });

  test('waits in CreateContainerConfigError until the ConfigMap exists', () => {
    // GIVEN a pod whose env comes from a ConfigMap that does not exist
    const h = kubeletHarness();
    createBoundPod(h, 'web', [{ envFrom: [{ configMapRef: { name: 'web-config' } }] }]);
    h.run(30);
    expect(getPod(h, 'web')?.status?.containerStatuses?.[0].state.waiting).toEqual({
      reason: 'CreateContainerConfigError',
      message: 'configmap "web-config" not found',
    });
    expect(eventMessages(h, 'web', 'Failed')).toContain('Error: configmap "web-config" not found');
    // WHEN the ConfigMap is created
    h.store.create({
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'web-config', namespace: 'default' },
      data: { A: '1' },
    });
    h.run(0);
    // THEN the container starts
    expect(containerState(h, 'web')).toBe('Running');
  });

  test('refuses runAsNonRoot with an image that runs as root', () => {
    const h = kubeletHarness({ 'nginx:1.27': { runsAsRoot: true } });
    createBoundPod(h, 'web', [{ image: 'nginx:1.27', securityContext: { runAsNonRoot: true } }]);
    h.run(30);
    const uid = getPod(h, 'web')!.metadata.uid;
    expect(getPod(h, 'web')?.status?.containerStatuses?.[0].state.waiting).toEqual({
      reason: 'CreateContainerConfigError',
      message: `container has runAsNonRoot and image will run as root (pod: "web_default(${uid})", container: c0)`,
    });
  });

  test('stays ContainerCreating with a FailedMount event while a volume ConfigMap is missing', () => {
    const h = kubeletHarness();
    createBoundPod(h, 'web', [{}], {
      volumes: [{ name: 'conf', configMap: { name: 'nginx-conf' } }],
    });
    h.run(30);
    expect(containerState(h, 'web')).toBe('ContainerCreating');
    expect(condition(h, 'web', 'PodReadyToStartContainers')?.status).toBe('False');
    expect(eventMessages(h, 'web', 'FailedMount')).toEqual([
      'MountVolume.SetUp failed for volume "conf" : configmap "nginx-conf" not found',
    ]);
    expect(podProblems(h.store, h.clock)).toEqual([
      expect.objectContaining({ kind: 'Pod', name: 'web', reason: 'FailedMount' }),
    ]);
    h.store.create({
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'nginx-conf', namespace: 'default' },
      data: {},
    });
    h.run(10);
    expect(condition(h, 'web', 'Ready')?.status).toBe('True');
  });

  test('keeps running a pod whose volume ConfigMap is deleted after it started', () => {
    const h = kubeletHarness({ 'slow:1': { startupSeconds: 20 } });
    h.store.create({
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'conf', namespace: 'default' },
      data: {},
    });
    createBoundPod(h, 'web', [{ image: 'slow:1', readinessProbe: { tcpSocket: { port: 80 } } }], {
      volumes: [{ name: 'conf', configMap: { name: 'conf' } }],
    });
    h.run(pullSeconds('slow:1') + 1);
    h.store.delete('ConfigMap', 'conf', 'default');
    h.run(30);
    expect(condition(h, 'web', 'Ready')?.status).toBe('True');
  });

  test('kills a container whose liveness probe fails before it answers', () => {
    const h = kubeletHarness({ 'slow:1': { startupSeconds: 60 } });
    createBoundPod(h, 'web', [
      { image: 'slow:1', livenessProbe: { httpGet: { port: 8080 }, periodSeconds: 10 } },
    ]);
    h.run(pullSeconds('slow:1') + 21);
    const status = getPod(h, 'web')!.status!.containerStatuses![0];
    expect(status.restartCount).toBe(1);
    expect(status.lastState?.terminated).toMatchObject({ exitCode: 137, reason: 'Error' });
    expect(eventMessages(h, 'web', 'Killing')).toEqual([
      'Container c0 failed liveness probe, will be restarted',
    ]);
    const ip = getPod(h, 'web')!.status!.podIP;
    expect(eventMessages(h, 'web', 'Unhealthy')).toEqual([
      `Liveness probe failed: Get "http://${ip}:8080/": dial tcp ${ip}:8080: connect: connection refused`,
    ]);
  });
});

describe('Kubelet: unhealthy images', () => {
  test('never readies an image that never answers, and its liveness probe restarts it', () => {
    const h = kubeletHarness({ 'zombie:1': { healthy: false } });
    createBoundPod(h, 'web', [
      {
        image: 'zombie:1',
        readinessProbe: { httpGet: { port: 8080 } },
        livenessProbe: { httpGet: { port: 8080 }, initialDelaySeconds: 10 },
      },
    ]);
    h.run(pullSeconds('zombie:1') + 31);
    const status = getPod(h, 'web')!.status!.containerStatuses![0];
    expect(status.ready).toBe(false);
    expect(status.restartCount).toBe(1);
    expect(status.lastState?.terminated?.exitCode).toBe(137);
  });
});

describe('Kubelet: deletion and node failure', () => {
  test('stops a deleted pod, marks it not ready, then removes it', () => {
    const h = kubeletHarness();
    createBoundPod(h, 'web', [{}]);
    h.run(10);
    h.store.delete('Pod', 'web', 'default');
    h.run(0);
    expect(getPod(h, 'web')?.metadata.deletionTimestamp).toBeDefined();
    expect(condition(h, 'web', 'Ready')?.status).toBe('False');
    expect(containerState(h, 'web')).toBe('Terminated:Completed');
    h.run(1);
    expect(getPod(h, 'web')).toBeUndefined();
  });

  test('leaves a pod Terminating while its node is down, and finishes when it is back', () => {
    const h = kubeletHarness();
    createBoundPod(h, 'web', [{}]);
    h.run(10);
    h.heartbeats.stop('node-1');
    h.store.delete('Pod', 'web', 'default');
    h.run(60);
    expect(getPod(h, 'web')?.metadata.deletionTimestamp).toBeDefined();
    h.heartbeats.resume('node-1');
    h.run(2);
    expect(getPod(h, 'web')).toBeUndefined();
  });

  test('reports a pod bound to a node that does not exist', () => {
    const h = kubeletHarness();
    createBoundPod(h, 'web', [{}], {}, 'node-9');
    h.run(30);
    expect(getPod(h, 'web')?.status?.containerStatuses).toBeUndefined();
    expect(podProblems(h.store, h.clock)).toEqual([
      expect.objectContaining({
        name: 'web',
        reason: 'DeletionByPodGC',
        message: expect.stringMatching(/^spec.nodeName "node-9" names a node that does not exist/),
      }),
    ]);
  });

  test('is a Controller named kubelet', () => {
    expect(new Kubelet().name).toBe('kubelet');
  });
});

function countOf(h: ReturnType<typeof kubeletHarness>, name: string, reason: string): number {
  return (
    h.store.list('Event') as unknown as {
      involvedObject: { name: string };
      reason: string;
      count: number;
    }[]
  )
    .filter((e) => e.involvedObject.name === name && e.reason === reason)
    .reduce((sum, e) => sum + e.count, 0);
}
