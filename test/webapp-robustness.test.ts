import { WebApp } from '../lib/webapp';
import type { WebAppProps } from '../lib/webapp-props';
import { describeWrongTypes } from './helpers/wrong-types';

describeWrongTypes('WebApp given wrongly typed props (as from JavaScript or YAML)', {
  path: 'shop/api',
  shapes: {
    image: 'string',
    port: 'number',
    servicePort: 'number',
    replicas: 'number',
    env: 'object',
    secretEnv: 'object',
    envFromSecrets: 'list',
    command: 'list',
    args: 'list',
    resources: 'object',
    liveness: 'object',
    readiness: 'object',
    startup: 'object',
    autoscaling: 'object',
    rollout: 'object',
    minReadySeconds: 'number',
    progressDeadlineSeconds: 'number',
    disruptionBudget: 'object',
    serviceType: 'string',
    nodePort: 'number',
    sessionAffinity: 'string',
    externalTrafficPolicy: 'string',
    sidecars: 'list',
    writablePaths: 'list',
    securityContext: 'object',
  },
  build: (chart, override) =>
    new WebApp(chart, 'api', { image: 'shop:1', ...override } as unknown as WebAppProps),
});

describeWrongTypes('WebApp given a wrongly typed sidecar field', {
  path: 'shop/api',
  shapes: {
    name: 'string',
    image: 'string',
    port: 'number',
    env: 'object',
    command: 'list',
    args: 'list',
    resources: 'object',
    securityContext: 'object',
  },
  build: (chart, override) =>
    new WebApp(chart, 'api', {
      image: 'shop:1',
      sidecars: [{ name: 'side', image: 'side:1', ...override }],
    } as unknown as WebAppProps),
});

describeWrongTypes('WebApp given wrongly typed resources', {
  path: 'shop/api',
  shapes: { cpu: 'object', memory: 'object' },
  build: (chart, resources) =>
    new WebApp(chart, 'api', { image: 'shop:1', resources } as unknown as WebAppProps),
});

describeWrongTypes('WebApp given a wrongly typed resources.memory field', {
  path: 'shop/api',
  shapes: { request: 'string', limit: 'string' },
  build: (chart, memory) =>
    new WebApp(chart, 'api', { image: 'shop:1', resources: { memory } } as unknown as WebAppProps),
});

describeWrongTypes('WebApp given a wrongly typed securityContext field', {
  path: 'shop/api',
  shapes: {
    runAsUser: 'number',
    runAsGroup: 'number',
    fsGroup: 'number',
    runAsNonRoot: 'boolean',
    readOnlyRootFilesystem: 'boolean',
    allowPrivilegeEscalation: 'boolean',
    addCapabilities: 'list',
  },
  build: (chart, securityContext) =>
    new WebApp(chart, 'api', { image: 'shop:1', securityContext } as unknown as WebAppProps),
});
