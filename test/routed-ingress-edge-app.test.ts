import { Chart, Testing } from 'cdk8s';
import { EDGE_TLS_SECRET, EdgeChart, addEdgeIngress } from '../apps/edge';
import type { KubeObject } from '../lib/sim/types';
import { expectValidKubernetesObjects } from './helpers/kube-schema';
import { FakeServiceTarget } from './routed-ingress-fake-target';

interface IngressView {
  spec: {
    ingressClassName: string;
    rules: {
      host: string;
      http: {
        paths: { path: string; backend: { service: { name: string; port: { number: number } } } }[];
      };
    }[];
    tls: { hosts: string[]; secretName: string }[];
  };
}

function exampleChart() {
  const chart = new Chart(Testing.app(), 'example', { namespace: 'shop' });
  const api = new FakeServiceTarget(chart, 'api', 'api', 80);
  const web = new FakeServiceTarget(chart, 'web', 'web', 80);
  const edge = addEdgeIngress(chart, { api, web, admin: { serviceName: 'admin', port: 8080 } });
  const ingress = (Testing.synth(chart) as KubeObject[]).find((o) => o.kind === 'Ingress');
  return { chart, edge, ingress: ingress as unknown as IngressView };
}

describe('apps/edge addEdgeIngress', () => {
  it('routes the seed table: two hosts whole, example.com by path', () => {
    // GIVEN / WHEN
    const { ingress } = exampleChart();

    // THEN
    const table = ingress.spec.rules.flatMap((rule) =>
      rule.http.paths.map(
        (p) => `${rule.host}${p.path} → ${p.backend.service.name}:${p.backend.service.port.number}`,
      ),
    );
    expect(table).toEqual([
      'api.example.com/ → api:80',
      'example.com/admin → admin:8080',
      'example.com/api → api:80',
      'web.example.com/ → web:80',
    ]);
    expect(ingress.spec.ingressClassName).toBe('nginx');
  });

  it('serves every host over TLS from one secret', () => {
    const { ingress } = exampleChart();
    expect(ingress.spec.tls).toEqual([
      { hosts: ['example.com', 'api.example.com', 'web.example.com'], secretName: EDGE_TLS_SECRET },
    ]);
  });

  it('passes the Kubernetes schemas', () => {
    const { chart } = exampleChart();
    expectValidKubernetesObjects(Testing.synth(chart));
  });

  describe('EdgeChart', () => {
    it('puts the api, web and admin WebApps behind the edge', () => {
      // GIVEN / WHEN
      const chart = new EdgeChart(Testing.app(), 'edge');

      // THEN every backend is one of the chart's WebApp Services
      const manifests = Testing.synth(chart) as KubeObject[];
      const services = manifests.filter((o) => o.kind === 'Service').map((o) => o.metadata.name);
      const ingress = manifests.find((o) => o.kind === 'Ingress') as unknown as IngressView;
      const backends = ingress.spec.rules.flatMap((r) =>
        r.http.paths.map((p) => p.backend.service.name),
      );
      expect(new Set(backends)).toEqual(
        new Set([chart.api.serviceName, chart.web.serviceName, chart.admin.serviceName]),
      );
      expect(services).toEqual(expect.arrayContaining(backends));
    });

    it('passes the Kubernetes schemas', () => {
      expectValidKubernetesObjects(Testing.synth(new EdgeChart(Testing.app(), 'edge')));
    });
  });
});
