import { Chart, Testing } from 'cdk8s';
import type { Deployment } from '../lib/sim/api';
import type { KubeObject } from '../lib/sim/types';
import { StatefulDb } from '../lib/stateful-db';
import { WebApp } from '../lib/webapp';
import { expectValidKubernetesObjects } from './helpers/kube-schema';
import { expectAllRestricted } from './helpers/pss-restricted';
import { only } from './helpers/webapp-synth';

describe('WebApp.connectTo a real StatefulDb', () => {
  // GIVEN an API, a Postgres and a Redis in namespace my-app
  const chart = new Chart(Testing.app(), 'stack', { namespace: 'my-app' });
  const api = new WebApp(chart, 'api', { image: 'my-app:1.0.0' });
  const postgres = new StatefulDb(chart, 'db', { engine: 'postgres', password: 'dev-only' });
  const cache = new StatefulDb(chart, 'cache', { engine: 'redis' });
  // WHEN the API connects to both
  api.connectTo(postgres);
  api.connectTo(cache);
  const objects = Testing.synth(chart) as KubeObject[];
  const env = only<Deployment>(objects, 'Deployment').spec!.template.spec!.containers[0].env;

  test('sets DB_* for Postgres, with the password from its Secret, and CACHE_* for Redis', () => {
    expect(env).toEqual([
      { name: 'DB_HOST', value: postgres.host },
      { name: 'DB_PORT', value: '5432' },
      { name: 'DB_NAME', value: 'app' },
      { name: 'DB_USER', value: 'app' },
      {
        name: 'DB_PASSWORD',
        valueFrom: { secretKeyRef: { name: postgres.secretName, key: postgres.passwordKey } },
      },
      { name: 'CACHE_HOST', value: cache.host },
      { name: 'CACHE_PORT', value: '6379' },
    ]);
    expect(postgres.host).toMatch(/\.my-app\.svc\.cluster\.local$/);
  });

  test("lets the API's pods through each database's NetworkPolicy", () => {
    const policies = objects.filter((o) => o.kind === 'NetworkPolicy');
    expect(policies).toHaveLength(2);
    for (const policy of policies) {
      const rules = (
        policy.spec as { ingress: { from: { podSelector?: { matchLabels?: unknown } }[] }[] }
      ).ingress;
      const peers = rules.flatMap((rule) => rule.from.map((peer) => peer.podSelector?.matchLabels));
      expect(peers).toContainEqual(api.podSelectorLabels);
    }
  });

  test('every object passes the Kubernetes schema and every pod the restricted profile', () => {
    expectValidKubernetesObjects(objects);
    expect(expectAllRestricted(objects)).toBe(3);
  });
});
