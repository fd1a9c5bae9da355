/**
 * @module
 * ANSI colors, or none. The CLI colors only when stdout is a terminal and `NO_COLOR` is unset
 * (https://no-color.org), so piped output and CI logs stay plain.
 */

/** Wraps text in a color, or returns it unchanged when colors are off. */
export interface Paint {
  readonly bold: (text: string) => string;
  readonly dim: (text: string) => string;
  readonly red: (text: string) => string;
  readonly green: (text: string) => string;
  readonly yellow: (text: string) => string;
}

/** True when output should be colored: a TTY, and `NO_COLOR` absent or empty. */
export function wantsColor(
  isTTY: boolean,
  env: Readonly<Record<string, string | undefined>>,
): boolean {
  return isTTY && !env.NO_COLOR;
}

/** A {@link Paint} that colors when `enabled`, and otherwise leaves text alone. */
export function paint(enabled: boolean): Paint {
  const sgr = (open: number, close: number) => (text: string) =>
    enabled ? `\u001b[${open}m${text}\u001b[${close}m` : text;
  return {
    bold: sgr(1, 22),
    dim: sgr(2, 22),
    red: sgr(31, 39),
    green: sgr(32, 39),
    yellow: sgr(33, 39),
  };
}
