/**
 * @module
 * What a packed bosun tarball must hold, checked from `npm pack --dry-run --json`'s file list
 * and the packed files' text: each check returns problems a person can act on (the file named),
 * an empty list when the tarball is fine.
 */
import * as path from 'node:path';

/** The fields of package.json the checks read. */
export interface PackageManifest {
  readonly name?: string;
  readonly license?: string;
  readonly main?: string;
  readonly types?: string;
  readonly bin?: string | Readonly<Record<string, string>>;
  readonly exports?: unknown;
  readonly typesVersions?: Readonly<Record<string, Readonly<Record<string, readonly string[]>>>>;
  readonly peerDependencies?: Readonly<Record<string, string>>;
}

/** The tarball as the checks see it. */
export interface PackedTarball {
  /** The packed package.json. */
  readonly manifest: PackageManifest;
  /** Paths inside the tarball (without the `package/` prefix), e.g. `build/index.js`. */
  readonly files: readonly string[];
  /** The text of a packed file. */
  readonly read: (file: string) => string;
  /** True when the repository has this file (a TypeScript source under lib/). */
  readonly hasSource: (file: string) => boolean;
}

/** Paths of a package that belong in the repository only. */
const DEV_ONLY = [
  /^(test|apps|bench|dist|scripts|\.ci|node_modules|coverage)\//,
  /\.test\.[cm]?[jt]s$/,
  /^tsconfig.*\.json$/,
  /^(jest|eslint)\.config\./,
  /\.tgz$/,
];

/** Problems with the tarball: missing files, dev-only files, broken links between files. */
export function tarballProblems(t: PackedTarball): string[] {
  return [
    ...requiredFileProblems(t),
    ...devOnlyFileProblems(t),
    ...entryPointProblems(t),
    ...binProblems(t),
    ...sourceMapProblems(t),
    ...staleOutputProblems(t),
    ...declarationImportProblems(t),
    ...declarationSyntaxProblems(t),
  ];
}

/** README.md, package.json and the license: npm shows the first two, users' audits read the last. */
function requiredFileProblems(t: PackedTarball): string[] {
  const problems: string[] = [];
  for (const file of ['package.json', 'README.md']) {
    if (!t.files.includes(file)) problems.push(`${file} is not in the tarball`);
  }
  if (!t.manifest.license) problems.push('package.json has no "license"');
  return problems;
}

/** Tests, example apps, benchmarks, build configs: nothing a user's install needs. */
function devOnlyFileProblems(t: PackedTarball): string[] {
  return t.files
    .filter((file) => DEV_ONLY.some((pattern) => pattern.test(file)))
    .map((file) => `${file} is in the tarball but only the repository needs it`);
}

/** main, types, bin, every `exports` target and every `typesVersions` target is packed. */
function entryPointProblems(t: PackedTarball): string[] {
  const m = t.manifest;
  const targets: [string, string][] = [];
  if (m.main) targets.push(['"main"', m.main]);
  if (m.types) targets.push(['"types"', m.types]);
  for (const [name, file] of Object.entries(binEntries(m))) targets.push([`"bin" ${name}`, file]);
  for (const [where, file] of exportTargets(m.exports, '"exports"')) targets.push([where, file]);
  for (const [pattern, files] of Object.entries(m.typesVersions?.['*'] ?? {})) {
    for (const file of files) targets.push([`"typesVersions" ${pattern}`, file]);
  }
  const packed = new Set(t.files);
  const problems = targets
    .filter(([, file]) => !packed.has(normalize(file)))
    .map(([where, file]) => `package.json ${where} names ${file}, which is not in the tarball`);
  return [...problems, ...typesVersionsProblems(m)];
}

/**
 * Each `exports` subpath with types needs a `typesVersions` entry to the same .d.ts: TypeScript's
 * node10 resolution (the default with `module: CommonJS`, as `cdk8s init` writes it) ignores
 * `exports` and finds `bosun/sim` only through `typesVersions`.
 */
export function typesVersionsProblems(m: PackageManifest): string[] {
  const problems: string[] = [];
  const mapped = m.typesVersions?.['*'] ?? {};
  if (typeof m.exports !== 'object' || m.exports === null) return problems;
  for (const [subpath, target] of Object.entries(m.exports)) {
    if (subpath === '.' || !subpath.startsWith('./')) continue;
    const types =
      typeof target === 'object' && target !== null
        ? (target as { types?: unknown }).types
        : undefined;
    if (typeof types !== 'string') continue;
    const key = subpath.slice(2);
    const paths = (mapped[key] ?? []).map(normalize);
    if (!paths.includes(normalize(types))) {
      problems.push(
        `package.json "exports" ${subpath} has types ${types} but "typesVersions" maps ` +
          `${key} to ${paths.length ? paths.join(', ') : 'nothing'} (node10 resolution cannot find it)`,
      );
    }
  }
  return problems;
}

/** Each bin is a Node script with a shebang, so `npx bosun` runs it on every platform. */
function binProblems(t: PackedTarball): string[] {
  return Object.entries(binEntries(t.manifest))
    .filter(([, file]) => t.files.includes(normalize(file)))
    .filter(([, file]) => !t.read(normalize(file)).startsWith('#!/usr/bin/env node\n'))
    .map(([name, file]) => `bin ${name} (${file}) does not start with "#!/usr/bin/env node"`);
}

/** Each `sourceMappingURL` names a packed map, and each map's sources are packed. */
function sourceMapProblems(t: PackedTarball): string[] {
  const packed = new Set(t.files);
  const problems: string[] = [];
  for (const file of t.files.filter((f) => f.endsWith('.js'))) {
    const url = /\/\/# sourceMappingURL=(\S+)\s*$/.exec(t.read(file))?.[1];
    if (!url || url.startsWith('data:')) continue;
    const map = normalize(path.posix.join(path.posix.dirname(file), url));
    if (!packed.has(map)) {
      problems.push(`${file} points to its source map ${map}, which is not in the tarball`);
    }
  }
  for (const map of t.files.filter((f) => f.endsWith('.js.map'))) {
    const { sources = [], sourceRoot = '' } = JSON.parse(t.read(map)) as {
      sources?: string[];
      sourceRoot?: string;
    };
    for (const source of sources) {
      const file = normalize(path.posix.join(path.posix.dirname(map), sourceRoot, source));
      if (!packed.has(file))
        problems.push(`${map} names source ${file}, which is not in the tarball`);
    }
  }
  return problems;
}

/**
 * A build/ output whose lib/ source is gone is left over from an older build (tsc never
 * deletes): it would ship code that no longer exists in the repository.
 */
function staleOutputProblems(t: PackedTarball): string[] {
  return t.files
    .filter((file) => /^build\/.*\.js$/.test(file))
    .filter((file) => !t.hasSource(file.replace(/^build\//, 'lib/').replace(/\.js$/, '.ts')))
    .map((file) => `${file} has no source in lib/ (left over from an old build: rm -rf build)`);
}

/** Each relative import in a packed .d.ts resolves to a packed .d.ts. */
function declarationImportProblems(t: PackedTarball): string[] {
  const packed = new Set(t.files);
  const problems: string[] = [];
  const specifier = /(?:from\s+|import\s*\(\s*|import\s+)['"](\.{1,2}\/[^'"]*)['"]/g;
  for (const file of t.files.filter((f) => f.endsWith('.d.ts'))) {
    for (const match of t.read(file).matchAll(specifier)) {
      const base = normalize(path.posix.join(path.posix.dirname(file), match[1]));
      const candidates = [`${base}.d.ts`, `${base}/index.d.ts`, base];
      if (!candidates.some((c) => packed.has(c))) {
        problems.push(`${file} imports ${match[1]}, which is not in the tarball`);
      }
    }
  }
  return problems;
}

/**
 * Typed arrays with a buffer type argument (`Float64Array<ArrayBuffer>`, which tsc 5.7+ emits
 * for an inferred field type) do not parse under TypeScript < 5.7: users without skipLibCheck
 * get "Type 'Float64Array' is not generic". Annotate such fields with the plain type.
 */
function declarationSyntaxProblems(t: PackedTarball): string[] {
  const generic =
    /\b(?:Float32|Float64|Int8|Int16|Int32|Uint8|Uint8Clamped|Uint16|Uint32|BigInt64|BigUint64)Array</;
  return t.files
    .filter((f) => f.endsWith('.d.ts') && generic.test(t.read(f)))
    .map(
      (f) => `${f} uses a generic typed array (TypeScript >= 5.7 only): annotate the plain type`,
    );
}

/** `bin` as a name → file map (a string bin is named after the package). */
function binEntries(m: PackageManifest): Record<string, string> {
  if (typeof m.bin === 'string') return { [m.name ?? 'bin']: m.bin };
  return { ...(m.bin ?? {}) };
}

/** Every file an `exports` value names, with where it was found. */
function exportTargets(value: unknown, where: string): [string, string][] {
  if (typeof value === 'string') return [[where, value]];
  if (typeof value !== 'object' || value === null) return [];
  return Object.entries(value).flatMap(([key, inner]) => exportTargets(inner, `${where} ${key}`));
}

/** `./build/x.js` → `build/x.js`, as npm lists packed files. */
function normalize(file: string): string {
  return path.posix.normalize(file).replace(/^\.\//, '');
}
