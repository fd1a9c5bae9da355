/**
 * @module
 * Ingress problems, as a person would find them in ingress-nginx's log and `kubectl describe
 * ingress`: an Ingress no controller serves (its class has none); a backend Service that does
 * not exist, or lacks the backend port (the upstream has no endpoints, so nginx answers 503;
 * internal/ingress/controller/controller.go `serviceEndpoints`); a TLS Secret that is missing
 * or holds no key pair (ingress-nginx then serves its default self-signed certificate,
 * internal/ingress/controller/controller.go `createServers`, "Using default certificate";
 * internal/ingress/controller/store/backend_ssl.go). A backend Service that exists but has no
 * ready endpoints is a Service problem (service-problems.ts) and is not repeated here.
 */
import type { DataObject } from '../api';
import type { Clock, Store } from '../framework';
import type { Problem } from '../types';
import { asView } from '../views';
import { lookupBackend } from './backends';
import type { Ingress, IngressBackend } from './ingress-api';
import { classVerdict, ingressClasses } from './ingress-class';

/** Reason of an Ingress whose class no running controller serves. */
export const NO_INGRESS_CONTROLLER = 'NoIngressController';
/** Reason of an Ingress whose TLS Secret does not exist. */
export const TLS_SECRET_NOT_FOUND = 'TLSSecretNotFound';
/** Reason of an Ingress whose TLS Secret holds no certificate and key. */
export const TLS_SECRET_INVALID = 'TLSSecretInvalid';

/** One place an Ingress routes from: `example.com/api (Prefix)` or `defaultBackend`. */
interface RouteSite {
  readonly site: string;
  readonly backend: IngressBackend;
}

function routeSites(ingress: Ingress): RouteSite[] {
  const sites: RouteSite[] = [];
  if (ingress.spec?.defaultBackend) {
    sites.push({ site: 'defaultBackend', backend: ingress.spec.defaultBackend });
  }
  for (const rule of ingress.spec?.rules ?? []) {
    for (const p of rule.http?.paths ?? []) {
      const host = rule.host || '*';
      const site = `rule ${host}${p.path || '/'} (${p.pathType ?? 'ImplementationSpecific'})`;
      sites.push({ site, backend: p.backend });
    }
  }
  return sites;
}

function backendProblems(store: Store, ingress: Ingress, namespace: string): Problem[] {
  // group the sites by what is wrong, so one missing Service is one problem naming every route
  const grouped = new Map<string, { reason: string; message: string; sites: string[] }>();
  for (const { site, backend } of routeSites(ingress)) {
    const service = backend.service;
    if (!service?.name) continue; // resource backends are not simulated
    const lookup = lookupBackend(store, {
      namespace,
      service: service.name,
      port: service.port,
    });
    if (lookup.found) continue;
    const key = `${lookup.reason}\u0000${lookup.message}`;
    const group = grouped.get(key) ?? { reason: lookup.reason, message: lookup.message, sites: [] };
    group.sites.push(site);
    grouped.set(key, group);
  }
  return [...grouped.values()].map(({ reason, message, sites }) => ({
    kind: 'Ingress',
    namespace,
    name: ingress.metadata.name,
    reason,
    message: `${message}; ${sites.join(', ')} ${sites.length === 1 ? 'routes' : 'route'} to it, so ingress-nginx answers 503`,
  }));
}

function hasKeyPair(secret: DataObject): boolean {
  const has = (key: string) =>
    secret.data?.[key] !== undefined || secret.stringData?.[key] !== undefined;
  return has('tls.crt') && has('tls.key');
}

function tlsProblems(store: Store, ingress: Ingress, namespace: string): Problem[] {
  const problems: Problem[] = [];
  const seen = new Set<string>();
  for (const tls of ingress.spec?.tls ?? []) {
    const name = tls.secretName;
    if (!name || seen.has(name)) continue;
    seen.add(name);
    const hosts = (tls.hosts ?? []).join(', ') || 'every host';
    const fallback = `TLS for ${hosts} is served with ingress-nginx's default self-signed certificate`;
    const secret = asView<DataObject>(store.get('Secret', name, namespace));
    const at = { kind: 'Ingress', namespace, name: ingress.metadata.name };
    if (!secret) {
      problems.push({
        ...at,
        reason: TLS_SECRET_NOT_FOUND,
        message: `secret "${name}" not found in namespace ${namespace}: ${fallback}`,
      });
    } else if (!hasKeyPair(secret)) {
      problems.push({
        ...at,
        reason: TLS_SECRET_INVALID,
        message: `secret ${namespace}/${name} contains no keypair (tls.crt and tls.key): ${fallback}`,
      });
    }
  }
  return problems;
}

/** Problems of every Ingress (see the module comment). */
export function ingressProblems(store: Store, _clock?: Clock): Problem[] {
  const classes = ingressClasses(store.list('IngressClass'));
  const problems: Problem[] = [];
  for (const obj of store.list('Ingress')) {
    const ingress = asView<Ingress>(obj);
    if (ingress.metadata.deletionTimestamp) continue;
    const namespace = ingress.metadata.namespace ?? 'default';
    const verdict = classVerdict(ingress, classes);
    if (!verdict.served) {
      problems.push({
        kind: 'Ingress',
        namespace,
        name: ingress.metadata.name,
        reason: NO_INGRESS_CONTROLLER,
        message: verdict.message,
      });
      continue; // nothing routes it, so its backends and certificates are moot
    }
    problems.push(...backendProblems(store, ingress, namespace));
    problems.push(...tlsProblems(store, ingress, namespace));
  }
  return problems;
}
