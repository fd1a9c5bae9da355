import type { Pod } from '../../../lib/sim/api';
import { isScalarResourceName, podRequests } from '../../../lib/sim/scheduler/resources';

function withContainers(
  containers: { cpu?: string; memory?: string }[],
  init: { cpu?: string; memory?: string; sidecar?: boolean }[] = [],
): Pod {
  const c = (
    r: { cpu?: string; memory?: string; sidecar?: boolean },
    i: number,
    prefix: string,
  ) => ({
    name: `${prefix}${i}`,
    ...(r.sidecar ? { restartPolicy: 'Always' } : {}),
    resources: {
      requests: Object.fromEntries(
        Object.entries({ cpu: r.cpu, memory: r.memory }).filter(([, v]) => v !== undefined),
      ) as Record<string, string>,
    },
  });
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'p' },
    spec: {
      containers: containers.map((r, i) => c(r, i, 'c')),
      initContainers: init.map((r, i) => c(r, i, 'i')),
    },
  };
}

describe('podRequests (resource helpers PodRequests)', () => {
  it.each([
    // containers, init containers → milliCpu, memory
    [[{ cpu: '100m' }, { cpu: '100m' }], [], 200, 0],
    [[{ cpu: '250m', memory: '512Mi' }], [], 250, 512 * 2 ** 20],
    [[{ cpu: '100m' }], [{ cpu: '500m' }], 500, 0], // init container peak wins
    [[{ cpu: '600m' }], [{ cpu: '500m' }], 600, 0], // sum of app containers wins
    [[{ cpu: '200m' }], [{ cpu: '50m', sidecar: true }, { cpu: '500m' }], 550, 0], // sidecar runs beside the init
    [[{ cpu: '1' }], [{ cpu: '50m', sidecar: true }], 1050, 0], // sidecar adds to the app sum
    [[{}], [], 0, 0],
  ])('%j init %j → %i millicores, %i bytes', (containers, init, cpu, memory) => {
    const r = podRequests(withContainers(containers, init));
    expect(r.milliCpu).toBe(cpu);
    expect(r.memory).toBe(memory);
  });

  it('counts containers without requests as 100m / 200Mi for scoring', () => {
    const r = podRequests(withContainers([{}, { cpu: '1' }]), true);
    expect(r.milliCpu).toBe(1100);
    expect(r.memory).toBe(2 * 200 * 2 ** 20);
  });
});

describe('isScalarResourceName (util.IsScalarResourceName)', () => {
  it.each([
    ['nvidia.com/gpu', true],
    ['hugepages-2Mi', true],
    ['example.kubernetes.io/thing', false],
    ['kubernetes.io/thing', false],
    ['cpu', false],
    ['pods', false],
  ])('%s → %s', (name, want) => {
    expect(isScalarResourceName(name)).toBe(want);
  });
});
