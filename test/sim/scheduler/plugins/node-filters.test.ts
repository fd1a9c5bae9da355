import type { Pod } from '../../../../lib/sim/api';
import { Code } from '../../../../lib/sim/scheduler/framework';
import { NodeName } from '../../../../lib/sim/scheduler/plugins/node-name';
import { NodePorts } from '../../../../lib/sim/scheduler/plugins/node-ports';
import { NodeUnschedulable } from '../../../../lib/sim/scheduler/plugins/node-unschedulable';
import { node, nodeInfo, pod, podInfo } from '../fixtures';

function withHostPort(name: string, hostPort: number, hostIP?: string, protocol?: string): Pod {
  const p = pod(name);
  p.spec!.containers[0].ports = [
    { containerPort: 80, hostPort, protocol, ...(hostIP ? { hostIP } : {}) },
  ];
  return p;
}

describe('NodePorts (nodeports/node_ports.go)', () => {
  it.each([
    // wanted (port, ip, protocol), in use (port, ip, protocol) → fits
    [[8080, undefined, 'TCP'], [8080, undefined, 'TCP'], false],
    [[8080, undefined, 'UDP'], [8080, undefined, 'TCP'], true], // protocol differs
    [[8081, undefined, 'TCP'], [8080, undefined, 'TCP'], true],
    [[8080, '10.0.0.1', 'TCP'], [8080, '10.0.0.2', 'TCP'], true], // different specific IPs
    [[8080, '10.0.0.1', 'TCP'], [8080, undefined, 'TCP'], false], // 0.0.0.0 covers every IP
    [[8080, undefined, 'TCP'], [8080, '10.0.0.2', 'TCP'], false],
  ] as const)('wants %j with %j in use → fits %s', (want, used, fits) => {
    const info = nodeInfo(node('n'), withHostPort('e', used[0], used[1], used[2]));
    const status = new NodePorts().filter(
      podInfo(withHostPort('p', want[0], want[1], want[2])),
      info,
    );
    expect(status === undefined).toBe(fits);
    if (!fits)
      expect(status?.reasons).toEqual([
        "node(s) didn't have free ports for the requested pod ports",
      ]);
  });

  it('frees the port when the pod holding it leaves', () => {
    const info = nodeInfo(node('n'), withHostPort('e', 8080));
    info.removePod('default/e');
    expect(new NodePorts().filter(podInfo(withHostPort('p', 8080)), info)).toBeUndefined();
  });
});

describe('NodeUnschedulable (nodeunschedulable/node_unschedulable.go)', () => {
  it('rejects a cordoned node', () => {
    expect(
      new NodeUnschedulable().filter(
        podInfo(pod('p')),
        nodeInfo(node('n', { unschedulable: true })),
      ),
    ).toEqual({
      code: Code.UnschedulableAndUnresolvable,
      plugin: 'NodeUnschedulable',
      reasons: ['node(s) were unschedulable'],
    });
  });

  it('admits a pod tolerating node.kubernetes.io/unschedulable', () => {
    const p = pod(
      'p',
      {},
      {
        tolerations: [
          { key: 'node.kubernetes.io/unschedulable', operator: 'Exists', effect: 'NoSchedule' },
        ],
      },
    );
    expect(
      new NodeUnschedulable().filter(podInfo(p), nodeInfo(node('n', { unschedulable: true }))),
    ).toBeUndefined();
  });
});

describe('NodeName (nodename/node_name.go)', () => {
  it('fits only the named node', () => {
    const p = podInfo(pod('p', {}, { nodeName: 'a' }));
    expect(new NodeName().filter(p, nodeInfo(node('a')))).toBeUndefined();
    expect(new NodeName().filter(p, nodeInfo(node('b')))?.reasons).toEqual([
      "node(s) didn't match the requested node name",
    ]);
  });
});
