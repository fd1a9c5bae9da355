import { newHarness } from '../../../lib/sim/testing-harness';
import { DefaultIngressClassAdmission } from '../../../lib/sim/traffic/default-ingress-class';
import type { KubeObject } from '../../../lib/sim';

function ingress(
  name: string,
  extra: Record<string, unknown> = {},
  annotations?: Record<string, string>,
): KubeObject {
  return {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'Ingress',
    metadata: { name, namespace: 'default', ...(annotations ? { annotations } : {}) },
    spec: { ...extra },
  };
}

function classOf(obj: KubeObject | undefined): unknown {
  return (obj?.spec as { ingressClassName?: string } | undefined)?.ingressClassName;
}

describe('DefaultIngressClassAdmission', () => {
  const h = newHarness();
  h.store.use(new DefaultIngressClassAdmission(h.store));

  it.each<[string, KubeObject, unknown]>([
    ['no class: the default class nginx', ingress('a'), 'nginx'],
    ['a class given: kept', ingress('b', { ingressClassName: 'traefik' }), 'traefik'],
    [
      'the legacy annotation: no class set',
      ingress('c', {}, { 'kubernetes.io/ingress.class': 'nginx' }),
      undefined,
    ],
  ])('%s', (_name, obj, expected) => {
    expect(classOf(h.store.create(obj))).toBe(expected);
  });

  test('no default class: the Ingress stays without a class', () => {
    // GIVEN a cluster whose nginx class is not the default
    const bare = newHarness();
    bare.store.use(new DefaultIngressClassAdmission(bare.store));
    bare.store.delete('IngressClass', 'nginx');
    // WHEN
    const created = bare.store.create(ingress('d'));
    // THEN
    expect(classOf(created)).toBeUndefined();
  });
});
