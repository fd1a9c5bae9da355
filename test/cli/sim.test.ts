/**
 * End to end: `bosun sim` on the fixtures with the real simulator, in-process through runCli
 * (fast), and a few runs of the executable itself (lib/cli/bin.ts through ts-node).
 */
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { EXIT, runCli, type CliIo } from '../../lib/cli/run';
import { simulateSources } from '../../lib/cli/simulate';
import type { AnyObject } from '../../lib/cli/views';

const ROOT = path.join(__dirname, '..', '..');
const fixture = (name: string) => path.join('test', 'cli', 'fixtures', name);

function bosun(...argv: string[]) {
  const io = {
    out: '',
    err: '',
    files: {} as Record<string, string>,
    stdoutIsTTY: false,
    env: {},
    stdout(t: string) {
      io.out += t;
    },
    stderr(t: string) {
      io.err += t;
    },
    readStdin: () => '',
    writeFile(file: string, text: string) {
      io.files[file] = text;
    },
  } satisfies CliIo & { out: string; err: string; files: Record<string, string> };
  const cwd = process.cwd();
  process.chdir(ROOT);
  try {
    const code = runCli(argv, io, simulateSources);
    return { code, ...io };
  } finally {
    process.chdir(cwd);
  }
}

describe('bosun sim (in-process)', () => {
  it("exits 0 for the Kubernetes docs' nginx Deployment and Service, all pods Running", () => {
    const { code, out, err } = bosun('sim', fixture('converges'));
    expect(code).toBe(EXIT.converged);
    expect(out).toMatch(/deployment\.apps\/nginx-deployment +3\/3 +3 +3 +\d/);
    expect(out.match(/^pod\/nginx-deployment-\S+ +1\/1 +Running +0 /gm)).toHaveLength(3);
    expect(out).toMatch(/^service\/nginx +ClusterIP +10\.\d+\.\d+\.\d+ +<none> +80\/TCP +/m);
    expect(out).toMatch(/\nconverged in \d+(\.\d)?s \(virtual\)\n$/);
    expect(err).toBe('');
  });

  it('binds port 80 as non-root by default, and not with --unprivileged-port-start 1024', () => {
    expect(bosun('sim', fixture('nginx-non-root.yaml')).code).toBe(EXIT.converged);
    const criO = bosun('sim', fixture('nginx-non-root.yaml'), '--unprivileged-port-start', '1024');
    expect(criO.code).toBe(EXIT.notConverged);
    expect(criO.out).toContain(
      'nginx: [emerg] bind() to 0.0.0.0:80 failed (13: Permission denied)',
    );
    const plain = bosun(
      'sim',
      fixture('nginx-non-root.yaml'),
      '--unprivileged-port-start',
      '1024',
      '--no-image-catalogue',
    );
    expect(plain.code).toBe(EXIT.converged);
  });

  it("exits 1 for a pod no node can hold, with the scheduler's message", () => {
    const { code, out } = bosun('sim', fixture('unschedulable.yaml'));
    expect(code).toBe(EXIT.notConverged);
    expect(out).toMatch(/^pod\/greedy-\S+ +0\/1 +Pending +0 /m);
    expect(out).toMatch(
      / {2}Pod\/greedy-\S+: FailedScheduling: 0\/3 nodes are available: 3 Insufficient cpu\./,
    );
    expect(out).toMatch(/\nnot converged: \d+ problems? \(/);
  });

  it('sizes the nodes from --nodes and --node-cpu', () => {
    const { code, out } = bosun(
      'sim',
      fixture('unschedulable.yaml'),
      '--nodes',
      '1',
      '--node-cpu',
      '100',
    );
    expect(code).toBe(EXIT.converged);
    expect(out).toMatch(/^pod\/greedy-\S+ +1\/1 +Running +0 +\S+ +\S+ +node-1$/m);
  });

  it('applies Namespaces first, whichever file defines them', () => {
    const { code, out } = bosun('sim', fixture('namespace-later'));
    expect(code).toBe(EXIT.converged);
    expect(out).toContain('Namespace: shop');
  });

  it('prints every object of the cluster, with status, as JSON', () => {
    const { code, out } = bosun('sim', fixture('converges'), '--json');
    expect(code).toBe(EXIT.converged);
    const json = JSON.parse(out) as {
      converged: boolean;
      seconds: number;
      problems: unknown[];
      objects: AnyObject[];
    };
    expect(json).toMatchObject({ converged: true, problems: [] });
    expect(typeof json.seconds).toBe('number');
    const kinds = new Set(json.objects.map((o) => o.kind));
    for (const kind of [
      'Deployment',
      'ReplicaSet',
      'Pod',
      'Service',
      'Endpoints',
      'Node',
      'Namespace',
    ]) {
      expect(kinds).toContain(kind);
    }
    const deployment = json.objects.find((o) => o.kind === 'Deployment');
    expect(deployment).toMatchObject({
      apiVersion: 'apps/v1',
      metadata: { name: 'nginx-deployment', namespace: 'default' },
      status: { replicas: 3, readyReplicas: 3, availableReplicas: 3, updatedReplicas: 3 },
    });
    const endpoints = json.objects.find(
      (o) => o.kind === 'Endpoints' && o.metadata.name === 'nginx',
    ) as (AnyObject & { subsets?: { addresses?: unknown[] }[] }) | undefined;
    expect(endpoints?.subsets?.[0]?.addresses).toHaveLength(3);
  });

  it('writes a Markdown report with the topology and the timeline', () => {
    const { files } = bosun('sim', fixture('converges'), '--report', 'report.md');
    const md = files['report.md'];
    expect(md).toContain('**✅ converged in');
    expect(md).toMatch(/```mermaid\nflowchart LR\n/);
    expect(md).toMatch(/n\d+\(\["service\/nginx"\]\)/);
    expect(md).toMatch(/```mermaid\ngantt\n[\s\S]*deployment\/nginx-deployment : done, 0, \d+/);
    expect(md).toMatch(
      /\| \+0s \| Normal \| ScalingReplicaSet \| `deployment\/nginx-deployment` \|/,
    );
  });

  it.each<[string, RegExp]>([
    [
      'bad-yaml.yaml',
      /^bosun: test\/cli\/fixtures\/bad-yaml\.yaml: document 2: invalid YAML \(line \d+, column \d+\): /,
    ],
    [
      'missing-name.yaml',
      /^bosun: test\/cli\/fixtures\/missing-name\.yaml: document 2: ConfigMap: missing metadata\.name\n$/,
    ],
    [
      'duplicate',
      /^bosun: test\/cli\/fixtures\/duplicate\/two\.yaml: document 2: Service "nginx" in namespace "default" is defined twice \(also in test\/cli\/fixtures\/duplicate\/one\.yaml document 2\)\n$/,
    ],
    [
      'nodeport-clash',
      /^bosun: test\/cli\/fixtures\/nodeport-clash\/b\.yaml: document 2: Service "admin" is invalid: spec\.ports\[0\]\.nodePort: Invalid value: 31000: provided port is already allocated\n$/,
    ],
    [
      'bad-quantity.yaml',
      /^bosun: test\/cli\/fixtures\/bad-quantity\.yaml: document 2: Deployment "web" is invalid: spec\.template\.spec\.containers\[0\]\.resources\.requests\[cpu\]: Invalid value: "lots": quantities must match the regular expression '\^\(\[\+-\]\?\[0-9\.\]\+\)\(\[eEinumkKMGTP\]\*\[-\+\]\?\[0-9\]\*\)\$'\n$/,
    ],
  ])('fails with exit 2 naming the file and the document: %s', (name, message) => {
    const { code, out, err } = bosun('sim', fixture(name));
    expect(code).toBe(EXIT.badInput);
    expect(err).toMatch(message);
    expect(err.trim().split('\n')).toHaveLength(1);
    expect(out).toBe('');
  });
});

describe('bosun executable', () => {
  function run(...argv: string[]) {
    return spawnSync(
      process.execPath,
      ['-r', 'ts-node/register/transpile-only', 'lib/cli/bin.ts', ...argv],
      { cwd: ROOT, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } },
    );
  }

  it('exits 1 and prints JSON on stdout', () => {
    const result = run('sim', fixture('unschedulable.yaml'), '--json');
    expect(result.status).toBe(1);
    expect(JSON.parse(result.stdout)).toMatchObject({ converged: false });
  }, 60_000);

  it('exits 2 with one line on stderr and no stack trace for bad YAML', () => {
    const result = run('sim', fixture('bad-yaml.yaml'));
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(
      /^bosun: test\/cli\/fixtures\/bad-yaml\.yaml: document 2: invalid YAML/,
    );
    expect(result.stderr).not.toMatch(/\n\s+at /);
  }, 60_000);

  it('starts with a shebang, so npm can link it as the `bosun` command', () => {
    const { readFileSync } = jest.requireActual<typeof import('node:fs')>('node:fs');
    expect(readFileSync(path.join(ROOT, 'lib', 'cli', 'bin.ts'), 'utf8')).toMatch(
      /^#!\/usr\/bin\/env node\n/,
    );
  });
});
