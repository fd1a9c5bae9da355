/**
 * @module
 * A Namespace that enforces the Pod Security Standards *restricted* profile, so the cluster
 * itself rejects any pod in it that a later change makes less strict.
 */
import { Chart } from 'cdk8s';
import { k8s } from 'cdk8s-plus-28';
import type { Construct } from 'constructs';

/** A chart holding one Namespace labelled for PSS `restricted` enforcement. */
export class NamespaceChart extends Chart {
  /** The Namespace object. */
  public readonly namespaceObject: k8s.KubeNamespace;

  constructor(scope: Construct, id: string, name: string) {
    // No chart namespace: a Namespace is cluster-scoped.
    super(scope, id);
    this.namespaceObject = new k8s.KubeNamespace(this, 'Resource', {
      metadata: {
        name,
        labels: {
          'app.kubernetes.io/managed-by': 'bosun',
          // kubernetes.io/docs/concepts/security/pod-security-admission/#pod-security-admission-labels-for-namespaces
          'pod-security.kubernetes.io/enforce': 'restricted',
          'pod-security.kubernetes.io/enforce-version': 'latest',
        },
      },
    });
  }
}
