/**
 * @module
 * Host matching as the Ingress spec defines it (kubernetes.io/docs/concepts/services-networking/
 * ingress/ "Hostname wildcards"; k8s.io/api/networking/v1 `IngressRule.Host`): a precise host
 * matches only itself; `*.foo.com` matches exactly one extra DNS label (`bar.foo.com`, not
 * `foo.com` nor `baz.bar.foo.com`). When several servers could take a request, nginx (and so
 * ingress-nginx) prefers the exact name, then the longest wildcard, then the catch-all server
 * (nginx.org/en/docs/http/server_names.html "the first matching variant in order of
 * precedence"). Pure.
 */

/**
 * The request's Host header as a server name: lower case, without `:port` and without a
 * trailing dot (`Example.COM:443` → `example.com`).
 */
export function normalizeHost(host: string): string {
  let h = host.trim().toLowerCase();
  if (h.startsWith('[')) return h; // an IPv6 literal: never a rule host (rules cannot be IPs)
  const colon = h.lastIndexOf(':');
  if (colon !== -1) h = h.slice(0, colon);
  return h.endsWith('.') ? h.slice(0, -1) : h;
}

/** True when `ruleHost` (precise or `*.` wildcard) takes requests for `requestHost`. */
export function hostMatches(ruleHost: string, requestHost: string): boolean {
  const rule = ruleHost.toLowerCase();
  const host = normalizeHost(requestHost);
  if (!rule.startsWith('*.')) return rule === host;
  const suffix = rule.slice(1); // '.foo.com'
  if (!host.endsWith(suffix)) return false;
  const label = host.slice(0, host.length - suffix.length);
  return label.length > 0 && !label.includes('.');
}

/**
 * Of the `hosts` that have a server, the one that takes `requestHost`: the exact name if
 * present, else the longest matching wildcard, else undefined (the catch-all server answers).
 */
export function selectHost(hosts: Iterable<string>, requestHost: string): string | undefined {
  const host = normalizeHost(requestHost);
  let wildcard: string | undefined;
  for (const candidate of hosts) {
    if (!candidate.startsWith('*.')) {
      if (candidate.toLowerCase() === host) return candidate;
      continue;
    }
    if (hostMatches(candidate, host) && (!wildcard || candidate.length > wildcard.length)) {
      wildcard = candidate;
    }
  }
  return wildcard;
}
