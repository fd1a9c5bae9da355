/**
 * @module
 * The `pod-template-hash` label value (stub; being implemented).
 */
import type { PodTemplateSpec } from '../api';

/** A stable hash of a pod template, as ComputeHash does (KC controller_utils.go). */
export function podTemplateHash(_template: PodTemplateSpec, _collisionCount?: number): string {
  return '0';
}
