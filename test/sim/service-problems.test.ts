import type { Pod } from '../../lib/sim/api';
import { EndpointsController } from '../../lib/sim/controllers/endpoints';
import { serviceProblems } from '../../lib/sim/service-problems';
import { newHarness } from '../../lib/sim/testing-harness';
import type { Harness } from '../../lib/sim/testing-harness';
import type { KubeObject } from '../../lib/sim/types';

function setup(): Harness {
  const h = newHarness();
  h.start(new EndpointsController());
  return h;
}

function addPod(
  h: Harness,
  name: string,
  labels: Record<string, string>,
  ready: boolean,
  ports = [{ name: 'http', containerPort: 8080 }],
): void {
  const created = h.store.create({
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, labels },
    spec: { nodeName: 'node-1', containers: [{ name: 'web', image: 'nginx', ports }] },
  });
  const status: Pod['status'] = {
    phase: 'Running',
    podIP: `10.244.1.${h.store.list('Pod').length + 1}`,
    conditions: [{ type: 'Ready', status: ready ? 'True' : 'False' }],
  };
  h.store.updateStatus({ ...created, status });
}

function addService(
  h: Harness,
  selector: Record<string, string>,
  targetPort: number | string = 8080,
  type?: string,
): void {
  h.store.create({
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: 'web' },
    spec: { selector, ports: [{ port: 80, targetPort }], ...(type ? { type } : {}) },
  } as KubeObject);
}

describe('serviceProblems', () => {
  test('no problem when ready pods back the Service', () => {
    const h = setup();
    addPod(h, 'web-1', { app: 'web' }, true);
    addService(h, { app: 'web' });
    h.run(1);
    expect(serviceProblems(h.store)).toEqual([]);
  });

  test('a selector matching no pod names the labels no pod carries and the closest pods', () => {
    // GIVEN pods labelled tier=front and a Service selecting tier=frontend
    const h = setup();
    addPod(h, 'web-1', { app: 'web', tier: 'front' }, true);
    addPod(h, 'web-2', { app: 'web', tier: 'front' }, true);
    addPod(h, 'api-1', { app: 'api' }, true);
    addService(h, { app: 'web', tier: 'frontend' });
    h.run(1);
    // THEN the problem names tier=frontend and the closest pods' labels
    const [problem] = serviceProblems(h.store);
    expect(problem).toMatchObject({
      kind: 'Service',
      namespace: 'default',
      name: 'web',
      reason: 'SelectorMatchesNoPods',
    });
    expect(problem.message).toMatch(
      /^selector app=web,tier=frontend matches no pods in namespace default: no pod has tier=frontend; the closest pods have app=web,tier=front \(web-1, web-2\)$/,
    );
  });

  test('labels each on some pod but never together are named as such', () => {
    const h = setup();
    addPod(h, 'a', { app: 'web' }, true);
    addPod(h, 'b', { tier: 'front' }, true);
    addService(h, { app: 'web', tier: 'front' });
    h.run(1);
    expect(serviceProblems(h.store)[0].message).toMatch(
      /each label is on some pod, but no pod has all of them/,
    );
  });

  test('a namespace without pods says so', () => {
    const h = setup();
    addService(h, { app: 'web' });
    h.run(1);
    expect(serviceProblems(h.store)[0].message).toMatch(
      /matches no pods in namespace default: there are no pods in the namespace$/,
    );
  });

  test('pods that match but are not ready give NoReadyEndpoints with their state', () => {
    const h = setup();
    addPod(h, 'web-1', { app: 'web' }, false);
    addService(h, { app: 'web' });
    h.run(1);
    const [problem] = serviceProblems(h.store);
    expect(problem.reason).toBe('NoReadyEndpoints');
    expect(problem.message).toMatch(
      /^no ready endpoints: 1 pod match selector app=web but none is ready \(web-1: Running, not ready\)$/,
    );
  });

  test('a named targetPort that no container port has is named', () => {
    const h = setup();
    addPod(h, 'web-1', { app: 'web' }, true);
    addService(h, { app: 'web' }, 'metrics');
    h.run(1);
    expect(serviceProblems(h.store)[0].message).toMatch(
      /targetPort "metrics" names no container port of pod web-1 \(its ports: http\(8080\)\)$/,
    );
  });

  test('ExternalName Services and Services without a selector are never a problem', () => {
    const h = setup();
    h.store.create({
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 'ext' },
      spec: { type: 'ExternalName', externalName: 'db.example.com' },
    });
    h.store.create({
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 'manual' },
      spec: { ports: [{ port: 80 }] },
    });
    h.run(1);
    expect(serviceProblems(h.store)).toEqual([]);
  });
});
