/**
 * @module
 * The API server's DefaultIngressClass admission plugin (plugin/pkg/admission/network/
 * defaultingressclass/admission.go): an Ingress created without `spec.ingressClassName` and
 * without the `kubernetes.io/ingress.class` annotation gets the default IngressClass's name,
 * so `kubectl get ingress` shows CLASS `nginx`. Only on create; updates and existing Ingresses
 * are left alone. Register it with `store.use(new DefaultIngressClassAdmission(store))`.
 */
import type { Store } from '../framework';
import type { AdmissionPlugin } from '../store';
import type { KubeObject } from '../types';
import { asView } from '../views';
import type { Ingress } from './ingress-api';
import { defaultIngressClass, ingressClasses, LEGACY_CLASS_ANNOTATION } from './ingress-class';

/** Sets the default class on new Ingresses that name none. */
export class DefaultIngressClassAdmission implements AdmissionPlugin {
  readonly #store: Store;

  constructor(store: Store) {
    this.#store = store;
  }

  admit(operation: 'CREATE' | 'UPDATE', obj: KubeObject): void {
    if (operation !== 'CREATE' || obj.kind !== 'Ingress') return;
    const ingress = asView<Ingress>(obj);
    if (ingress.spec?.ingressClassName !== undefined) return;
    if (ingress.metadata.annotations?.[LEGACY_CLASS_ANNOTATION] !== undefined) return;
    const fallback = defaultIngressClass(ingressClasses(this.#store.list('IngressClass')));
    if (!fallback) return;
    ingress.spec = { ...(ingress.spec ?? {}), ingressClassName: fallback.metadata.name };
  }
}
