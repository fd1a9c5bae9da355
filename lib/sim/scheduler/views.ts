/**
 * @module
 * Narrowing between the store's generic {@link KubeObject} and the typed views of api.ts. The
 * typed specs have no index signature, so TypeScript does not relate the two directly; these
 * are the only casts the scheduler makes.
 */
import type { Node, Pod } from '../api';
import type { KubeObject } from '../types';

/** A store object of kind Pod, typed. */
export function asPod(obj: KubeObject): Pod {
  return obj as unknown as Pod;
}

/** A store object of kind Node, typed. */
export function asNode(obj: KubeObject): Node {
  return obj as unknown as Node;
}

/** A typed object, as the store takes it. */
export function asKube(obj: Pod | Node): KubeObject {
  return obj as unknown as KubeObject;
}
