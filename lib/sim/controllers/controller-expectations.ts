/**
 * @module
 * Controller expectations, after `UIDTrackingControllerExpectations` in
 * pkg/controller/controller_utils.go: after creating or deleting pods a ReplicaSet waits until
 * its watch has seen them before it counts pods again, so that a sync never acts twice on the
 * same shortfall. Expectations expire after five minutes (ExpectationsTimeout).
 */

/** How long expectations hold before a sync goes ahead anyway (seconds). */
export const EXPECTATIONS_TIMEOUT_SECONDS = 5 * 60;

interface Expectation {
  adds: number;
  readonly deletes: Set<string>;
  readonly at: number;
}

/** Pending creations and deletions per controller key. */
export class ControllerExpectations {
  readonly #byKey = new Map<string, Expectation>();

  /** True when nothing is pending for `key`, or what is pending has expired (SatisfiedExpectations). */
  satisfied(key: string, now: number): boolean {
    const e = this.#byKey.get(key);
    if (!e) return true;
    if (e.adds <= 0 && e.deletes.size === 0) return true;
    return now - e.at > EXPECTATIONS_TIMEOUT_SECONDS;
  }

  /** Expect `count` pod creations (ExpectCreations). */
  expectCreations(key: string, count: number, now: number): void {
    this.#byKey.set(key, { adds: count, deletes: new Set(), at: now });
  }

  /** Expect the deletion of these pods (ExpectDeletions). */
  expectDeletions(key: string, podKeys: readonly string[], now: number): void {
    this.#byKey.set(key, { adds: 0, deletes: new Set(podKeys), at: now });
  }

  /** A pod of `key` was seen created, or will never be (CreationObserved). */
  creationObserved(key: string): void {
    const e = this.#byKey.get(key);
    if (e) e.adds--;
  }

  /** A pod of `key` was seen deleted, or will not be (DeletionObserved). */
  deletionObserved(key: string, podKey: string): void {
    this.#byKey.get(key)?.deletes.delete(podKey);
  }

  /** Forget `key` (its controller is gone) (DeleteExpectations). */
  delete(key: string): void {
    this.#byKey.delete(key);
  }
}
