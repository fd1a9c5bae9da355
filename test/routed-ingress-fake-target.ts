/**
 * @module
 * A stand-in for a WebApp in RoutedIngress tests: any construct with a Service name, port and
 * namespace is a route target, so the tests need nothing more.
 */
import { Construct } from 'constructs';
import type { IServiceTarget } from '../lib/connection';
import { namespaceOf } from '../lib/labels';

/** An `IServiceTarget` whose Service is named and numbered by the test. */
export class FakeServiceTarget extends Construct implements IServiceTarget {
  /** The chart's namespace, as a WebApp's would be. */
  readonly namespace: string;

  constructor(
    scope: Construct,
    id: string,
    readonly serviceName: string,
    readonly servicePort = 80,
  ) {
    super(scope, id);
    this.namespace = namespaceOf(this);
  }
}
