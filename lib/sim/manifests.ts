/**
 * @module
 * Manifests in: multi-document YAML text (the `yaml` package), one object or an array,
 * `List` kinds flattened. Bad input is a {@link ManifestError} naming the source and the
 * document, the same checks `kubectl apply` and the API server make before anything is
 * stored: parsable YAML, apiVersion/kind/metadata.name present, DNS names, a workload
 * selector that selects its own template (apps/v1 validation, pkg/apis/apps/validation), and
 * well-formed resource quantities (quantity-fields.ts).
 */
import { parseAllDocuments } from 'yaml';
import type { LabelSelector } from './api';
import { isClusterScoped } from './kinds';
import { nameError } from './names';
import { quantityFieldErrors } from './quantity-fields';
import { formatLabels, matchesSelector } from './selector';
import type { KubeObject } from './types';
import { isPlainObject } from './json';

const BRAND = Symbol.for('bosun.ManifestError');

/** A manifest the simulator cannot accept: the message names the source and the document. */
export class ManifestError extends Error {
  /** The file (or `<input>`) the manifest came from. */
  readonly source: string;
  /** 1-based index of the YAML document (or array element) in the source. */
  readonly document: number;

  constructor(source: string, document: number, detail: string, options?: { cause?: unknown }) {
    super(`${source}: document ${document}: ${detail}`, options);
    this.name = 'ManifestError';
    this.source = source;
    this.document = document;
    Object.defineProperty(this, BRAND, { value: true });
  }

  /** True for a ManifestError from any copy of this package. */
  static is(x: unknown): x is ManifestError {
    return typeof x === 'object' && x !== null && BRAND in x;
  }
}

/** One accepted object and where it came from. */
export interface SourcedObject {
  readonly object: KubeObject;
  readonly source: string;
  /** 1-based document index in the source. */
  readonly document: number;
}

/** What `apply` accepts: YAML text, one object, or a list of objects. */
export type ManifestInput =
  string | KubeObject | readonly KubeObject[] | readonly unknown[] | object;

/** Workload kinds whose `spec.selector` must select `spec.template.metadata.labels`. */
const WORKLOADS = new Set(['Deployment', 'ReplicaSet', 'StatefulSet', 'DaemonSet']);

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  return typeof value === 'string' ? `the string "${value.slice(0, 40)}"` : `a ${typeof value}`;
}

/** Parses and checks manifests; throws ManifestError on the first bad document. */
export function parseManifests(input: ManifestInput, source = '<input>'): SourcedObject[] {
  const documents: unknown[] = [];
  if (typeof input === 'string') {
    const parsed = parseAllDocuments(input, { prettyErrors: true });
    const docs = Array.isArray(parsed) ? parsed : [];
    docs.forEach((doc, i) => {
      const error = doc.errors[0];
      if (error) {
        const line = error.linePos?.[0];
        const where = line ? ` (line ${line.line}, column ${line.col})` : '';
        const first = error.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '');
        throw new ManifestError(source, i + 1, `invalid YAML${where}: ${first}`, { cause: error });
      }
      documents.push(doc.toJS());
    });
  } else if (Array.isArray(input)) {
    documents.push(...input);
  } else {
    documents.push(input);
  }
  const out: SourcedObject[] = [];
  documents.forEach((doc, i) => {
    const document = i + 1;
    if (doc === null || doc === undefined) return; // an empty document (`---` with comments only)
    if (
      isPlainObject(doc) &&
      typeof doc.kind === 'string' &&
      doc.kind.endsWith('List') &&
      Array.isArray(doc.items)
    ) {
      doc.items.forEach((item, j) => {
        out.push({
          object: checkObject(item, source, document, `item ${j + 1}: `),
          source,
          document,
        });
      });
      return;
    }
    out.push({ object: checkObject(doc, source, document, ''), source, document });
  });
  rejectDuplicates(out);
  return out;
}

function checkObject(doc: unknown, source: string, document: number, prefix: string): KubeObject {
  const fail = (detail: string): never => {
    throw new ManifestError(source, document, prefix + detail);
  };
  if (!isPlainObject(doc)) return fail(`expected a Kubernetes object, got ${describe(doc)}`);
  if (typeof doc.apiVersion !== 'string' || doc.apiVersion === '') fail('missing apiVersion');
  if (typeof doc.kind !== 'string' || doc.kind === '') fail('missing kind');
  const kind = doc.kind as string;
  const metadata = doc.metadata;
  if (!isPlainObject(metadata) || typeof metadata.name !== 'string' || metadata.name === '') {
    return fail(`${kind}: missing metadata.name`);
  }
  const name = metadata.name as string;
  const label = `${kind} "${name}"`;
  const badName = nameError(kind, name);
  if (badName) fail(`${label} is invalid: ${badName}`);
  if (metadata.namespace !== undefined) {
    if (typeof metadata.namespace !== 'string')
      fail(`${label}: metadata.namespace must be a string`);
    const badNamespace = nameError('Namespace', metadata.namespace as string);
    if (badNamespace)
      fail(`${label} is invalid: ${badNamespace.replace('metadata.name', 'metadata.namespace')}`);
  }
  if (WORKLOADS.has(kind)) checkWorkloadSelector(doc, label, fail);
  const badQuantities = quantityFieldErrors(doc);
  // the API server joins several field errors as an aggregate: `[a, b]`
  if (badQuantities.length === 1) fail(`${label} is invalid: ${badQuantities[0]}`);
  if (badQuantities.length > 1) fail(`${label} is invalid: [${badQuantities.join(', ')}]`);
  return structuredClone(doc) as KubeObject;
}

/** apps/v1 ValidateDeploymentSpec & co: a required, non-empty selector that selects the template. */
function checkWorkloadSelector(
  doc: Record<string, unknown>,
  label: string,
  fail: (detail: string) => never,
): void {
  const spec = isPlainObject(doc.spec)
    ? doc.spec
    : fail(`${label} is invalid: spec: Required value`);
  const selector = spec.selector;
  if (!isPlainObject(selector)) fail(`${label} is invalid: spec.selector: Required value`);
  const s = selector as LabelSelector;
  if (Object.keys(s.matchLabels ?? {}).length === 0 && (s.matchExpressions ?? []).length === 0) {
    fail(
      `${label} is invalid: spec.selector: Invalid value: {}: empty selector is invalid for ${doc.kind === 'Deployment' ? 'deployment' : 'workload'}`,
    );
  }
  const template = isPlainObject(spec.template) ? spec.template : {};
  const templateMeta = isPlainObject(template.metadata) ? template.metadata : {};
  const labels = (isPlainObject(templateMeta.labels) ? templateMeta.labels : {}) as Record<
    string,
    string
  >;
  if (!matchesSelector(labels, s)) {
    const wanted = formatLabels(s.matchLabels);
    fail(
      `${label} is invalid: spec.template.metadata.labels: Invalid value: "${formatLabels(labels)}": \`selector\` does not match template \`labels\`` +
        (wanted ? ` (selector ${wanted})` : ''),
    );
  }
}

function rejectDuplicates(objects: readonly SourcedObject[]): void {
  const seen = new Map<string, SourcedObject>();
  for (const entry of objects) {
    const { kind, metadata } = entry.object;
    const namespace = isClusterScoped(kind) ? '' : (metadata.namespace ?? 'default');
    const key = `${kind}/${namespace}/${metadata.name}`;
    const first = seen.get(key);
    if (first) {
      const where =
        first.source === entry.source
          ? `document ${first.document}`
          : `${first.source} document ${first.document}`;
      throw new ManifestError(
        entry.source,
        entry.document,
        `${kind} "${metadata.name}"${namespace ? ` in namespace "${namespace}"` : ''} is defined twice (also in ${where})`,
      );
    }
    seen.set(key, entry);
  }
}

/** Every object of several sources, with duplicates across sources rejected too. */
export function parseSources(
  sources: readonly { text: string; source: string }[],
): SourcedObject[] {
  const all = sources.flatMap(({ text, source }) => parseManifests(text, source));
  rejectDuplicates(all);
  return all;
}
