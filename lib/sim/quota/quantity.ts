/**
 * @module
 * Quantities as quota arithmetic needs them (k8s.io/apimachinery/pkg/api/resource/quantity.go):
 * an exact milli-value plus the format it prints in. `String()` prints the canonical form the
 * API server serializes (`1Gi`, `500m`, `2`), and `Add` keeps the left operand's format unless
 * it is zero, so sums of `512Mi` requests print as `1Gi`, as `kubectl describe quota` shows.
 */
import { formatMilliQuantity } from '../controllers/hpa-quantity';
import { parseQuantity } from '../quantity';

/** A quantity: integer milli-units and whether it prints with binary (Ki, Mi, Gi) suffixes. */
export interface Quantity {
  readonly milli: number;
  readonly binary: boolean;
}

/** A resource list (corev1.ResourceList), in insertion order. */
export type ResourceList = Map<string, Quantity>;

const BINARY_SUFFIX = /(Ki|Mi|Gi|Ti|Pi|Ei)$/;

/** Zero in DecimalSI, as `resource.Quantity{Format: DecimalSI}`. */
export const ZERO: Quantity = { milli: 0, binary: false };

/** A whole number in DecimalSI (`resource.NewQuantity(n, DecimalSI)`). */
export function count(n: number): Quantity {
  return { milli: n * 1000, binary: false };
}

/** Parses `250m`, `1Gi`, `2` (or a number); sub-milli values round up, as for CPU. */
export function quantity(text: string | number): Quantity {
  const milli = Math.ceil(parseQuantity(text) * 1000 - 1e-6);
  return { milli, binary: typeof text === 'string' && BINARY_SUFFIX.test(text.trim()) };
}

/** Parses a manifest's resource map (`{ cpu: '500m' }`), skipping malformed values. */
export function resourceList(input: Readonly<Record<string, unknown>> | undefined): ResourceList {
  const out: ResourceList = new Map();
  for (const [name, value] of Object.entries(input ?? {})) {
    if (typeof value !== 'string' && typeof value !== 'number') continue;
    try {
      out.set(name, quantity(value));
    } catch {
      // validation would have rejected the object; quota ignores what it cannot read
    }
  }
  return out;
}

/** `a + b`; a zero left operand takes the right one's format (Quantity.Add). */
export function add(a: Quantity | undefined, b: Quantity): Quantity {
  if (!a) return b;
  return { milli: a.milli + b.milli, binary: a.milli === 0 ? b.binary : a.binary };
}

/** `a - b` (Quantity.Sub). */
export function sub(a: Quantity | undefined, b: Quantity): Quantity {
  if (!a) return { milli: -b.milli, binary: b.binary };
  return { milli: a.milli - b.milli, binary: a.milli === 0 ? b.binary : a.binary };
}

const BINARY_UNITS: readonly [number, string][] = [
  [2 ** 40, 'Ti'],
  [2 ** 30, 'Gi'],
  [2 ** 20, 'Mi'],
  [2 ** 10, 'Ki'],
];

/**
 * The canonical text (Quantity.String): BinarySI values that are whole numbers of at least
 * 1024 take the largest exact binary suffix (`1536Mi`, `1Gi`), everything else prints as
 * DecimalSI (`500m`, `1`, `2k`).
 *
 * formatQuantity(quantity('1024Mi')) === '1Gi'; formatQuantity(quantity('0.5')) === '500m'
 */
export function formatQuantity(q: Quantity): string {
  if (q.binary && Math.abs(q.milli) >= 1024 * 1000 && q.milli % 1000 === 0) {
    const value = q.milli / 1000;
    for (const [unit, suffix] of BINARY_UNITS) {
      if (value % unit === 0) return `${value / unit}${suffix}`;
    }
    return String(value);
  }
  return formatMilliQuantity(q.milli);
}

/** `cpu=500m,memory=1Gi`: keys sorted, as the quota admission's prettyPrint does. */
export function prettyPrint(list: ResourceList): string {
  return [...list.keys()]
    .sort()
    .map((key) => `${key}=${formatQuantity(list.get(key) ?? ZERO)}`)
    .join(',');
}

/** Only the entries of `list` named in `names` (quota.Mask). */
export function mask(list: ResourceList, names: Iterable<string>): ResourceList {
  const out: ResourceList = new Map();
  for (const name of names) {
    const value = list.get(name);
    if (value) out.set(name, value);
  }
  return out;
}

/** Adds every entry of `b` into `a` (in place), as quota.Add does for a running total. */
export function addInto(a: ResourceList, b: ResourceList): void {
  for (const [name, value] of b) a.set(name, add(a.get(name), value));
}

/** Subtracts every entry of `b` from `a` (in place). */
export function subtractFrom(a: ResourceList, b: ResourceList): void {
  for (const [name, value] of b) a.set(name, sub(a.get(name), value));
}

/** The object form a status field holds: canonical strings by name. */
export function toStrings(list: ResourceList): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of list) out[name] = formatQuantity(value);
  return out;
}
