import * as path from 'node:path';
import { InputError, manifestFilesIn, readManifestSources } from '../../lib/cli/inputs';

const FIXTURES = path.join(__dirname, 'fixtures');
const rel = (p: string) => path.relative(FIXTURES, p);

describe('readManifestSources', () => {
  it('reads folders recursively in name order, only .yaml/.yml/.json, skipping dot-folders', () => {
    // GIVEN a folder with a sub-folder, a README and a hidden folder
    // WHEN
    const files = manifestFilesIn(path.join(FIXTURES, 'nested'));
    // THEN
    expect(files.map(rel)).toEqual([
      'nested/dist/a.yml',
      'nested/dist/b.yaml',
      'nested/dist/sub/c.json',
    ]);
  });

  it('keeps the order of the paths given and reads files as given', () => {
    const sources = readManifestSources([
      path.join(FIXTURES, 'nested/dist/sub/c.json'),
      path.join(FIXTURES, 'nested/dist/b.yaml'),
    ]);
    expect(sources.map((s) => rel(s.name))).toEqual([
      'nested/dist/sub/c.json',
      'nested/dist/b.yaml',
    ]);
    expect(sources[1].text).toContain('name: b');
  });

  it('reads standard input for -', () => {
    const sources = readManifestSources(['-'], () => 'kind: ConfigMap');
    expect(sources).toEqual([{ name: '<stdin>', text: 'kind: ConfigMap' }]);
  });

  it('fails naming a path that does not exist', () => {
    expect(() => readManifestSources(['no/such/dir'])).toThrow(InputError);
    expect(() => readManifestSources(['no/such/dir'])).toThrow(
      /^no\/such\/dir: no such file or directory$/,
    );
  });

  it('fails naming a folder without manifests', () => {
    const folder = path.join(FIXTURES, 'empty-folder');
    expect(() => readManifestSources([folder])).toThrow(
      /empty-folder: no \.yaml, \.yml or \.json files in this folder$/,
    );
  });
});
