/**
 * @module
 * An independent check of what we synthesize: every object is validated against the official
 * Kubernetes OpenAPI schemas shipped in kubernetes-models.
 */
import type { KubeObject } from '../../lib/sim/types';

interface ModelClass {
  new (data: unknown): { validate(): void };
}

/** The kubernetes-models class for an apiVersion/kind, or undefined for kinds it does not know. */
function modelFor(apiVersion: string, kind: string): ModelClass | undefined {
  const path = apiVersion.includes('/') ? apiVersion : `v1`;
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const mod = require(`kubernetes-models/${path}/${kind}`) as Record<string, ModelClass>;
    return mod[kind];
  } catch {
    return undefined;
  }
}

/**
 * Throws, naming the object, when any manifest breaks its schema, or when its kind is
 * unknown to kubernetes-models (so a typo in a kind cannot pass unnoticed).
 */
export function expectValidKubernetesObjects(manifests: readonly unknown[]): void {
  for (const manifest of manifests) {
    const obj = manifest as KubeObject;
    const Model = modelFor(obj.apiVersion, obj.kind);
    if (!Model) throw new Error(`no schema for ${obj.apiVersion} ${obj.kind}`);
    try {
      new Model(obj).validate();
    } catch (error) {
      throw new Error(`${obj.kind}/${obj.metadata?.name} is invalid: ${String(error)}`, {
        cause: error,
      });
    }
  }
}
