import { Chart, Testing } from 'cdk8s';
import { RoutedIngress } from '../lib/routed-ingress';
import type { KubeObject } from '../lib/sim/types';
import { WebApp } from '../lib/webapp';
import { expectValidKubernetesObjects } from './helpers/kube-schema';
import { expectAllRestricted } from './helpers/pss-restricted';

interface ServiceView {
  metadata: { name: string };
  spec: { ports: { port: number }[] };
}
interface IngressView {
  spec: {
    rules: {
      http: { paths: { backend: { service: { name: string; port: { number: number } } } }[] };
    }[];
  };
}

describe('RoutedIngress with a real WebApp', () => {
  it('routes to the Service the WebApp synthesizes, by its name and port number', () => {
    // GIVEN a WebApp with a non-default Service port
    const chart = new Chart(Testing.app(), 'shop', { namespace: 'shop' });
    const api = new WebApp(chart, 'api', { image: 'shop-api:1.0.0', servicePort: 8081 });

    // WHEN it is routed
    new RoutedIngress(chart, 'edge', { routes: [{ host: 'api.example.com', to: api }] });

    // THEN the backend is exactly the synthesized Service and port
    const manifests = Testing.synth(chart) as KubeObject[];
    const service = manifests.find((o) => o.kind === 'Service') as unknown as ServiceView;
    const ingress = manifests.find((o) => o.kind === 'Ingress') as unknown as IngressView;
    expect(ingress.spec.rules[0].http.paths[0].backend.service).toEqual({
      name: service.metadata.name,
      port: { number: 8081 },
    });
    expect(service.spec.ports.map((p) => p.port)).toContain(8081);
    expectValidKubernetesObjects(manifests.filter((o) => o.kind === 'Ingress'));
    // AND routing a WebApp leaves its pods restricted
    expect(expectAllRestricted(manifests)).toBe(1);
  });

  it('fails when the WebApp lives in another chart namespace', () => {
    const app = Testing.app();
    const billing = new WebApp(new Chart(app, 'billing', { namespace: 'billing' }), 'invoices', {
      image: 'invoices:1.0.0',
    });
    const edge = new RoutedIngress(new Chart(app, 'edge', { namespace: 'shop' }), 'edge', {
      defaultBackend: { serviceName: 'web', port: 80 },
    });
    expect(() => edge.addRoute({ host: 'billing.example.com', to: billing })).toThrow(
      /^edge\/edge: routes\[0\]\.to must be in the Ingress's namespace 'shop'.*\(got 'billing\/invoices' in namespace 'billing'\)$/,
    );
  });
});
