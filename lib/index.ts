/**
 * @module
 * bosun's public API: the three constructs, their props and the structs the props are made
 * of (every type a user may need to type a variable), and the error they throw.
 * The simulator is `bosun/sim`; the jest helpers are `bosun/testing`. Anything not listed
 * here is internal.
 */
export type { ContainerResources, ResourceRange } from './resources';
export type { SecurityOverrides } from './security';

export { WebApp } from './webapp';
export type {
  WebAppProps,
  ProbeSpec,
  AutoscalingSpec,
  RolloutSpec,
  RollingUpdateSpec,
  RecreateSpec,
  SidecarSpec,
  ServiceTypeName,
  DisruptionBudgetSpec,
  ConnectOptions,
  ConnectionEnv,
} from './webapp-props';

export { StatefulDb } from './stateful-db';
export type { StatefulDbProps, StatefulDbEngine, DatabaseStorage } from './stateful-db';

export { RoutedIngress } from './routed-ingress';
export type {
  RoutedIngressProps,
  IngressRoute,
  ResolvedIngressRoute,
  RoutedIngressTls,
  RouteTarget,
  ServiceRef,
  IngressPathType,
} from './routed-ingress';

export type { IConnectableDatabase, IPodSelectable, IServiceTarget } from './connection';
export { BosunValidationError } from './errors';
