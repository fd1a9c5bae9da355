/**
 * @module
 * Base images whose default command is a shell: busybox (docker-library/busybox, `CMD ["sh"]`),
 * alpine (alpinelinux/docker-alpine, `CMD ["/bin/sh"]`), debian and ubuntu (debuerreotype
 * builds, `CMD ["bash"]` and `CMD ["/bin/bash"]`). None sets `USER`. Without a terminal or
 * stdin (Kubernetes gives neither unless `stdin`/`tty` ask) the shell reads end-of-file and
 * exits 0 at once: the container completes and, under `restartPolicy: Always`, loops in
 * CrashLoopBackOff with `reason: Completed`. A `command` or `args` of its own keeps it running.
 */
import type { ImageBehavior } from '../../framework';
import type { ImageCatalogueEntry } from '../catalogue-entry';

const SHELL: ImageBehavior = { user: 0, exitsWithoutCommand: true };

function shellImage(name: string, source: string): ImageCatalogueEntry {
  return { repository: `docker.io/library/${name}`, source, behavior: SHELL };
}

/** busybox, alpine, debian and ubuntu. */
export const shellImages: readonly ImageCatalogueEntry[] = [
  shellImage('busybox', 'docker-library/busybox Dockerfile (CMD ["sh"])'),
  shellImage('alpine', 'alpinelinux/docker-alpine Dockerfile (CMD ["/bin/sh"])'),
  shellImage('debian', 'debuerreotype Dockerfile (CMD ["bash"])'),
  shellImage('ubuntu', 'ubuntu Dockerfile (CMD ["/bin/bash"])'),
];
