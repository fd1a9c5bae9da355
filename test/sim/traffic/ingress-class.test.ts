import type { Ingress, IngressClass } from '../../../lib/sim/traffic/ingress-api';
import { classVerdict, defaultIngressClass } from '../../../lib/sim/traffic/ingress-class';

function ingressClass(
  name: string,
  controller: string,
  isDefault = false,
  created = '2026-01-01T00:00:00Z',
): IngressClass {
  return {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'IngressClass',
    metadata: {
      name,
      creationTimestamp: created,
      ...(isDefault
        ? { annotations: { 'ingressclass.kubernetes.io/is-default-class': 'true' } }
        : {}),
    },
    spec: { controller },
  };
}

function ingress(className?: string, annotation?: string): Ingress {
  return {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'Ingress',
    metadata: {
      name: 'edge',
      namespace: 'default',
      ...(annotation ? { annotations: { 'kubernetes.io/ingress.class': annotation } } : {}),
    },
    spec: className ? { ingressClassName: className } : {},
  };
}

const nginx = ingressClass('nginx', 'k8s.io/ingress-nginx', true);
const traefik = ingressClass('traefik', 'traefik.io/ingress-controller');

describe('classVerdict', () => {
  it.each<[string, Ingress, IngressClass[], boolean, RegExp | undefined]>([
    ['class nginx', ingress('nginx'), [nginx], true, undefined],
    ['no class: the default class', ingress(), [nginx], true, undefined],
    ['no class and no default class: nginx (CONTRACT.md)', ingress(), [], true, undefined],
    [
      'a class that does not exist',
      ingress('traefik'),
      [nginx],
      false,
      /^no ingress controller for class "traefik": IngressClass "traefik" does not exist$/,
    ],
    [
      'a class of another controller',
      ingress('traefik'),
      [nginx, traefik],
      false,
      /^no ingress controller for class "traefik": .*traefik\.io\/ingress-controller/,
    ],
    ['the legacy annotation nginx', ingress(undefined, 'nginx'), [nginx], true, undefined],
    [
      'the legacy annotation of another class',
      ingress(undefined, 'traefik'),
      [nginx],
      false,
      /^no ingress controller for class "traefik"/,
    ],
    [
      'no class while the default class is another controller',
      ingress(),
      [ingressClass('traefik', 'traefik.io/ingress-controller', true)],
      false,
      /^no ingress controller for class "traefik"/,
    ],
  ])('%s', (_name, ing, classes, served, message) => {
    const verdict = classVerdict(ing, classes);
    expect(verdict.served).toBe(served);
    if (!verdict.served && message) expect(verdict.message).toMatch(message);
  });
});

describe('defaultIngressClass', () => {
  test('the newest of two default classes wins, as the admission plugin picks it', () => {
    const older = ingressClass('a', 'x', true, '2026-01-01T00:00:00Z');
    const newer = ingressClass('b', 'y', true, '2026-01-02T00:00:00Z');
    expect(defaultIngressClass([newer, older])?.metadata.name).toBe('b');
    expect(defaultIngressClass([traefik])).toBeUndefined();
    // at equal age, the first by name
    const twin = ingressClass('c', 'z', true, '2026-01-02T00:00:00Z');
    expect(defaultIngressClass([twin, newer])?.metadata.name).toBe('b');
  });
});
