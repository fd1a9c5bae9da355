/**
 * Requests through a node's kube-proxy (NodePort) and the balancers' memory: round-robin,
 * ClientIP session affinity with its timeout in virtual time, externalTrafficPolicy Local.
 */
import { Cluster } from '../../../lib/sim';
import type { ClusterRequest } from '../../../lib/sim';
import { deployment } from '../fixtures/workloads';

interface AppOptions {
  readonly replicas?: number;
  readonly type?: 'ClusterIP' | 'NodePort';
  readonly nodePort?: number;
  readonly affinity?: boolean;
  readonly timeoutSeconds?: number;
  readonly local?: boolean;
}

/** A Deployment `web` behind a Service `web` (port 80 → 8080), optionally an Ingress to it. */
function webApp(options: AppOptions = {}): object[] {
  const { replicas = 3, type = 'ClusterIP', nodePort, affinity, timeoutSeconds, local } = options;
  return [
    deployment('web', replicas, {
      name: 'web',
      image: 'example/web:1.0',
      ports: [{ containerPort: 8080 }],
    }),
    {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 'web' },
      spec: {
        type,
        selector: { app: 'web' },
        ports: [{ port: 80, targetPort: 8080, ...(nodePort ? { nodePort } : {}) }],
        ...(affinity ? { sessionAffinity: 'ClientIP' } : {}),
        ...(timeoutSeconds ? { sessionAffinityConfig: { clientIP: { timeoutSeconds } } } : {}),
        ...(local ? { externalTrafficPolicy: 'Local' } : {}),
      },
    },
    {
      apiVersion: 'networking.k8s.io/v1',
      kind: 'Ingress',
      metadata: { name: 'web' },
      spec: {
        ingressClassName: 'nginx',
        rules: [
          {
            host: 'web.example.com',
            http: {
              paths: [
                {
                  path: '/',
                  pathType: 'Prefix',
                  backend: { service: { name: 'web', port: { number: 80 } } },
                },
              ],
            },
          },
        ],
      },
    },
  ];
}

function converged(objects: object[], nodes = 3): Cluster {
  const cluster = new Cluster({ nodes });
  cluster.apply(objects);
  const result = cluster.converge();
  expect(result.problems).toEqual([]);
  return cluster;
}

const viaIngress: ClusterRequest = { host: 'web.example.com', path: '/' };

describe('balancing', () => {
  test('requests take the ready pods in turn', () => {
    // GIVEN
    const cluster = converged(webApp({ replicas: 3 }));
    // WHEN
    const pods = [1, 2, 3, 4, 5, 6].map(() => cluster.request(viaIngress).pod);
    // THEN every pod served twice, in a fixed cycle
    expect(new Set(pods).size).toBe(3);
    expect(pods.slice(3)).toEqual(pods.slice(0, 3));
  });

  test('only ready pods take requests: a deleted pod leaves the rotation', () => {
    // GIVEN
    const cluster = converged(webApp({ replicas: 2 }));
    const [first] = cluster.list('Pod').map((p) => p.metadata.name);
    // WHEN the pod is terminating (its kubelet has not finished it yet)
    cluster.deletePod(first);
    cluster.advance(1);
    // THEN
    const pods = [1, 2, 3, 4].map(() => cluster.request(viaIngress).pod);
    expect(pods).not.toContain(first);
  });

  test("a lost node's pods leave the rotation once the node is marked NotReady", () => {
    // GIVEN pods spread over three nodes
    const cluster = converged(webApp({ replicas: 3 }));
    const nodeOf = (pod: string | undefined) =>
      (cluster.get('Pod', pod ?? '')?.spec as { nodeName?: string } | undefined)?.nodeName;
    const onNode1 = cluster
      .list('Pod')
      .filter((p) => (p.spec as { nodeName?: string }).nodeName === 'node-1');
    expect(onNode1.length).toBeGreaterThan(0);
    // WHEN node-1 stops answering and the node-monitor grace period (40 s) has passed
    cluster.failNode('node-1');
    cluster.advance(60);
    // THEN no request lands on a pod of node-1
    const nodes = [1, 2, 3, 4, 5, 6].map(() => nodeOf(cluster.request(viaIngress).pod));
    expect(nodes).not.toContain('node-1');
    expect(nodes.every((n) => n !== undefined)).toBe(true);
  });

  test('the same seed and the same requests give the same answers', () => {
    const run = () => {
      const cluster = converged(webApp({ replicas: 3, affinity: true }));
      return ['1.1.1.1', '2.2.2.2', '1.1.1.1', '3.3.3.3'].map(
        (clientIp) => cluster.request({ ...viaIngress, clientIp }).pod,
      );
    };
    expect(run()).toEqual(run());
  });
});

describe('ClientIP session affinity', () => {
  test('a client sticks to one pod while other clients are spread', () => {
    // GIVEN
    const cluster = converged(webApp({ replicas: 3, affinity: true }));
    // WHEN
    const alice = [1, 2, 3, 4].map(
      () => cluster.request({ ...viaIngress, clientIp: '10.0.0.1' }).pod,
    );
    const others = ['10.0.0.2', '10.0.0.3'].map(
      (clientIp) => cluster.request({ ...viaIngress, clientIp }).pod,
    );
    // THEN
    expect(new Set(alice).size).toBe(1);
    expect(new Set([alice[0], ...others]).size).toBe(3);
  });

  test('stickiness lasts the default 10800 s after the last request, then expires', () => {
    // GIVEN
    const cluster = converged(webApp({ replicas: 2, affinity: true }));
    const request = () => cluster.request({ ...viaIngress, clientIp: '10.0.0.1' }).pod;
    const pod = request();
    // WHEN / THEN: each request restarts the window
    cluster.advance(10799);
    expect(request()).toBe(pod);
    cluster.advance(10799);
    expect(request()).toBe(pod);
    // WHEN the client stays away for the whole timeout
    cluster.advance(10800);
    // THEN it is balanced afresh (round-robin moves on to the other pod)
    expect(request()).not.toBe(pod);
  });

  test('sessionAffinityConfig.clientIP.timeoutSeconds sets the window', () => {
    // GIVEN
    const cluster = converged(webApp({ replicas: 2, affinity: true, timeoutSeconds: 60 }));
    const request = () => cluster.request({ ...viaIngress, clientIp: '10.0.0.1' }).pod;
    const pod = request();
    // WHEN
    cluster.advance(59);
    const within = request();
    cluster.advance(60);
    const after = request();
    // THEN
    expect(within).toBe(pod);
    expect(after).not.toBe(pod);
  });

  test('a client whose pod goes away is moved to another ready pod', () => {
    // GIVEN
    const cluster = converged(webApp({ replicas: 2, affinity: true }));
    const request = () => cluster.request({ ...viaIngress, clientIp: '10.0.0.1' }).pod;
    const pod = request() ?? '';
    // WHEN
    cluster.deletePod(pod);
    cluster.advance(1);
    // THEN
    const next = request();
    expect(next).toBeDefined();
    expect(next).not.toBe(pod);
  });

  test('requests advance no virtual time', () => {
    const cluster = converged(webApp({ replicas: 2, affinity: true }));
    const before = cluster.now;
    cluster.request({ ...viaIngress, clientIp: '10.0.0.1' });
    expect(cluster.now).toBe(before);
  });
});

describe('NodePort', () => {
  const nodePortRequest = (nodePort: number, node?: string): ClusterRequest => ({
    host: 'ignored.example.com',
    path: '/',
    nodePort,
    ...(node ? { node } : {}),
  });

  test('every node answers on the node port and reaches the Service', () => {
    // GIVEN
    const cluster = converged(webApp({ replicas: 1, type: 'NodePort', nodePort: 31000 }));
    // THEN
    for (const node of ['node-1', 'node-2', 'node-3']) {
      expect(cluster.request(nodePortRequest(31000, node))).toMatchObject({
        status: 200,
        service: 'default/web',
        pod: expect.stringMatching(/^web-/),
      });
    }
    expect(cluster.request(nodePortRequest(31000))).toMatchObject({ status: 200 });
  });

  test('a node port no Service owns answers 503', () => {
    const cluster = converged(webApp({ replicas: 1, type: 'NodePort', nodePort: 31000 }));
    expect(cluster.request(nodePortRequest(31001))).toEqual({ status: 503 });
  });

  test('fails when the named node does not exist', () => {
    const cluster = converged(webApp({ replicas: 1, type: 'NodePort', nodePort: 31000 }));
    expect(() => cluster.request(nodePortRequest(31000, 'node-9'))).toThrow(
      /nodes "node-9" not found/,
    );
  });

  test('a node that is down does not answer', () => {
    // GIVEN
    const cluster = converged(webApp({ replicas: 1, type: 'NodePort', nodePort: 31000 }));
    // WHEN
    cluster.failNode('node-3');
    // THEN
    expect(cluster.request(nodePortRequest(31000, 'node-3'))).toEqual({ status: 503 });
  });

  describe('externalTrafficPolicy Local', () => {
    const cluster = converged(
      webApp({ replicas: 1, type: 'NodePort', nodePort: 31000, local: true }),
    );
    const pod = cluster.list('Pod')[0];
    const home = (pod.spec as { nodeName: string }).nodeName;
    const away = ['node-1', 'node-2', 'node-3'].find((n) => n !== home) ?? '';

    test('the node running the pod serves it', () => {
      expect(cluster.request(nodePortRequest(31000, home))).toEqual({
        status: 200,
        service: 'default/web',
        pod: pod.metadata.name,
      });
    });

    test('a node without a local endpoint drops the request', () => {
      expect(cluster.request(nodePortRequest(31000, away))).toEqual({ status: 503 });
    });

    test('without a node, the request goes to a node with a local endpoint', () => {
      expect(cluster.request(nodePortRequest(31000))).toMatchObject({ status: 200 });
    });

    test('Cluster policy (the default) forwards from any node', () => {
      const other = converged(webApp({ replicas: 1, type: 'NodePort', nodePort: 31000 }));
      const otherHome = (other.list('Pod')[0].spec as { nodeName: string }).nodeName;
      const otherAway = ['node-1', 'node-2', 'node-3'].find((n) => n !== otherHome);
      expect(other.request(nodePortRequest(31000, otherAway)).status).toBe(200);
    });
  });

  test("each node's kube-proxy keeps its own affinity table", () => {
    // GIVEN
    const cluster = converged(
      webApp({ replicas: 3, type: 'NodePort', nodePort: 31000, affinity: true }),
    );
    const on = (node: string) =>
      cluster.request({ ...nodePortRequest(31000, node), clientIp: '10.0.0.1' }).pod;
    // WHEN
    const first = on('node-1');
    // THEN sticky on node-1; node-2 balances the same client on its own
    expect(on('node-1')).toBe(first);
    expect(on('node-1')).toBe(first);
    expect(on('node-2')).toBeDefined();
  });
});
