import { Chart, Testing } from 'cdk8s';
import { BosunValidationError } from '../lib/errors';
import {
  type IngressRoute,
  RoutedIngress,
  type RoutedIngressProps,
  type RoutedIngressTls,
  type RouteTarget,
} from '../lib/routed-ingress';
import type { KubeObject } from '../lib/sim/types';
import { expectValidKubernetesObjects } from './helpers/kube-schema';
import { FakeServiceTarget } from './routed-ingress-fake-target';

interface IngressPathView {
  path: string;
  pathType: string;
  backend: { service: { name: string; port: { number: number } } };
}
interface IngressRuleView {
  host?: string;
  http: { paths: IngressPathView[] };
}
interface IngressView {
  metadata: {
    name: string;
    namespace?: string;
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
  };
  spec: {
    ingressClassName: string;
    rules?: IngressRuleView[];
    tls?: { hosts: string[]; secretName: string }[];
    defaultBackend?: IngressPathView['backend'];
  };
}

/** The one Ingress a chart synthesizes. */
function ingressOf(chart: Chart): IngressView {
  const ingresses = (Testing.synth(chart) as KubeObject[]).filter((o) => o.kind === 'Ingress');
  expect(ingresses).toHaveLength(1);
  return ingresses[0] as unknown as IngressView;
}

/** `host path → service:port` lines, in output order, for compact assertions. */
function routingTable(ingress: IngressView): string[] {
  return (ingress.spec.rules ?? []).flatMap((rule) =>
    rule.http.paths.map(
      (p) =>
        `${rule.host ?? '*'} ${p.pathType} ${p.path} → ${p.backend.service.name}:${p.backend.service.port.number}`,
    ),
  );
}

/** A chart with an `api` and a `web` target, as WebApps would be. */
function seedChart(namespace?: string) {
  const chart = new Chart(Testing.app(), 'shop', { namespace });
  const api = new FakeServiceTarget(chart, 'api', 'shop-api-service', 80);
  const web = new FakeServiceTarget(chart, 'web', 'shop-web-service', 8080);
  return { chart, api, web };
}

function seedProps(api: FakeServiceTarget, web: FakeServiceTarget): RoutedIngressProps {
  return {
    routes: [
      { host: 'api.example.com', path: '/', to: api },
      { host: 'web.example.com', path: '/', to: web },
      { host: 'example.com', path: '/api', pathType: 'Prefix', to: api },
      { host: 'example.com', path: '/admin', to: { serviceName: 'admin', port: 80 } },
    ],
    tls: [
      { hosts: ['api.example.com', 'web.example.com', 'example.com'], secretName: 'example-tls' },
    ],
  };
}

describe('RoutedIngress', () => {
  describe('rules', () => {
    it('routes the seed table through one Ingress, grouped by host, hosts and paths sorted', () => {
      // GIVEN
      const { chart, api, web } = seedChart();

      // WHEN
      new RoutedIngress(chart, 'edge', seedProps(api, web));

      // THEN
      const ingress = ingressOf(chart);
      expect(ingress.spec.rules?.map((r) => r.host)).toEqual([
        'api.example.com',
        'example.com',
        'web.example.com',
      ]);
      expect(routingTable(ingress)).toEqual([
        'api.example.com Prefix / → shop-api-service:80',
        'example.com Prefix /admin → admin:80',
        'example.com Prefix /api → shop-api-service:80',
        'web.example.com Prefix / → shop-web-service:8080',
      ]);
    });

    it('uses pathType Prefix and path / by default, and Exact on request', () => {
      const { chart, api } = seedChart();
      new RoutedIngress(chart, 'edge', {
        routes: [
          { host: 'example.com', to: api },
          { host: 'example.com', path: '/healthz', pathType: 'Exact', to: api },
        ],
      });
      expect(routingTable(ingressOf(chart))).toEqual([
        'example.com Exact /healthz → shop-api-service:80',
        'example.com Prefix / → shop-api-service:80',
      ]);
    });

    it('orders paths so the one the controller picks comes first: longest, then Exact', () => {
      const { chart, api, web } = seedChart();
      new RoutedIngress(chart, 'edge', {
        routes: [
          { host: 'example.com', path: '/', to: web },
          { host: 'example.com', path: '/api', to: api },
          { host: 'example.com', path: '/api', pathType: 'Exact', to: web },
          { host: 'example.com', path: '/api/v2', to: api },
        ],
      });
      expect(routingTable(ingressOf(chart))).toEqual([
        'example.com Prefix /api/v2 → shop-api-service:80',
        'example.com Exact /api → shop-web-service:8080',
        'example.com Prefix /api → shop-api-service:80',
        'example.com Prefix / → shop-web-service:8080',
      ]);
    });

    it('puts a route without host in a host-less rule after the others', () => {
      const { chart, api, web } = seedChart();
      new RoutedIngress(chart, 'edge', {
        routes: [
          { path: '/', to: web },
          { host: 'api.example.com', to: api },
        ],
      });
      const rules = ingressOf(chart).spec.rules ?? [];
      expect(rules.map((r) => r.host)).toEqual(['api.example.com', undefined]);
      expect(rules[1]).not.toHaveProperty('host');
    });

    it('includes routes added with addRoute after construction', () => {
      // GIVEN an ingress made with one route
      const { chart, api, web } = seedChart();
      const edge = new RoutedIngress(chart, 'edge', {
        routes: [{ host: 'web.example.com', to: web }],
      });

      // WHEN a route is added afterwards
      edge.addRoute({ host: 'api.example.com', to: api });

      // THEN both are in the output, in host order
      expect(routingTable(ingressOf(chart))).toEqual([
        'api.example.com Prefix / → shop-api-service:80',
        'web.example.com Prefix / → shop-web-service:8080',
      ]);
    });

    it('reports its routes with defaults filled in, as a copy', () => {
      const { chart, api } = seedChart();
      const edge = new RoutedIngress(chart, 'edge', { routes: [{ host: 'example.com', to: api }] });
      const routes = edge.routes;
      routes.pop();
      expect(edge.routes).toEqual([
        { host: 'example.com', path: '/', pathType: 'Prefix', to: api },
      ]);
    });

    it('routes to a Service made elsewhere by name and port number', () => {
      const chart = Testing.chart();
      new RoutedIngress(chart, 'edge', {
        routes: [{ host: 'example.com', path: '/admin', to: { serviceName: 'admin', port: 9000 } }],
      });
      expect(ingressOf(chart).spec.rules?.[0].http.paths[0].backend).toEqual({
        service: { name: 'admin', port: { number: 9000 } },
      });
    });
  });

  describe('class, TLS, default backend and annotations', () => {
    it('uses IngressClass nginx by default', () => {
      const { chart, api } = seedChart();
      const edge = new RoutedIngress(chart, 'edge', { routes: [{ host: 'example.com', to: api }] });
      expect(edge.className).toBe('nginx');
      expect(ingressOf(chart).spec.ingressClassName).toBe('nginx');
    });

    it('uses the className given', () => {
      const { chart, api } = seedChart();
      new RoutedIngress(chart, 'edge', {
        className: 'traefik',
        routes: [{ host: 'example.com', to: api }],
      });
      expect(ingressOf(chart).spec.ingressClassName).toBe('traefik');
    });

    it('writes the TLS entries as given', () => {
      const { chart, api, web } = seedChart();
      new RoutedIngress(chart, 'edge', seedProps(api, web));
      expect(ingressOf(chart).spec.tls).toEqual([
        { hosts: ['api.example.com', 'web.example.com', 'example.com'], secretName: 'example-tls' },
      ]);
    });

    it('includes TLS added with addTls', () => {
      const { chart, api } = seedChart();
      const edge = new RoutedIngress(chart, 'edge', {
        routes: [{ host: 'api.example.com', to: api }],
      });
      edge.addTls({ hosts: ['api.example.com'], secretName: 'api-tls' });
      expect(ingressOf(chart).spec.tls).toEqual([
        { hosts: ['api.example.com'], secretName: 'api-tls' },
      ]);
    });

    it.each([
      // route host, TLS host: a wildcard covers one label; a host-less route serves every host
      ['api.example.com', '*.example.com'],
      [undefined, 'example.com'],
    ])('accepts a TLS host that a route with host %p serves: %p', (host, tlsHost) => {
      const { chart, api } = seedChart();
      new RoutedIngress(chart, 'edge', {
        routes: [{ host, path: '/', to: api }],
        tls: [{ hosts: [tlsHost], secretName: 'site-tls' }],
      });
      expect(ingressOf(chart).spec.tls?.[0].hosts).toEqual([tlsHost]);
    });

    it('omits tls and defaultBackend when none are given', () => {
      const { chart, api } = seedChart();
      new RoutedIngress(chart, 'edge', { routes: [{ host: 'example.com', to: api }] });
      const spec = ingressOf(chart).spec;
      expect(spec).not.toHaveProperty('tls');
      expect(spec).not.toHaveProperty('defaultBackend');
    });

    it('sends unmatched requests to the default backend, which may be the only backend', () => {
      const { chart, web } = seedChart();
      new RoutedIngress(chart, 'edge', { defaultBackend: web });
      const spec = ingressOf(chart).spec;
      expect(spec.defaultBackend).toEqual({
        service: { name: 'shop-web-service', port: { number: 8080 } },
      });
      expect(spec).not.toHaveProperty('rules');
    });

    it('passes annotations through unchanged', () => {
      const { chart, api } = seedChart();
      const annotations = {
        'nginx.ingress.kubernetes.io/proxy-body-size': '8m',
        'cert-manager.io/cluster-issuer': 'letsencrypt',
      };
      new RoutedIngress(chart, 'edge', { annotations, routes: [{ host: 'example.com', to: api }] });
      expect(ingressOf(chart).metadata.annotations).toEqual(annotations);
    });

    it('accepts the legacy class annotation when it matches className', () => {
      const { chart, api } = seedChart();
      new RoutedIngress(chart, 'edge', {
        annotations: { 'kubernetes.io/ingress.class': 'nginx' },
        routes: [{ host: 'example.com', to: api }],
      });
      expect(ingressOf(chart).metadata.annotations).toEqual({
        'kubernetes.io/ingress.class': 'nginx',
      });
    });
  });

  describe('metadata', () => {
    it('lives in the chart namespace with the standard labels, and exposes its name', () => {
      const { chart, api } = seedChart('shop');
      const edge = new RoutedIngress(chart, 'edge', { routes: [{ host: 'example.com', to: api }] });
      const ingress = ingressOf(chart);
      expect(edge.namespace).toBe('shop');
      expect(ingress.metadata.namespace).toBe('shop');
      expect(ingress.metadata.name).toBe(edge.ingressName);
      expect(ingress.metadata.labels).toMatchObject({
        'app.kubernetes.io/component': 'ingress',
        'app.kubernetes.io/managed-by': 'bosun',
      });
    });
  });

  describe('output', () => {
    it('passes the Kubernetes schemas', () => {
      const { chart, api, web } = seedChart('shop');
      new RoutedIngress(chart, 'edge', {
        ...seedProps(api, web),
        defaultBackend: web,
        annotations: { 'nginx.ingress.kubernetes.io/ssl-redirect': 'true' },
      });
      expectValidKubernetesObjects(Testing.synth(chart));
    });

    it('does not depend on the order routes were added in, nor on the synth', () => {
      // GIVEN the seed routes, once in order and once reversed through addRoute
      const first = seedChart();
      new RoutedIngress(first.chart, 'edge', seedProps(first.api, first.web));
      const second = seedChart();
      const props = seedProps(second.api, second.web);
      const edge = new RoutedIngress(second.chart, 'edge', {
        routes: [...(props.routes ?? [])].reverse().slice(0, 1),
        tls: props.tls,
      });
      for (const route of [...(props.routes ?? [])].reverse().slice(1)) edge.addRoute(route);

      // THEN the manifests are identical, and the same on a second synth
      expect(Testing.synth(second.chart)).toEqual(Testing.synth(first.chart));
      expect(Testing.synth(first.chart)).toEqual(Testing.synth(first.chart));
    });

    it('synthesizes the seed table as in the snapshot', () => {
      const { chart, api, web } = seedChart('shop');
      new RoutedIngress(chart, 'edge', seedProps(api, web));
      const ingress = ingressOf(chart);
      expect(ingress.spec.rules).toHaveLength(3);
      expect(ingress.spec.tls).toHaveLength(1);
      expect(Testing.synth(chart)).toMatchSnapshot();
    });
  });

  describe('validation', () => {
    it('fails when the same host, path and pathType are routed twice', () => {
      const { chart, api, web } = seedChart();
      expect(
        () =>
          new RoutedIngress(chart, 'edge', {
            routes: [
              { host: 'example.com', path: '/api', to: api },
              { host: 'example.com', path: '/', to: web },
              { host: 'example.com', path: '/api', pathType: 'Prefix', to: web },
            ],
          }),
      ).toThrow(
        /^shop\/edge: routes\[2\] must not repeat the host, path and pathType of routes\[0\] \(got host 'example.com', path '\/api', pathType 'Prefix'\)$/,
      );
    });

    it('accepts the same host and path with different pathTypes', () => {
      const { chart, api, web } = seedChart();
      expect(
        () =>
          new RoutedIngress(chart, 'edge', {
            routes: [
              { host: 'example.com', path: '/api', to: api },
              { host: 'example.com', path: '/api', pathType: 'Exact', to: web },
            ],
          }),
      ).not.toThrow();
    });

    it('fails at addRoute time when an added route repeats an earlier one', () => {
      const { chart, api } = seedChart();
      const edge = new RoutedIngress(chart, 'edge', { routes: [{ host: 'example.com', to: api }] });
      expect(() => edge.addRoute({ host: 'example.com', path: '/', to: api })).toThrow(
        /routes\[1\] must not repeat the host, path and pathType of routes\[0\]/,
      );
      expect(edge.routes).toHaveLength(1);
    });

    it('fails when two host-less routes share a path', () => {
      const { chart, api } = seedChart();
      expect(
        () => new RoutedIngress(chart, 'edge', { routes: [{ to: api }, { path: '/', to: api }] }),
      ).toThrow(
        /routes\[1\] must not repeat .* \(got host \(any\), path '\/', pathType 'Prefix'\)/,
      );
    });

    it('fails when a path does not start with /', () => {
      const { chart, api } = seedChart();
      expect(
        () =>
          new RoutedIngress(chart, 'edge', {
            routes: [{ host: 'example.com', path: 'api', to: api }],
          }),
      ).toThrow(/routes\[0\]\.path must be an absolute path starting with '\/' \(got 'api'\)/);
    });

    it('fails at addRoute time when an added path contains //', () => {
      const { chart, api } = seedChart();
      const edge = new RoutedIngress(chart, 'edge', { routes: [{ host: 'example.com', to: api }] });
      expect(() => edge.addRoute({ host: 'example.com', path: '/a//b', to: api })).toThrow(
        /^shop\/edge: routes\[1\]\.path must not contain '\/\/' \(got '\/a\/\/b'\)$/,
      );
    });

    it.each([
      ['Example.com', /must be a DNS name: lowercase letters/],
      [
        'api.*.example.com',
        /a wildcard only as a single leading '\*\.' label \(got 'api\.\*\.example\.com'\)/,
      ],
      ['*', /a wildcard only as a single leading '\*\.' label \(got '\*'\)/],
      ['example.com:443', /must be a DNS name/],
      ['192.168.0.1', /must be a DNS name, not an IP address \(got '192.168.0.1'\)/],
    ])('fails when a host is %s', (host, message) => {
      const { chart, api } = seedChart();
      expect(() => new RoutedIngress(chart, 'edge', { routes: [{ host, to: api }] })).toThrow(
        new RegExp(`routes\\[0\\]\\.host .*${message.source}`),
      );
    });

    it('fails when a pathType is neither Prefix nor Exact', () => {
      const { chart, api } = seedChart();
      const edge = new RoutedIngress(chart, 'edge', { routes: [{ host: 'example.com', to: api }] });
      const pathType = 'ImplementationSpecific' as 'Exact';
      expect(() => edge.addRoute({ host: 'example.com', path: '/x', pathType, to: api })).toThrow(
        /routes\[1\]\.pathType must be one of 'Prefix', 'Exact' \(got 'ImplementationSpecific'\)/,
      );
    });

    it('fails when a route targets a WebApp in another namespace', () => {
      // GIVEN a target in chart namespace 'billing' and an ingress in 'shop'
      const app = Testing.app();
      const billing = new Chart(app, 'billing', { namespace: 'billing' });
      const invoices = new FakeServiceTarget(billing, 'invoices', 'billing-invoices');
      const shop = new Chart(app, 'shop', { namespace: 'shop' });
      const edge = new RoutedIngress(shop, 'edge', {
        defaultBackend: { serviceName: 'web', port: 80 },
      });

      // WHEN / THEN
      expect(() => edge.addRoute({ host: 'billing.example.com', to: invoices })).toThrow(
        /^shop\/edge: routes\[0\]\.to must be in the Ingress's namespace 'shop', as an Ingress can only route to Services in its own namespace \(got 'billing\/invoices' in namespace 'billing'\)$/,
      );
    });

    it('fails when a default backend is in another namespace', () => {
      const app = Testing.app();
      const other = new FakeServiceTarget(
        new Chart(app, 'other', { namespace: 'other' }),
        'x',
        'x',
      );
      const shop = new Chart(app, 'shop');
      expect(() => new RoutedIngress(shop, 'edge', { defaultBackend: other })).toThrow(
        /defaultBackend must be in the Ingress's namespace 'default'.*\(got 'other\/x' in namespace 'other'\)/,
      );
    });

    it.each([0, 65536, 80.5])('fails when a Service port is %s', (port) => {
      const { chart } = seedChart();
      expect(
        () =>
          new RoutedIngress(chart, 'edge', {
            routes: [{ host: 'example.com', to: { serviceName: 'admin', port } }],
          }),
      ).toThrow(
        new RegExp(
          `routes\\[0\\]\\.to\\.port must be an integer between 1 and 65535 \\(got ${port}\\)`,
        ),
      );
    });

    it('fails when a target reports a Service port outside 1-65535', () => {
      const { chart } = seedChart();
      const broken = new FakeServiceTarget(chart, 'broken', 'broken', 70000);
      expect(() => new RoutedIngress(chart, 'edge', { defaultBackend: broken })).toThrow(
        /defaultBackend\.servicePort must be an integer between 1 and 65535 \(got 70000\)/,
      );
    });

    it('fails when a Service name is not a DNS-1035 label', () => {
      const { chart } = seedChart();
      expect(
        () =>
          new RoutedIngress(chart, 'edge', {
            routes: [{ host: 'example.com', to: { serviceName: 'Admin_Svc', port: 80 } }],
          }),
      ).toThrow(
        /routes\[0\]\.to\.serviceName must be a Service name \(DNS-1035 label\).*\(got 'Admin_Svc'\)/,
      );
    });

    it('fails at synth when a TLS host has no route', () => {
      // GIVEN a TLS entry naming a host no route serves
      const { chart, api } = seedChart();
      new RoutedIngress(chart, 'edge', {
        routes: [{ host: 'api.example.com', to: api }],
        tls: [{ hosts: ['api.example.com', 'www.example.com'], secretName: 'example-tls' }],
      });

      // WHEN / THEN synthesis names the TLS host
      expect(() => Testing.synth(chart)).toThrow(
        /^shop\/edge: tls\[0\]\.hosts\[1\] must be the host of a route \(got 'www.example.com', which no route serves: add a route for it or remove it from tls\)$/,
      );
    });

    it('fails cdk8s app synth with a BosunValidationError, not a wrapped one', () => {
      const app = Testing.app();
      new RoutedIngress(new Chart(app, 'shop'), 'edge');
      let thrown: unknown;
      try {
        app.synth();
      } catch (error) {
        thrown = error;
      }
      expect(BosunValidationError.is(thrown)).toBe(true);
      expect((thrown as BosunValidationError).constructPath).toBe('shop/edge');
    });

    it('passes the TLS check once a late addRoute serves the host', () => {
      const { chart, api, web } = seedChart();
      const edge = new RoutedIngress(chart, 'edge', {
        routes: [{ host: 'api.example.com', to: api }],
        tls: [{ hosts: ['api.example.com', 'www.example.com'], secretName: 'example-tls' }],
      });
      edge.addRoute({ host: 'www.example.com', to: web });
      expect(ingressOf(chart).spec.tls?.[0].hosts).toEqual(['api.example.com', 'www.example.com']);
    });

    it('fails when a TLS entry lists no hosts', () => {
      const { chart, api } = seedChart();
      expect(
        () =>
          new RoutedIngress(chart, 'edge', {
            routes: [{ host: 'example.com', to: api }],
            tls: [{ hosts: [], secretName: 'example-tls' }],
          }),
      ).toThrow(/tls\[0\]\.hosts must list at least one host \(got a list \[\]\)/);
    });

    it('fails when a TLS host is not a DNS name', () => {
      const { chart, api } = seedChart();
      const edge = new RoutedIngress(chart, 'edge', { routes: [{ host: 'example.com', to: api }] });
      expect(() => edge.addTls({ hosts: ['example.com', 'bad host'], secretName: 's' })).toThrow(
        /tls\[0\]\.hosts\[1\] must be a DNS name.*\(got 'bad host'\)/,
      );
    });

    it('fails when a TLS secretName is not a valid Secret name', () => {
      const { chart, api } = seedChart();
      expect(
        () =>
          new RoutedIngress(chart, 'edge', {
            routes: [{ host: 'example.com', to: api }],
            tls: [{ hosts: ['example.com'], secretName: 'Example_TLS' }],
          }),
      ).toThrow(/tls\[0\]\.secretName must be a DNS-1123 subdomain.*\(got 'Example_TLS'\)/);
    });

    it('fails at synth when there are neither routes nor a default backend', () => {
      const chart = Testing.chart();
      new RoutedIngress(chart, 'edge');
      expect(() => Testing.synth(chart)).toThrow(
        /test\/edge: routes must not be empty unless defaultBackend is set/,
      );
    });

    it('fails when className is not a valid IngressClass name', () => {
      const chart = Testing.chart();
      expect(() => new RoutedIngress(chart, 'edge', { className: 'My Class' })).toThrow(
        /className must be a DNS-1123 subdomain.*\(got 'My Class'\)/,
      );
    });

    it('fails when a { serviceName } target has no port', () => {
      const chart = Testing.chart();
      const route = { host: 'example.com', to: { serviceName: 'admin' } as unknown as RouteTarget };
      expect(() => new RoutedIngress(chart, 'edge', { routes: [route] })).toThrow(
        /^test\/edge: routes\[0\]\.to\.port must be given: the Service port to send requests to \(got \{ serviceName: 'admin' \}\)$/,
      );
    });

    it('fails when a target has no serviceName, as a JavaScript caller might pass', () => {
      const chart = Testing.chart();
      const route = { host: 'example.com', to: { port: 80 } as unknown as RouteTarget };
      expect(() => new RoutedIngress(chart, 'edge', { routes: [route] })).toThrow(
        /routes\[0\]\.to must be a WebApp \(or another IServiceTarget\) or \{ serviceName, port \} \(got an object \{"port":80\}\)/,
      );
    });

    it.each<[string, (api: RouteTarget) => unknown, RegExp]>([
      [
        'a prop of the Kubernetes Ingress instead of ours',
        (api) => ({ ingressClassName: 'nginx', routes: [{ host: 'example.com', to: api }] }),
        /^shop\/edge: props takes only 'className', 'routes', 'tls', 'defaultBackend', 'annotations' \(got 'ingressClassName'\)$/,
      ],
      [
        'a misspelt route field',
        (api) => ({ routes: [{ host: 'example.com', to: api, pathtype: 'Exact' }] }),
        /routes\[0\] takes only 'host', 'path', 'pathType', 'to' \(got 'pathtype'\)/,
      ],
      [
        'a misspelt TLS field',
        (api) => ({
          routes: [{ host: 'example.com', to: api }],
          tls: [{ hosts: ['example.com'], secret: 'example-tls' }],
        }),
        /tls\[0\] takes only 'hosts', 'secretName' \(got 'secret'\)/,
      ],
    ])('fails on %s rather than ignoring it', (_name, props, message) => {
      const { chart, api } = seedChart();
      expect(
        () => new RoutedIngress(chart, 'edge', props(api) as unknown as RoutedIngressProps),
      ).toThrow(message);
    });

    it('fails when a TLS entry names no Secret', () => {
      const { chart, api } = seedChart();
      const tls = { hosts: ['example.com'] } as unknown as RoutedIngressTls;
      expect(
        () =>
          new RoutedIngress(chart, 'edge', {
            routes: [{ host: 'example.com', to: api }],
            tls: [tls],
          }),
      ).toThrow(/tls\[0\]\.secretName must name the Secret holding the certificate/);
    });

    it.each<[string, unknown, RegExp]>([
      // what a JavaScript caller passed → message
      ['null props', null, /^test\/edge: props must be an object \(got null\)$/],
      ['routes as a string', { routes: 'api' }, /routes must be a list \(got string 'api'\)/],
      [
        'a null route',
        { routes: [null] },
        /routes\[0\] must be an object such as \{ host, path, to \} \(got null\)/,
      ],
      [
        'a null TLS entry',
        { tls: [null] },
        /tls\[0\] must be an object such as \{ hosts, secretName \} \(got null\)/,
      ],
      [
        'a numeric annotation',
        { annotations: { 'nginx.ingress.kubernetes.io/proxy-body-size': 8 } },
        /annotations\['nginx.ingress.kubernetes.io\/proxy-body-size'\] must be a string \(got number 8\); quote numbers and booleans/,
      ],
      [
        'a null className',
        { className: null },
        /className must be a DNS-1123 subdomain.*\(got null\)/,
      ],
    ])('fails on %s with a message, not a TypeError', (_name, props, message) => {
      const chart = Testing.chart();
      expect(() => new RoutedIngress(chart, 'edge', props as RoutedIngressProps)).toThrow(message);
    });

    it('fails on addRoute(undefined) and addTls(undefined) with the index they would have taken', () => {
      const { chart, api } = seedChart();
      const edge = new RoutedIngress(chart, 'edge', { routes: [{ host: 'example.com', to: api }] });
      expect(() => edge.addRoute(undefined as unknown as IngressRoute)).toThrow(
        /routes\[1\] must be an object/,
      );
      expect(() => edge.addTls(undefined as unknown as RoutedIngressTls)).toThrow(
        /tls\[0\] must be an object/,
      );
    });

    it('fails when the legacy class annotation contradicts className', () => {
      const chart = Testing.chart();
      expect(
        () =>
          new RoutedIngress(chart, 'edge', {
            annotations: { 'kubernetes.io/ingress.class': 'traefik' },
            defaultBackend: { serviceName: 'web', port: 80 },
          }),
      ).toThrow(
        /annotations\['kubernetes.io\/ingress.class'\] must match className 'nginx' when both are set \(got 'traefik'\)/,
      );
    });
  });
});
