/**
 * @module
 * Ages as kubectl prints them (`45s`, `3m20s`, `2d4h`): a port of apimachinery's
 * `HumanDuration` (staging/src/k8s.io/apimachinery/pkg/util/duration/duration.go), fed with
 * virtual seconds instead of wall-clock time.
 */

const MINUTE = 60;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const YEAR = 365 * DAY;

/** `seconds` with ~2-3 significant figures, exactly as kubectl's AGE column shows it. */
export function humanDuration(seconds: number): string {
  const s = Math.trunc(seconds);
  // kubectl tolerates clock skew of up to 2 s before calling a time invalid.
  if (s < -1) return '<invalid>';
  if (s < 0) return '0s';
  if (s < 2 * MINUTE) return `${s}s`;
  const minutes = Math.floor(s / MINUTE);
  if (minutes < 10) return withRest(minutes, 'm', s % MINUTE, 's');
  if (minutes < 3 * 60) return `${minutes}m`;
  const hours = Math.floor(s / HOUR);
  if (hours < 8) return withRest(hours, 'h', minutes % 60, 'm');
  if (hours < 48) return `${hours}h`;
  const days = Math.floor(s / DAY);
  if (hours < 24 * 8) return withRest(days, 'd', hours % 24, 'h');
  if (hours < 24 * 365 * 2) return `${days}d`;
  const years = Math.floor(s / YEAR);
  if (hours < 24 * 365 * 8) return withRest(years, 'y', days % 365, 'd');
  return `${years}y`;
}

/** Virtual seconds since an RFC 3339 timestamp, as an age; `<unknown>` when there is none. */
export function ageSince(timestamp: string | undefined, nowTimestamp: string): string {
  if (!timestamp) return '<unknown>';
  const then = Date.parse(timestamp);
  const now = Date.parse(nowTimestamp);
  if (Number.isNaN(then) || Number.isNaN(now)) return '<unknown>';
  return humanDuration((now - then) / 1000);
}

function withRest(whole: number, unit: string, rest: number, restUnit: string): string {
  return rest === 0 ? `${whole}${unit}` : `${whole}${unit}${rest}${restUnit}`;
}
