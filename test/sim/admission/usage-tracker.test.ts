/**
 * The quota usage tracker on its own (newHarness, no controllers): only namespaces with a
 * ResourceQuota are tracked, usage follows creates, deletes and spec changes of the quota.
 */
import { formatQuantity } from '../../../lib/sim/quota/quantity';
import { quotaUsageTracker } from '../../../lib/sim/quota/usage-tracker';
import type { TrackedQuota } from '../../../lib/sim/quota/usage-tracker';
import { newHarness } from '../../../lib/sim/testing-harness';
import type { KubeObject } from '../../../lib/sim/types';

function pod(name: string, cpu: string): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name },
    spec: { containers: [{ name: 'app', image: 'nginx', resources: { requests: { cpu } } }] },
  };
}

function usedOf(quota: TrackedQuota | undefined): Record<string, string> {
  return Object.fromEntries([...(quota?.used ?? [])].map(([k, v]) => [k, formatQuantity(v)]));
}

const QUOTA: KubeObject = {
  apiVersion: 'v1',
  kind: 'ResourceQuota',
  metadata: { name: 'q' },
  spec: { hard: { pods: '10', 'requests.cpu': '4' } },
};

describe('QuotaUsageTracker', () => {
  it('tracks no namespace until it has a quota', () => {
    const h = newHarness();
    const tracker = quotaUsageTracker(h.store, h.clock);
    h.store.create(pod('a', '100m'));
    expect(tracker.hasQuotas('default')).toBe(false);
    h.store.create(QUOTA);
    expect(tracker.hasQuotas('default')).toBe(true);
    expect(usedOf(tracker.quota('default', 'q'))).toEqual({ pods: '1', 'requests.cpu': '100m' });
  });

  it('follows creates and deletes, and forgets the namespace with its last quota', () => {
    const h = newHarness();
    const tracker = quotaUsageTracker(h.store, h.clock);
    h.store.create(QUOTA);
    h.store.create(pod('a', '100m'));
    h.store.create(pod('b', '1500m'));
    expect(usedOf(tracker.quota('default', 'q'))).toEqual({ pods: '2', 'requests.cpu': '1600m' });
    h.store.delete('Pod', 'a'); // not bound to a node: removed at once
    expect(usedOf(tracker.quota('default', 'q'))).toEqual({ pods: '1', 'requests.cpu': '1500m' });
    h.store.delete('ResourceQuota', 'q');
    expect(tracker.hasQuotas('default')).toBe(false);
  });

  it('recounts when the quota starts tracking a new resource', () => {
    const h = newHarness();
    const tracker = quotaUsageTracker(h.store, h.clock);
    h.store.create(QUOTA);
    h.store.create({ apiVersion: 'v1', kind: 'Secret', metadata: { name: 's' } });
    const live = h.store.get('ResourceQuota', 'q') as KubeObject;
    h.store.update({ ...live, spec: { hard: { pods: '10', secrets: '3' } } });
    expect(usedOf(tracker.quota('default', 'q'))).toEqual({ pods: '0', secrets: '1' });
  });
});
