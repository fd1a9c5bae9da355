import { DEFAULT_TIMEOUT_SECONDS, parseCommand } from '../../lib/cli/args';

describe('parseCommand', () => {
  it.each<[string[], unknown]>([
    [[], { kind: 'help', topic: 'bosun' }],
    [['--help'], { kind: 'help', topic: 'bosun' }],
    [['-h'], { kind: 'help', topic: 'bosun' }],
    [['help', 'sim'], { kind: 'help', topic: 'sim' }],
    [['sim', '--help'], { kind: 'help', topic: 'sim' }],
    [['sim', 'dist/', '-h'], { kind: 'help', topic: 'sim' }],
    [['--version'], { kind: 'version' }],
  ])('parseCommand(%j)', (argv, expected) => {
    expect(parseCommand(argv)).toEqual(expected);
  });

  it('reads paths and every option of sim', () => {
    const command = parseCommand([
      'sim',
      'dist/',
      'extra.yaml',
      '--nodes',
      '5',
      '--node-cpu',
      '2',
      '--node-memory=8Gi',
      '--timeout',
      '120',
      '--seed',
      '7',
      '--json',
      '--report',
      'out.md',
      '--no-image-catalogue',
      '--unprivileged-port-start',
      '1024',
    ]);
    expect(command).toEqual({
      kind: 'sim',
      paths: ['dist/', 'extra.yaml'],
      options: {
        nodes: 5,
        nodeCpu: '2',
        nodeMemory: '8Gi',
        timeoutSeconds: 120,
        seed: 7,
        json: true,
        report: 'out.md',
        imageCatalogue: false,
        unprivilegedPortStart: 1024,
      },
    });
  });

  it('defaults the timeout to 600 virtual seconds and json to false', () => {
    const command = parseCommand(['sim', 'a.yaml']);
    expect(command).toMatchObject({
      options: { timeoutSeconds: DEFAULT_TIMEOUT_SECONDS, json: false },
    });
    expect(DEFAULT_TIMEOUT_SECONDS).toBe(600);
  });

  it.each<[string[], RegExp]>([
    [['deploy'], /^unknown command 'deploy' \(commands: sim/],
    [['sim'], /needs at least one file or folder/],
    [['sim', 'a.yaml', '--nodes', '0'], /^--nodes must be an integer >= 1 \(got '0'\)$/],
    [['sim', 'a.yaml', '--nodes', 'three'], /^--nodes must be an integer >= 1 \(got 'three'\)$/],
    [['sim', 'a.yaml', '--nodes', '1.5'], /^--nodes must be an integer >= 1/],
    [['sim', 'a.yaml', '--seed', '-1'], /--seed/],
    [
      ['sim', 'a.yaml', '--node-cpu', 'lots'],
      /^--node-cpu must be a positive Kubernetes quantity .* \(got 'lots'\)$/,
    ],
    [
      ['sim', 'a.yaml', '--unprivileged-port-start', '70000'],
      /^--unprivileged-port-start must be an integer from 0 to 65535 \(got '70000'\)/,
    ],
    [
      ['sim', 'a.yaml', '--node-memory', '0'],
      /^--node-memory must be a positive Kubernetes quantity/,
    ],
    [['sim', 'a.yaml', '--timeout=-5'], /^--timeout must be a number of seconds > 0 \(got '-5'\)$/],
    [['sim', 'a.yaml', '--timeout', '-5'], /^Option '--timeout' argument is ambiguous \(see/],
    [['sim', 'a.yaml', '--timeout', 'soon'], /^--timeout must be a number of seconds > 0/],
    [
      ['sim', 'a.yaml', '--frobnicate'],
      /^Unknown option '--frobnicate' \(see 'bosun sim --help'\)$/,
    ],
    [['sim', 'a.yaml', '--nodes'], /--nodes/],
  ])('fails on %j', (argv, message) => {
    expect(() => parseCommand(argv)).toThrow(message);
  });
});
