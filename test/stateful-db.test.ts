import { Chart, Testing } from 'cdk8s';
import { StatefulDb } from '../lib/stateful-db';
import type { StatefulDbProps } from '../lib/stateful-db';
import type { INetworkPolicy } from 'kubernetes-models/networking.k8s.io/v1';
import { FakePeer, onlyOfKind, synthDb } from './engines/db-synth';
import type { Manifest } from './engines/db-synth';
import { expectValidKubernetesObjects } from './helpers/kube-schema';
import { expectAllRestricted, RESTRICTED_CONTAINER_CONTEXT } from './helpers/pss-restricted';

const POSTGRES: StatefulDbProps = { engine: 'postgres', passwordSecret: 'db-credentials' };

describe('StatefulDb: the StatefulSet', () => {
  test('runs one ordered pod with rolling updates by default', () => {
    // GIVEN / WHEN
    const { statefulSet } = synthDb(POSTGRES);
    // THEN
    expect(statefulSet.spec?.replicas).toBe(1);
    expect(statefulSet.spec?.podManagementPolicy).toBe('OrderedReady');
    expect(statefulSet.spec?.updateStrategy).toEqual({ type: 'RollingUpdate' });
  });

  test('never deletes volumes when the set is deleted or scaled down', () => {
    const { statefulSet } = synthDb(POSTGRES);
    expect(statefulSet.spec?.persistentVolumeClaimRetentionPolicy).toEqual({
      whenDeleted: 'Retain',
      whenScaled: 'Retain',
    });
  });

  test('gives each pod its own ReadWriteOnce claim named data of 10Gi from the default class', () => {
    const { statefulSet } = synthDb(POSTGRES);
    const templates = statefulSet.spec?.volumeClaimTemplates ?? [];
    expect(templates).toHaveLength(1);
    expect(templates[0].metadata?.name).toBe('data');
    expect(templates[0].spec?.accessModes).toEqual(['ReadWriteOnce']);
    expect(templates[0].spec?.resources?.requests).toEqual({ storage: '10Gi' });
    expect(templates[0].spec).not.toHaveProperty('storageClassName');
  });

  test('uses the given storage size and class', () => {
    const { statefulSet } = synthDb({
      ...POSTGRES,
      storage: { size: '50Gi', storageClassName: 'fast-ssd' },
    });
    const template = statefulSet.spec?.volumeClaimTemplates?.[0];
    expect(template?.spec?.resources?.requests).toEqual({ storage: '50Gi' });
    expect(template?.spec?.storageClassName).toBe('fast-ssd');
  });

  test('mounts the claim into the database container', () => {
    const { container } = synthDb(POSTGRES);
    expect(container.volumeMounts).toContainEqual(
      expect.objectContaining({ name: 'data', mountPath: '/var/lib/postgresql/data' }),
    );
  });

  test('runs the requested number of replicas', () => {
    const { statefulSet } = synthDb({ ...POSTGRES, replicas: 3 });
    expect(statefulSet.spec?.replicas).toBe(3);
  });

  test('selects exactly the pods its template labels', () => {
    const { statefulSet, db } = synthDb(POSTGRES);
    const selector = statefulSet.spec?.selector.matchLabels ?? {};
    expect(selector).toEqual(db.podSelectorLabels);
    expect(statefulSet.spec?.template.metadata?.labels).toEqual(expect.objectContaining(selector));
  });

  test('is governed by the headless Service', () => {
    const { statefulSet, service } = synthDb(POSTGRES);
    expect(statefulSet.spec?.serviceName).toBe(service.metadata?.name);
  });

  test('keeps its name short enough for the controller-revision-hash label', () => {
    // GIVEN a deep, long construct path
    const chart = new Chart(Testing.app(), 'a-very-long-chart-name-for-the-shop-backend-team');
    const db = new StatefulDb(chart, 'the-primary-orders-database-of-the-shop', POSTGRES);
    // THEN <name>-<10-char hash> fits a 63-character label value
    expect(db.statefulSet.name.length).toBeLessThanOrEqual(52);
  });

  test('neither mounts a service account token nor injects service-link env vars', () => {
    const { podSpec } = synthDb(POSTGRES);
    expect(podSpec.automountServiceAccountToken).toBe(false);
    expect(podSpec.enableServiceLinks).toBe(false);
  });
});

describe('StatefulDb: the headless Service', () => {
  test('has no cluster IP and selects the database pods on the engine port by name', () => {
    const { service, db } = synthDb(POSTGRES);
    expect(service.spec?.clusterIP).toBe('None');
    expect(service.spec?.selector).toEqual(db.podSelectorLabels);
    expect(service.spec?.ports).toEqual([
      { name: 'postgresql', port: 5432, targetPort: 'postgresql', protocol: 'TCP' },
    ]);
  });

  test('publishes only ready pods, since no preset does peer discovery', () => {
    const { service } = synthDb(POSTGRES);
    expect(service.spec?.publishNotReadyAddresses).toBeUndefined();
  });
});

describe('StatefulDb: connection details', () => {
  test('host is <service>.<namespace>.svc.cluster.local', () => {
    const { db, service } = synthDb(POSTGRES);
    expect(db.serviceName).toBe(service.metadata?.name);
    expect(db.host).toBe(`${service.metadata?.name}.shop.svc.cluster.local`);
    expect(db.namespace).toBe('shop');
  });

  test('name makes the host predictable and names every object', () => {
    const { db, manifests, secret } = synthDb({
      engine: 'postgres',
      password: 'x',
      name: 'orders-db',
    });
    expect(db.host).toBe('orders-db.shop.svc.cluster.local');
    expect(db.statefulSet.name).toBe('orders-db');
    expect(secret?.metadata?.name).toBe('orders-db-credentials');
    expect(manifests.filter((m) => m.kind !== 'Secret').map((m) => m.metadata.name)).toEqual([
      'orders-db',
      'orders-db',
      'orders-db',
      'orders-db',
    ]);
  });

  test('host uses the default namespace when the chart sets none', () => {
    const { db } = synthDb(POSTGRES, { namespace: null });
    expect(db.host).toBe(`${db.serviceName}.default.svc.cluster.local`);
  });

  test.each([
    ['postgres', 5432],
    ['mysql', 3306],
    ['redis', 6379],
  ] as const)('%s listens on %i', (engine, port) => {
    const { db, container } = synthDb({ engine, password: 'dev-only' });
    expect(db.port).toBe(port);
    expect(container.ports).toEqual([expect.objectContaining({ containerPort: port })]);
  });

  test('database and username default to app', () => {
    const { db } = synthDb(POSTGRES);
    expect(db.databaseName).toBe('app');
    expect(db.username).toBe('app');
    expect(db.passwordKey).toBe('password');
  });

  test('podHost names one pod through the governing Service', () => {
    const { db } = synthDb({ ...POSTGRES, replicas: 2 });
    expect(db.podHost(1)).toBe(`${db.statefulSet.name}-1.${db.serviceName}.shop.svc.cluster.local`);
  });

  test('fails when podHost is asked for a pod the set does not have', () => {
    const { db } = synthDb({ ...POSTGRES, replicas: 2 });
    expect(() => db.podHost(2)).toThrow(
      /podHost ordinal must be an integer between 0 and 1 \(got 2\)/,
    );
  });
});

describe('StatefulDb: the password', () => {
  test('a literal password goes into a Secret the pods read by key', () => {
    // GIVEN / WHEN
    const { secret, container, db } = synthDb({ engine: 'postgres', password: 'dev-only' });
    // THEN
    expect(secret?.stringData).toEqual({ password: 'dev-only' });
    expect(secret?.type).toBe('Opaque');
    expect(db.secretName).toBe(secret?.metadata?.name);
    const env = container.env?.find((e) => e.name === 'POSTGRES_PASSWORD');
    expect(env).toEqual({
      name: 'POSTGRES_PASSWORD',
      valueFrom: { secretKeyRef: { name: db.secretName, key: 'password' } },
    });
  });

  test('an existing Secret is referenced, never created', () => {
    const { manifests, db, container } = synthDb(POSTGRES);
    expect(manifests.filter((m) => m.kind === 'Secret')).toEqual([]);
    expect(db.secret).toBeUndefined();
    expect(db.secretName).toBe('db-credentials');
    expect(container.env).toContainEqual({
      name: 'POSTGRES_PASSWORD',
      valueFrom: { secretKeyRef: { name: 'db-credentials', key: 'password' } },
    });
  });

  test('reads the password from a custom key', () => {
    const { container, db } = synthDb({ ...POSTGRES, passwordKey: 'pg-password' });
    expect(db.passwordKey).toBe('pg-password');
    expect(container.env).toContainEqual({
      name: 'POSTGRES_PASSWORD',
      valueFrom: { secretKeyRef: { name: 'db-credentials', key: 'pg-password' } },
    });
  });

  test('no env var carries the password literally', () => {
    const { container } = synthDb({ engine: 'mysql', password: 'dev-only' });
    expect(JSON.stringify(container)).not.toContain('dev-only');
  });
});

describe('StatefulDb: the NetworkPolicy', () => {
  test('selects the database pods and restricts ingress', () => {
    const { networkPolicy, db } = synthDb(POSTGRES);
    expect(networkPolicy.spec?.podSelector).toEqual({ matchLabels: db.podSelectorLabels });
    expect(networkPolicy.spec?.policyTypes).toEqual(['Ingress']);
  });

  test('lets only the set’s own pods in when nothing is connected', () => {
    const { networkPolicy, db } = synthDb(POSTGRES);
    expect(networkPolicy.spec?.ingress).toEqual([
      { from: [{ podSelector: { matchLabels: db.podSelectorLabels } }] },
    ]);
  });

  test('allowFrom a peer in the same namespace admits its pods on the database port only', () => {
    // GIVEN
    const { networkPolicy } = synthDb(POSTGRES, {
      configure: (db, chart) => db.allowFrom(new FakePeer(chart, 'api', { app: 'api' })),
    });
    // THEN
    expect(networkPolicy.spec?.ingress?.[1]).toEqual({
      from: [{ podSelector: { matchLabels: { app: 'api' } } }],
      ports: [{ protocol: 'TCP', port: 5432 }],
    });
  });

  test('allowFrom a peer in another namespace also matches that namespace by name', () => {
    const { networkPolicy } = synthDb(POSTGRES, {
      configure: (db, chart) => db.allowFrom(new FakePeer(chart, 'api', { app: 'api' }, 'web')),
    });
    expect(networkPolicy.spec?.ingress?.[1].from).toEqual([
      {
        podSelector: { matchLabels: { app: 'api' } },
        namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'web' } },
      },
    ]);
  });

  test('the allowFrom prop and repeated calls for the same peer give one entry per peer', () => {
    // GIVEN a peer passed as a prop and again by call, plus a second peer
    const chart = new Chart(Testing.app(), 'shop', { namespace: 'shop' });
    const api = new FakePeer(chart, 'api', { app: 'api' });
    const worker = new FakePeer(chart, 'worker', { app: 'worker' });
    const db = new StatefulDb(chart, 'db', { ...POSTGRES, allowFrom: [api] });
    db.allowFrom(api);
    db.allowFrom(worker);
    // WHEN
    const policy = onlyOfKind<INetworkPolicy>(Testing.synth(chart) as Manifest[], 'NetworkPolicy');
    // THEN
    expect(policy.spec?.ingress?.[1].from).toEqual([
      { podSelector: { matchLabels: { app: 'api' } } },
      { podSelector: { matchLabels: { app: 'worker' } } },
    ]);
  });

  test('uses the engine port in the rule', () => {
    const { networkPolicy } = synthDb(
      { engine: 'redis' },
      { configure: (db, chart) => db.allowFrom(new FakePeer(chart, 'api', { app: 'api' })) },
    );
    expect(networkPolicy.spec?.ingress?.[1].ports).toEqual([{ protocol: 'TCP', port: 6379 }]);
  });
});

describe('StatefulDb: the PodDisruptionBudget', () => {
  test('lets at most one database pod be evicted at a time', () => {
    const { pdb, db } = synthDb({ ...POSTGRES, replicas: 3 });
    expect(pdb.apiVersion).toBe('policy/v1');
    expect(pdb.spec?.maxUnavailable).toBe(1);
    expect(pdb.spec?.selector).toEqual({ matchLabels: db.podSelectorLabels });
  });
});

describe('StatefulDb: security', () => {
  test('the pod is PSS restricted and runs as the image’s own user', () => {
    const { podSpec } = synthDb(POSTGRES);
    expect(podSpec.securityContext).toEqual({
      runAsNonRoot: true,
      runAsUser: 999,
      runAsGroup: 999,
      fsGroup: 999,
      fsGroupChangePolicy: 'OnRootMismatch',
      seccompProfile: { type: 'RuntimeDefault' },
    });
  });

  test('the container drops every capability and has a read-only root filesystem', () => {
    const { container } = synthDb(POSTGRES);
    expect(container.securityContext).toEqual(RESTRICTED_CONTAINER_CONTEXT);
  });

  test('passes every check of the restricted profile', () => {
    expect(expectAllRestricted(synthDb(POSTGRES).manifests)).toBe(1);
  });

  test('securityContext overrides replace the image user', () => {
    const { podSpec } = synthDb({
      ...POSTGRES,
      securityContext: { runAsUser: 2000, fsGroup: 3000 },
    });
    expect(podSpec.securityContext).toEqual(
      expect.objectContaining({ runAsUser: 2000, runAsGroup: 999, fsGroup: 3000 }),
    );
  });
});

describe('StatefulDb: resources', () => {
  test('requests CPU and memory and caps memory but not CPU by default', () => {
    const { container } = synthDb(POSTGRES);
    expect(container.resources).toEqual({
      requests: { cpu: '250m', memory: '256Mi' },
      limits: { memory: '1Gi' },
    });
  });

  test('uses the given requests and limits', () => {
    const { container } = synthDb({
      ...POSTGRES,
      resources: { cpu: { request: '1', limit: '2' }, memory: { request: '2Gi', limit: '4Gi' } },
    });
    expect(container.resources).toEqual({
      requests: { cpu: '1', memory: '2Gi' },
      limits: { cpu: '2', memory: '4Gi' },
    });
  });

  test('raises the default memory limit to a larger request', () => {
    const { container } = synthDb({ ...POSTGRES, resources: { memory: { request: '2Gi' } } });
    expect(container.resources?.limits).toEqual({ memory: '2Gi' });
  });

  test('lowers the default memory request to a smaller limit', () => {
    const { container } = synthDb({ ...POSTGRES, resources: { memory: { limit: '128Mi' } } });
    expect(container.resources?.requests).toEqual({ cpu: '250m', memory: '128Mi' });
  });
});

describe('StatefulDb: images', () => {
  test.each([
    ['postgres', 'postgres:16'],
    ['mysql', 'mysql:8.4'],
    ['redis', 'redis:7.4'],
  ] as const)('%s runs the official image %s by default', (engine, image) => {
    const { container, db } = synthDb({ engine, password: 'dev-only' });
    expect(container.image).toBe(image);
    expect(db.image).toBe(image);
  });

  test('version picks the tag', () => {
    const { container } = synthDb({ ...POSTGRES, version: '17.2' });
    expect(container.image).toBe('postgres:17.2');
  });

  test('image replaces the whole reference, e.g. a mirror', () => {
    const { container } = synthDb({
      ...POSTGRES,
      image: 'registry.example.com/library/postgres:16.4',
    });
    expect(container.image).toBe('registry.example.com/library/postgres:16.4');
  });
});

describe('StatefulDb: construct contract', () => {
  test('child ids are Resource, Service, Secret, NetworkPolicy and PodDisruptionBudget', () => {
    const { db } = synthDb({ engine: 'postgres', password: 'dev-only' });
    expect(db.node.findChild('Resource')).toBe(db.statefulSet);
    expect(db.node.findChild('Service')).toBe(db.service);
    expect(db.node.findChild('Secret')).toBe(db.secret);
    expect(db.node.findChild('NetworkPolicy')).toBe(db.networkPolicy);
    expect(db.node.findChild('PodDisruptionBudget')).toBe(db.podDisruptionBudget);
  });

  test('every object carries the standard labels and the chart namespace', () => {
    const { manifests } = synthDb({ engine: 'postgres', password: 'dev-only' });
    expect(manifests).toHaveLength(5);
    for (const manifest of manifests) {
      expect(manifest.metadata.namespace).toBe('shop');
      expect(manifest).toEqual(
        expect.objectContaining({
          metadata: expect.objectContaining({
            labels: expect.objectContaining({
              'app.kubernetes.io/component': 'database',
              'app.kubernetes.io/managed-by': 'bosun',
            }),
          }),
        }),
      );
    }
  });

  test.each([
    ['postgres', { engine: 'postgres', password: 'dev-only', replicas: 2 }],
    ['mysql', { engine: 'mysql', passwordSecret: 'db', storage: { storageClassName: 'standard' } }],
    ['redis', { engine: 'redis' }],
    ['redis with a password', { engine: 'redis', password: 'dev-only' }],
  ] as [string, StatefulDbProps][])(
    '%s synthesizes objects valid against the Kubernetes schemas',
    (_, props) => {
      const { manifests } = synthDb(props, {
        configure: (db, chart) => db.allowFrom(new FakePeer(chart, 'api', { app: 'api' }, 'web')),
      });
      expect(() => expectValidKubernetesObjects(manifests)).not.toThrow();
    },
  );

  test('synthesizes the same YAML every time', () => {
    const props: StatefulDbProps = { engine: 'mysql', password: 'dev-only', replicas: 2 };
    expect(synthDb(props).manifests).toEqual(synthDb(props).manifests);
  });
});

describe('StatefulDb: bad input', () => {
  const fails = (props: Partial<StatefulDbProps> & Record<string, unknown>): (() => void) => {
    return () => synthDb(props as StatefulDbProps);
  };

  test('fails on an unknown engine', () => {
    expect(fails({ engine: 'mongodb' as never, password: 'x' })).toThrow(
      /shop\/db: engine must be one of 'postgres', 'mysql', 'redis' \(got 'mongodb'\)/,
    );
  });

  test.each(['postgres', 'mysql'] as const)('fails when %s has no credentials', (engine) => {
    expect(fails({ engine })).toThrow(
      new RegExp(`shop/db: ${engine} needs credentials: set passwordSecret .* or password`),
    );
  });

  test('fails when both password and passwordSecret are given', () => {
    expect(fails({ engine: 'redis', password: 'x', passwordSecret: 'db' })).toThrow(
      /password and passwordSecret are mutually exclusive/,
    );
  });

  test('fails on an empty password', () => {
    expect(fails({ engine: 'postgres', password: '' })).toThrow(
      /password must be a non-empty string/,
    );
  });

  test.each([0, -1, 1.5])('fails when replicas is %p', (replicas) => {
    expect(fails({ ...POSTGRES, replicas })).toThrow(
      new RegExp(`replicas must be an integer >= 1 \\(got ${replicas}\\)`),
    );
  });

  test.each(['ten', '10 Gi', '10GB'])('fails on the malformed storage size %p', (size) => {
    expect(fails({ ...POSTGRES, storage: { size } })).toThrow(
      /storage\.size must be a Kubernetes quantity/,
    );
  });

  test('fails on a zero storage size', () => {
    expect(fails({ ...POSTGRES, storage: { size: '0' } })).toThrow(
      /storage\.size must be greater than zero \(got '0'\)/,
    );
  });

  test.each(['Fast_SSD', '-fast', 'fast.'])(
    'fails on the storage class name %p',
    (storageClassName) => {
      expect(fails({ ...POSTGRES, storage: { storageClassName } })).toThrow(
        /storage\.storageClassName must be a DNS-1123 subdomain/,
      );
    },
  );

  test('fails on a name that is not a DNS-1123 label', () => {
    expect(fails({ ...POSTGRES, name: 'Orders_DB' })).toThrow(/name must be a DNS-1123 label/);
  });

  test('fails on a name too long for the pods’ revision label', () => {
    expect(fails({ ...POSTGRES, name: 'd'.repeat(53) })).toThrow(
      /name must be at most 52 characters: .* \(got 'd{53}', 53 characters\)/,
    );
  });

  test('fails on a passwordSecret that cannot name a Secret', () => {
    expect(fails({ engine: 'postgres', passwordSecret: 'DB Credentials' })).toThrow(
      /passwordSecret must be a DNS-1123 subdomain/,
    );
  });

  test('fails on a passwordKey that cannot be a Secret key', () => {
    expect(fails({ ...POSTGRES, passwordKey: 'pass word' })).toThrow(
      /passwordKey must be a Secret key/,
    );
  });

  test.each(['16 alpine', '.16', ''])('fails on the version %p', (version) => {
    expect(fails({ ...POSTGRES, version })).toThrow(/version must be an image tag/);
  });

  test('fails when both image and version are given', () => {
    expect(fails({ ...POSTGRES, version: '16', image: 'postgres:16' })).toThrow(
      /image and version are mutually exclusive/,
    );
  });

  test('fails when resources request more than their limit', () => {
    expect(fails({ ...POSTGRES, resources: { memory: { request: '2Gi', limit: '1Gi' } } })).toThrow(
      /resources\.memory\.request must not exceed resources\.memory\.limit/,
    );
  });

  test('fails when securityContext asks for root without saying so', () => {
    expect(fails({ ...POSTGRES, securityContext: { runAsUser: 0 } })).toThrow(
      /securityContext\.runAsUser 0 \(root\) needs securityContext\.runAsNonRoot set to false/,
    );
  });

  test('fails on a prop it does not take, naming the ones it does', () => {
    expect(fails({ ...POSTGRES, security: { runAsUser: 2000 } })).toThrow(
      /^shop\/db: props takes only 'engine', .*'securityContext' \(got 'security'\)$/,
    );
  });

  test('fails on a Kubernetes-shaped securityContext field it does not take', () => {
    expect(fails({ ...POSTGRES, securityContext: { privileged: true } as never })).toThrow(
      /securityContext takes only 'runAsUser', .* \(got 'privileged'\)/,
    );
  });

  test('fails on Kubernetes-shaped resources, which would otherwise be ignored', () => {
    expect(fails({ ...POSTGRES, resources: { limits: { memory: '1Gi' } } as never })).toThrow(
      /resources takes only 'cpu', 'memory' \(got 'limits'\)/,
    );
  });

  test.each<[string, Record<string, unknown>, RegExp]>([
    // what a JavaScript caller passed → message
    [
      'replicas as a string',
      { replicas: '3' },
      /replicas must be an integer >= 1 \(got string '3'\)/,
    ],
    [
      'storage as a string',
      { storage: '10Gi' },
      /storage must be an object such as \{ size: '10Gi' \} \(got string '10Gi'\)/,
    ],
    [
      'an unknown storage field',
      { storage: { capacity: '10Gi' } },
      /storage takes only 'size', 'storageClassName' \(got 'capacity'\)/,
    ],
    ['a numeric database name', { database: 5 }, /database must be a string \(got number 5\)/],
    ['allowFrom as a name', { allowFrom: 'api' }, /allowFrom must be a list \(got string 'api'\)/],
    [
      'an allowFrom entry that is not a workload',
      { allowFrom: [{}] },
      /allowFrom\[0\] must be a WebApp or another IPodSelectable with podSelectorLabels and a namespace \(got an object \{\}\)/,
    ],
  ])('fails on %s with a message, not a TypeError', (_name, props, message) => {
    expect(fails({ ...POSTGRES, ...props })).toThrow(message);
  });

  test('fails on missing props with a message, not a TypeError', () => {
    const chart = new Chart(Testing.app(), 'shop');
    expect(() => new StatefulDb(chart, 'db', undefined as unknown as StatefulDbProps)).toThrow(
      /^shop\/db: props must be an object with at least 'engine' \(got undefined\)$/,
    );
  });

  test('fails on allowFrom(undefined) with a message, not a TypeError', () => {
    const { db } = synthDb(POSTGRES);
    expect(() => db.allowFrom(undefined as never)).toThrow(
      /^shop\/db: allowFrom must be a WebApp or another IPodSelectable .* \(got undefined\)$/,
    );
  });

  test('fails on rootPasswordKey for an engine other than mysql', () => {
    expect(fails({ ...POSTGRES, rootPasswordKey: 'root' })).toThrow(
      /rootPasswordKey is only for engine 'mysql' \(got engine 'postgres'\)/,
    );
  });

  test('fails on rootPasswordKey with a literal password', () => {
    expect(fails({ engine: 'mysql', password: 'x', rootPasswordKey: 'root' })).toThrow(
      /rootPasswordKey needs passwordSecret/,
    );
  });
});

describe.each([
  ['postgres', 5432, 'postgresql', '/var/lib/postgresql/data'],
  ['mysql', 3306, 'mysql', '/var/lib/mysql'],
  ['redis', 6379, 'redis', '/data'],
] as const)('StatefulDb with engine %s', (engine, port, portName, dataPath) => {
  const synth = (): ReturnType<typeof synthDb> =>
    synthDb(
      { engine, password: 'dev-only', replicas: 2 },
      { configure: (db, chart) => db.allowFrom(new FakePeer(chart, 'api', { app: 'api' })) },
    );

  test('is an ordered StatefulSet with a retained claim per pod mounted at the data path', () => {
    const { statefulSet, container } = synth();
    expect(statefulSet.spec).toEqual(
      expect.objectContaining({
        replicas: 2,
        podManagementPolicy: 'OrderedReady',
        updateStrategy: { type: 'RollingUpdate' },
        persistentVolumeClaimRetentionPolicy: { whenDeleted: 'Retain', whenScaled: 'Retain' },
      }),
    );
    expect(statefulSet.spec?.volumeClaimTemplates?.[0].metadata?.name).toBe('data');
    expect(container.volumeMounts?.[0]).toEqual({ name: 'data', mountPath: dataPath });
  });

  test('is reached through a headless Service and the NetworkPolicy on its port', () => {
    const { service, networkPolicy, container } = synth();
    expect(service.spec?.clusterIP).toBe('None');
    expect(service.spec?.ports?.[0]).toEqual(
      expect.objectContaining({ name: portName, port, targetPort: portName }),
    );
    expect(container.ports).toEqual([{ name: portName, containerPort: port, protocol: 'TCP' }]);
    expect(networkPolicy.spec?.ingress?.[1].ports).toEqual([{ protocol: 'TCP', port }]);
  });

  test('has liveness, readiness and startup probes, startup the most patient', () => {
    const { container } = synth();
    const window = (p: { periodSeconds?: number; failureThreshold?: number } | undefined): number =>
      (p?.periodSeconds ?? 0) * (p?.failureThreshold ?? 0);
    expect(container.livenessProbe?.exec).toBeDefined();
    expect(container.readinessProbe?.exec).toBeDefined();
    expect(window(container.startupProbe)).toBeGreaterThanOrEqual(300);
    expect(window(container.livenessProbe)).toBeGreaterThanOrEqual(60);
  });

  test('is PSS restricted with a read-only root filesystem', () => {
    const { manifests, container } = synth();
    expect(expectAllRestricted(manifests)).toBe(1);
    expect(container.securityContext).toEqual(RESTRICTED_CONTAINER_CONTEXT);
  });

  test('has a PodDisruptionBudget of one', () => {
    expect(synth().pdb.spec?.maxUnavailable).toBe(1);
  });
});
