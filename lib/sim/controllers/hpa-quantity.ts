/**
 * @module
 * Milli-values as the HPA reports them in status (`resource.NewMilliQuantity(v, DecimalSI)`):
 * the largest SI suffix that keeps the value exact, e.g. 250 → `250m`, 1000 → `1`,
 * 536870912000 → `536870912`, 2000000 → `2k`.
 */

const SUFFIXES: readonly [number, string][] = [
  [21, 'E'],
  [18, 'P'],
  [15, 'T'],
  [12, 'G'],
  [9, 'M'],
  [6, 'k'],
  [3, ''],
];

/** A milli-value (integer) in canonical DecimalSI form. */
export function formatMilliQuantity(milli: number): string {
  const value = Math.round(milli);
  if (value === 0) return '0';
  for (const [exponent, suffix] of SUFFIXES) {
    const unit = 10 ** exponent;
    if (value % unit === 0) return `${value / unit}${suffix}`;
  }
  return `${value}m`;
}
