import type { Deployment } from '../../../lib/sim/api';
import { rolloutWaitingMessage } from '../../../lib/sim/controllers/deployment-problems';

const d = (generation: number, status: Deployment['status']): Deployment => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'api', generation },
  spec: {
    replicas: 3,
    selector: { matchLabels: { app: 'api' } },
    template: { spec: { containers: [{ name: 'api' }] } },
  },
  status,
});

describe('rolloutWaitingMessage', () => {
  it.each([
    // generation, status → what `kubectl rollout status` would wait on
    [2, { observedGeneration: 1 }, 'Waiting for deployment spec update to be observed'],
    [
      1,
      { observedGeneration: 1, updatedReplicas: 1, replicas: 4, availableReplicas: 3 },
      'Waiting for deployment "api" rollout to finish: 1 out of 3 new replicas have been updated',
    ],
    [
      1,
      { observedGeneration: 1, updatedReplicas: 3, replicas: 4, availableReplicas: 3 },
      'Waiting for deployment "api" rollout to finish: 1 old replicas are pending termination',
    ],
    [
      1,
      { observedGeneration: 1, updatedReplicas: 3, replicas: 3, availableReplicas: 2 },
      'Waiting for deployment "api" rollout to finish: 2 of 3 updated replicas are available',
    ],
    [
      1,
      { observedGeneration: 1, updatedReplicas: 3, replicas: 3, availableReplicas: 3 },
      undefined,
    ],
  ])('generation %i, %j → %j', (generation, status, expected) => {
    expect(rolloutWaitingMessage(d(generation, status))).toBe(expected);
  });
});
