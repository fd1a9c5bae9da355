/**
 * @module
 * Synthesizes a StatefulDb in a fresh chart and hands back its objects by kind, typed with
 * kubernetes-models' interfaces, so the tests read like the YAML they check.
 */
import { Chart, Testing } from 'cdk8s';
import type { IContainer, IPodSpec, ISecret, IService } from 'kubernetes-models/v1';
import type { IStatefulSet } from 'kubernetes-models/apps/v1';
import type { INetworkPolicy } from 'kubernetes-models/networking.k8s.io/v1';
import type { IPodDisruptionBudget } from 'kubernetes-models/policy/v1';
import { Construct } from 'constructs';
import type { IPodSelectable } from '../../lib/connection';
import { StatefulDb } from '../../lib/stateful-db';
import type { StatefulDbProps } from '../../lib/stateful-db';

/** A manifest as synthesized: apiVersion, kind, metadata and the rest. */
export interface Manifest {
  readonly apiVersion: string;
  readonly kind: string;
  readonly metadata: { readonly name: string; readonly namespace?: string };
}

/** Everything one StatefulDb synthesized. */
export interface SynthesizedDb {
  readonly chart: Chart;
  readonly db: StatefulDb;
  readonly manifests: Manifest[];
  readonly statefulSet: IStatefulSet;
  readonly podSpec: IPodSpec;
  readonly container: IContainer;
  readonly service: IService;
  readonly networkPolicy: INetworkPolicy;
  readonly pdb: IPodDisruptionBudget;
  /** Present only when a literal password was given. */
  readonly secret?: ISecret;
}

/** The manifests of a kind. */
export function ofKind<T>(manifests: readonly Manifest[], kind: string): T[] {
  return manifests.filter((m) => m.kind === kind) as unknown as T[];
}

/** The single manifest of a kind; throws when there are none or several. */
export function onlyOfKind<T>(manifests: readonly Manifest[], kind: string): T {
  const found = ofKind<T>(manifests, kind);
  if (found.length !== 1) throw new Error(`expected one ${kind}, found ${found.length}`);
  return found[0];
}

/** GIVEN a chart (namespace `shop` unless told) WHEN a StatefulDb `db` is added and synthesized. */
export function synthDb(
  props: StatefulDbProps,
  options: { namespace?: string | null; configure?: (db: StatefulDb, chart: Chart) => void } = {},
): SynthesizedDb {
  const namespace = options.namespace === null ? undefined : (options.namespace ?? 'shop');
  const chart = new Chart(Testing.app(), 'shop', { namespace });
  const db = new StatefulDb(chart, 'db', props);
  options.configure?.(db, chart);
  const manifests = Testing.synth(chart) as Manifest[];
  const statefulSet = onlyOfKind<IStatefulSet>(manifests, 'StatefulSet');
  const podSpec = statefulSet.spec?.template.spec as IPodSpec;
  const secrets = ofKind<ISecret>(manifests, 'Secret');
  return {
    chart,
    db,
    manifests,
    statefulSet,
    podSpec,
    container: podSpec.containers[0],
    service: onlyOfKind<IService>(manifests, 'Service'),
    networkPolicy: onlyOfKind<INetworkPolicy>(manifests, 'NetworkPolicy'),
    pdb: onlyOfKind<IPodDisruptionBudget>(manifests, 'PodDisruptionBudget'),
    secret: secrets[0],
  };
}

/** The env var `name` of a container; throws when it is missing. */
export function envVar(
  container: IContainer,
  name: string,
): NonNullable<IContainer['env']>[number] {
  const found = container.env?.find((e) => e.name === name);
  if (!found) throw new Error(`env ${name} not set`);
  return found;
}

/** A stand-in for a WebApp: pods labelled `podSelectorLabels` in `namespace`. */
export class FakePeer extends Construct implements IPodSelectable {
  constructor(
    scope: Construct,
    id: string,
    readonly podSelectorLabels: Record<string, string>,
    readonly namespace = 'shop',
  ) {
    super(scope, id);
  }
}
