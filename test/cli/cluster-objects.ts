/**
 * @module
 * A small simulated cluster, made by hand, for the report and topology tests: an Ingress to
 * a Service `web` (and to a Service `admin` that does not exist), Deployment `web` with two
 * pods through a ReplicaSet, an HPA on it, StatefulSet `db` with pod `db-0` and its PVC, and
 * the Events of the rollout.
 */
import type { AnyObject } from '../../lib/cli/views';
import type { Problem } from '../../lib/sim/types';

/** Virtual time zero. */
export const START = '2024-01-01T00:00:00Z';
/** Virtual time at the end. */
export const NOW = '2024-01-01T00:01:00Z';

const at = (s: number) => new Date(Date.parse(START) + s * 1000).toISOString();

function pod(
  name: string,
  owner: { kind: string; name: string; uid: string },
  labels: Record<string, string>,
  ready: boolean,
  extra: Record<string, unknown> = {},
): AnyObject {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name,
      namespace: 'default',
      uid: `uid-${name}`,
      labels,
      creationTimestamp: at(1),
      ownerReferences: [{ apiVersion: 'apps/v1', ...owner, controller: true }],
    },
    spec: { containers: [{ name: 'app', image: 'app:1' }], nodeName: 'node-1', ...extra },
    status: {
      phase: ready ? 'Running' : 'Pending',
      containerStatuses: [
        {
          name: 'app',
          image: 'app:1',
          ready,
          restartCount: 0,
          state: ready ? { running: {} } : { waiting: { reason: 'ImagePullBackOff' } },
        },
      ],
    },
  };
}

function event(
  name: string,
  involved: { kind: string; name: string },
  reason: string,
  message: string,
  first: number,
  last = first,
  type = 'Normal',
): AnyObject {
  return {
    apiVersion: 'v1',
    kind: 'Event',
    metadata: { name, namespace: 'default' },
    involvedObject: { ...involved, namespace: 'default' },
    reason,
    message,
    type,
    count: 1,
    firstTimestamp: at(first),
    lastTimestamp: at(last),
  } as AnyObject;
}

const web = { kind: 'Deployment', name: 'web', uid: 'uid-web' };
const rs = { kind: 'ReplicaSet', name: 'web-5d9c7', uid: 'uid-rs' };
const db = { kind: 'StatefulSet', name: 'db', uid: 'uid-db' };

/** Every object in the cluster. */
export const OBJECTS: AnyObject[] = [
  {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'Ingress',
    metadata: { name: 'edge', namespace: 'default', creationTimestamp: at(0) },
    spec: {
      ingressClassName: 'nginx',
      rules: [
        {
          host: 'example.com',
          http: {
            paths: [
              {
                path: '/',
                pathType: 'Prefix',
                backend: { service: { name: 'web', port: { number: 80 } } },
              },
              {
                path: '/admin',
                pathType: 'Prefix',
                backend: { service: { name: 'admin', port: { number: 80 } } },
              },
            ],
          },
        },
      ],
    },
  },
  {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: 'web', namespace: 'default', creationTimestamp: at(0) },
    spec: { selector: { app: 'web' }, ports: [{ port: 80 }] },
  },
  {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'web', namespace: 'default', uid: 'uid-web', creationTimestamp: at(0) },
    spec: {
      replicas: 2,
      selector: { matchLabels: { app: 'web' } },
      template: { metadata: { labels: { app: 'web' } }, spec: { containers: [] } },
    },
  },
  {
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: {
      name: 'web-5d9c7',
      namespace: 'default',
      uid: 'uid-rs',
      creationTimestamp: at(0),
      ownerReferences: [{ apiVersion: 'apps/v1', ...web, controller: true }],
    },
    spec: {
      replicas: 2,
      selector: {},
      template: { metadata: { labels: { app: 'web' } }, spec: { containers: [] } },
    },
  },
  pod('web-5d9c7-aaaaa', rs, { app: 'web' }, true),
  pod('web-5d9c7-bbbbb', rs, { app: 'web' }, false),
  {
    apiVersion: 'autoscaling/v2',
    kind: 'HorizontalPodAutoscaler',
    metadata: { name: 'web', namespace: 'default', creationTimestamp: at(0) },
    spec: { scaleTargetRef: { kind: 'Deployment', name: 'web' }, maxReplicas: 4 },
  },
  {
    apiVersion: 'apps/v1',
    kind: 'StatefulSet',
    metadata: { name: 'db', namespace: 'default', uid: 'uid-db', creationTimestamp: at(0) },
    spec: { replicas: 1, template: { metadata: { labels: { app: 'db' } } } },
  },
  pod('db-0', db, { app: 'db' }, true, {
    volumes: [{ name: 'data', persistentVolumeClaim: { claimName: 'data-db-0' } }],
  }),
  {
    apiVersion: 'v1',
    kind: 'PersistentVolumeClaim',
    metadata: { name: 'data-db-0', namespace: 'default', creationTimestamp: at(1) },
    spec: { storageClassName: 'standard', volumeName: 'pvc-1' },
    status: { phase: 'Bound' },
  },
  event('e1', web, 'ScalingReplicaSet', 'Scaled up replica set web-5d9c7 to 2', 0),
  event(
    'e2',
    { kind: 'Pod', name: 'web-5d9c7-bbbbb' },
    'Failed',
    'Error: ImagePullBackOff | retrying',
    2,
    40,
    'Warning',
  ),
  event('e3', { kind: 'Pod', name: 'db-0' }, 'Started', 'Started container app', 5),
];

/** The problems the simulator would report for it. */
export const PROBLEMS: Problem[] = [
  {
    kind: 'Deployment',
    namespace: 'default',
    name: 'web',
    reason: 'ProgressDeadlineExceeded',
    message: 'ReplicaSet "web-5d9c7" has timed out progressing.',
  },
  {
    kind: 'Pod',
    namespace: 'default',
    name: 'web-5d9c7-bbbbb',
    reason: 'ImagePullBackOff',
    message: 'Back-off pulling image "app:1"',
  },
];
