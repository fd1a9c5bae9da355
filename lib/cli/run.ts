/**
 * @module
 * `bosun` from argv to exit code: parse the command line, read the manifests, simulate, print
 * tables (or JSON) and the verdict, write the report. Everything the process touches comes
 * in through {@link CliIo}, so tests run it in-process; bin.ts only connects it to Node.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { UsageError, parseCommand, type SimOptions } from './args';
import { paint, wantsColor } from './color';
import { MAIN_HELP, SIM_HELP } from './help';
import { InputError, readManifestSources, type ManifestSource } from './inputs';
import { renderReport } from './report';
import { formatNotSimulated, formatProblems, formatVerdict, type Outcome } from './summary';
import { renderTables } from './tables';
import type { AnyObject } from './views';

/** Exit codes: converged, not converged, bad input or usage, internal error (sysexits EX_SOFTWARE). */
export const EXIT = { converged: 0, notConverged: 1, badInput: 2, internal: 70 } as const;

/** The process as the CLI sees it. */
export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
  /** Whether stdout is a terminal (colors, progress line). */
  readonly stdoutIsTTY: boolean;
  readonly env: Readonly<Record<string, string | undefined>>;
  readStdin(): string;
  writeFile(file: string, text: string): void;
}

/** What a simulation run hands back to the CLI. */
export interface SimulationRun {
  readonly outcome: Outcome;
  /** Every object in the cluster at the end, as `kubectl get -o json` items. */
  readonly objects: readonly AnyObject[];
  /** Virtual time at the end and at the start, RFC 3339. */
  readonly now: string;
  readonly start: string;
}

/** Runs manifests in a simulated cluster; throws the simulator's ManifestError on bad input. */
export type Simulator = (sources: readonly ManifestSource[], options: SimOptions) => SimulationRun;

/** Runs `bosun` with `argv` (no `node`, no script); returns the exit code. Never throws. */
export function runCli(argv: readonly string[], io: CliIo, simulator: Simulator): number {
  try {
    const command = parseCommand(argv);
    switch (command.kind) {
      case 'help':
        // A bare `bosun` is a usage mistake: help goes to stderr with exit 2.
        if (argv.length === 0) {
          io.stderr(MAIN_HELP);
          return EXIT.badInput;
        }
        io.stdout(command.topic === 'sim' ? SIM_HELP : MAIN_HELP);
        return EXIT.converged;
      case 'version':
        io.stdout(`${packageVersion()}\n`);
        return EXIT.converged;
      case 'sim':
        return runSim(command.paths, command.options, io, simulator);
    }
  } catch (error) {
    return reportError(error, io);
  }
}

function runSim(
  paths: readonly string[],
  options: SimOptions,
  io: CliIo,
  simulator: Simulator,
): number {
  const sources = readManifestSources(paths, () => io.readStdin());
  const color = paint(wantsColor(io.stdoutIsTTY, io.env));
  // converge() runs synchronously, so the progress line is written before and erased after
  // (on the terminal only: it would be noise in a pipe or a log).
  const progress = io.stdoutIsTTY && !options.json;
  if (progress) io.stdout(color.dim(`simulating ${sources.length} file(s)...`));
  let run: SimulationRun;
  try {
    run = simulator(sources, options);
  } finally {
    if (progress) io.stdout('\r\u001b[K');
  }
  const { outcome } = run;

  if (options.json) {
    const result = {
      converged: outcome.converged,
      seconds: outcome.seconds,
      problems: outcome.problems,
      objects: run.objects,
      // Additive to CONTRACT.md's shape: what was stored but not run, so nobody mistakes it for checked.
      notSimulated: outcome.notSimulated ?? [],
    };
    io.stdout(`${JSON.stringify(result, null, 2)}\n`);
  } else {
    const parts = [
      renderTables(run.objects, run.now, color),
      formatProblems(outcome.problems, color),
      formatNotSimulated(outcome, color),
      formatVerdict(outcome, color),
    ];
    io.stdout(`${parts.filter((p) => p !== '').join('\n\n')}\n`);
  }

  if (options.report) {
    const report = renderReport({ ...run, sources: sources.map((s) => s.name) });
    try {
      io.writeFile(options.report, report);
    } catch (error) {
      throw new InputError(`cannot write the report to ${options.report}: ${describe(error)}`);
    }
  }
  return outcome.converged ? EXIT.converged : EXIT.notConverged;
}

/** Input errors in one line with exit 2; anything else is our bug: a short note and exit 70. */
function reportError(error: unknown, io: CliIo): number {
  if (isInputError(error)) {
    io.stderr(`bosun: ${(error as Error).message}\n`);
    return EXIT.badInput;
  }
  const message = error instanceof Error ? error.message : String(error);
  io.stderr(
    `bosun: internal error: ${message}\n` +
      'This is a bug in bosun; please report it with the manifests that caused it.\n',
  );
  if (io.env.BOSUN_DEBUG && error instanceof Error && error.stack) io.stderr(`${error.stack}\n`);
  return EXIT.internal;
}

/**
 * Bad input: our usage and file errors, the simulator's ManifestError (unparsable YAML, a
 * document without apiVersion/kind/name, ...) and the API server's rejections (ApiError:
 * a NodePort clash, an invalid name). Matched by name, so copies of the classes from another
 * install of bosun are recognized too.
 */
function isInputError(error: unknown): boolean {
  if (error instanceof UsageError || error instanceof InputError) return true;
  const name = error instanceof Error ? error.name : '';
  return name === 'ManifestError' || name === 'ApiError';
}

function describe(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return 'no such folder';
  if (code === 'EACCES') return 'permission denied';
  return error instanceof Error ? error.message : String(error);
}

/** The version in package.json, two folders up from both lib/cli and build/cli. */
function packageVersion(): string {
  const file = path.join(__dirname, '..', '..', 'package.json');
  const pkg = JSON.parse(fs.readFileSync(file, 'utf8')) as { version?: string };
  return pkg.version ?? 'unknown';
}
