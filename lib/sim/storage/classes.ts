/**
 * @module
 * StorageClass facts the binder, the scheduler and admission share: the default class
 * (storage/util `GetDefaultClass`: the annotated class, newest first when several are),
 * whether a claim's binding waits for its first consumer
 * (component-helpers storage/volume `IsDelayBindingMode`), and the DefaultStorageClass
 * admission plugin (plugin/pkg/admission/storage/storageclass/setdefault/admission.go), which
 * fills in `storageClassName` of claims that set none.
 */
import type { Store } from '../framework';
import type { AdmissionPlugin } from '../store';
import type { KubeObject } from '../types';
import {
  ANN_DEFAULT_CLASS,
  NOT_SUPPORTED_PROVISIONER,
  asStorageClass,
  type PersistentVolumeClaim,
  type StorageClass,
} from './api';
import { claimClass } from './matching';

/** True when the class carries the default-class annotation set to "true". */
export function isDefaultClass(sc: StorageClass): boolean {
  return sc.metadata.annotations?.[ANN_DEFAULT_CLASS] === 'true';
}

/** The default StorageClass, or undefined; with several defaults the newest wins (GetDefaultClass). */
export function defaultStorageClass(store: Store): StorageClass | undefined {
  let best: StorageClass | undefined;
  for (const obj of store.list('StorageClass')) {
    const sc = asStorageClass(obj);
    if (!isDefaultClass(sc)) continue;
    if (!best || (sc.metadata.creationTimestamp ?? '') >= (best.metadata.creationTimestamp ?? ''))
      best = sc;
  }
  return best;
}

/**
 * The claim's StorageClass object, or undefined for class '' or a missing class. A claim that
 * names no class at all gets the default class, as the DefaultStorageClass admission plugin
 * (or, later, the PV controller's retroactive assignment) would give it.
 */
export function classOfClaim(store: Store, claim: PersistentVolumeClaim): StorageClass | undefined {
  if (claim.spec && claim.spec.storageClassName === undefined) return defaultStorageClass(store);
  const name = claimClass(claim);
  if (name === '') return undefined;
  const sc = store.get('StorageClass', name);
  return sc && asStorageClass(sc);
}

/** volumeBindingMode, `Immediate` when unset (SetDefaults_StorageClass). */
export function bindingMode(sc: StorageClass): 'Immediate' | 'WaitForFirstConsumer' {
  return sc.volumeBindingMode ?? 'Immediate';
}

/** True when the claim's class exists and binds on first consumer; class '' or missing: false. */
export function isDelayBinding(store: Store, claim: PersistentVolumeClaim): boolean {
  const sc = classOfClaim(store, claim);
  return sc !== undefined && bindingMode(sc) === 'WaitForFirstConsumer';
}

/** True when the class provisions volumes dynamically (a provisioner other than no-provisioner). */
export function canProvision(sc: StorageClass): boolean {
  return !!sc.provisioner && sc.provisioner !== NOT_SUPPORTED_PROVISIONER;
}

/** The DefaultStorageClass admission plugin: claims without storageClassName get the default class. */
export class DefaultStorageClassAdmission implements AdmissionPlugin {
  readonly #store: Store;

  constructor(store: Store) {
    this.#store = store;
  }

  admit(operation: 'CREATE' | 'UPDATE', obj: KubeObject): void {
    if (operation !== 'CREATE' || obj.kind !== 'PersistentVolumeClaim') return;
    const spec = obj.spec as Record<string, unknown> | undefined;
    if (!spec || spec.storageClassName !== undefined) return;
    const sc = defaultStorageClass(this.#store);
    if (sc) spec.storageClassName = sc.metadata.name;
  }
}
