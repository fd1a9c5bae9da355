/**
 * @module
 * kubectl-like tables of the simulated cluster. Columns and cell formats follow kubectl's
 * printers (kubernetes pkg/printers/internalversion/printers.go: printDeployment, printPod,
 * printService, printStatefulSet, printPersistentVolumeClaim, printIngress,
 * printHorizontalPodAutoscaler); names carry the `kind.group/` prefix kubectl adds when it
 * prints several kinds at once (`kubectl get deploy,pods,svc`). Layout follows kubectl's
 * tabwriter: columns padded by 3 spaces, at least 6 wide, the last column unpadded.
 */
import type { Deployment, Pod, Service } from '../sim/api';
import type { Paint } from './color';
import { ageSince } from './duration';
import { podColumns } from './pod-status';
import type {
  AnyObject,
  HorizontalPodAutoscalerView,
  IngressView,
  MetricValueView,
  PersistentVolumeClaimView,
  StatefulSetView,
} from './views';

/** kubectl's tabwriter settings (kubectl/pkg/printers/tabwriter.go). */
const PADDING = 3;
const MIN_WIDTH = 6;

/** Aligns `rows` under `header` as kubectl does; returns lines without a trailing newline. */
export function formatTable(
  header: readonly string[],
  rows: readonly (readonly string[])[],
): string {
  const all = [header, ...rows];
  // A loop, not Math.max(...cells): a spread of 100,000 pods would overflow the stack.
  const widths = header.map((_, col) =>
    all.reduce((w, r) => Math.max(w, (r[col] ?? '').length + PADDING), MIN_WIDTH),
  );
  return all
    .map((r) =>
      r.map((cell, col) => (col === r.length - 1 ? cell : cell.padEnd(widths[col]))).join(''),
    )
    .join('\n');
}

/** How one kind is printed: its `kind.group` prefix, column headers and the cells of one object. */
export interface KindPrinter {
  /** The kind as in manifests, e.g. `Deployment`. */
  readonly kind: string;
  /** kubectl's resource prefix for names, e.g. `deployment.apps`. */
  readonly resource: string;
  /** Column headers, NAME first. */
  readonly header: readonly string[];
  /** Cells after NAME; `now` is the virtual time as an RFC 3339 timestamp. */
  cells(obj: AnyObject, now: string): string[];
}

const deployments: KindPrinter = {
  kind: 'Deployment',
  resource: 'deployment.apps',
  header: ['NAME', 'READY', 'UP-TO-DATE', 'AVAILABLE', 'AGE'],
  cells(obj, now) {
    const d = obj as Deployment;
    const s = d.status ?? {};
    return [
      `${s.readyReplicas ?? 0}/${d.spec?.replicas ?? 1}`,
      String(s.updatedReplicas ?? 0),
      String(s.availableReplicas ?? 0),
      ageSince(d.metadata.creationTimestamp, now),
    ];
  },
};

const statefulSets: KindPrinter = {
  kind: 'StatefulSet',
  resource: 'statefulset.apps',
  header: ['NAME', 'READY', 'AGE'],
  cells(obj, now) {
    const s = obj as StatefulSetView;
    return [
      `${s.status?.readyReplicas ?? 0}/${s.spec?.replicas ?? 1}`,
      ageSince(s.metadata.creationTimestamp, now),
    ];
  },
};

const pods: KindPrinter = {
  kind: 'Pod',
  resource: 'pod',
  header: ['NAME', 'READY', 'STATUS', 'RESTARTS', 'AGE', 'IP', 'NODE'],
  cells(obj, now) {
    const p = obj as Pod;
    const c = podColumns(p, Date.parse(now));
    return [
      c.ready,
      c.status,
      c.restarts,
      ageSince(p.metadata.creationTimestamp, now),
      p.status?.podIPs?.[0]?.ip || p.status?.podIP || '<none>',
      p.spec?.nodeName || '<none>',
    ];
  },
};

const services: KindPrinter = {
  kind: 'Service',
  resource: 'service',
  header: ['NAME', 'TYPE', 'CLUSTER-IP', 'EXTERNAL-IP', 'PORT(S)', 'AGE'],
  cells(obj, now) {
    const s = obj as Service;
    const spec = s.spec ?? {};
    return [
      spec.type ?? 'ClusterIP',
      spec.clusterIPs?.[0] || spec.clusterIP || '<none>',
      serviceExternalIp(s),
      servicePorts(s),
      ageSince(s.metadata.creationTimestamp, now),
    ];
  },
};

const ingresses: KindPrinter = {
  kind: 'Ingress',
  resource: 'ingress.networking.k8s.io',
  header: ['NAME', 'CLASS', 'HOSTS', 'ADDRESS', 'PORTS', 'AGE'],
  cells(obj, now) {
    const i = obj as IngressView;
    return [
      i.spec?.ingressClassName ?? '<none>',
      ingressHosts(i),
      loadBalancerAddresses(i.status?.loadBalancer?.ingress),
      i.spec?.tls?.length ? '80, 443' : '80',
      ageSince(i.metadata.creationTimestamp, now),
    ];
  },
};

const claims: KindPrinter = {
  kind: 'PersistentVolumeClaim',
  resource: 'persistentvolumeclaim',
  header: ['NAME', 'STATUS', 'VOLUME', 'CAPACITY', 'ACCESS MODES', 'STORAGECLASS', 'AGE'],
  cells(obj, now) {
    const c = obj as PersistentVolumeClaimView;
    const bound = Boolean(c.spec?.volumeName);
    return [
      c.metadata.deletionTimestamp ? 'Terminating' : (c.status?.phase ?? ''),
      c.spec?.volumeName ?? '',
      bound ? (c.status?.capacity?.storage ?? '') : '',
      bound ? accessModes(c.status?.accessModes) : '',
      c.spec?.storageClassName ??
        c.metadata.annotations?.['volume.beta.kubernetes.io/storage-class'] ??
        '',
      ageSince(c.metadata.creationTimestamp, now),
    ];
  },
};

const autoscalers: KindPrinter = {
  kind: 'HorizontalPodAutoscaler',
  resource: 'horizontalpodautoscaler.autoscaling',
  header: ['NAME', 'REFERENCE', 'TARGETS', 'MINPODS', 'MAXPODS', 'REPLICAS', 'AGE'],
  cells(obj, now) {
    const h = obj as HorizontalPodAutoscalerView;
    const spec = h.spec;
    return [
      spec ? `${spec.scaleTargetRef.kind}/${spec.scaleTargetRef.name}` : '',
      hpaTargets(h),
      spec?.minReplicas === undefined ? '<unset>' : String(spec.minReplicas),
      String(spec?.maxReplicas ?? 0),
      String(h.status?.currentReplicas ?? 0),
      ageSince(h.metadata.creationTimestamp, now),
    ];
  },
};

/** The kinds the human output shows, in the order it shows them. */
export const PRINTERS: readonly KindPrinter[] = [
  deployments,
  statefulSets,
  pods,
  services,
  ingresses,
  claims,
  autoscalers,
];

/**
 * One section per namespace (sorted), holding one table per kind that has objects there.
 * Rows are sorted by name, as the API server lists them.
 */
export function renderTables(objects: readonly AnyObject[], now: string, paint: Paint): string {
  const byNamespace = new Map<string, AnyObject[]>();
  const printed = new Set(PRINTERS.map((p) => p.kind));
  for (const obj of objects) {
    if (!printed.has(obj.kind)) continue;
    const ns = obj.metadata.namespace ?? 'default';
    const list = byNamespace.get(ns) ?? [];
    list.push(obj);
    byNamespace.set(ns, list);
  }
  const sections: string[] = [];
  for (const ns of [...byNamespace.keys()].sort()) {
    const inNamespace = byNamespace.get(ns) ?? [];
    const tables: string[] = [];
    for (const printer of PRINTERS) {
      const ofKind = inNamespace
        .filter((o) => o.kind === printer.kind)
        .sort((a, b) => compare(a.metadata.name, b.metadata.name));
      if (ofKind.length === 0) continue;
      const rows = ofKind.map((o) => [
        `${printer.resource}/${o.metadata.name}`,
        ...printer.cells(o, now),
      ]);
      tables.push(formatTable(printer.header, rows));
    }
    sections.push(`${paint.bold(`Namespace: ${ns}`)}\n\n${tables.join('\n\n')}`);
  }
  return sections.join('\n\n');
}

/** Code-unit order, so output does not depend on the machine's locale. */
function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** kubectl's PORT(S): `80/TCP`, `80:31000/TCP`, comma-separated; `<none>` without ports. */
export function servicePorts(svc: Service): string {
  const ports = svc.spec?.ports ?? [];
  if (ports.length === 0) return '<none>';
  return ports
    .map((p) => {
      const protocol = p.protocol ?? 'TCP';
      return p.nodePort ? `${p.port}:${p.nodePort}/${protocol}` : `${p.port}/${protocol}`;
    })
    .join(',');
}

/** kubectl's EXTERNAL-IP: the LoadBalancer's address or `<pending>`, the ExternalName, else `<none>`. */
export function serviceExternalIp(svc: Service): string {
  const spec = (svc.spec ?? {}) as Service['spec'] & { externalIPs?: string[] };
  const external = spec?.externalIPs ?? [];
  switch (spec?.type ?? 'ClusterIP') {
    case 'LoadBalancer': {
      const lb = loadBalancerAddresses(svc.status?.loadBalancer?.ingress);
      const all = [...(lb ? lb.split(',') : []), ...external];
      return all.length > 0 ? all.join(',') : '<pending>';
    }
    case 'ExternalName':
      return spec?.externalName ?? '';
    default:
      return external.length > 0 ? external.join(',') : '<none>';
  }
}

/** Load-balancer IPs (or hostnames), sorted, de-duplicated and clipped to 16 characters. */
function loadBalancerAddresses(
  ingress: readonly { ip?: string; hostname?: string }[] | undefined,
): string {
  const found = new Set<string>();
  for (const i of ingress ?? []) {
    const address = i.ip || i.hostname;
    if (address) found.add(address);
  }
  const text = [...found].sort().join(',');
  return text.length > 16 ? `${text.slice(0, 13)}...` : text;
}

/** kubectl's HOSTS: up to three rule hosts, `*` when no rule names one. */
function ingressHosts(ing: IngressView): string {
  const rules = ing.spec?.rules ?? [];
  const hosts: string[] = [];
  let more = false;
  for (const rule of rules) {
    if (hosts.length === 3) more = true;
    if (!more && rule.host) hosts.push(rule.host);
  }
  if (hosts.length === 0) return '*';
  return more ? `${hosts.join(',')} + ${rules.length - 3} more...` : hosts.join(',');
}

const ACCESS_MODE_ABBREVIATIONS: Readonly<Record<string, string>> = {
  ReadWriteOnce: 'RWO',
  ReadOnlyMany: 'ROX',
  ReadWriteMany: 'RWX',
  ReadWriteOncePod: 'RWOP',
};

/** `RWO,RWX` as kubectl abbreviates access modes. */
function accessModes(modes: readonly string[] | undefined): string {
  return (modes ?? []).map((m) => ACCESS_MODE_ABBREVIATIONS[m] ?? m).join(',');
}

/** kubectl's TARGETS: `cpu: 40%/50%`, `<unknown>` until metrics are in; at most two, then `+ N more...`. */
export function hpaTargets(hpa: HorizontalPodAutoscalerView): string {
  const spec = hpa.spec;
  if (!spec) return '<none>';
  if (!spec.metrics && spec.targetCPUUtilizationPercentage !== undefined) {
    const current = hpa.status?.currentCPUUtilizationPercentage;
    return `cpu: ${current === undefined ? '<unknown>' : `${current}%`}/${spec.targetCPUUtilizationPercentage}%`;
  }
  const metrics = spec.metrics ?? [];
  if (metrics.length === 0) return '<none>';
  const statuses = hpa.status?.currentMetrics ?? [];
  const list = metrics.map((m, i) => {
    const source = m.resource ?? m.containerResource;
    if (!source) return '<unknown type>';
    const status = statuses[i]?.resource ?? statuses[i]?.containerResource;
    return `${source.name}: ${metricPair(source.target, status?.current)}`;
  });
  if (list.length <= 2) return list.join(', ');
  return `${list.slice(0, 2).join(', ')} + ${list.length - 2} more...`;
}

function metricPair(target: MetricValueView, current: MetricValueView | undefined): string {
  if (target.averageValue !== undefined) {
    return `${current?.averageValue ?? '<unknown>'}/${target.averageValue}`;
  }
  const now =
    current?.averageUtilization === undefined ? '<unknown>' : `${current.averageUtilization}%`;
  const goal = target.averageUtilization === undefined ? '<auto>' : `${target.averageUtilization}%`;
  return `${now}/${goal}`;
}
