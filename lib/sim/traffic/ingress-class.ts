/**
 * @module
 * Which Ingresses the simulated ingress controller serves. The cluster runs one controller,
 * ingress-nginx (`--controller-class=k8s.io/ingress-nginx --ingress-class=nginx`, as kind's
 * manifest deploys it), behind the IngressClass `nginx`. An Ingress names its class by
 * `spec.ingressClassName`, or by the older `kubernetes.io/ingress.class` annotation (which
 * ingress-nginx reads first); without either, the default IngressClass applies, as the
 * DefaultIngressClass admission plugin would have set it (plugin/pkg/admission/network/
 * defaultingressclass: the newest class annotated `ingressclass.kubernetes.io/is-default-class`),
 * and without a default class the `nginx` controller takes it (CONTRACT.md). Ingresses of any
 * other class are left alone: nothing routes them. Pure.
 */
import { asView } from '../views';
import type { KubeObject } from '../types';
import type { Ingress, IngressClass } from './ingress-api';

/** The controller value of ingress-nginx's IngressClass. */
export const NGINX_CONTROLLER = 'k8s.io/ingress-nginx';
/** The class ingress-nginx answers to by name. */
export const NGINX_CLASS = 'nginx';
/** Marks the IngressClass used for Ingresses that name none. */
export const DEFAULT_CLASS_ANNOTATION = 'ingressclass.kubernetes.io/is-default-class';
/** The class annotation from before `spec.ingressClassName`. */
export const LEGACY_CLASS_ANNOTATION = 'kubernetes.io/ingress.class';

/** Whether the controller serves an Ingress, and if not, why. */
export type ClassVerdict =
  | { readonly served: true; readonly className: string }
  | { readonly served: false; readonly className: string; readonly message: string };

/**
 * The default IngressClass: of the classes annotated as default, the newest, and at equal age
 * the first by name (defaultingressclass/admission.go `getDefaultClass`); undefined if none.
 */
export function defaultIngressClass(classes: readonly IngressClass[]): IngressClass | undefined {
  let best: IngressClass | undefined;
  for (const c of classes) {
    if (c.metadata.annotations?.[DEFAULT_CLASS_ANNOTATION] !== 'true') continue;
    if (!best || newer(c, best)) best = c;
  }
  return best;
}

function newer(a: IngressClass, b: IngressClass): boolean {
  const ta = a.metadata.creationTimestamp ?? '';
  const tb = b.metadata.creationTimestamp ?? '';
  return ta !== tb ? ta > tb : a.metadata.name < b.metadata.name;
}

/** Decides whether ingress-nginx serves `ingress` given the cluster's IngressClasses. */
export function classVerdict(ingress: Ingress, classes: readonly IngressClass[]): ClassVerdict {
  const annotated = ingress.metadata.annotations?.[LEGACY_CLASS_ANNOTATION];
  if (annotated !== undefined) {
    // ingress-nginx compares the annotation with its --ingress-class, not with IngressClasses
    return annotated === NGINX_CLASS
      ? { served: true, className: annotated }
      : notServed(
          annotated,
          `no controller answers to annotation ${LEGACY_CLASS_ANNOTATION}: ${annotated}`,
        );
  }
  const named = ingress.spec?.ingressClassName;
  if (named !== undefined) {
    const found = classes.find((c) => c.metadata.name === named);
    if (!found) return notServed(named, `IngressClass "${named}" does not exist`);
    return servedBy(found);
  }
  const fallback = defaultIngressClass(classes);
  return fallback ? servedBy(fallback) : { served: true, className: NGINX_CLASS };
}

function servedBy(ingressClass: IngressClass): ClassVerdict {
  const name = ingressClass.metadata.name;
  const controller = ingressClass.spec?.controller;
  if (controller === NGINX_CONTROLLER) return { served: true, className: name };
  return notServed(
    name,
    `IngressClass "${name}" names controller ${controller ?? '<none>'}, which does not run in this cluster (only ${NGINX_CONTROLLER} does)`,
  );
}

function notServed(className: string, detail: string): ClassVerdict {
  return {
    served: false,
    className,
    message: `no ingress controller for class "${className}": ${detail}`,
  };
}

/** IngressClasses of the store seen through their typed view. */
export function ingressClasses(list: readonly KubeObject[]): IngressClass[] {
  return list.map((obj) => asView<IngressClass>(obj));
}
