/**
 * @module
 * The design card's world: a Spring Boot-style API in namespace `my-app`, written as one WebApp.
 */
import { Chart } from 'cdk8s';
import type { ChartProps } from 'cdk8s';
import type { Construct } from 'constructs';
import { WebApp } from '../lib/webapp';

/** Namespace the example API runs in. */
export const SPRING_API_NAMESPACE = 'my-app';

/** Props of {@link SpringApiChart}. */
export interface SpringApiChartProps extends ChartProps {
  /** Image of the API. @default 'my-app:1.0.0' */
  readonly image?: string;
}

/**
 * ConfigMap env, Secret env, Spring Boot Actuator probes, 250m/512Mi requests and 500m/1Gi
 * limits, an HPA from 2 to 10 pods at 50% CPU.
 */
export class SpringApiChart extends Chart {
  /** The API. */
  public readonly api: WebApp;

  constructor(scope: Construct, id: string, props: SpringApiChartProps = {}) {
    super(scope, id, { namespace: SPRING_API_NAMESPACE, ...props });
    this.api = new WebApp(this, 'api', {
      image: props.image ?? 'my-app:1.0.0',
      port: 8080,
      servicePort: 80,
      env: {
        SPRING_PROFILES_ACTIVE: 'production',
        // The JVM sizes its heap from the container limit rather than the node's memory.
        JAVA_TOOL_OPTIONS: '-XX:MaxRAMPercentage=75.0',
      },
      // A placeholder: real deployments put the secret in a Secret made by CI and name it in
      // `envFromSecrets`, so no credential lives in the repository.
      secretEnv: { SPRING_DATASOURCE_PASSWORD: 'change-me' },
      resources: {
        cpu: { request: '250m', limit: '500m' },
        memory: { request: '512Mi', limit: '1Gi' },
      },
      liveness: { path: '/actuator/health/liveness', initialDelaySeconds: 30, periodSeconds: 10 },
      readiness: { path: '/actuator/health/readiness', initialDelaySeconds: 10, periodSeconds: 5 },
      autoscaling: { minReplicas: 2, maxReplicas: 10, cpuUtilization: 50 },
    });
  }
}
