/**
 * @module
 * Apache httpd, the official image (docker-library/httpd 2.4/Dockerfile): no `USER` (httpd
 * starts as root and its children run as `daemon`); `EXPOSE 80`; `httpd-foreground` runs
 * `httpd -DFOREGROUND`, which binds its listeners and then writes its pid file to
 * /usr/local/apache2/logs/httpd.pid (a root-owned directory; the error and access logs go to
 * /proc/self/fd/2 and /proc/self/fd/1).
 */
import type { ImageCatalogueEntry } from '../catalogue-entry';

const LOGS = '/usr/local/apache2/logs';

/** httpd, every tag. */
export const httpd: ImageCatalogueEntry = {
  repository: 'docker.io/library/httpd',
  source: 'docker-library/httpd 2.4/Dockerfile',
  behavior: {
    user: 0,
    ports: [80],
    writablePaths: [LOGS],
    rootOwnedPaths: [LOGS],
    writtenAfterListen: [LOGS],
    configPaths: ['/usr/local/apache2/conf'],
    logs: {
      unwritable: {
        [LOGS]:
          `({errno}){error}: AH00099: could not create ${LOGS}/httpd.pid\n` +
          `AH00100: httpd: could not log pid to file ${LOGS}/httpd.pid`,
      },
      bindDenied:
        '(13)Permission denied: AH00072: make_sock: could not bind to address 0.0.0.0:{port}\n' +
        'AH00451: no listening sockets available, shutting down\n' +
        'AH00015: Unable to open logs',
    },
  },
};
