/** API-server defaulting of HPAs (pkg/apis/autoscaling/v2/defaults.go, v1/defaults.go). */
import { defaultHorizontalPodAutoscaler } from '../../../lib/sim/controllers/hpa-defaults';
import type { KubeObject } from '../../../lib/sim/types';

const hpa = (apiVersion: string, spec: Record<string, unknown>): KubeObject => ({
  apiVersion,
  kind: 'HorizontalPodAutoscaler',
  metadata: { name: 'web' },
  spec: { scaleTargetRef: { kind: 'Deployment', name: 'web' }, maxReplicas: 4, ...spec },
});

test('defaults minReplicas to 1 and the metrics to 80% CPU', () => {
  const obj = hpa('autoscaling/v2', {});
  defaultHorizontalPodAutoscaler(obj);
  expect(obj.spec).toMatchObject({
    minReplicas: 1,
    metrics: [
      {
        type: 'Resource',
        resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 80 } },
      },
    ],
  });
});

test('leaves behavior unset when not given (the controller then uses its older rules)', () => {
  const obj = hpa('autoscaling/v2', {});
  defaultHorizontalPodAutoscaler(obj);
  expect((obj.spec as { behavior?: unknown }).behavior).toBeUndefined();
});

test('keeps given rules and leaves the scale-down window to the controller', () => {
  const obj = hpa('autoscaling/v2', {
    behavior: { scaleUp: { policies: [{ type: 'Pods', value: 1, periodSeconds: 60 }] } },
  });
  defaultHorizontalPodAutoscaler(obj);
  expect((obj.spec as { behavior?: unknown }).behavior).toEqual({
    scaleUp: {
      stabilizationWindowSeconds: 0,
      selectPolicy: 'Max',
      policies: [{ type: 'Pods', value: 1, periodSeconds: 60 }],
    },
    scaleDown: {
      selectPolicy: 'Max',
      policies: [{ type: 'Percent', value: 100, periodSeconds: 15 }],
    },
  });
});

test('defaults only minReplicas for autoscaling/v1', () => {
  const obj = hpa('autoscaling/v1', {});
  defaultHorizontalPodAutoscaler(obj);
  expect(obj.spec).toEqual({
    scaleTargetRef: { kind: 'Deployment', name: 'web' },
    maxReplicas: 4,
    minReplicas: 1,
  });
});
