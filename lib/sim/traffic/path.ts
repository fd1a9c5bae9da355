/**
 * @module
 * Path matching as the Ingress spec defines it (kubernetes.io/docs/concepts/services-networking/
 * ingress/ "Path types" and "Examples"; networking/v1 `HTTPIngressPath.PathType`):
 *
 * - `Exact` matches the path exactly, case-sensitively (`/foo` does not match `/foo/`).
 * - `Prefix` matches element by element, split by `/`; a trailing slash on either side is
 *   ignored (`/foo` matches `/foo`, `/foo/`, `/foo/bar`, never `/foobar`; `/` matches all).
 * - `ImplementationSpecific` is the controller's call: ingress-nginx (without `use-regex`)
 *   renders it as a plain nginx prefix location, so `/foo` also matches `/foobar`.
 *
 * Among the paths that match, an Exact path wins; otherwise the longest path wins, and at equal
 * length Prefix beats ImplementationSpecific, then the earlier path (ingress-nginx keeps the
 * first Ingress's location when two define the same one). Pure.
 */
import type { PathType } from './ingress-api';

/** A path of an Ingress rule, carrying whatever the caller routes to. */
export interface PathCandidate<T> {
  readonly path: string;
  readonly pathType: PathType;
  readonly value: T;
}

/** The request path without query string or fragment, always starting with `/`. */
export function normalizeRequestPath(path: string): string {
  const end = path.search(/[?#]/);
  const bare = end === -1 ? path : path.slice(0, end);
  return bare.startsWith('/') ? bare : `/${bare}`;
}

/** Path elements: `/aaa/bbb/` → ['aaa', 'bbb'], `/` → []. */
function elements(path: string): string[] {
  return path.split('/').filter((e) => e !== '');
}

/** True when a rule path of `pathType` matches `requestPath`. */
export function pathMatches(pathType: PathType, rulePath: string, requestPath: string): boolean {
  const request = normalizeRequestPath(requestPath);
  if (pathType === 'Exact') return rulePath === request;
  if (pathType === 'ImplementationSpecific') return request.startsWith(rulePath || '/');
  const rule = elements(rulePath);
  const req = elements(request);
  if (rule.length > req.length) return false;
  return rule.every((element, i) => req[i] === element);
}

/** How long a matching path is, for "the longest matching path takes priority". */
function matchLength(candidate: PathCandidate<unknown>): number {
  if (candidate.pathType === 'Prefix') return `/${elements(candidate.path).join('/')}`.length;
  return candidate.path.length;
}

const TYPE_RANK: Readonly<Record<PathType, number>> = {
  Exact: 0,
  Prefix: 1,
  ImplementationSpecific: 2,
};

/** The path that takes `requestPath` (see the module comment), or undefined. */
export function selectPath<T>(
  candidates: readonly PathCandidate<T>[],
  requestPath: string,
): PathCandidate<T> | undefined {
  let best: PathCandidate<T> | undefined;
  for (const candidate of candidates) {
    if (!pathMatches(candidate.pathType, candidate.path, requestPath)) continue;
    if (!best || beats(candidate, best)) best = candidate;
  }
  return best;
}

function beats(a: PathCandidate<unknown>, b: PathCandidate<unknown>): boolean {
  const exactA = a.pathType === 'Exact';
  const exactB = b.pathType === 'Exact';
  if (exactA !== exactB) return exactA;
  const la = matchLength(a);
  const lb = matchLength(b);
  if (la !== lb) return la > lb;
  return TYPE_RANK[a.pathType] < TYPE_RANK[b.pathType];
}
