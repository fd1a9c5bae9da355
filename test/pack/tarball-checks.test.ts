/**
 * The checks `npm run test:pack` runs on the packed file list: each row breaks a good tarball in
 * one way and expects the one problem that names it. The real package.json passes the checks
 * that need no build.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  tarballProblems,
  typesVersionsProblems,
  type PackageManifest,
  type PackedTarball,
} from '../../scripts/pack-smoke/tarball-checks';

const manifest: PackageManifest = {
  name: 'bosun',
  license: 'Apache-2.0',
  main: 'build/index.js',
  types: 'build/index.d.ts',
  bin: { bosun: 'build/cli/bin.js' },
  exports: {
    '.': { types: './build/index.d.ts', default: './build/index.js' },
    './sim': { types: './build/sim/index.d.ts', default: './build/sim/index.js' },
    './package.json': './package.json',
  },
  typesVersions: { '*': { sim: ['build/sim/index.d.ts'] } },
};

/** A good tarball: file → text. */
const goodFiles: Record<string, string> = {
  'package.json': '{}',
  'README.md': '# bosun',
  'build/index.js': 'exports.x = 1;\n//# sourceMappingURL=index.js.map',
  'build/index.js.map': JSON.stringify({ sources: ['../lib/index.ts'], sourceRoot: '' }),
  'build/index.d.ts': "export { Cluster } from './sim';\nexport type { X } from './x';\n",
  'build/x.js': 'exports.y = 2;\n',
  'build/x.d.ts': 'export type X = number;\n',
  'build/sim/index.js': 'exports.Cluster = class {};\n',
  'build/sim/index.d.ts': 'export declare class Cluster {}\n',
  'build/cli/bin.js': '#!/usr/bin/env node\nrequire("./run");\n',
  'lib/index.ts': 'export {};\n',
};
const sources = ['lib/index.ts', 'lib/x.ts', 'lib/sim/index.ts', 'lib/cli/bin.ts'];

function tarball(
  files: Record<string, string> = goodFiles,
  m: PackageManifest = manifest,
): PackedTarball {
  return {
    manifest: m,
    files: Object.keys(files),
    read: (file) => files[file],
    hasSource: (file) => sources.includes(file),
  };
}

function without(file: string): Record<string, string> {
  return Object.fromEntries(Object.entries(goodFiles).filter(([name]) => name !== file));
}

describe('tarballProblems', () => {
  it('finds nothing wrong with a good tarball', () => {
    expect(tarballProblems(tarball())).toEqual([]);
  });

  it.each<[string, PackedTarball, RegExp]>([
    ['no README', tarball(without('README.md')), /^README\.md is not in the tarball$/],
    ['no license', tarball(goodFiles, { ...manifest, license: undefined }), /no "license"/],
    [
      'a test packed',
      tarball({ ...goodFiles, 'test/webapp.test.ts': '' }),
      /^test\/webapp\.test\.ts is in the tarball but only the repository needs it$/,
    ],
    [
      'an example app packed',
      tarball({ ...goodFiles, 'apps/main.ts': '' }),
      /^apps\/main\.ts is in the tarball/,
    ],
    [
      'an exports target missing',
      tarball(without('build/sim/index.js')),
      /"exports" \.\/sim default names \.\/build\/sim\/index\.js, which is not in the tarball/,
    ],
    [
      'a subpath without typesVersions',
      tarball(goodFiles, { ...manifest, typesVersions: undefined }),
      /"exports" \.\/sim has types \.\/build\/sim\/index\.d\.ts but "typesVersions" maps sim to nothing/,
    ],
    [
      'a bin without a shebang',
      tarball({ ...goodFiles, 'build/cli/bin.js': 'require("./run");\n' }),
      /^bin bosun \(build\/cli\/bin\.js\) does not start with "#!\/usr\/bin\/env node"$/,
    ],
    [
      'a source map left out',
      tarball(without('build/index.js.map')),
      /^build\/index\.js points to its source map build\/index\.js\.map, which is not in the tarball$/,
    ],
    [
      'a source left out',
      tarball(without('lib/index.ts')),
      /^build\/index\.js\.map names source lib\/index\.ts, which is not in the tarball$/,
    ],
    [
      'a build output whose source is gone',
      tarball({ ...goodFiles, 'build/old.js': '' }),
      /^build\/old\.js has no source in lib\/ \(left over from an old build/,
    ],
    [
      'a declaration importing an unpacked file',
      tarball(without('build/x.d.ts')),
      /^build\/index\.d\.ts imports \.\/x, which is not in the tarball$/,
    ],
    [
      'a declaration that only TypeScript 5.7+ reads',
      tarball({
        ...goodFiles,
        'build/x.d.ts': 'export declare const rows: Int32Array<ArrayBuffer>;',
      }),
      /^build\/x\.d\.ts uses a generic typed array \(TypeScript >= 5\.7 only\)/,
    ],
  ])('names the problem: %s', (_case, t, expected) => {
    const problems = tarballProblems(t);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(expected);
  });
});

describe("bosun's own package.json", () => {
  const root = path.join(__dirname, '..', '..');
  const own = JSON.parse(
    fs.readFileSync(path.join(root, 'package.json'), 'utf8'),
  ) as PackageManifest;

  it('maps every exports subpath with types in typesVersions (for node10 resolution)', () => {
    expect(typesVersionsProblems(own)).toEqual([]);
    expect(Object.keys(own.typesVersions?.['*'] ?? {})).toEqual(
      expect.arrayContaining(['sim', 'testing']),
    );
  });
});
