/**
 * @module
 * RabbitMQ, the official image (docker-library/rabbitmq 4.0/ubuntu/Dockerfile and
 * 4.0/ubuntu/management/Dockerfile): no `USER` (the entrypoint steps down with gosu to
 * `rabbitmq`, 999); `EXPOSE 4369 5671 5672 15691 15692 25672` with the Prometheus plugin
 * (15692) enabled; `VOLUME /var/lib/rabbitmq`. Only the `-management` variants enable the
 * management plugin, whose UI and HTTP API listen on 15672.
 */
import type { ImageBehavior } from '../../framework';
import type { ImageCatalogueEntry } from '../catalogue-entry';

const REPOSITORY = 'docker.io/library/rabbitmq';
/** AMQP, epmd, inter-node, Prometheus. */
const PORTS = [5672, 4369, 25672, 15692];
const BASE: ImageBehavior = { user: 0, ports: PORTS };

/** rabbitmq's `management` variants (`4.0-management`, `management-alpine`). */
export const rabbitmqManagement: ImageCatalogueEntry = {
  repository: REPOSITORY,
  tags: /(^|-)management(-|$)/,
  source: 'docker-library/rabbitmq 4.0/ubuntu/management/Dockerfile',
  behavior: { ...BASE, ports: [...PORTS, 15672] },
};

/** rabbitmq, every other tag. */
export const rabbitmq: ImageCatalogueEntry = {
  repository: REPOSITORY,
  source: 'docker-library/rabbitmq 4.0/ubuntu/Dockerfile',
  behavior: BASE,
};
