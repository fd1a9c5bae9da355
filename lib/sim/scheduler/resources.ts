/**
 * @module
 * A pod's resource requests as the scheduler counts them, after k8s.io/component-helpers
 * resource/helpers.go `PodRequests` (used by noderesources/fit.go `computePodResourceRequest`):
 * the sum over app containers and restartable (sidecar) init containers, but at least what the
 * largest init container needs while it runs (plus the sidecars started before it); plus
 * `spec.overhead`. The "non-zero" variant, used only for scoring, counts a container without a
 * cpu/memory request as 100m / 200Mi (pkg/scheduler/util/pod_resources.go
 * DefaultMilliCPURequest, DefaultMemoryRequest) so that best-effort pods still spread.
 */
import type { Container, Pod } from '../api';
import { cpuMillis, parseQuantity } from '../quantity';

/** Requests in integer base units: millicores and bytes. */
export interface Resources {
  milliCpu: number;
  memory: number;
  ephemeralStorage: number;
  /** Extended resources and hugepages (`nvidia.com/gpu`, `hugepages-2Mi`), when any. */
  scalars?: Record<string, number>;
}

/**
 * True for the resources NodeResourcesFit counts besides cpu/memory/ephemeral-storage/pods
 * (pkg/scheduler/util IsScalarResourceName): extended resources (`vendor.com/thing`, not in
 * the kubernetes.io domain), hugepages and attachable volumes.
 */
export function isScalarResourceName(name: string): boolean {
  if (name.startsWith('hugepages-') || name.startsWith('attachable-volumes-')) return true;
  if (!name.includes('/') || name.startsWith('requests.')) return false;
  const domain = name.slice(0, name.indexOf('/'));
  return domain !== 'kubernetes.io' && !domain.endsWith('.kubernetes.io');
}

/** Scoring default for a container without a CPU request (util.DefaultMilliCPURequest). */
export const DEFAULT_MILLI_CPU_REQUEST = 100;
/** Scoring default for a container without a memory request (util.DefaultMemoryRequest, 200 MB). */
export const DEFAULT_MEMORY_REQUEST = 200 * 1024 * 1024;

/** A zeroed {@link Resources}. */
export function emptyResources(): Resources {
  return { milliCpu: 0, memory: 0, ephemeralStorage: 0 };
}

function bytes(q: string | number | undefined): number {
  return q === undefined ? 0 : Math.ceil(parseQuantity(q) - 1e-9);
}

function containerRequests(c: Container, nonZero: boolean): Resources {
  const r = c.resources?.requests ?? {};
  const cpu = r.cpu;
  const memory = r.memory;
  const out: Resources = {
    milliCpu: cpu === undefined ? (nonZero ? DEFAULT_MILLI_CPU_REQUEST : 0) : cpuMillis(cpu),
    memory: memory === undefined ? (nonZero ? DEFAULT_MEMORY_REQUEST : 0) : bytes(memory),
    ephemeralStorage: bytes(r['ephemeral-storage']),
  };
  for (const name in r) {
    if (isScalarResourceName(name)) (out.scalars ??= {})[name] = bytes(r[name]);
  }
  return out;
}

function add(into: Resources, r: Resources): void {
  into.milliCpu += r.milliCpu;
  into.memory += r.memory;
  into.ephemeralStorage += r.ephemeralStorage;
  if (r.scalars) {
    const s = (into.scalars ??= {});
    for (const name in r.scalars) s[name] = (s[name] ?? 0) + r.scalars[name];
  }
}

function max(into: Resources, r: Resources): void {
  into.milliCpu = Math.max(into.milliCpu, r.milliCpu);
  into.memory = Math.max(into.memory, r.memory);
  into.ephemeralStorage = Math.max(into.ephemeralStorage, r.ephemeralStorage);
  if (r.scalars) {
    const s = (into.scalars ??= {});
    for (const name in r.scalars) s[name] = Math.max(s[name] ?? 0, r.scalars[name]);
  }
}

/**
 * The pod's effective requests.
 *
 * podRequests(2 containers of 100m) → 200m; with an init container of 500m → 500m;
 * with a sidecar init container of 50m started before a 500m init container → max(250m, 550m).
 */
export function podRequests(pod: Pod, nonZero = false): Resources {
  const spec = pod.spec;
  const total = emptyResources();
  if (!spec) return total;
  for (const c of spec.containers ?? []) add(total, containerRequests(c, nonZero));
  const sidecars = emptyResources();
  const initPeak = emptyResources();
  for (const c of spec.initContainers ?? []) {
    const r = containerRequests(c, nonZero);
    if (c.restartPolicy === 'Always') {
      add(total, r);
      add(sidecars, r);
      max(initPeak, sidecars);
    } else {
      const running = { ...r, scalars: r.scalars && { ...r.scalars } };
      add(running, sidecars);
      max(initPeak, running);
    }
  }
  max(total, initPeak);
  const overhead = (spec as { overhead?: Record<string, string | number> }).overhead;
  if (overhead) {
    add(total, {
      milliCpu: overhead.cpu === undefined ? 0 : cpuMillis(overhead.cpu),
      memory: bytes(overhead.memory),
      ephemeralStorage: bytes(overhead['ephemeral-storage']),
    });
  }
  return total;
}
