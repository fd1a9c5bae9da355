/**
 * @module
 * The command line, parsed with Node's `util.parseArgs` and checked: what `bosun` was asked to
 * do, or a {@link UsageError} saying what is wrong in one line.
 */
import { parseArgs } from 'node:util';
import { isQuantity, parseQuantity } from '../sim/quantity';

/** A command line that cannot be run; the CLI prints the message and exits 2. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/** Options of `bosun sim`. */
export interface SimOptions {
  /** `--nodes`: how many nodes. @default - the simulator's default cluster (3) */
  readonly nodes?: number;
  /** `--node-cpu`: each node's CPU, a quantity. @default - the simulator's default ('4') */
  readonly nodeCpu?: string;
  /** `--node-memory`: each node's memory, a quantity. @default - the simulator's default ('16Gi') */
  readonly nodeMemory?: string;
  /** `--timeout`: virtual seconds converge() may run. @default 600 */
  readonly timeoutSeconds: number;
  /** `--seed`: the simulator's random seed. @default - the simulator's default */
  readonly seed?: number;
  /** `--json`: print `{ converged, seconds, problems, notSimulated, objects }` instead of tables. @default false */
  readonly json: boolean;
  /** `--report FILE.md`: also write a Markdown report there. @default - no report */
  readonly report?: string;
  /** `--no-image-catalogue`: well-known images behave like any other. @default - the catalogue is on */
  readonly imageCatalogue?: false;
  /** `--unprivileged-port-start N`: the runtime's port floor for non-root (1024: CRI-O). @default - 0, containerd 2.x */
  readonly unprivilegedPortStart?: number;
}

/** What the command line asks for. */
export type Command =
  | { readonly kind: 'help'; readonly topic: 'bosun' | 'sim' }
  | { readonly kind: 'version' }
  | { readonly kind: 'sim'; readonly paths: readonly string[]; readonly options: SimOptions };

/** Default virtual timeout, as `converge()`'s. */
export const DEFAULT_TIMEOUT_SECONDS = 600;

/** Parses `argv` (without `node` and the script); throws {@link UsageError}. */
export function parseCommand(argv: readonly string[]): Command {
  const [command, ...rest] = argv;
  if (command === undefined || command === '-h' || command === '--help' || command === 'help') {
    return { kind: 'help', topic: rest[0] === 'sim' ? 'sim' : 'bosun' };
  }
  if (command === '--version' || command === 'version') return { kind: 'version' };
  if (command !== 'sim') {
    throw new UsageError(`unknown command '${command}' (commands: sim; see 'bosun --help')`);
  }
  return parseSim(rest);
}

function parseSim(argv: readonly string[]): Command {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      strict: true,
      options: {
        nodes: { type: 'string' },
        'node-cpu': { type: 'string' },
        'node-memory': { type: 'string' },
        timeout: { type: 'string' },
        seed: { type: 'string' },
        json: { type: 'boolean' },
        report: { type: 'string' },
        'no-image-catalogue': { type: 'boolean' },
        'unprivileged-port-start': { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (error) {
    // Node's messages run on with advice about '--'; the first sentence is the useful part.
    const text = error instanceof Error ? error.message : String(error);
    const firstSentence = text.replace(/^\w*Error \[[A-Z_]+\]: /, '').split(/\.(?:\s|$)/)[0];
    throw new UsageError(`${firstSentence} (see 'bosun sim --help')`);
  }
  const { values, positionals } = parsed;
  if (values.help) return { kind: 'help', topic: 'sim' };
  if (positionals.length === 0) {
    throw new UsageError(
      `'bosun sim' needs at least one file or folder of manifests (see 'bosun sim --help')`,
    );
  }
  return {
    kind: 'sim',
    paths: positionals,
    options: {
      nodes: optional(values.nodes, (v) => integer('--nodes', v, 1)),
      nodeCpu: optional(values['node-cpu'], (v) => quantity('--node-cpu', v)),
      nodeMemory: optional(values['node-memory'], (v) => quantity('--node-memory', v)),
      timeoutSeconds:
        optional(values.timeout, (v) => positiveNumber('--timeout', v)) ?? DEFAULT_TIMEOUT_SECONDS,
      seed: optional(values.seed, (v) => integer('--seed', v, 0)),
      json: values.json ?? false,
      report: optional(values.report, (v) => nonEmpty('--report', v)),
      ...(values['no-image-catalogue'] ? { imageCatalogue: false as const } : {}),
      unprivilegedPortStart: optional(values['unprivileged-port-start'], (v) =>
        portFloor('--unprivileged-port-start', v),
      ),
    },
  };
}

function optional<T>(value: string | undefined, check: (v: string) => T): T | undefined {
  return value === undefined ? undefined : check(value);
}

/** The kernel accepts 0–65535 for net.ipv4.ip_unprivileged_port_start. */
function portFloor(flag: string, text: string): number {
  const n = integer(flag, text, 0);
  if (n > 65535) throw new UsageError(`${flag} must be an integer from 0 to 65535 (got '${text}')`);
  return n;
}

function integer(flag: string, text: string, min: number): number {
  const n = Number(text);
  if (!/^\d+$/.test(text.trim()) || !Number.isSafeInteger(n) || n < min) {
    throw new UsageError(`${flag} must be an integer >= ${min} (got '${text}')`);
  }
  return n;
}

function positiveNumber(flag: string, text: string): number {
  const n = Number(text);
  if (text.trim() === '' || !Number.isFinite(n) || n <= 0) {
    throw new UsageError(`${flag} must be a number of seconds > 0 (got '${text}')`);
  }
  return n;
}

function quantity(flag: string, text: string): string {
  if (!isQuantity(text) || parseQuantity(text) <= 0) {
    throw new UsageError(
      `${flag} must be a positive Kubernetes quantity such as '4', '500m' or '16Gi' (got '${text}')`,
    );
  }
  return text.trim();
}

function nonEmpty(flag: string, text: string): string {
  if (text.trim() === '') throw new UsageError(`${flag} needs a file name`);
  return text;
}
