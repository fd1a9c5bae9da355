import * as path from 'node:path';
import { EXIT, runCli, type CliIo, type Simulator, type SimulationRun } from '../../lib/cli/run';
import { NOW, OBJECTS, PROBLEMS, START } from './cluster-objects';

const MANIFEST = path.join(__dirname, 'fixtures', 'nested', 'dist', 'a.yml');

interface FakeIo extends CliIo {
  out: string;
  err: string;
  files: Record<string, string>;
}

function fakeIo(options: { tty?: boolean; env?: Record<string, string> } = {}): FakeIo {
  const io: FakeIo = {
    out: '',
    err: '',
    files: {},
    stdoutIsTTY: options.tty ?? false,
    env: options.env ?? {},
    stdout: (t) => void (io.out += t),
    stderr: (t) => void (io.err += t),
    readStdin: () => 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n',
    writeFile: (file, text) => void (io.files[file] = text),
  };
  return io;
}

const converged: SimulationRun = {
  outcome: { converged: true, seconds: 42, problems: [] },
  objects: OBJECTS,
  now: NOW,
  start: START,
};
const failed: SimulationRun = {
  outcome: { converged: false, seconds: 600, problems: PROBLEMS },
  objects: OBJECTS,
  now: NOW,
  start: START,
};
const returning =
  (run: SimulationRun): Simulator =>
  () =>
    run;
const throwing =
  (error: Error): Simulator =>
  () => {
    throw error;
  };

describe('runCli', () => {
  it('exits 0 when the manifests converge, printing tables and the verdict', () => {
    const io = fakeIo();
    expect(runCli(['sim', MANIFEST], io, returning(converged))).toBe(EXIT.converged);
    expect(io.out).toMatch(/^Namespace: default\n\nNAME +READY +UP-TO-DATE +AVAILABLE +AGE\n/);
    expect(io.out).toMatch(/\nconverged in 42s \(virtual\)\n$/);
    expect(io.err).toBe('');
  });

  it('exits 1 when they do not converge, listing the problems before the verdict', () => {
    const io = fakeIo();
    expect(runCli(['sim', MANIFEST], io, returning(failed))).toBe(EXIT.notConverged);
    expect(io.out).toContain(
      'Problems (2):\n  Deployment/web: ProgressDeadlineExceeded: ReplicaSet "web-5d9c7" has timed out progressing.\n',
    );
    expect(io.out).toMatch(
      /\nnot converged: 2 problems \(nothing changed after 600s, virtual\)\n$/,
    );
  });

  it('passes the sources and options to the simulator', () => {
    const simulator = jest.fn(returning(converged));
    runCli(['sim', MANIFEST, '-', '--nodes', '2', '--timeout', '30'], fakeIo(), simulator);
    const [sources, options] = simulator.mock.calls[0];
    expect(sources.map((s) => s.name)).toEqual([MANIFEST, '<stdin>']);
    expect(options).toMatchObject({ nodes: 2, timeoutSeconds: 30 });
  });

  it('prints { converged, seconds, problems, objects, notSimulated } with --json', () => {
    const io = fakeIo({ tty: true });
    expect(runCli(['sim', MANIFEST, '--json'], io, returning(failed))).toBe(EXIT.notConverged);
    const json = JSON.parse(io.out) as Record<string, unknown>;
    expect(Object.keys(json)).toEqual([
      'converged',
      'seconds',
      'problems',
      'objects',
      'notSimulated',
    ]);
    expect(json).toMatchObject({ converged: false, seconds: 600, problems: PROBLEMS });
    expect(json.objects).toHaveLength(OBJECTS.length);
    expect(io.out.startsWith('{')).toBe(true); // no progress line before JSON
  });

  it('writes a Markdown report with --report', () => {
    const io = fakeIo();
    runCli(['sim', MANIFEST, '--report', 'out/report.md'], io, returning(failed));
    expect(io.files['out/report.md']).toMatch(/^# bosun sim report\n/);
    expect(io.files['out/report.md']).toContain(`Manifests: \`${MANIFEST}\``);
  });

  it('colors and shows a progress line only on a terminal without NO_COLOR', () => {
    const tty = fakeIo({ tty: true });
    runCli(['sim', MANIFEST], tty, returning(converged));
    expect(tty.out).toContain('\u001b[32mconverged');
    expect(tty.out.startsWith('\u001b[2msimulating 1 file(s)...\u001b[22m\r\u001b[K')).toBe(true);
    expect(tty.err).toBe('');

    const noColor = fakeIo({ tty: true, env: { NO_COLOR: '1' } });
    runCli(['sim', MANIFEST], noColor, returning(converged));
    expect(noColor.out).not.toMatch(new RegExp(`${String.fromCharCode(27)}\\[\\d+m`)); // no SGR colors

    const piped = fakeIo();
    runCli(['sim', MANIFEST], piped, returning(converged));
    expect(piped.out).not.toContain('\u001b[');
    expect(piped.out).not.toContain('simulating');
  });

  it.each<[string[], number, RegExp]>([
    [['--help'], 0, /^bosun - ship web apps/],
    [['sim', '--help'], 0, /^Usage: bosun sim <file\|folder\|->\.\.\. \[options\]/],
    [['--version'], 0, /^\d+\.\d+\.\d+/],
  ])('prints help and version: %j', (argv, code, output) => {
    const io = fakeIo();
    expect(runCli(argv, io, returning(converged))).toBe(code);
    expect(io.out).toMatch(output);
  });

  it('fails with exit 2 and the help on stderr when run without a command', () => {
    const io = fakeIo();
    expect(runCli([], io, returning(converged))).toBe(EXIT.badInput);
    expect(io.err).toMatch(/^bosun - ship web apps/);
    expect(io.out).toBe('');
  });

  it.each<[string[], Simulator, RegExp]>([
    [['sim'], returning(converged), /^bosun: 'bosun sim' needs at least one file or folder/],
    [['sim', MANIFEST, '--nodes', '-3'], returning(converged), /--nodes/],
    [
      ['sim', 'missing.yaml'],
      returning(converged),
      /^bosun: missing\.yaml: no such file or directory\n$/,
    ],
    [
      ['sim', MANIFEST],
      throwing(
        Object.assign(new Error('dist/app.yaml: document 2: missing metadata.name'), {
          name: 'ManifestError',
        }),
      ),
      /^bosun: dist\/app\.yaml: document 2: missing metadata\.name\n$/,
    ],
    [
      ['sim', MANIFEST],
      throwing(
        Object.assign(new Error('provided port is already allocated'), { name: 'ApiError' }),
      ),
      /^bosun: provided port is already allocated\n$/,
    ],
  ])('fails with exit 2 and one line on bad input: %j', (argv, simulator, message) => {
    const io = fakeIo();
    expect(runCli(argv, io, simulator)).toBe(EXIT.badInput);
    expect(io.err).toMatch(message);
    expect(io.err.trim().split('\n')).toHaveLength(1);
    expect(io.err).not.toMatch(/\n\s+at /); // no stack trace
  });

  it('fails with exit 70 and a short "please report" note on an internal error', () => {
    const io = fakeIo();
    const code = runCli(
      ['sim', MANIFEST],
      io,
      throwing(new TypeError("Cannot read properties of undefined (reading 'spec')")),
    );
    expect(code).toBe(EXIT.internal);
    expect(io.err).toMatch(
      /^bosun: internal error: Cannot read properties of undefined \(reading 'spec'\)\n/,
    );
    expect(io.err).toMatch(/please report/);
    expect(io.err).not.toMatch(/\n\s+at /);
  });

  it('prints the stack of an internal error when BOSUN_DEBUG is set', () => {
    const io = fakeIo({ env: { BOSUN_DEBUG: '1' } });
    runCli(['sim', MANIFEST], io, throwing(new Error('boom')));
    expect(io.err).toMatch(/\n\s+at /);
  });

  it('fails with exit 2 when the report cannot be written', () => {
    const io = fakeIo();
    io.writeFile = () => {
      throw Object.assign(new Error('EACCES'), { code: 'EACCES' });
    };
    expect(runCli(['sim', MANIFEST, '--report', '/r.md'], io, returning(converged))).toBe(
      EXIT.badInput,
    );
    expect(io.err).toBe('bosun: cannot write the report to /r.md: permission denied\n');
  });
});
