/**
 * @module
 * Traffic into the simulated cluster: the ingress controller (ingress-nginx) and kube-proxy.
 * `routerFor(store, clock).request(...)` backs `Cluster.request`; `IngressStatusController`
 * publishes Ingress addresses; `ingressProblems` judges Ingresses after converging.
 */
export { Router, routerFor, DEFAULT_CLIENT_IP } from './router';
export type { TrafficRequest, TrafficResponse } from './router';
export { IngressStatusController, INGRESS_CONTROLLER_COMPONENT } from './ingress-status';
export {
  ingressProblems,
  NO_INGRESS_CONTROLLER,
  TLS_SECRET_INVALID,
  TLS_SECRET_NOT_FOUND,
} from './problems';
export { SERVICE_NOT_FOUND, SERVICE_PORT_NOT_FOUND } from './backends';
export { NGINX_CLASS, NGINX_CONTROLLER } from './ingress-class';
export { DefaultIngressClassAdmission } from './default-ingress-class';
export type { Ingress, IngressClass } from './ingress-api';
