/**
 * @module
 * Typed views of the networking.k8s.io/v1 kinds the traffic model reads (Ingress,
 * IngressClass), named as in k8s.io/api/networking/v1/types.go. Only the fields the
 * simulator uses are named; unknown fields pass through untouched.
 */
import type { KubeObject } from '../types';

/** How a path is matched (networking/v1 `PathType`). */
export type PathType = 'Exact' | 'Prefix' | 'ImplementationSpecific';

/** A Service port in a backend: by number or by name (`ServiceBackendPort`). */
export interface ServiceBackendPort {
  number?: number;
  name?: string;
}

/** Where matching traffic goes (`IngressBackend`); only Service backends are simulated. */
export interface IngressBackend {
  service?: { name: string; port?: ServiceBackendPort };
  resource?: { apiGroup?: string; kind: string; name: string };
}

/** One path of a rule (`HTTPIngressPath`). */
export interface HTTPIngressPath {
  path?: string;
  pathType?: PathType;
  backend: IngressBackend;
}

/** One rule (`IngressRule`): a host (or every host) and its paths. */
export interface IngressRule {
  host?: string;
  http?: { paths?: HTTPIngressPath[] };
}

/** A TLS block (`IngressTLS`). */
export interface IngressTLS {
  hosts?: string[];
  secretName?: string;
}

/** IngressSpec. */
export interface IngressSpec {
  ingressClassName?: string;
  defaultBackend?: IngressBackend;
  rules?: IngressRule[];
  tls?: IngressTLS[];
}

/** An address the controller publishes (`IngressLoadBalancerIngress`). */
export interface IngressAddress {
  ip?: string;
  hostname?: string;
}

/** IngressStatus. */
export interface IngressStatus {
  loadBalancer?: { ingress?: IngressAddress[] };
}

/** An Ingress. */
export type Ingress = KubeObject<IngressSpec, IngressStatus>;

/** IngressClassSpec. */
export interface IngressClassSpec {
  controller?: string;
  parameters?: Record<string, unknown>;
}

/** An IngressClass. */
export type IngressClass = KubeObject<IngressClassSpec, never>;
