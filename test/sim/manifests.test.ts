import { ManifestError, parseManifests } from '../../lib/sim/manifests';

const deployment = (labels = 'app: web', selector = 'app: web') => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  selector:
    matchLabels:
      ${selector}
  template:
    metadata:
      labels:
        ${labels}
    spec:
      containers:
        - name: web
          image: nginx:1.27
`;

function errorOf(fn: () => unknown): ManifestError {
  try {
    fn();
  } catch (e) {
    if (ManifestError.is(e)) return e;
    throw e;
  }
  throw new Error('expected a ManifestError');
}

describe('parseManifests', () => {
  test('reads every document of a multi-document YAML stream, skipping empty ones', () => {
    const text = `${deployment()}---\n# only a comment\n---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\n`;
    const objects = parseManifests(text, 'app.yaml');
    expect(objects.map((o) => [o.object.kind, o.document])).toEqual([
      ['Deployment', 1],
      ['ConfigMap', 3],
    ]);
    expect(objects[0].source).toBe('app.yaml');
  });

  test('flattens List kinds', () => {
    const list = {
      apiVersion: 'v1',
      kind: 'List',
      items: [
        { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'a' } },
        { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'b' } },
      ],
    };
    expect(parseManifests(list).map((o) => o.object.metadata.name)).toEqual(['a', 'b']);
  });

  test('accepts one object or an array of objects, numbering array elements as documents', () => {
    const cm = (name: string) => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name } });
    expect(parseManifests(cm('a'))).toHaveLength(1);
    expect(parseManifests([cm('a'), cm('b')]).map((o) => o.document)).toEqual([1, 2]);
  });

  test('does not change the caller objects', () => {
    const cm = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'a' } };
    const [parsed] = parseManifests(cm);
    parsed.object.metadata.name = 'changed';
    expect(cm.metadata.name).toBe('a');
  });

  test.each([
    // description, input, message
    [
      'unparsable YAML',
      'apiVersion: v1\nkind: [\n',
      /^bad\.yaml: document 1: invalid YAML \(line \d+, column \d+\): /,
    ],
    [
      'a document without apiVersion',
      'kind: ConfigMap\nmetadata:\n  name: a\n',
      /^bad\.yaml: document 1: missing apiVersion$/,
    ],
    [
      'a document without kind',
      'apiVersion: v1\nmetadata:\n  name: a\n',
      /^bad\.yaml: document 1: missing kind$/,
    ],
    [
      'a document without metadata.name',
      'apiVersion: v1\nkind: ConfigMap\nmetadata: {}\n',
      /^bad\.yaml: document 1: ConfigMap: missing metadata\.name$/,
    ],
    [
      'a scalar document',
      'just text\n',
      /^bad\.yaml: document 1: expected a Kubernetes object, got the string "just text"$/,
    ],
    [
      'a name that is not DNS-1123',
      'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: My_Config\n',
      /^bad\.yaml: document 1: ConfigMap "My_Config" is invalid: metadata\.name: Invalid value: "My_Config": a lowercase RFC 1123 subdomain/,
    ],
    [
      'a Service name that is not a DNS-1035 label',
      'apiVersion: v1\nkind: Service\nmetadata:\n  name: 1web\n',
      /^bad\.yaml: document 1: Service "1web" is invalid: metadata\.name: Invalid value: "1web": a DNS-1035 label/,
    ],
    [
      'a workload selector that does not match its template labels',
      deployment('app: api', 'app: web'),
      /^bad\.yaml: document 1: Deployment "web" is invalid: spec\.template\.metadata\.labels: Invalid value: "app=api": `selector` does not match template `labels`/,
    ],
    [
      'a workload without a selector',
      'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  template: {}\n',
      /^bad\.yaml: document 1: Deployment "web" is invalid: spec\.selector: Required value$/,
    ],
  ])('fails on %s, naming the file and document', (_what, text, message) => {
    expect(() => parseManifests(text, 'bad.yaml')).toThrow(message);
  });

  test('fails on the right document index of a stream', () => {
    const text = `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ok\n---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ok2\n---\nkind: Secret\n`;
    const error = errorOf(() => parseManifests(text, 'three.yaml'));
    expect(error.message).toMatch(/^three\.yaml: document 3: missing apiVersion$/);
    expect(error.source).toBe('three.yaml');
    expect(error.document).toBe(3);
  });

  test('fails on the item of a List, naming document and item', () => {
    const list = {
      apiVersion: 'v1',
      kind: 'List',
      items: [{ apiVersion: 'v1', kind: 'ConfigMap', metadata: {} }],
    };
    expect(() => parseManifests(list, 'list.json')).toThrow(
      /^list\.json: document 1: item 1: ConfigMap: missing metadata\.name$/,
    );
  });

  test('fails when the same object is defined twice', () => {
    const cm = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n';
    expect(() => parseManifests(`${cm}---\n${cm}`, 'dup.yaml')).toThrow(
      /^dup\.yaml: document 2: ConfigMap "a" in namespace "default" is defined twice \(also in document 1\)$/,
    );
  });

  test('ManifestError.is recognises the error', () => {
    expect(ManifestError.is(errorOf(() => parseManifests('kind: X\n')))).toBe(true);
    expect(ManifestError.is(new Error('x'))).toBe(false);
  });
});
