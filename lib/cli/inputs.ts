/**
 * @module
 * The manifest files named on the command line: files as given, folders read recursively for
 * `.yaml`, `.yml` and `.json` files in name order (skipping dot-folders and node_modules),
 * `-` for standard input.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

/** A file that cannot be read, or a folder without manifests; the CLI exits 2. */
export class InputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InputError';
  }
}

/** One manifest file's text and the name to report it under. */
export interface ManifestSource {
  /** The path as the user would recognize it (`dist/app.k8s.yaml`, or `<stdin>`). */
  readonly name: string;
  readonly text: string;
}

const MANIFEST_EXTENSIONS = new Set(['.yaml', '.yml', '.json']);

/** Reads every manifest file under `paths`, in order; `readStdin` is called for `-`. */
export function readManifestSources(
  paths: readonly string[],
  readStdin: () => string = () => fs.readFileSync(0, 'utf8'),
): ManifestSource[] {
  const sources: ManifestSource[] = [];
  for (const p of paths) {
    if (p === '-') {
      sources.push({ name: '<stdin>', text: readStdin() });
      continue;
    }
    const stat = statOrThrow(p);
    if (stat.isDirectory()) {
      const files = manifestFilesIn(p);
      if (files.length === 0) {
        throw new InputError(`${p}: no .yaml, .yml or .json files in this folder`);
      }
      for (const file of files) sources.push({ name: file, text: readOrThrow(file) });
    } else {
      sources.push({ name: p, text: readOrThrow(p) });
    }
  }
  return sources;
}

/** Manifest files under a folder, depth first, each folder's entries in code-unit order. */
export function manifestFilesIn(folder: string): string[] {
  const entries = fs.readdirSync(folder).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const files: string[] = [];
  for (const entry of entries) {
    if (entry.startsWith('.') || entry === 'node_modules') continue;
    const full = path.join(folder, entry);
    const stat = fs.statSync(full, { throwIfNoEntry: false });
    if (stat?.isDirectory()) files.push(...manifestFilesIn(full));
    else if (stat?.isFile() && MANIFEST_EXTENSIONS.has(path.extname(entry).toLowerCase())) {
      files.push(full);
    }
  }
  return files;
}

function statOrThrow(p: string): fs.Stats {
  try {
    return fs.statSync(p);
  } catch (error) {
    throw new InputError(`${p}: ${describe(error)}`);
  }
}

function readOrThrow(file: string): string {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch (error) {
    throw new InputError(`${file}: ${describe(error)}`);
  }
}

/** `no such file or directory` rather than Node's `ENOENT: no such file or directory, stat 'x'`. */
function describe(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return 'no such file or directory';
  if (code === 'EACCES') return 'permission denied';
  if (code === 'EISDIR') return 'is a folder';
  return error instanceof Error ? error.message : String(error);
}
