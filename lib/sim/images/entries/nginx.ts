/**
 * @module
 * nginx, the official image (nginxinc/docker-nginx, published as `nginx`), and its
 * unprivileged twin (nginxinc/docker-nginx-unprivileged).
 *
 * nginx, from mainline/debian/Dockerfile and the nginx.conf and conf.d/default.conf it installs:
 * - no `USER`: the master process runs as root (the `user nginx;` directive drops workers to
 *   uid 101, created by `adduser --uid 101 nginx`);
 * - `EXPOSE 80`, and default.conf says `listen 80;`: as non-root, or as root without
 *   NET_BIND_SERVICE, the bind is refused;
 * - nginx creates its `*_temp_path` directories under /var/cache/nginx at start (the package
 *   makes that directory root's; the unprivileged Dockerfile has to `chown -R $UID:0
 *   /var/cache/nginx` "to write cache"), and writes `pid /var/run/nginx.pid` after opening its
 *   listening sockets.
 *
 * nginx-unprivileged, from mainline/debian/Dockerfile: `USER $UID` with `ARG UID=101`; its sed
 * lines change `listen 80` to `listen 8080`, move the pid to /tmp/nginx.pid and every
 * `*_temp_path` to /tmp (world-writable), so it runs as any UID on a writable /tmp.
 */
import type { ImageCatalogueEntry } from '../catalogue-entry';

/** nginx (`nginx`, `library/nginx`, `docker.io/library/nginx:1.27-alpine`, ...). */
export const nginx: ImageCatalogueEntry = {
  repository: 'docker.io/library/nginx',
  source: 'nginxinc/docker-nginx mainline/debian/Dockerfile',
  behavior: {
    user: 0,
    ports: [80],
    writablePaths: ['/var/cache/nginx', '/var/run'],
    rootOwnedPaths: ['/var/cache/nginx', '/var/run'],
    writtenAfterListen: ['/var/run'],
    configPaths: ['/etc/nginx'],
    logs: {
      unwritable: {
        '/var/cache/nginx':
          'nginx: [emerg] mkdir() "/var/cache/nginx/client_temp" failed ({errno}: {error})',
        '/var/run': 'nginx: [emerg] open() "/var/run/nginx.pid" failed ({errno}: {error})',
      },
      bindDenied: 'nginx: [emerg] bind() to 0.0.0.0:{port} failed (13: Permission denied)',
    },
  },
};

/** nginxinc/nginx-unprivileged: nginx as uid 101 on port 8080, writing only /tmp. */
export const nginxUnprivileged: ImageCatalogueEntry = {
  repository: 'docker.io/nginxinc/nginx-unprivileged',
  source: 'nginxinc/docker-nginx-unprivileged mainline/debian/Dockerfile',
  behavior: {
    user: 101,
    ports: [8080],
    writablePaths: ['/tmp'],
    configPaths: ['/etc/nginx'],
    logs: {
      unwritable: {
        '/tmp': 'nginx: [emerg] mkdir() "/tmp/client_temp" failed ({errno}: {error})',
      },
      bindDenied: 'nginx: [emerg] bind() to 0.0.0.0:{port} failed (13: Permission denied)',
    },
  },
};
