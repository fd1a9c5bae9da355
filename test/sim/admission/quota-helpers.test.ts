/**
 * Table tests for the quota's pure helpers: canonical quantities (apimachinery quantity.go),
 * what pods, services and claims cost (pkg/quota/v1/evaluator/core), the pod constraints and
 * the LimitRanger's messages (plugin/pkg/admission/limitranger/admission.go).
 */
import type { Pod } from '../../../lib/sim/api';
import type { KubeObject } from '../../../lib/sim/types';
import {
  claimUsage,
  kindOfResource,
  matchesScope,
  podConstraintError,
  podUsage,
  serviceUsage,
} from '../../../lib/sim/quota/evaluators';
import {
  aggregate,
  defaultLimitRangeItem,
  podLimitErrors,
} from '../../../lib/sim/quota/limit-range-admission';
import type { LimitRangeItem } from '../../../lib/sim/quota/limit-range-admission';
import { add, formatQuantity, prettyPrint, quantity, ZERO } from '../../../lib/sim/quota/quantity';
import type { ResourceList } from '../../../lib/sim/quota/quantity';

function pod(
  containers: {
    name: string;
    requests?: Record<string, string>;
    limits?: Record<string, string>;
  }[],
  extra: Partial<NonNullable<Pod['spec']>> = {},
): Pod {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'p', namespace: 'default' },
    spec: {
      containers: containers.map((c) => ({
        name: c.name,
        image: 'nginx',
        resources: { requests: c.requests, limits: c.limits },
      })),
      ...extra,
    },
  };
}

function strings(list: ResourceList): Record<string, string> {
  return Object.fromEntries([...list].map(([k, v]) => [k, formatQuantity(v)]));
}

describe('formatQuantity', () => {
  it.each([
    // input → canonical text (Quantity.String)
    ['250m', '250m'],
    ['0.5', '500m'],
    ['1000m', '1'],
    ['2', '2'],
    ['1024Mi', '1Gi'],
    ['1536Mi', '1536Mi'],
    ['512Mi', '512Mi'],
    ['1Gi', '1Gi'],
    ['1000Ki', '1000Ki'],
    ['100Ki', '100Ki'],
    ['2000000', '2M'],
    ['1500k', '1500k'],
    ['1G', '1G'],
  ])('prints %s as %s', (input, expected) => {
    expect(formatQuantity(quantity(input))).toBe(expected);
  });

  it('keeps the binary format of a sum that starts from zero', () => {
    // GIVEN used memory at zero (DecimalSI) WHEN two 512Mi requests are added
    const sum = add(add(ZERO, quantity('512Mi')), quantity('512Mi'));
    // THEN it prints as 1Gi, as kubectl describe quota shows it
    expect(formatQuantity(sum)).toBe('1Gi');
  });

  it('prints resource lists sorted by name, as prettyPrint does', () => {
    const list: ResourceList = new Map([
      ['requests.memory', quantity('1Gi')],
      ['limits.cpu', quantity('500m')],
    ]);
    expect(prettyPrint(list)).toBe('limits.cpu=500m,requests.memory=1Gi');
  });
});

describe('quota usage', () => {
  it('charges a pod its requests and limits under every quota name', () => {
    const usage = podUsage(
      pod([
        {
          name: 'app',
          requests: { cpu: '250m', memory: '512Mi' },
          limits: { cpu: '500m', memory: '1Gi' },
        },
        { name: 'sidecar', requests: { cpu: '50m', memory: '64Mi' }, limits: { memory: '64Mi' } },
      ]),
      true,
    );
    expect(strings(usage)).toEqual({
      'count/pods': '1',
      pods: '1',
      cpu: '300m',
      'requests.cpu': '300m',
      'limits.cpu': '500m',
      memory: '576Mi',
      'requests.memory': '576Mi',
      'limits.memory': '1088Mi',
    });
  });

  it('charges the larger of the containers and an init container (PodRequests)', () => {
    const withInit = pod([{ name: 'app', requests: { cpu: '100m' } }], {
      initContainers: [{ name: 'migrate', image: 'm', resources: { requests: { cpu: '400m' } } }],
    });
    expect(formatQuantity(podUsage(withInit, true).get('requests.cpu') ?? ZERO)).toBe('400m');
  });

  it('charges only count/pods for a pod past its deletion grace period (QuotaV1Pod)', () => {
    expect(strings(podUsage(pod([{ name: 'app', requests: { cpu: '1' } }]), false))).toEqual({
      'count/pods': '1',
    });
  });

  it.each([
    // type, ports → nodeports, loadbalancers
    ['ClusterIP', 2, '0', '0'],
    ['NodePort', 2, '2', '0'],
    ['LoadBalancer', 1, '1', '1'],
  ] as const)(
    'charges a %s Service with %i ports %s node ports and %s load balancers',
    (type, n, nodePorts, lbs) => {
      const usage = serviceUsage({
        apiVersion: 'v1',
        kind: 'Service',
        metadata: { name: 's' },
        spec: { type, ports: Array.from({ length: n }, (_, i) => ({ port: 80 + i })) },
      });
      expect(strings(usage)).toMatchObject({
        services: '1',
        'services.nodeports': nodePorts,
        'services.loadbalancers': lbs,
      });
    },
  );

  it('charges a claim its storage, also under its storage class', () => {
    const claim: KubeObject = {
      apiVersion: 'v1',
      kind: 'PersistentVolumeClaim',
      metadata: { name: 'data' },
      spec: { storageClassName: 'standard', resources: { requests: { storage: '10Gi' } } },
    };
    expect(strings(claimUsage(claim))).toEqual({
      persistentvolumeclaims: '1',
      'count/persistentvolumeclaims': '1',
      'standard.storageclass.storage.k8s.io/persistentvolumeclaims': '1',
      'requests.storage': '10Gi',
      'standard.storageclass.storage.k8s.io/requests.storage': '10Gi',
    });
  });

  it.each([
    ['pods', 'Pod'],
    ['limits.memory', 'Pod'],
    ['requests.nvidia.com/gpu', 'Pod'],
    ['services.nodeports', 'Service'],
    ['requests.storage', 'PersistentVolumeClaim'],
    ['gold.storageclass.storage.k8s.io/requests.storage', 'PersistentVolumeClaim'],
    ['configmaps', 'ConfigMap'],
    ['count/deployments.apps', 'Deployment'],
    ['count/secrets', 'Secret'],
    ['count/widgets.example.com', undefined],
  ])('counts %s on %s objects', (resource, kind) => {
    expect(kindOfResource(resource)).toBe(kind);
  });

  it.each([
    // scope, pod facts → matches
    [{ scopeName: 'BestEffort', operator: 'Exists' }, { bestEffort: true }, true],
    [{ scopeName: 'NotBestEffort', operator: 'Exists' }, { bestEffort: true }, false],
    [{ scopeName: 'Terminating', operator: 'Exists' }, { terminating: false }, false],
    [
      { scopeName: 'PriorityClass', operator: 'In', values: ['high'] },
      { priorityClassName: 'high' },
      true,
    ],
    [
      { scopeName: 'PriorityClass', operator: 'NotIn', values: ['high'] },
      { priorityClassName: '' },
      true,
    ],
    [{ scopeName: 'PriorityClass', operator: 'Exists' }, { priorityClassName: '' }, false],
  ] as const)('scope %o with %o matches: %s', (scope, facts, expected) => {
    const all = {
      terminating: false,
      bestEffort: false,
      priorityClassName: '',
      crossNamespaceAffinity: false,
      ...facts,
    };
    expect(matchesScope(all, scope)).toBe(expected);
  });
});

describe('podConstraintError', () => {
  it.each([
    // containers, quota resources → message
    [[{ name: 'app', requests: { cpu: '1' } }], ['limits.cpu'], 'must specify limits.cpu for: app'],
    [[{ name: 'app', requests: { cpu: '1' } }], ['pods', 'requests.cpu'], undefined],
    [
      [{ name: 'web' }, { name: 'app', limits: { cpu: '1' } }],
      ['limits.cpu', 'requests.memory'],
      'must specify limits.cpu for: web; requests.memory for: app,web',
    ],
    [[{ name: 'app' }], ['pods', 'count/pods'], undefined],
  ])('containers %o under %o: %s', (containers, required, expected) => {
    expect(podConstraintError(pod(containers), required)).toBe(expected);
  });
});

describe('LimitRanger', () => {
  it.each([
    // item → defaulted item (SetDefaults_LimitRangeItem)
    [
      { type: 'Container', max: { cpu: '1' } },
      { type: 'Container', max: { cpu: '1' }, default: { cpu: '1' }, defaultRequest: { cpu: '1' } },
    ],
    [
      { type: 'Container', default: { memory: '512Mi' }, min: { cpu: '100m' } },
      {
        type: 'Container',
        default: { memory: '512Mi' },
        min: { cpu: '100m' },
        defaultRequest: { memory: '512Mi', cpu: '100m' },
      },
    ],
    [
      { type: 'Pod', max: { cpu: '2' } },
      { type: 'Pod', max: { cpu: '2' } },
    ],
  ])('defaults %o to %o', (item, expected) => {
    const copy = structuredClone(item) as LimitRangeItem;
    defaultLimitRangeItem(copy);
    expect(copy).toEqual(expected);
  });

  it.each([
    // item, container requests/limits → errors
    [
      { type: 'Container', min: { cpu: '100m' } },
      { requests: { cpu: '50m' } },
      ['minimum cpu usage per Container is 100m, but request is 50m'],
    ],
    [
      { type: 'Container', min: { cpu: '100m' } },
      {},
      ['minimum cpu usage per Container is 100m.  No request is specified'],
    ],
    [
      { type: 'Container', max: { memory: '1Gi' } },
      { requests: { memory: '1Gi' }, limits: { memory: '2Gi' } },
      ['maximum memory usage per Container is 1Gi, but limit is 2Gi'],
    ],
    [
      { type: 'Container', max: { memory: '1Gi' } },
      { requests: { memory: '1Gi' } },
      ['maximum memory usage per Container is 1Gi.  No limit is specified'],
    ],
    [
      { type: 'Container', maxLimitRequestRatio: { cpu: '2' } },
      { requests: { cpu: '100m' }, limits: { cpu: '500m' } },
      ['cpu max limit to request ratio per Container is 2, but provided ratio is 5.000000'],
    ],
    [
      { type: 'Container', maxLimitRequestRatio: { cpu: '2' } },
      { requests: { cpu: '100m' }, limits: { cpu: '200m' } },
      [],
    ],
    [
      { type: 'Pod', max: { cpu: '1' } },
      { requests: { cpu: '600m' }, limits: { cpu: '1200m' } },
      ['maximum cpu usage per Pod is 1, but limit is 1200m'],
    ],
  ])('checks %o against %o', (item, resources, expected) => {
    expect(podLimitErrors(pod([{ name: 'app', ...resources }]), [item as LimitRangeItem])).toEqual(
      expected,
    );
  });

  it.each([
    [['a'], 'a'],
    [['a', 'b', 'a'], '[a, b]'],
  ])('aggregates %o as %s (utilerrors.NewAggregate)', (errors, expected) => {
    expect(aggregate(errors)).toBe(expected);
  });
});
