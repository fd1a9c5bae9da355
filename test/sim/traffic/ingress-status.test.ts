import { newHarness } from '../../../lib/sim/testing-harness';
import { IngressStatusController } from '../../../lib/sim/traffic';
import { markNodeUnreachable, postNodeReady } from '../../../lib/sim/nodes';
import type { KubeObject } from '../../../lib/sim';

function ingress(name: string, className?: string): KubeObject {
  return {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'Ingress',
    metadata: { name, namespace: 'default' },
    spec: {
      ...(className ? { ingressClassName: className } : {}),
      rules: [
        {
          host: `${name}.example.com`,
          http: {
            paths: [
              {
                path: '/',
                pathType: 'Prefix',
                backend: { service: { name, port: { number: 80 } } },
              },
            ],
          },
        },
      ],
    },
  };
}

function addresses(obj: KubeObject | undefined): unknown {
  return (obj?.status as { loadBalancer?: { ingress?: unknown } } | undefined)?.loadBalancer
    ?.ingress;
}

describe('IngressStatusController', () => {
  test('publishes the address of the node running the controller on served Ingresses only', () => {
    // GIVEN
    const h = newHarness();
    h.start(new IngressStatusController());
    // WHEN
    h.store.create(ingress('served'));
    h.store.create(ingress('unserved', 'traefik'));
    h.run(1);
    // THEN
    expect(addresses(h.store.get('Ingress', 'served'))).toEqual([{ ip: '172.18.0.2' }]);
    expect(addresses(h.store.get('Ingress', 'unserved'))).toBeUndefined();
  });

  test('the address follows the controller when its node goes down and comes back', () => {
    // GIVEN
    const h = newHarness();
    h.start(new IngressStatusController());
    h.store.create(ingress('web'));
    h.run(1);
    // WHEN
    markNodeUnreachable(h.store, h.clock, 'node-1');
    h.run(1);
    // THEN
    expect(addresses(h.store.get('Ingress', 'web'))).toEqual([{ ip: '172.18.0.3' }]);
    // WHEN
    postNodeReady(h.store, h.clock, 'node-1');
    h.run(1);
    // THEN
    expect(addresses(h.store.get('Ingress', 'web'))).toEqual([{ ip: '172.18.0.2' }]);
  });

  test('records a Sync event for each served Ingress, as kubectl describe shows it', () => {
    // GIVEN
    const h = newHarness();
    h.start(new IngressStatusController());
    // WHEN
    h.store.create(ingress('web'));
    h.run(1);
    // THEN
    const events = h.store
      .list('Event')
      .filter((e) => (e as unknown as { reason: string }).reason === 'Sync');
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      message: 'Scheduled for sync',
      involvedObject: { kind: 'Ingress', name: 'web' },
      source: { component: 'nginx-ingress-controller' },
    });
  });
});
