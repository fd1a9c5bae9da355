/**
 * @module
 * Pure checks for Ingress hosts, paths and backend Service names. Each returns the broken
 * rule as a message fragment (`must ... (got X)`), or undefined when the value is fine, so the
 * construct can prefix the prop name and tests can table them.
 *
 * The rules follow the API server's Ingress validation, kubernetes/kubernetes
 * `pkg/apis/networking/validation/validation.go` (`validateIngressRules`,
 * `validateHTTPIngressPath`, `validateIngressBackend`), so a manifest bosun accepts is one
 * `kubectl apply` accepts.
 */
import { quoted } from './validate-shapes';

/** The path types a route may ask for; `ImplementationSpecific` is left out on purpose (its meaning depends on the controller). */
export const PATH_TYPES = ['Prefix', 'Exact'] as const;

/** How a route's path is matched: `Prefix` by path elements, `Exact` as the whole path. */
export type IngressPathType = (typeof PATH_TYPES)[number];

const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const WILDCARD_DNS1123_SUBDOMAIN =
  /^\*\.[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const DNS1035_LABEL = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;
const IPV4 = /^\d{1,3}(\.\d{1,3}){3}$/;

// validation.go `invalidPathSequences` / `invalidPathSuffixes`: sequences a controller would
// normalise away, so two "different" paths could silently mean the same URL.
const INVALID_PATH_SEQUENCES = ['//', '/./', '/../', '%2f', '%2F'];
const INVALID_PATH_SUFFIXES = ['/..', '/.'];

/**
 * Why `host` cannot be an Ingress rule host, or undefined if it can: a lowercase DNS-1123
 * subdomain of at most 253 characters, optionally with `*` as its whole first label, never an
 * IP address (validation.go `validateIngressRules`).
 */
export function hostProblem(host: string): string | undefined {
  if (typeof host !== 'string' || host === '') {
    return `must be a non-empty DNS name (got ${quoted(host)})`;
  }
  // An IPv6 address contains ':', which the DNS pattern below already rejects with its own message.
  if (IPV4.test(host)) return `must be a DNS name, not an IP address (got '${host}')`;
  const pattern = host.startsWith('*') ? WILDCARD_DNS1123_SUBDOMAIN : DNS1123_SUBDOMAIN;
  if (host.length > 253 || !pattern.test(host)) {
    return (
      `must be a DNS name: lowercase letters, digits, '-' and '.', starting and ending with a ` +
      `letter or digit, at most 253 characters; a wildcard only as a single leading '*.' label ` +
      `(got '${host}')`
    );
  }
  return undefined;
}

/**
 * Why `path` cannot be the path of a `Prefix` or `Exact` route, or undefined if it can:
 * absolute, and free of the sequences the API server rejects (validation.go
 * `validateHTTPIngressPath`).
 */
export function pathProblem(path: string): string | undefined {
  if (typeof path !== 'string' || !path.startsWith('/')) {
    return `must be an absolute path starting with '/' (got ${quoted(path)})`;
  }
  const sequence = INVALID_PATH_SEQUENCES.find((s) => path.includes(s));
  if (sequence) return `must not contain '${sequence}' (got '${path}')`;
  const suffix = INVALID_PATH_SUFFIXES.find((s) => path.endsWith(s));
  if (suffix) return `must not end with '${suffix}' (got '${path}')`;
  return undefined;
}

/**
 * Why `name` cannot be a backend Service name, or undefined if it can: Service names are
 * DNS-1035 labels (validation.go `validateIngressBackend` → `ValidateServiceName`).
 */
export function serviceNameProblem(name: string): string | undefined {
  if (typeof name !== 'string' || name.length > 63 || !DNS1035_LABEL.test(name)) {
    return (
      `must be a Service name (DNS-1035 label): lowercase letters, digits and '-', starting ` +
      `with a letter, ending with a letter or digit, at most 63 characters (got ${quoted(name)})`
    );
  }
  return undefined;
}

/**
 * True when a certificate for `tlsHost` serves requests for `routeHost`: the same name, or a
 * `*.` wildcard standing for exactly one label (`*.example.com` covers `api.example.com`,
 * not `example.com` nor `a.b.example.com`).
 */
export function tlsHostCovers(tlsHost: string, routeHost: string): boolean {
  if (tlsHost === routeHost) return true;
  if (!tlsHost.startsWith('*.')) return false;
  const suffix = tlsHost.slice(1); // '.example.com'
  if (!routeHost.endsWith(suffix)) return false;
  const label = routeHost.slice(0, -suffix.length);
  return label !== '' && !label.includes('.') && label !== '*';
}
