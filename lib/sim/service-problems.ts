/**
 * @module
 * The Service problems a person would find with `kubectl get endpoints` and `kubectl get
 * pods --show-labels`: a selector that matches no pod (naming the selector labels no pod
 * carries and the labels of the closest pods), and a Service whose pods exist but none is a
 * ready endpoint (naming why: pods not ready, or a targetPort no container port answers).
 * ExternalName Services and Services without a selector are never a problem.
 */
import type { Endpoints, Pod, Service } from './api';
import { endpointsSelector, findPort } from './controllers/endpoints';
import type { Clock, Store } from './framework';
import { isPodReady, podStateSummary } from './pod-readiness';
import { formatLabels } from './selector';
import type { Problem } from './types';
import { asView } from './views';

/** Reason for a Service whose selector selects no pod. */
export const SELECTOR_MATCHES_NO_PODS = 'SelectorMatchesNoPods';
/** Reason for a Service with pods but no ready endpoint. */
export const NO_READY_ENDPOINTS = 'NoReadyEndpoints';

const MAX_NAMED = 3;

function names(pods: readonly Pod[]): string {
  const shown = pods.slice(0, MAX_NAMED).map((p) => p.metadata.name);
  return pods.length > MAX_NAMED
    ? `${shown.join(', ')}, +${pods.length - MAX_NAMED} more`
    : shown.join(', ');
}

/** Why `selector` selects nothing among `pods`: the missing labels, then the closest pods' labels. */
export function noMatchMessage(
  store: Store,
  namespace: string,
  selector: Record<string, string>,
): string {
  const head = `selector ${formatLabels(selector)} matches no pods in namespace ${namespace}`;
  const pods = store.list('Pod', namespace).map((p) => asView<Pod>(p));
  if (pods.length === 0) return `${head}: there are no pods in the namespace`;
  const missing = Object.entries(selector).filter(
    ([k, v]) => store.select('Pod', namespace, { [k]: v }).length === 0,
  );
  const lacking =
    missing.length > 0
      ? `no pod has ${missing.map(([k, v]) => `${k}=${v}`).join(', ')}`
      : 'each label is on some pod, but no pod has all of them';
  let best = -1;
  let closest: Pod[] = [];
  for (const pod of pods) {
    const score = Object.entries(selector).filter(
      ([k, v]) => pod.metadata.labels?.[k] === v,
    ).length;
    if (score > best) [best, closest] = [score, [pod]];
    else if (score === best) closest.push(pod);
  }
  const byLabels = new Map<string, Pod[]>();
  for (const pod of closest) {
    const labels = formatLabels(pod.metadata.labels) || '<no labels>';
    byLabels.set(labels, [...(byLabels.get(labels) ?? []), pod]);
  }
  const described = [...byLabels.entries()]
    .slice(0, 2)
    .map(([labels, group]) => `${labels} (${names(group)})`)
    .join('; ');
  return `${head}: ${lacking}; the closest pods have ${described}`;
}

function noReadyMessage(
  service: Service,
  selector: Record<string, string>,
  pods: readonly Pod[],
): string {
  const head = `no ready endpoints: ${pods.length} pod${pods.length === 1 ? '' : 's'} match selector ${formatLabels(selector)}`;
  const ready = pods.filter((p) => isPodReady(p) && !p.metadata.deletionTimestamp);
  if (ready.length === 0) {
    const states = pods.slice(0, MAX_NAMED).map((p) => `${p.metadata.name}: ${podStateSummary(p)}`);
    return `${head} but none is ready (${states.join('; ')}${pods.length > MAX_NAMED ? '; ...' : ''})`;
  }
  const unresolved = (service.spec?.ports ?? []).filter(
    (port) => findPort(ready[0], port) === undefined,
  );
  if (unresolved.length > 0) {
    const wanted = unresolved.map((p) => `"${String(p.targetPort)}"`).join(', ');
    const offered = (ready[0].spec?.containers ?? [])
      .flatMap((c) => c.ports ?? [])
      .map((p) => (p.name ? `${p.name}(${p.containerPort})` : String(p.containerPort)));
    return `${head} and ${ready.length} ready, but targetPort ${wanted} names no container port of pod ${ready[0].metadata.name} (its ports: ${offered.join(', ') || 'none'})`;
  }
  return `${head} and ${ready.length} ready, but the Endpoints object does not list them yet`;
}

/** Problems of every Service (see the module comment). */
export function serviceProblems(store: Store, _clock?: Clock): Problem[] {
  const problems: Problem[] = [];
  for (const obj of store.list('Service')) {
    const service = asView<Service>(obj);
    const selector = endpointsSelector(service);
    if (!selector) continue;
    const namespace = service.metadata.namespace ?? 'default';
    const at = { kind: 'Service', namespace, name: service.metadata.name };
    const pods = store.select('Pod', namespace, selector).map((p) => asView<Pod>(p));
    if (pods.length === 0) {
      problems.push({
        ...at,
        reason: SELECTOR_MATCHES_NO_PODS,
        message: noMatchMessage(store, namespace, selector),
      });
      continue;
    }
    const endpoints = asView<Endpoints>(store.get('Endpoints', service.metadata.name, namespace));
    const readyAddresses = (endpoints?.subsets ?? []).reduce(
      (n, s) => n + (s.addresses?.length ?? 0),
      0,
    );
    if (readyAddresses === 0) {
      problems.push({
        ...at,
        reason: NO_READY_ENDPOINTS,
        message: noReadyMessage(service, selector, pods),
      });
    }
  }
  return problems;
}
