/**
 * @module
 * `StatefulDb`: PostgreSQL, MySQL or Redis on a StatefulSet with one PersistentVolumeClaim per
 * pod, a headless Service, an optional development Secret, a NetworkPolicy and a
 * PodDisruptionBudget. Built on the generated `k8s.Kube*` classes: cdk8s-plus-28's StatefulSet
 * has no volumeClaimTemplates, and JSON patches on it are mangled (cdk8s#1184).
 */
import { Lazy, Names } from 'cdk8s';
import { k8s } from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { checkPodSelectable } from './connection';
import type { IConnectableDatabase, IPodSelectable } from './connection';
import type { DatabaseEngine, StatefulDbEngine } from './engines';
import { namespaceOf, selectorLabels, standardLabels } from './labels';
import { restrictedContainerSecurityContext, restrictedPodSecurityContext } from './security';
import { checkStatefulDbProps, MAX_NAME } from './stateful-db-checks';
import { checkInteger } from './validate';
import type { StatefulDbProps } from './stateful-db-props';
import { resolveResources, toKubeResources } from './resources';
import type { ContainerResources } from './resources';

export type { DatabaseStorage, StatefulDbProps } from './stateful-db-props';
export type { StatefulDbEngine } from './engines';

/** Name of the volumeClaimTemplate; PVCs are `data-<statefulset>-<ordinal>`. */
export const DATA_VOLUME = 'data';

/** Storage size when `storage.size` is not given. */
export const DEFAULT_STORAGE_SIZE = '10Gi';

/** Key of the password in the Secret when `passwordKey` is not given. */
export const DEFAULT_PASSWORD_KEY = 'password';

/**
 * Database container resources when none are given. No CPU limit: CFS throttling stalls a
 * database mid-transaction, holding locks; memory is capped so one pod cannot starve a node.
 */
export const DEFAULT_DATABASE_RESOURCES: ContainerResources = {
  cpu: { request: '250m' },
  memory: { request: '256Mi', limit: '1Gi' },
};

/** A database on a StatefulSet that WebApps can `connectTo`. */
export class StatefulDb extends Construct implements IConnectableDatabase, IPodSelectable {
  /** The StatefulSet running the database pods (child id `Resource`). */
  public readonly statefulSet: k8s.KubeStatefulSet;
  /** The headless Service governing the set; gives pods stable DNS names. */
  public readonly service: k8s.KubeService;
  /** The Secret holding a literal `password`; undefined when `passwordSecret` names one. */
  public readonly secret?: k8s.KubeSecret;
  /** Lets the set's own pods and `allowFrom` peers reach the database port; nothing else. */
  public readonly networkPolicy: k8s.KubeNetworkPolicy;
  /** Keeps voluntary evictions (drains) to one pod at a time. */
  public readonly podDisruptionBudget: k8s.KubePodDisruptionBudget;
  /** The engine preset in use. */
  public readonly engine: StatefulDbEngine;
  /** Image the pods run. */
  public readonly image: string;
  /** Number of pods. */
  public readonly replicas: number;
  /** Database created on first start (undefined for Redis). */
  public readonly databaseName?: string;
  /** User created on first start (undefined for Redis). */
  public readonly username?: string;
  /** Secret holding the password; undefined for a Redis without a password. */
  public readonly secretName?: string;
  /** Key of the password inside `secretName`. */
  public readonly passwordKey: string;
  /** Namespace the database runs in (the chart's, `default` when it sets none). */
  public readonly namespace: string;
  /** Labels every database pod carries (the NetworkPolicy and PDB select by them). */
  public readonly podSelectorLabels: Readonly<Record<string, string>>;

  readonly #preset: DatabaseEngine;
  readonly #peers = new Map<string, k8s.NetworkPolicyPeer>();

  constructor(scope: Construct, id: string, props: StatefulDbProps) {
    super(scope, id);
    const preset = checkStatefulDbProps(this, props);
    this.#preset = preset;
    this.engine = preset.name;
    this.image = props.image ?? `${preset.repository}:${props.version ?? preset.defaultVersion}`;
    this.replicas = props.replicas ?? 1;
    this.databaseName = preset.hasDatabaseAndUser ? (props.database ?? 'app') : undefined;
    this.username = preset.hasDatabaseAndUser ? (props.username ?? 'app') : undefined;
    this.passwordKey = props.passwordKey ?? DEFAULT_PASSWORD_KEY;
    this.namespace = namespaceOf(this);
    this.podSelectorLabels = selectorLabels(this);

    const name = props.name ?? Names.toDnsLabel(this, { maxLen: MAX_NAME });
    const labels = standardLabels(this, 'database');

    if (props.password !== undefined) {
      this.secret = new k8s.KubeSecret(this, 'Secret', {
        metadata: { name: `${name}-credentials`, labels },
        type: 'Opaque',
        stringData: { [this.passwordKey]: props.password },
      });
    }
    this.secretName = this.secret ? this.secret.name : props.passwordSecret;

    this.service = new k8s.KubeService(this, 'Service', {
      metadata: { name, labels },
      spec: {
        // Headless: DNS gives each pod a stable name (`<pod>.<service>`). No preset sets up
        // peer discovery, so not-ready pods are not published.
        clusterIp: 'None',
        selector: { ...this.podSelectorLabels },
        ports: [
          {
            name: preset.portName,
            port: preset.port,
            targetPort: k8s.IntOrString.fromString(preset.portName),
            protocol: 'TCP',
          },
        ],
      },
    });

    this.statefulSet = new k8s.KubeStatefulSet(this, 'Resource', {
      metadata: { name, labels },
      spec: {
        serviceName: name,
        replicas: this.replicas,
        selector: { matchLabels: { ...this.podSelectorLabels } },
        podManagementPolicy: 'OrderedReady',
        updateStrategy: { type: 'RollingUpdate' },
        // Deleting the set or scaling it down never deletes a volume: data outlives pods.
        persistentVolumeClaimRetentionPolicy: { whenDeleted: 'Retain', whenScaled: 'Retain' },
        template: {
          metadata: { labels },
          spec: this.#podSpec(props),
        },
        volumeClaimTemplates: [
          {
            metadata: { name: DATA_VOLUME, labels },
            spec: {
              accessModes: ['ReadWriteOnce'],
              ...(props.storage?.storageClassName
                ? { storageClassName: props.storage.storageClassName }
                : {}),
              resources: {
                requests: {
                  storage: k8s.Quantity.fromString(props.storage?.size ?? DEFAULT_STORAGE_SIZE),
                },
              },
            },
          },
        ],
      },
    });

    this.podDisruptionBudget = new k8s.KubePodDisruptionBudget(this, 'PodDisruptionBudget', {
      metadata: { name, labels },
      spec: {
        maxUnavailable: k8s.IntOrString.fromNumber(1),
        selector: { matchLabels: { ...this.podSelectorLabels } },
      },
    });

    this.networkPolicy = new k8s.KubeNetworkPolicy(this, 'NetworkPolicy', {
      metadata: { name, labels },
      spec: {
        podSelector: { matchLabels: { ...this.podSelectorLabels } },
        policyTypes: ['Ingress'],
        ingress: Lazy.any({ produce: () => this.#ingressRules() }),
      },
    });

    for (const peer of props.allowFrom ?? []) this.allowFrom(peer);
  }

  /** The headless Service's name. */
  public get serviceName(): string {
    return this.service.name;
  }

  /** DNS name clients use: `<service>.<namespace>.svc.cluster.local`. */
  public get host(): string {
    return `${this.serviceName}.${this.namespace}.svc.cluster.local`;
  }

  /** Port the engine listens on: 5432, 3306 or 6379. */
  public get port(): number {
    return this.#preset.port;
  }

  /** DNS name of one pod, `<statefulset>-<ordinal>.<service>.<namespace>.svc.cluster.local`. */
  public podHost(ordinal: number): string {
    checkInteger(this, 'podHost ordinal', ordinal, 0, this.replicas - 1);
    return `${this.statefulSet.name}-${ordinal}.${this.host}`;
  }

  /**
   * Let `peer`'s pods reach the database port. A peer in another namespace is matched by its
   * namespace's `kubernetes.io/metadata.name` label, which the API server sets on every namespace.
   * Adding the same peer twice adds one rule.
   */
  public allowFrom(peer: IPodSelectable): void {
    checkPodSelectable(this, 'allowFrom', peer);
    const sameNamespace = peer.namespace === this.namespace;
    const entry: k8s.NetworkPolicyPeer = {
      podSelector: { matchLabels: { ...peer.podSelectorLabels } },
      ...(sameNamespace
        ? {}
        : {
            namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': peer.namespace } },
          }),
    };
    this.#peers.set(JSON.stringify(entry), entry);
  }

  #ingressRules(): k8s.NetworkPolicyIngressRule[] {
    const rules: k8s.NetworkPolicyIngressRule[] = [
      // Members of the set reach each other on any port, for replication you configure yourself.
      { from: [{ podSelector: { matchLabels: { ...this.podSelectorLabels } } }] },
    ];
    if (this.#peers.size > 0) {
      rules.push({
        from: [...this.#peers.values()],
        ports: [{ protocol: 'TCP', port: k8s.IntOrString.fromNumber(this.#preset.port) }],
      });
    }
    return rules;
  }

  #podSpec(props: StatefulDbProps): k8s.PodSpec {
    const preset = this.#preset;
    const user = preset.imageUser(this.image);
    const container = preset.container({
      database: this.databaseName,
      username: this.username,
      secretName: this.secretName,
      passwordKey: this.passwordKey,
      rootPasswordKey: props.rootPasswordKey ?? this.passwordKey,
    });
    const scratch = preset.scratchPaths.map((path) => ({ name: scratchVolumeName(path), path }));
    return {
      // The database never talks to the Kubernetes API, and service-link env vars
      // (`<SERVICE>_PORT=tcp://...`) can collide with the image's own (e.g. POSTGRES_PORT).
      automountServiceAccountToken: false,
      enableServiceLinks: false,
      terminationGracePeriodSeconds: preset.terminationGracePeriodSeconds,
      securityContext: {
        // The image's own user, so files it created in the image and on the volume match;
        // fsGroup makes the fresh volume writable by that group.
        ...restrictedPodSecurityContext({
          runAsUser: user.uid,
          runAsGroup: user.gid,
          fsGroup: user.gid,
          ...props.securityContext,
        }),
        // Skip the recursive chown of a large data volume on every start once it is right.
        fsGroupChangePolicy: 'OnRootMismatch',
      },
      containers: [
        {
          name: preset.name,
          image: this.image,
          ...(container.args ? { args: container.args } : {}),
          env: container.env,
          ports: [{ name: preset.portName, containerPort: preset.port, protocol: 'TCP' }],
          resources: toKubeResources(resolveResources(props.resources, DEFAULT_DATABASE_RESOURCES)),
          securityContext: restrictedContainerSecurityContext(props.securityContext),
          volumeMounts: [
            { name: DATA_VOLUME, mountPath: preset.dataMountPath },
            ...scratch.map((s) => ({ name: s.name, mountPath: s.path })),
          ],
          livenessProbe: container.livenessProbe,
          readinessProbe: container.readinessProbe,
          startupProbe: container.startupProbe,
        },
      ],
      ...(scratch.length > 0
        ? { volumes: scratch.map((s) => ({ name: s.name, emptyDir: {} })) }
        : {}),
    };
  }
}

/** `/var/run/postgresql` → `var-run-postgresql`: a volume name (DNS label) from a path. */
export function scratchVolumeName(path: string): string {
  return path
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 63);
}
