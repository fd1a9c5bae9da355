/**
 * @module
 * Typed views of the kinds the CLI prints that lib/sim/api.ts does not describe (it names only
 * what the simulator's controllers read). Only the fields kubectl's printers use.
 */
import type { KubeObject } from '../sim/types';

/** A StatefulSet (apps/v1), as printed by `kubectl get statefulsets`. */
export type StatefulSetView = KubeObject<
  { replicas?: number; serviceName?: string; selector?: { matchLabels?: Record<string, string> } },
  { replicas?: number; readyReplicas?: number }
>;

/** A PersistentVolumeClaim (core/v1). */
export type PersistentVolumeClaimView = KubeObject<
  {
    storageClassName?: string;
    volumeName?: string;
    accessModes?: string[];
    resources?: { requests?: Record<string, string> };
  },
  { phase?: string; accessModes?: string[]; capacity?: Record<string, string> }
>;

/** An Ingress backend: a Service and a port by number or name. */
export interface IngressBackendView {
  service?: { name: string; port?: { number?: number; name?: string } };
}

/** An Ingress (networking.k8s.io/v1). */
export type IngressView = KubeObject<
  {
    ingressClassName?: string;
    defaultBackend?: IngressBackendView;
    rules?: {
      host?: string;
      http?: { paths?: { path?: string; pathType?: string; backend: IngressBackendView }[] };
    }[];
    tls?: { hosts?: string[]; secretName?: string }[];
  },
  { loadBalancer?: { ingress?: { ip?: string; hostname?: string }[] } }
>;

/** One metric target or current value of an HPA (autoscaling/v2). */
export interface MetricValueView {
  averageUtilization?: number;
  averageValue?: string | number;
  value?: string | number;
}

/** A HorizontalPodAutoscaler, autoscaling/v2 (or v1's targetCPUUtilizationPercentage). */
export type HorizontalPodAutoscalerView = KubeObject<
  {
    scaleTargetRef: { kind: string; name: string; apiVersion?: string };
    minReplicas?: number;
    maxReplicas: number;
    targetCPUUtilizationPercentage?: number;
    metrics?: {
      type: string;
      resource?: { name: string; target: MetricValueView };
      containerResource?: { name: string; container?: string; target: MetricValueView };
    }[];
  },
  {
    currentReplicas?: number;
    desiredReplicas?: number;
    currentCPUUtilizationPercentage?: number;
    currentMetrics?: {
      type: string;
      resource?: { name: string; current: MetricValueView };
      containerResource?: { name: string; current: MetricValueView };
    }[];
  }
>;

/** Any object, whatever its spec and status (a Pod or a Deployment is one). */
export type AnyObject = KubeObject<unknown, unknown>;
