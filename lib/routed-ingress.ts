/**
 * @module
 * RoutedIngress: one `networking.k8s.io/v1` Ingress carrying many host- and path-based
 * routes to WebApps (or any `IServiceTarget`) and to Services made elsewhere, with TLS.
 */
import { Lazy } from 'cdk8s';
import { k8s } from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import type { IServiceTarget } from './connection';
import { BosunValidationError } from './errors';
import { namespaceOf, standardLabels } from './labels';
import {
  type IngressPathType,
  PATH_TYPES,
  hostProblem,
  pathProblem,
  serviceNameProblem,
  tlsHostCovers,
} from './routed-ingress-checks';
import { type ResolvedRoute, buildIngressRules, serviceBackend } from './routed-ingress-rules';
import { checkDnsSubdomain, checkOneOf, checkPort } from './validate';
import {
  checkEntryObject,
  checkKnownKeys,
  checkList,
  checkStringRecord,
  checkPropsObject,
  describeValue,
} from './validate-shapes';

export type { IngressPathType } from './routed-ingress-checks';

/** A Service made outside bosun, named directly; it must live in the Ingress's namespace. */
export interface ServiceRef {
  /** The Service's metadata.name. */
  readonly serviceName: string;
  /** The Service port to send requests to (a number: 1–65535). */
  readonly port: number;
}

/** Where a route sends requests: a WebApp (any `IServiceTarget`) or a Service by name and port. */
export type RouteTarget = IServiceTarget | ServiceRef;

/** One route: requests for `host` whose path matches `path` go to `to`. */
export interface IngressRoute {
  /** Request host, e.g. `api.example.com` or `*.example.com`. @default - every host (a rule without `host`) */
  readonly host?: string;
  /** Request path, starting with '/'. @default '/' */
  readonly path?: string;
  /** How `path` is matched: `Prefix` by '/'-separated elements, `Exact` as the whole path. @default 'Prefix' */
  readonly pathType?: IngressPathType;
  /** The backend: a WebApp (any `IServiceTarget`) or `{ serviceName, port }`. */
  readonly to: RouteTarget;
}

/** A route as the construct holds it, with its defaults filled in. */
export interface ResolvedIngressRoute extends IngressRoute {
  /** Request path. */
  readonly path: string;
  /** How `path` is matched. */
  readonly pathType: IngressPathType;
}

/** TLS for some hosts: the certificate and key in a `kubernetes.io/tls` Secret. */
export interface RoutedIngressTls {
  /** Hosts the certificate is for; each must be served by a route. */
  readonly hosts: readonly string[];
  /** Secret (in the Ingress's namespace) holding `tls.crt` and `tls.key`. */
  readonly secretName: string;
}

/** Props of a RoutedIngress. */
export interface RoutedIngressProps {
  /** IngressClass that serves this Ingress. @default 'nginx' */
  readonly className?: string;
  /** Routes; more can be added with `addRoute`. @default - none (add them with `addRoute`, or set `defaultBackend`) */
  readonly routes?: readonly IngressRoute[];
  /** TLS entries; more can be added with `addTls`. @default - none; plain HTTP only */
  readonly tls?: readonly RoutedIngressTls[];
  /** Where requests that match no route go. @default - none; the controller's own default (usually 404) */
  readonly defaultBackend?: RouteTarget;
  /** Annotations for the Ingress, passed through as given (controller settings). @default - none */
  readonly annotations?: Readonly<Record<string, string>>;
}

/** The legacy annotation the API server compares with `ingressClassName` (validation.go `ValidateIngressCreate`). */
const LEGACY_CLASS_ANNOTATION = 'kubernetes.io/ingress.class';

/** True for a construct with a Service (a WebApp), false for a `{ serviceName, port }` reference. */
function isServiceTarget(to: RouteTarget): to is IServiceTarget {
  return 'servicePort' in to && 'namespace' in to;
}

/**
 * The Ingress object, running its owner's whole-ingress checks (TLS hosts routed, some
 * backend present) just before it serializes. Throwing from inside spec resolution would not
 * do: cdk8s wraps such errors in a plain Error, and the BosunValidationError would be lost.
 */
class CheckedKubeIngress extends k8s.KubeIngress {
  readonly #checkBeforeSynth: () => void;

  constructor(scope: Construct, id: string, props: k8s.KubeIngressProps, check: () => void) {
    super(scope, id, props);
    this.#checkBeforeSynth = check;
  }

  /** Checks, then renders as KubeIngress does. */
  public override toJson(): ReturnType<k8s.KubeIngress['toJson']> {
    this.#checkBeforeSynth();
    return super.toJson();
  }
}

// The fields each struct takes: a misspelt one (`secret` for `secretName`, `ingressClassName` for
// `className`) would otherwise be ignored without a word. `satisfies` keeps each list complete.
const ROUTED_INGRESS_PROPS = Object.keys({
  className: true,
  routes: true,
  tls: true,
  defaultBackend: true,
  annotations: true,
} satisfies Record<keyof RoutedIngressProps, true>);
const ROUTE_FIELDS = Object.keys({
  host: true,
  path: true,
  pathType: true,
  to: true,
} satisfies Record<keyof IngressRoute, true>);
const TLS_FIELDS = Object.keys({ hosts: true, secretName: true } satisfies Record<
  keyof RoutedIngressTls,
  true
>);

/**
 * One Ingress for many routes. Rules are built at synth time, so routes added with
 * `addRoute` after construction appear too; they come out grouped by host, in the order the
 * controller matches them, whatever order they were added in.
 */
export class RoutedIngress extends Construct {
  /** The Ingress object. */
  public readonly ingress: k8s.KubeIngress;
  /** IngressClass serving the Ingress. */
  public readonly className: string;
  /** Namespace of the Ingress (its chart's, `default` if none); every backend must live there. */
  public readonly namespace: string;

  readonly #routes: ResolvedIngressRoute[] = [];
  readonly #tls: RoutedIngressTls[] = [];
  readonly #defaultBackend?: RouteTarget;

  constructor(scope: Construct, id: string, props: RoutedIngressProps = {}) {
    super(scope, id);
    checkPropsObject(this, props, []);
    checkKnownKeys(this, 'props', props, ROUTED_INGRESS_PROPS);
    this.namespace = namespaceOf(this);
    checkDnsSubdomain(this, 'className', props.className);
    this.className = props.className ?? 'nginx';
    checkList(this, 'routes', props.routes);
    checkList(this, 'tls', props.tls);
    this.#checkAnnotations(props.annotations);
    if (props.defaultBackend !== undefined) {
      this.#checkTarget('defaultBackend', props.defaultBackend);
      this.#defaultBackend = props.defaultBackend;
    }
    for (const route of props.routes ?? []) this.addRoute(route);
    for (const tls of props.tls ?? []) this.addTls(tls);

    this.ingress = new CheckedKubeIngress(
      this,
      'Resource',
      {
        metadata: {
          labels: standardLabels(this, 'ingress'),
          annotations: props.annotations ? { ...props.annotations } : undefined,
        },
        // Built when the chart is synthesized, so later addRoute/addTls calls are included.
        spec: Lazy.any({ produce: () => this.#buildSpec() }),
      },
      () => this.#checkComplete(),
    );
  }

  /** The Ingress's metadata.name. */
  public get ingressName(): string {
    return this.ingress.name;
  }

  /** The routes so far, defaults filled in (a copy: use `addRoute` to add one). */
  public get routes(): ResolvedIngressRoute[] {
    return this.#routes.map((route) => ({ ...route }));
  }

  /** The TLS entries so far (a copy: use `addTls` to add one). */
  public get tls(): RoutedIngressTls[] {
    return this.#tls.map((tls) => ({ hosts: [...tls.hosts], secretName: tls.secretName }));
  }

  /**
   * Routes requests for `route.host` + `route.path` to `route.to`. Checked now: the error
   * names the route as `routes[i]`, its index in `routes`.
   */
  public addRoute(route: IngressRoute): void {
    const prop = `routes[${this.#routes.length}]`;
    checkEntryObject(this, prop, route, '{ host, path, to }');
    checkKnownKeys(this, prop, route, ROUTE_FIELDS);
    // Checked as given, so an explicit null is refused rather than taken for the default.
    if (route.host !== undefined) this.#check(`${prop}.host`, hostProblem(route.host));
    checkOneOf(this, `${prop}.pathType`, route.pathType, PATH_TYPES);
    if (route.path !== undefined) this.#check(`${prop}.path`, pathProblem(route.path));
    const resolved: ResolvedIngressRoute = {
      ...route,
      path: route.path ?? '/',
      pathType: route.pathType ?? 'Prefix',
    };
    this.#checkTarget(`${prop}.to`, resolved.to);
    const earlier = this.#routes.findIndex(
      (r) =>
        r.host === resolved.host && r.path === resolved.path && r.pathType === resolved.pathType,
    );
    if (earlier >= 0) {
      throw new BosunValidationError(
        `${prop} must not repeat the host, path and pathType of routes[${earlier}] ` +
          `(got host ${resolved.host === undefined ? '(any)' : `'${resolved.host}'`}, ` +
          `path '${resolved.path}', pathType '${resolved.pathType}')`,
        this,
      );
    }
    this.#routes.push(resolved);
  }

  /**
   * Serves `tls.hosts` over HTTPS with the certificate in `tls.secretName`. Whether every
   * host has a route is checked at synth, once all routes are known.
   */
  public addTls(tls: RoutedIngressTls): void {
    const prop = `tls[${this.#tls.length}]`;
    checkEntryObject(this, prop, tls, '{ hosts, secretName }');
    checkKnownKeys(this, prop, tls, TLS_FIELDS);
    if (!Array.isArray(tls.hosts) || tls.hosts.length === 0) {
      throw new BosunValidationError(
        `${prop}.hosts must list at least one host (got ${describeValue(tls.hosts)})`,
        this,
      );
    }
    tls.hosts.forEach((host, i) => this.#check(`${prop}.hosts[${i}]`, hostProblem(host)));
    if (tls.secretName === undefined) {
      throw new BosunValidationError(
        `${prop}.secretName must name the Secret holding the certificate`,
        this,
      );
    }
    checkDnsSubdomain(this, `${prop}.secretName`, tls.secretName);
    this.#tls.push({ hosts: [...tls.hosts], secretName: tls.secretName });
  }

  // Rules that span routes and TLS, so they can only be checked once all are added.
  #checkComplete(): void {
    if (this.#routes.length === 0 && this.#defaultBackend === undefined) {
      throw new BosunValidationError(
        'routes must not be empty unless defaultBackend is set (an Ingress needs rules or a default backend)',
        this,
      );
    }
    this.#checkTlsHostsRouted();
  }

  #buildSpec(): k8s.IngressSpec {
    const rules = buildIngressRules(this.#routes.map((route) => this.#resolve(route)));
    return {
      ingressClassName: this.className,
      defaultBackend: this.#defaultBackend && this.#backendOf(this.#defaultBackend),
      rules: rules.length > 0 ? rules : undefined,
      tls:
        this.#tls.length > 0
          ? this.#tls.map((t) => ({ hosts: [...t.hosts], secretName: t.secretName }))
          : undefined,
    };
  }

  // A TLS host nobody routes is almost always a typo in one of the two lists. A host-less
  // (catch-all) route serves every host, so it counts as a route for each TLS host.
  #checkTlsHostsRouted(): void {
    const hosts = this.#routes.map((route) => route.host);
    if (hosts.includes(undefined)) return;
    this.#tls.forEach((tls, i) =>
      tls.hosts.forEach((tlsHost, j) => {
        if (hosts.some((host) => host !== undefined && tlsHostCovers(tlsHost, host))) return;
        throw new BosunValidationError(
          `tls[${i}].hosts[${j}] must be the host of a route (got '${tlsHost}', which no route ` +
            `serves: add a route for it or remove it from tls)`,
          this,
        );
      }),
    );
  }

  #resolve(route: ResolvedIngressRoute): ResolvedRoute {
    const backend = this.#serviceOf(route.to);
    return { host: route.host, path: route.path, pathType: route.pathType, ...backend };
  }

  #backendOf(to: RouteTarget): k8s.IngressBackend {
    const { serviceName, port } = this.#serviceOf(to);
    return serviceBackend(serviceName, port);
  }

  #serviceOf(to: RouteTarget): { serviceName: string; port: number } {
    return isServiceTarget(to)
      ? { serviceName: to.serviceName, port: to.servicePort }
      : { serviceName: to.serviceName, port: to.port };
  }

  #checkTarget(prop: string, to: RouteTarget): void {
    if (typeof to !== 'object' || to === null || typeof to.serviceName !== 'string') {
      throw new BosunValidationError(
        `${prop} must be a WebApp (or another IServiceTarget) or { serviceName, port } (got ${describeValue(to)})`,
        this,
      );
    }
    if (!isServiceTarget(to)) {
      this.#check(`${prop}.serviceName`, serviceNameProblem(to.serviceName));
      if (to.port === undefined) {
        throw new BosunValidationError(
          `${prop}.port must be given: the Service port to send requests to (got { serviceName: '${to.serviceName}' })`,
          this,
        );
      }
      checkPort(this, `${prop}.port`, to.port);
      return;
    }
    if (to.namespace !== this.namespace) {
      throw new BosunValidationError(
        `${prop} must be in the Ingress's namespace '${this.namespace}', as an Ingress can only ` +
          `route to Services in its own namespace (got '${to.node.path}' in namespace '${to.namespace}')`,
        this,
      );
    }
    checkPort(this, `${prop}.servicePort`, to.servicePort);
  }

  #checkAnnotations(annotations: Readonly<Record<string, string>> | undefined): void {
    checkStringRecord(this, 'annotations', annotations);
    const legacyClass = annotations?.[LEGACY_CLASS_ANNOTATION];
    if (legacyClass !== undefined && legacyClass !== this.className) {
      throw new BosunValidationError(
        `annotations['${LEGACY_CLASS_ANNOTATION}'] must match className '${this.className}' ` +
          `when both are set (got '${legacyClass}')`,
        this,
      );
    }
  }

  #check(prop: string, problem: string | undefined): void {
    if (problem !== undefined) throw new BosunValidationError(`${prop} ${problem}`, this);
  }
}
