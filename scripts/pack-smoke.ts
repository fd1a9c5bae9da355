/**
 * @module
 * `npm run test:pack`: proves bosun works as a packed library in a user's own cdk8s project.
 * Builds and packs the repository, installs the tarball into a fresh project (copied from
 * scripts/pack-smoke/user-project/) and there type-checks a chart under three module
 * resolutions, runs its jest tests (`toConverge`, `simulate`), runs `npx bosun sim`, and
 * requires/imports every entry point from plain JavaScript; then installs it again with the
 * lowest peer versions bosun allows. Prints each check; exits 1 if any failed.
 * `--keep` leaves the temporary folder for a look.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { lowestPeerVersions, peerRangeProblems } from './pack-smoke/peer-versions';
import { tarballProblems, type PackageManifest } from './pack-smoke/tarball-checks';

const repo = path.resolve(__dirname, '..');
const template = path.join(__dirname, 'pack-smoke', 'user-project');
/** What a user project installs besides bosun, at the versions bosun's lock file tests with. */
const USER_PACKAGES = {
  dependencies: ['cdk8s', 'cdk8s-plus-28', 'constructs'],
  devDependencies: ['jest', '@jest/globals', 'ts-jest', 'typescript', '@types/jest'],
};
/** One command may take this long (an npm install on a cold cache is the slowest). */
const COMMAND_TIMEOUT_MS = 5 * 60_000;

interface Outcome {
  readonly status: number | null;
  readonly stdout: string;
  /** stdout, then stderr. */
  readonly output: string;
}

/** A check's verdict: undefined when it passed, else what went wrong. */
type Verdict = string | undefined;

const results: { name: string; passed: boolean }[] = [];
const started = Date.now();
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'bosun-pack-smoke-'));
const keep = process.argv.includes('--keep');

/** Our own npm's settings (npm_config_*, the repo's node_modules/.bin) must not reach the user's. */
function userEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (!/^npm_/i.test(key) && key !== 'INIT_CWD') env[key] = value;
  }
  const ownBins = path.join(repo, 'node_modules', '.bin');
  env.PATH = (env.PATH ?? '')
    .split(path.delimiter)
    .filter((dir) => !dir.startsWith(ownBins) && !dir.includes(`${path.sep}node-gyp-bin`))
    .join(path.delimiter);
  return env;
}

function run(command: string, args: readonly string[], cwd: string): Outcome {
  const r = spawnSync(command, args, {
    cwd,
    env: userEnv(),
    encoding: 'utf8',
    timeout: COMMAND_TIMEOUT_MS,
    maxBuffer: 64 * 1024 * 1024,
  });
  const output = `${r.stdout ?? ''}${r.stderr ?? ''}${r.error ? `\n${r.error.message}` : ''}`;
  return { status: r.status, stdout: r.stdout ?? '', output };
}

/** undefined when the command exited with `expected`, else its exit code and the output's tail. */
function exited(outcome: Outcome, expected = 0): Verdict {
  if (outcome.status === expected) return undefined;
  const tail = outcome.output.trimEnd().split('\n').slice(-40).join('\n');
  return `exit ${outcome.status ?? 'timeout'}, expected ${expected}:\n${tail}`;
}

/** Runs one check, prints its line and records it; returns whether it passed. */
function check(name: string, body: () => Verdict | string[]): boolean {
  const t0 = Date.now();
  let verdict: Verdict;
  try {
    const found = body();
    verdict = Array.isArray(found) ? (found.length ? found.join('\n') : undefined) : found;
  } catch (error) {
    verdict = error instanceof Error ? error.message : String(error);
  }
  const seconds = ((Date.now() - t0) / 1000).toFixed(1);
  const passed = verdict === undefined;
  console.log(`${passed ? 'ok  ' : 'FAIL'} ${name} (${seconds}s)`);
  if (verdict !== undefined) console.log(verdict.replace(/^/gm, '     '));
  results.push({ name, passed });
  return passed;
}

function readJson<T>(file: string): T {
  return JSON.parse(fs.readFileSync(file, 'utf8')) as T;
}

/** The version package-lock.json installs for each of bosun's own (dev) dependencies. */
function lockedVersions(): Record<string, string> {
  const lock = readJson<{ packages: Record<string, { version?: string }> }>(
    path.join(repo, 'package-lock.json'),
  );
  const versions: Record<string, string> = {};
  for (const [key, entry] of Object.entries(lock.packages)) {
    const name = key.replace(/^node_modules\//, '');
    if (key.startsWith('node_modules/') && !name.includes('node_modules/') && entry.version) {
      versions[name] = entry.version;
    }
  }
  return versions;
}

/**
 * Builds and packs the repository and checks what the tarball holds; returns the tarball's
 * path (even when its contents have problems, so the user checks show their effect too).
 */
function pack(): string | undefined {
  let tarball: string | undefined;
  let files: string[] = [];
  check('npm run build', () => exited(run('npm', ['run', 'build'], repo)));
  const packed = path.join(work, 'pack');
  fs.mkdirSync(packed);
  check('npm pack', () => {
    const outcome = run(
      'npm',
      ['pack', '--json', '--ignore-scripts', '--pack-destination', packed],
      repo,
    );
    const failed = exited(outcome);
    if (failed) return failed;
    const [info] = JSON.parse(outcome.stdout) as { filename: string; files: { path: string }[] }[];
    tarball = path.join(packed, info.filename);
    files = info.files.map((f) => f.path);
    console.log(`     ${info.filename}: ${files.length} files`);
    return undefined;
  });
  if (tarball) {
    check('tarball contents (README, license, entry points, bin, source maps, no dev files)', () =>
      tarballProblems({
        manifest: readJson<PackageManifest>(path.join(repo, 'package.json')),
        files,
        read: (file) => fs.readFileSync(path.join(repo, file), 'utf8'),
        hasSource: (file) => fs.existsSync(path.join(repo, file)),
      }),
    );
  }
  return tarball;
}

/** A fresh user project in `dir` with bosun from `tarball` and the given versions. */
function installUserProject(
  dir: string,
  tarball: string,
  versions: Readonly<Record<string, string>>,
): boolean {
  fs.cpSync(template, dir, { recursive: true });
  const pick = (names: string[]) => Object.fromEntries(names.map((n) => [n, versions[n]]));
  const manifest = {
    name: 'shop-k8s',
    version: '1.0.0',
    private: true,
    license: 'Apache-2.0',
    dependencies: { bosun: `file:${tarball}`, ...pick(USER_PACKAGES.dependencies) },
    devDependencies: pick(USER_PACKAGES.devDependencies),
  };
  fs.writeFileSync(path.join(dir, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  const shown = [...USER_PACKAGES.dependencies, 'typescript']
    .map((n) => `${n}@${versions[n]}`)
    .join(' ');
  return check(`npm install the tarball with ${shown}`, () =>
    exited(run('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund'], dir)),
  );
}

function tsc(dir: string, args: readonly string[]): Verdict {
  return exited(run(path.join(dir, 'node_modules', '.bin', 'tsc'), ['-p', '.', ...args], dir));
}

function jest(dir: string, args: readonly string[] = []): Verdict {
  return exited(run(path.join(dir, 'node_modules', '.bin', 'jest'), ['--ci', ...args], dir));
}

/** Everything a user does with bosun, in the project installed with the tested versions. */
function userChecks(dir: string): void {
  check('bin: node_modules/.bin/bosun is an executable Node script', () => {
    const bin = path.join(dir, 'node_modules', '.bin', 'bosun');
    fs.accessSync(bin, fs.constants.X_OK);
    const head = fs.readFileSync(bin, 'utf8').split('\n')[0];
    return head === '#!/usr/bin/env node' ? undefined : `first line is ${JSON.stringify(head)}`;
  });
  const compiled = check(
    "tsc (cdk8s init's tsconfig: strict, node10 resolution, lib es2016, no skipLibCheck)",
    () => tsc(dir, []),
  );
  // The .d.ts files were checked above; these two prove that bosun's entry points resolve
  // (through "exports") under the other resolutions, so they skip the libraries' check.
  const resolvesWith = (module: string, resolution: string) =>
    tsc(dir, ['--noEmit', '--skipLibCheck', '--module', module, '--moduleResolution', resolution]);
  check('tsc --noEmit, module/moduleResolution node16', () => resolvesWith('node16', 'node16'));
  check('tsc --noEmit, module esnext, moduleResolution bundler', () =>
    resolvesWith('esnext', 'bundler'),
  );
  check('jest (ts-jest): toConverge, not.toConverge, simulate(), @jest/globals', () => jest(dir));
  check('jest: toConverge registered by a setup file (setupFilesAfterEnv)', () =>
    jest(dir, ['-c', 'jest.setup-file.config.js']),
  );
  const synthesized =
    compiled &&
    check('synth: node out/main.js writes dist/shop.k8s.yaml', () => {
      const failed = exited(run('node', ['out/main.js'], dir));
      if (failed) return failed;
      return fs.existsSync(path.join(dir, 'dist', 'shop.k8s.yaml'))
        ? undefined
        : 'no dist/shop.k8s.yaml';
    });
  if (synthesized) {
    check('npx bosun sim dist/shop.k8s.yaml exits 0 (converged)', () => {
      const outcome = run('npx', ['--no-install', 'bosun', 'sim', 'dist/shop.k8s.yaml'], dir);
      return exited(outcome) ?? (/converged in/.test(outcome.output) ? undefined : outcome.output);
    });
  }
  check('npx bosun sim broken.yaml exits 2, naming the file, no stack trace', () => {
    fs.writeFileSync(path.join(dir, 'broken.yaml'), 'kind: ConfigMap\nmetadata: { name: x\n');
    const outcome = run('npx', ['--no-install', 'bosun', 'sim', 'broken.yaml'], dir);
    const failed = exited(outcome, 2);
    if (failed) return failed;
    if (!outcome.output.includes('broken.yaml')) return `the file is not named:\n${outcome.output}`;
    if (/^\s+at /m.test(outcome.output)) return `a stack trace:\n${outcome.output}`;
    return undefined;
  });
  check("plain CommonJS: require('bosun'), require('bosun/sim') converge a WebApp", () =>
    exited(run('node', ['require-sim.js'], dir)),
  );
  check('plain ESM: import { ... } from bosun, bosun/sim, bosun/testing', () => {
    const source = [
      "import { WebApp, StatefulDb, RoutedIngress, BosunValidationError } from 'bosun';",
      "import { Cluster, parseManifests } from 'bosun/sim';",
      "import { simulate, bosunMatchers } from 'bosun/testing';",
      'const named = { WebApp, StatefulDb, RoutedIngress, BosunValidationError, Cluster, parseManifests, simulate };',
      "for (const [n, v] of Object.entries(named)) if (typeof v !== 'function') throw new Error(n + ' is ' + typeof v);",
      "if (typeof bosunMatchers.toConverge !== 'function') throw new Error('no bosunMatchers.toConverge');",
    ].join('\n');
    return exited(run('node', ['--input-type=module', '-e', source], dir));
  });
}

function main(): void {
  console.log(`pack smoke: ${work}`);
  const tarball = pack();
  const manifest = readJson<PackageManifest>(path.join(repo, 'package.json'));
  const locked = lockedVersions();
  const peers = manifest.peerDependencies ?? {};
  check('peer dependency ranges allow the versions bosun tests with', () =>
    peerRangeProblems(peers, locked),
  );
  if (tarball) {
    const tested = path.join(work, 'tested');
    if (installUserProject(tested, tarball, locked)) userChecks(tested);
    const lowest = path.join(work, 'lowest');
    if (installUserProject(lowest, tarball, { ...locked, ...lowestPeerVersions(peers) })) {
      check('tsc with the lowest peer versions', () => tsc(lowest, ['--noEmit']));
      check('jest with the lowest peer versions', () => jest(lowest));
    }
  }
  const failed = results.filter((r) => !r.passed);
  const seconds = Math.round((Date.now() - started) / 1000);
  console.log(
    failed.length
      ? `pack smoke: ${failed.length} of ${results.length} checks FAILED (${seconds}s): ${failed.map((r) => r.name).join('; ')}`
      : `pack smoke: all ${results.length} checks ok (${seconds}s)`,
  );
  process.exitCode = failed.length ? 1 : 0;
}

function cleanUp(): void {
  if (keep) console.log(`pack smoke: kept ${work}`);
  else fs.rmSync(work, { recursive: true, force: true });
}

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    cleanUp();
    process.exit(130);
  });
}
try {
  main();
} finally {
  cleanUp();
}
