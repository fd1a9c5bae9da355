/**
 * @module
 * The simulated cluster as a Mermaid `flowchart LR`: Ingress → Service → Deployment /
 * StatefulSet → Pods → PersistentVolumeClaims, HPAs pointing at what they scale, one subgraph
 * per namespace, objects with problems (and backends that do not exist) drawn in red.
 */
import type { Pod, Service } from '../sim/api';
import type { Problem } from '../sim/types';
import { Ownership, keyOf, objectKey } from './ownership';
import { podColumns } from './pod-status';
import type {
  AnyObject,
  HorizontalPodAutoscalerView,
  IngressBackendView,
  IngressView,
} from './views';

/** Above this many pods, a workload's pods are drawn as one summary node. */
const MAX_PODS_DRAWN = 5;

const WORKLOAD_KINDS = new Set([
  'Deployment',
  'StatefulSet',
  'ReplicaSet',
  'DaemonSet',
  'Job',
  'Pod',
]);

interface Vertex {
  readonly id: string;
  readonly namespace: string;
  readonly text: string;
  readonly shape: readonly [string, string];
  readonly problem: boolean;
}

/** Mermaid source (without the ``` fence) of the cluster's topology. */
export function mermaidTopology(
  objects: readonly AnyObject[],
  problems: readonly Problem[],
  now: string,
): string {
  return new TopologyBuilder(objects, problems, Date.parse(now)).build();
}

class TopologyBuilder {
  readonly #objects: readonly AnyObject[];
  readonly #owners: Ownership;
  readonly #troubled: Set<string>;
  readonly #nowMs: number;
  readonly #vertices = new Map<string, Vertex>();
  readonly #edges: string[] = [];

  constructor(objects: readonly AnyObject[], problems: readonly Problem[], nowMs: number) {
    this.#objects = [...objects].sort((a, b) => (keyOf(a) < keyOf(b) ? -1 : 1));
    this.#owners = new Ownership(objects);
    this.#troubled = new Set(
      problems.map((p) => objectKey(p.kind, p.namespace || undefined, p.name)),
    );
    this.#nowMs = nowMs;
  }

  build(): string {
    const podsByRoot = this.#podsByRoot();
    const roots = [...podsByRoot.keys()];
    for (const ing of this.#ofKind<IngressView>('Ingress')) this.#ingress(ing);
    for (const svc of this.#ofKind<Service>('Service')) this.#service(svc, roots);
    for (const [root, pods] of podsByRoot) this.#workload(root, pods);
    for (const hpa of this.#ofKind<HorizontalPodAutoscalerView>('HorizontalPodAutoscaler')) {
      this.#autoscaler(hpa);
    }
    for (const pvc of this.#ofKind('PersistentVolumeClaim')) this.#vertex(pvc);
    return this.#render();
  }

  #ofKind<T extends AnyObject>(kind: string): T[] {
    return this.#objects.filter((o) => o.kind === kind) as T[];
  }

  /** Pods grouped under the top of their controller chain; workloads without pods get an empty group. */
  #podsByRoot(): Map<AnyObject, Pod[]> {
    const groups = new Map<AnyObject, Pod[]>();
    for (const obj of this.#objects) {
      if (!WORKLOAD_KINDS.has(obj.kind)) continue;
      const root = this.#owners.rootOf(obj);
      const pods = groups.get(root) ?? [];
      if (obj.kind === 'Pod' && root !== obj) pods.push(obj as Pod);
      groups.set(root, pods);
    }
    return groups;
  }

  #ingress(ing: IngressView): void {
    const from = this.#vertex(ing);
    const backends: { route: string; backend: IngressBackendView }[] = [];
    if (ing.spec?.defaultBackend)
      backends.push({ route: 'default', backend: ing.spec.defaultBackend });
    for (const rule of ing.spec?.rules ?? []) {
      for (const path of rule.http?.paths ?? []) {
        backends.push({ route: `${rule.host ?? '*'}${path.path ?? '/'}`, backend: path.backend });
      }
    }
    for (const { route, backend } of backends) {
      const name = backend.service?.name;
      if (!name) continue;
      const port = backend.service?.port?.number ?? backend.service?.port?.name ?? '';
      const svc = this.#owners.find('Service', ing.metadata.namespace, name);
      const to = svc ? this.#vertex(svc) : this.#missing('Service', ing.metadata.namespace, name);
      this.#edge(from, to, port === '' ? route : `${route} :${port}`);
    }
  }

  #service(svc: Service, roots: readonly AnyObject[]): void {
    const from = this.#vertex(svc);
    const selector = svc.spec?.selector;
    if (!selector || Object.keys(selector).length === 0) return;
    for (const root of roots) {
      if (root.metadata.namespace !== svc.metadata.namespace) continue;
      if (matches(selector, podLabelsOf(root))) this.#edge(from, this.#vertex(root));
    }
  }

  #workload(root: AnyObject, pods: readonly Pod[]): void {
    const from = this.#vertex(root);
    const claimsOf = (pod: Pod) =>
      (pod.spec?.volumes ?? [])
        .map((v) => v.persistentVolumeClaim?.claimName)
        .filter((c): c is string => Boolean(c));
    if (pods.length <= MAX_PODS_DRAWN) {
      for (const pod of [...pods].sort(byName)) {
        const to = this.#vertex(pod);
        this.#edge(from, to);
        for (const claim of claimsOf(pod)) this.#edge(to, this.#claim(pod, claim));
      }
      if (root.kind === 'Pod') {
        for (const claim of claimsOf(root as Pod)) this.#edge(from, this.#claim(root, claim));
      }
      return;
    }
    const ready = pods.filter((p) => podColumns(p, this.#nowMs).status === 'Running').length;
    const summary = this.#add({
      id: `pods_${this.#vertices.size}`,
      namespace: root.metadata.namespace ?? '',
      text: `${pods.length} pods<br/>${ready} running`,
      shape: ['(', ')'],
      problem: pods.some((p) => this.#troubled.has(keyOf(p))),
    });
    this.#edge(from, summary);
    const claims = new Set(pods.flatMap(claimsOf));
    for (const claim of [...claims].sort()) this.#edge(summary, this.#claim(root, claim));
  }

  #claim(owner: AnyObject, name: string): string {
    const pvc = this.#owners.find('PersistentVolumeClaim', owner.metadata.namespace, name);
    return pvc
      ? this.#vertex(pvc)
      : this.#missing('PersistentVolumeClaim', owner.metadata.namespace, name);
  }

  #autoscaler(hpa: HorizontalPodAutoscalerView): void {
    const from = this.#vertex(hpa);
    const ref = hpa.spec?.scaleTargetRef;
    if (!ref) return;
    const target = this.#owners.find(ref.kind, hpa.metadata.namespace, ref.name);
    const to = target
      ? this.#vertex(target)
      : this.#missing(ref.kind, hpa.metadata.namespace, ref.name);
    this.#edges.push(`  ${from} -. scales .-> ${to}`);
  }

  /** The vertex id of an object, adding the vertex on first use; pods show their STATUS. */
  #vertex(obj: AnyObject): string {
    const key = keyOf(obj);
    const existing = this.#vertices.get(key);
    if (existing) return existing.id;
    const detail = obj.kind === 'Pod' ? podColumns(obj as Pod, this.#nowMs).status : undefined;
    const label = `${obj.kind.toLowerCase()}/${obj.metadata.name}`;
    return this.#add(
      {
        id: `n${this.#vertices.size}`,
        namespace: obj.metadata.namespace ?? '',
        text: detail ? `${label}<br/>${detail}` : label,
        shape: SHAPES[obj.kind] ?? ['[', ']'],
        problem: this.#troubled.has(key),
      },
      key,
    );
  }

  /** A red vertex for something referenced that does not exist. */
  #missing(kind: string, namespace: string | undefined, name: string): string {
    const key = objectKey(kind, namespace, name);
    const existing = this.#vertices.get(key);
    if (existing) return existing.id;
    return this.#add(
      {
        id: `n${this.#vertices.size}`,
        namespace: namespace ?? '',
        text: `${kind.toLowerCase()}/${name}<br/>(missing)`,
        shape: SHAPES[kind] ?? ['[', ']'],
        problem: true,
      },
      key,
    );
  }

  #add(vertex: Vertex, key: string = vertex.id): string {
    this.#vertices.set(key, vertex);
    return vertex.id;
  }

  #edge(from: string, to: string, label?: string): void {
    this.#edges.push(label ? `  ${from} -->|"${escape(label)}"| ${to}` : `  ${from} --> ${to}`);
  }

  #render(): string {
    const lines = ['flowchart LR'];
    const namespaces = [...new Set([...this.#vertices.values()].map((v) => v.namespace))].sort();
    for (const ns of namespaces) {
      const members = [...this.#vertices.values()].filter((v) => v.namespace === ns);
      const indent = ns ? '    ' : '  ';
      if (ns) lines.push(`  subgraph ns_${ns.replace(/[^A-Za-z0-9]/g, '_')}["namespace ${ns}"]`);
      for (const v of members) {
        const cls = v.problem ? ':::problem' : '';
        lines.push(`${indent}${v.id}${v.shape[0]}"${escape(v.text)}"${v.shape[1]}${cls}`);
      }
      if (ns) lines.push('  end');
    }
    lines.push(...this.#edges);
    lines.push('  classDef problem fill:#fdd,stroke:#c00,color:#600');
    return lines.join('\n');
  }
}

/** Mermaid shapes per kind: ingress flag, service stadium, workload box, pod rounded, claim cylinder, HPA slant. */
const SHAPES: Readonly<Record<string, readonly [string, string]>> = {
  Ingress: ['>', ']'],
  Service: ['([', '])'],
  Pod: ['(', ')'],
  PersistentVolumeClaim: ['[(', ')]'],
  HorizontalPodAutoscaler: ['[/', '/]'],
};

function byName(a: AnyObject, b: AnyObject): number {
  return a.metadata.name < b.metadata.name ? -1 : a.metadata.name > b.metadata.name ? 1 : 0;
}

/** The labels a workload's pods carry: its pod template's, or a bare pod's own. */
function podLabelsOf(obj: AnyObject): Record<string, string> {
  if (obj.kind === 'Pod') return obj.metadata.labels ?? {};
  const template = (
    obj.spec as { template?: { metadata?: { labels?: Record<string, string> } } } | undefined
  )?.template;
  return template?.metadata?.labels ?? {};
}

/** A Service selector matches when every key=value is among the labels. */
function matches(
  selector: Readonly<Record<string, string>>,
  labels: Readonly<Record<string, string>>,
): boolean {
  return Object.entries(selector).every(([k, v]) => labels[k] === v);
}

/** Mermaid entity-escapes quotes inside quoted labels. */
function escape(text: string): string {
  return text.replace(/"/g, '#quot;');
}
