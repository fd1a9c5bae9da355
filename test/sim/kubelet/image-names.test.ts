import {
  containerID,
  imageID,
  invalidImageMessage,
  pullErrorMessage,
} from '../../../lib/sim/kubelet/image-names';
import { normalizeImage } from '../../../lib/sim/images/reference';
import { probeFailureOutput } from '../../../lib/sim/kubelet/probe-messages';

describe('image names', () => {
  it.each([
    ['nginx', 'docker.io/library/nginx:latest'],
    ['nginx:1.27', 'docker.io/library/nginx:1.27'],
    ['fluent/fluent-bit:3.1', 'docker.io/fluent/fluent-bit:3.1'],
    ['ghcr.io/acme/shop:1.4', 'ghcr.io/acme/shop:1.4'],
    ['localhost:5000/app', 'localhost:5000/app:latest'],
  ])('normalizes %s to %s', (image, normalized) => {
    expect(normalizeImage(image)).toBe(normalized);
  });

  it.each([
    ['nginx:1.27', undefined],
    ['registry.k8s.io/pause:3.9', undefined],
    [`nginx@sha256:${'a'.repeat(64)}`, undefined],
    ['Nginx:1.27', /repository name must be lowercase$/],
    ['nginx::1', /invalid reference format$/],
    ['my app', /invalid reference format$/],
  ])('%s is %s', (image, problem) => {
    const message = invalidImageMessage(image);
    if (problem) expect(message).toMatch(problem);
    else expect(message).toBeUndefined();
  });

  test('imageID is a stable digest under the repository', () => {
    expect(imageID('nginx:1.27')).toMatch(/^docker\.io\/library\/nginx@sha256:[0-9a-f]{64}$/);
    expect(imageID('nginx:1.27')).toBe(imageID('nginx:1.27'));
    expect(imageID('nginx:1.27')).not.toBe(imageID('nginx:1.26'));
  });

  test('a failed pull reads as containerd reports a missing image', () => {
    expect(pullErrorMessage('my-app:broken')).toBe(
      'rpc error: code = NotFound desc = failed to pull and unpack image "docker.io/library/my-app:broken": ' +
        'failed to resolve reference "docker.io/library/my-app:broken": docker.io/library/my-app:broken: not found',
    );
  });
});

describe('probeFailureOutput', () => {
  const container = { name: 'web', ports: [{ name: 'http', containerPort: 8080 }] };
  it.each([
    [
      { httpGet: { path: '/healthz', port: 'http' } },
      'Get "http://10.244.1.2:8080/healthz": dial tcp 10.244.1.2:8080: connect: connection refused',
    ],
    [
      { httpGet: { port: 9000, scheme: 'HTTPS' } },
      'Get "https://10.244.1.2:9000/": dial tcp 10.244.1.2:9000: connect: connection refused',
    ],
    [{ tcpSocket: { port: 5432 } }, 'dial tcp 10.244.1.2:5432: connect: connection refused'],
    [{ exec: { command: ['pg_isready'] } }, ''],
  ])('%j → %s', (probe, output) => {
    expect(probeFailureOutput(probe, '10.244.1.2', container)).toBe(output);
  });
});

describe('containerID', () => {
  it('is containerd:// and 64 hex digits, the same for the same pod, container and attempt', () => {
    const id = containerID('5a1b0000-0000-4000-8000-000000000001', 'web', 0);
    expect(id).toMatch(/^containerd:\/\/[0-9a-f]{64}$/);
    expect(containerID('5a1b0000-0000-4000-8000-000000000001', 'web', 0)).toBe(id);
  });

  it('differs for every pod, container and attempt of a large cluster', () => {
    const ids = new Set<string>();
    let made = 0;
    for (let pod = 1; pod <= 50_000; pod++) {
      const uid = `5a1b0000-0000-4000-8000-${pod.toString(16).padStart(12, '0')}`;
      for (const container of ['web', 'sidecar'])
        for (let attempt = 0; attempt < 2; attempt++, made++)
          ids.add(containerID(uid, container, attempt));
    }
    expect(ids.size).toBe(made);
  });
});
