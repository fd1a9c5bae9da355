/**
 * @module
 * The design card's world: a Spring Boot-style API in namespace `my-app`, written as one WebApp.
 */
import { Chart } from 'cdk8s';
import type { ChartProps } from 'cdk8s';
import type { Construct } from 'constructs';
import type { StatefulDb } from '../lib';
import { WebApp } from '../lib';
import { addShopDb } from './shop-db';

/** Namespace the example API runs in. */
export const SPRING_API_NAMESPACE = 'my-app';

/** Props of {@link SpringApiChart}. */
export interface SpringApiChartProps extends ChartProps {
  /** Image of the API. @default 'my-app:1.0.0' */
  readonly image?: string;
  /** Existing Secret (key `password`) for the database. @default - the development password of `apps/shop-db.ts` */
  readonly dbPasswordSecret?: string;
}

/**
 * ConfigMap env, Secret env, Spring Boot Actuator probes, 250m/512Mi requests and 500m/1Gi
 * limits, an HPA from 2 to 10 pods at 50% CPU; connected to a PostgreSQL StatefulDb.
 */
export class SpringApiChart extends Chart {
  /** The API. */
  public readonly api: WebApp;
  /** Its PostgreSQL database. */
  public readonly db: StatefulDb;

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
        // Spring resolves these placeholders from the DB_* variables `connectTo` sets below.
        SPRING_DATASOURCE_URL: 'jdbc:postgresql://${DB_HOST}:${DB_PORT}/${DB_NAME}',
        SPRING_DATASOURCE_USERNAME: '${DB_USER}',
        SPRING_DATASOURCE_PASSWORD: '${DB_PASSWORD}',
      },
      // A placeholder: real deployments put secrets in a Secret made by CI and name it in
      // `envFromSecrets`, so no credential lives in the repository.
      secretEnv: { APP_JWT_SIGNING_KEY: 'change-me' },
      resources: {
        cpu: { request: '250m', limit: '500m' },
        memory: { request: '512Mi', limit: '1Gi' },
      },
      liveness: { path: '/actuator/health/liveness', initialDelaySeconds: 30, periodSeconds: 10 },
      readiness: { path: '/actuator/health/readiness', initialDelaySeconds: 10, periodSeconds: 5 },
      autoscaling: { minReplicas: 2, maxReplicas: 10, cpuUtilization: 50 },
    });
    this.db = addShopDb(this, { passwordSecret: props.dbPasswordSecret });
    this.api.connectTo(this.db);
  }
}
