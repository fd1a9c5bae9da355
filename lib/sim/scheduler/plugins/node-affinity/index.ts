/**
 * @module
 * NodeAffinity: `spec.nodeSelector` and required node affinity filter nodes; preferred node
 * affinity terms score them by summed weight
 * (kubernetes pkg/scheduler/framework/plugins/nodeaffinity/node_affinity.go, selector rules from
 * component-helpers scheduling/corev1/nodeaffinity/nodeaffinity.go).
 */
import type { NodeSelectorTerm, Pod } from '../../../api';
import {
  Code,
  defaultNormalizeScore,
  newStatus,
  SKIP,
  type FilterPlugin,
  type PreFilterPlugin,
  type ScorePlugin,
  type Status,
} from '../../framework';
import type { NodeInfo } from '../../node-info';
import type { PodInfo } from '../../pod-info';

/** Plugin name. */
export const NAME = 'NodeAffinity';
/** ErrReasonPod. */
export const ERR_REASON_POD = "node(s) didn't match Pod's node affinity/selector";

type Requirement = NonNullable<NodeSelectorTerm['matchExpressions']>[number];

function matchesRequirement(r: Requirement, value: string | undefined): boolean {
  const has = value !== undefined;
  switch (r.operator) {
    case 'In':
      return has && (r.values ?? []).includes(value);
    case 'NotIn':
      return !has || !(r.values ?? []).includes(value);
    case 'Exists':
      return has;
    case 'DoesNotExist':
      return !has;
    case 'Gt':
    case 'Lt': {
      if (!has || r.values?.length !== 1) return false;
      const actual = Number.parseInt(value, 10);
      const bound = Number.parseInt(r.values[0], 10);
      if (Number.isNaN(actual) || Number.isNaN(bound)) return false;
      return r.operator === 'Gt' ? actual > bound : actual < bound;
    }
    default:
      return false;
  }
}

/**
 * True when the node matches one term: all its expressions on labels and all its fields
 * (only `metadata.name` exists). An empty term matches nothing, as in Kubernetes.
 */
export function matchesTerm(
  term: NodeSelectorTerm,
  labels: Readonly<Record<string, string>>,
  nodeName: string,
): boolean {
  const expressions = term.matchExpressions ?? [];
  const fields = term.matchFields ?? [];
  if (expressions.length === 0 && fields.length === 0) return false;
  for (const e of expressions) if (!matchesRequirement(e, labels[e.key])) return false;
  for (const f of fields) {
    const value = f.key === 'metadata.name' ? nodeName : undefined;
    if (!matchesRequirement(f as Requirement, value)) return false;
  }
  return true;
}

/** True when the node satisfies the pod's nodeSelector and required node affinity (terms ORed). */
export function matchesNodeSelectorAndAffinity(
  pod: Pod,
  labels: Readonly<Record<string, string>>,
  nodeName: string,
): boolean {
  const selector = pod.spec?.nodeSelector;
  if (selector) {
    for (const key in selector) if (labels[key] !== selector[key]) return false;
  }
  const required = pod.spec?.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution;
  if (!required) return true;
  return required.nodeSelectorTerms.some((t) => matchesTerm(t, labels, nodeName));
}

/** Sum of the weights of preferred terms the node matches. */
export function preferredScore(
  pod: Pod,
  labels: Readonly<Record<string, string>>,
  nodeName: string,
): number {
  const preferred =
    pod.spec?.affinity?.nodeAffinity?.preferredDuringSchedulingIgnoredDuringExecution;
  if (!preferred) return 0;
  let score = 0;
  for (const p of preferred) if (matchesTerm(p.preference, labels, nodeName)) score += p.weight;
  return score;
}

/** Filter on selector/affinity; score on preferred affinity. */
export class NodeAffinity implements PreFilterPlugin, FilterPlugin, ScorePlugin {
  readonly name = NAME;
  /** Its Filter reads only the node and the pod's signature fields (see PodInfo.signature). */
  readonly nodeLocal = true;

  preFilter(pod: PodInfo): typeof SKIP | undefined {
    const spec = pod.pod.spec;
    const required = spec?.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution;
    const selector = spec?.nodeSelector;
    return required || (selector && Object.keys(selector).length > 0) ? undefined : SKIP;
  }

  filter(pod: PodInfo, node: NodeInfo): Status | undefined {
    if (matchesNodeSelectorAndAffinity(pod.pod, node.labels, node.name)) return undefined;
    return newStatus(Code.UnschedulableAndUnresolvable, NAME, ERR_REASON_POD);
  }

  preScore(pod: PodInfo): boolean {
    return !!pod.pod.spec?.affinity?.nodeAffinity?.preferredDuringSchedulingIgnoredDuringExecution
      ?.length;
  }

  score(pod: PodInfo, node: NodeInfo): number {
    return preferredScore(pod.pod, node.labels, node.name);
  }

  normalize(_pod: PodInfo, scores: Float64Array): void {
    defaultNormalizeScore(scores, false);
  }
}
