import { RoutedIngress } from '../lib/routed-ingress';
import type { RoutedIngressProps } from '../lib/routed-ingress';
import { describeWrongTypes } from './helpers/wrong-types';

const ROUTE = { host: 'api.example.com', to: { serviceName: 'api', port: 80 } };

describeWrongTypes('RoutedIngress given wrongly typed props (as from JavaScript or YAML)', {
  path: 'shop/edge',
  shapes: {
    className: 'string',
    routes: 'list',
    tls: 'list',
    defaultBackend: 'object',
    annotations: 'object',
  },
  build: (chart, override) =>
    new RoutedIngress(chart, 'edge', {
      routes: [ROUTE],
      ...override,
    } as unknown as RoutedIngressProps),
});

describeWrongTypes('RoutedIngress given a wrongly typed route field', {
  path: 'shop/edge',
  shapes: { host: 'string', path: 'string', pathType: 'string', to: 'object' },
  build: (chart, override) =>
    new RoutedIngress(chart, 'edge', {
      routes: [{ ...ROUTE, ...override }],
    } as unknown as RoutedIngressProps),
});

describeWrongTypes('RoutedIngress given a wrongly typed { serviceName, port } field', {
  path: 'shop/edge',
  shapes: { serviceName: 'string', port: 'number' },
  build: (chart, override) =>
    new RoutedIngress(chart, 'edge', {
      routes: [{ ...ROUTE, to: { ...ROUTE.to, ...override } }],
    } as unknown as RoutedIngressProps),
});

describeWrongTypes('RoutedIngress given a wrongly typed tls field', {
  path: 'shop/edge',
  shapes: { hosts: 'list', secretName: 'string' },
  build: (chart, override) =>
    new RoutedIngress(chart, 'edge', {
      routes: [ROUTE],
      tls: [{ hosts: ['api.example.com'], secretName: 'api-tls', ...override }],
    } as unknown as RoutedIngressProps),
});
