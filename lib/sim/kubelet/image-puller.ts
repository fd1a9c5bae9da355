/**
 * @module
 * Image pulls per node, after pkg/kubelet/images/image_manager.go `EnsureImageExists`: an image
 * present on the node is used at once ("already present on machine"); `imagePullPolicy: Never`
 * without it is ErrImageNeverPull; a pull that failed puts `<pod uid>_<image>` into back-off (10 s
 * doubling to 300 s, flowcontrol.Backoff), during which the kubelet reports ImagePullBackOff
 * `Back-off pulling image "x"`. Pulls on one node are serialized, the kubelet's default
 * (`serializeImagePulls: true`, serialized_image_puller.go); pods asking for an image already
 * being pulled wait for that pull.
 */
import { Backoff } from './backoff';
import { fnv1a, invalidImageMessage } from './image-names';

/** Seconds a failing pull takes (the registry answers "not found" quickly). */
export const FAILED_PULL_SECONDS = 1;

/** A deterministic pull time of 2 to 5 seconds per image. */
export function pullSeconds(image: string): number {
  return 2 + (fnv1a(image) % 4);
}

/** What {@link ImagePuller.ensure} found. */
export type PullOutcome =
  | { readonly kind: 'present' }
  | {
      readonly kind: 'pulling';
      readonly startAt: number;
      readonly doneAt: number;
      readonly ok: boolean;
      readonly joined: boolean;
    }
  | { readonly kind: 'backoff'; readonly retryAt: number }
  | { readonly kind: 'neverPull' }
  | { readonly kind: 'invalid'; readonly message: string };

interface NodeImages {
  readonly present: Set<string>;
  readonly inflight: Map<string, { doneAt: number; ok: boolean }>;
  freeAt: number;
}

/** The image state of every node and the pods' pull back-offs. */
export class ImagePuller {
  readonly #nodes = new Map<string, NodeImages>();
  readonly #backoff = new Backoff();
  readonly #fails: (image: string) => boolean;

  /** `fails(image)`: whether pulling the image fails (ImageBehavior.pull === 'fail'). */
  constructor(fails: (image: string) => boolean) {
    this.#fails = fails;
  }

  #node(name: string): NodeImages {
    let node = this.#nodes.get(name);
    if (!node) {
      node = { present: new Set(), inflight: new Map(), freeAt: 0 };
      this.#nodes.set(name, node);
    }
    return node;
  }

  /** Whether `image` is on `node`. */
  isPresent(node: string, image: string): boolean {
    return this.#nodes.get(node)?.present.has(image) ?? false;
  }

  /** Makes sure `image` is (or will be) on `node` for a pod; `backoffKey` is `<pod uid>_<image>`. */
  ensure(
    node: string,
    backoffKey: string,
    image: string,
    policy: string | undefined,
    now: number,
  ): PullOutcome {
    const state = this.#node(node);
    if (state.present.has(image)) return { kind: 'present' };
    const invalid = invalidImageMessage(image);
    if (invalid) return { kind: 'invalid', message: invalid };
    if (policy === 'Never') return { kind: 'neverPull' };
    if (this.#backoff.isInBackOffSinceUpdate(backoffKey, now)) {
      return { kind: 'backoff', retryAt: this.#backoff.retryAt(backoffKey, now) };
    }
    const inflight = state.inflight.get(image);
    if (inflight && inflight.doneAt > now) {
      return {
        kind: 'pulling',
        startAt: now,
        doneAt: inflight.doneAt,
        ok: inflight.ok,
        joined: true,
      };
    }
    const ok = !this.#fails(image);
    const startAt = Math.max(now, state.freeAt);
    const doneAt = startAt + (ok ? pullSeconds(image) : FAILED_PULL_SECONDS);
    state.freeAt = doneAt;
    state.inflight.set(image, { doneAt, ok });
    return { kind: 'pulling', startAt, doneAt, ok, joined: false };
  }

  /** Records a finished pull: success puts the image on the node, failure backs the pod off. */
  finish(node: string, backoffKey: string, image: string, ok: boolean, now: number): void {
    const state = this.#node(node);
    const inflight = state.inflight.get(image);
    if (inflight && inflight.doneAt <= now) state.inflight.delete(image);
    if (ok) {
      state.present.add(image);
      this.#backoff.delete(backoffKey);
    } else {
      this.#backoff.next(backoffKey, now);
    }
  }

  /** When the pod may pull again. */
  retryAt(backoffKey: string, now: number): number {
    return this.#backoff.retryAt(backoffKey, now);
  }

  /** Forgets a pod's back-off. */
  forget(backoffKey: string): void {
    this.#backoff.delete(backoffKey);
  }
}
