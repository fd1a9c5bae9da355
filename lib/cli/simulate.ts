/**
 * @module
 * The CLI's simulator: every file parsed first (so bad input fails before anything runs,
 * naming the file and the document), then applied to one `Cluster` — namespaces and CRDs of
 * all files first, as `kubectl apply -f dir/` users expect — and converged.
 */
import { Cluster, ManifestError, type ClusterOptions } from '../sim';
import { rfc3339 } from '../sim/clock';
import { parseSources, type SourcedObject } from '../sim/manifests';
import type { SimOptions } from './args';
import type { ManifestSource } from './inputs';
import type { SimulationRun } from './run';

/** The cluster options a command line asks for. */
export function clusterOptions(options: SimOptions): ClusterOptions {
  return {
    nodes: options.nodes,
    nodeCpu: options.nodeCpu,
    nodeMemory: options.nodeMemory,
    seed: options.seed,
    imageCatalogue: options.imageCatalogue,
    unprivilegedPortStart: options.unprivilegedPortStart,
  };
}

/** Parses, applies and converges the sources; throws ManifestError on bad input. */
export function simulateSources(
  sources: readonly ManifestSource[],
  options: SimOptions,
): SimulationRun {
  const parsed = parseSources(sources.map((s) => ({ text: s.text, source: s.name })));
  const cluster = new Cluster(clusterOptions(options));
  const started = cluster.now;
  for (const entry of applyOrder(parsed)) applyOne(cluster, entry);
  const result = cluster.converge({ timeoutSeconds: options.timeoutSeconds });
  return {
    outcome: result,
    objects: cluster.objects({ events: true }),
    // Ages as of the last change, the moment the verdict speaks of; converge() then idles
    // through a settle window in which nothing happens.
    now: rfc3339(started + result.seconds),
    start: rfc3339(started),
  };
}

/** What others depend on first (Namespaces, then CRDs), the rest in file and document order. */
function applyOrder(entries: readonly SourcedObject[]): SourcedObject[] {
  const rank = (kind: string) =>
    kind === 'Namespace' ? 0 : kind === 'CustomResourceDefinition' ? 1 : 2;
  return entries
    .map((entry, index) => ({ entry, index }))
    .sort((a, b) => rank(a.entry.object.kind) - rank(b.entry.object.kind) || a.index - b.index)
    .map(({ entry }) => entry);
}

/**
 * Applies one object. The cluster names the document by its place in what it was given (here
 * always 1), so a rejection is re-issued naming the object's own file and document.
 */
function applyOne(cluster: Cluster, entry: SourcedObject): void {
  try {
    cluster.apply(entry.object, entry.source);
  } catch (error) {
    if (!ManifestError.is(error)) throw error;
    const prefix = `${error.source}: document ${error.document}: `;
    const detail = error.message.startsWith(prefix)
      ? error.message.slice(prefix.length)
      : error.message;
    throw new ManifestError(entry.source, entry.document, detail, { cause: error });
  }
}
