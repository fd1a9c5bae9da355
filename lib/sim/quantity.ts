/**
 * @module
 * Kubernetes resource quantities (`250m`, `512Mi`, `1.5`, `2e3`), parsed as the API server
 * does in k8s.io/apimachinery/pkg/api/resource/quantity.go. Shared by the simulator and the
 * constructs' validation (constructs may import from sim; sim never imports constructs).
 */

const QUANTITY =
  /^([+-]?(?:\d+\.?\d*|\.\d+))(?:([eE][+-]?\d+)|(Ki|Mi|Gi|Ti|Pi|Ei|n|u|m|k|M|G|T|P|E))?$/;

const SUFFIX: Readonly<Record<string, number>> = {
  n: 1e-9,
  u: 1e-6,
  m: 1e-3,
  '': 1,
  k: 1e3,
  M: 1e6,
  G: 1e9,
  T: 1e12,
  P: 1e15,
  E: 1e18,
  Ki: 2 ** 10,
  Mi: 2 ** 20,
  Gi: 2 ** 30,
  Ti: 2 ** 40,
  Pi: 2 ** 50,
  Ei: 2 ** 60,
};

/** True when `text` is a well-formed quantity. */
export function isQuantity(text: string): boolean {
  return QUANTITY.test(text.trim());
}

/**
 * The quantity's value in base units (cores for CPU, bytes for memory).
 * Throws on malformed input; call {@link isQuantity} first where input is untrusted.
 *
 * parseQuantity('250m') === 0.25; parseQuantity('1Gi') === 1073741824; parseQuantity('2') === 2
 */
export function parseQuantity(text: string | number): number {
  if (typeof text === 'number') return text;
  const m = QUANTITY.exec(text.trim());
  if (!m) throw new Error(`quantities must match the regular expression '${QUANTITY.source}'`);
  const [, number, exponent, suffix] = m;
  const base = Number(number);
  if (exponent) return base * 10 ** Number(exponent.slice(1));
  return base * SUFFIX[suffix ?? ''];
}

/** CPU in integer millicores, rounded up as the API server rounds sub-milli CPU. */
export function cpuMillis(text: string | number): number {
  return Math.ceil(parseQuantity(text) * 1000 - 1e-9);
}
