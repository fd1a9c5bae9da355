/**
 * @module
 * Conversions between the store's `KubeObject` and the typed views in api.ts. The views are
 * interfaces without index signatures, so TypeScript does not see them as `KubeObject`s;
 * these two helpers say "same object, other view" in one place instead of casts everywhere.
 */
import type { KubeObject } from './types';

/** A typed view (Pod, Node, Service, ...) as the store's KubeObject. */
export function asKube<T extends { kind: string; metadata: { name: string } }>(obj: T): KubeObject {
  return obj as unknown as KubeObject;
}

/** A stored object seen through a typed view. */
export function asView<T>(obj: KubeObject): T;
export function asView<T>(obj: KubeObject | undefined): T | undefined;
export function asView<T>(obj: KubeObject | undefined): T | undefined {
  return obj as unknown as T | undefined;
}
