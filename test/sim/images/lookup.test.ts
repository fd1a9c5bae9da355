import { catalogueBehavior, IMAGE_CATALOGUE } from '../../../lib/sim';
import { parseImageReference } from '../../../lib/sim/images/reference';
import { imageBehaviorLookup } from '../../../lib/sim/runtime';
import { runPod } from './helpers';

const DIGEST = `sha256:${'a'.repeat(64)}`;

describe('parseImageReference', () => {
  it.each([
    // image → repository, tag
    ['nginx', 'docker.io/library/nginx', 'latest'],
    ['library/nginx:1.27', 'docker.io/library/nginx', '1.27'],
    ['docker.io/library/nginx:1.27-alpine', 'docker.io/library/nginx', '1.27-alpine'],
    ['nginxinc/nginx-unprivileged', 'docker.io/nginxinc/nginx-unprivileged', 'latest'],
    [`postgres:16@${DIGEST}`, 'docker.io/library/postgres', '16'],
    [`postgres@${DIGEST}`, 'docker.io/library/postgres', undefined],
    ['localhost:5000/nginx', 'localhost:5000/nginx', 'latest'],
    ['ghcr.io/acme/shop:1.4', 'ghcr.io/acme/shop', '1.4'],
  ])('%s', (image, repository, tag) => {
    expect(parseImageReference(image)).toEqual(
      tag === undefined ? { repository } : { repository, tag },
    );
  });
});

describe('the catalogue lookup', () => {
  it.each(['nginx', 'library/nginx', 'docker.io/library/nginx:1.27', `nginx@${DIGEST}`])(
    'finds nginx as %s',
    (image) => {
      expect(catalogueBehavior(image)).toBe(IMAGE_CATALOGUE[0].behavior);
    },
  );

  it.each(['ghcr.io/acme/nginx', 'localhost:5000/nginx', 'my-app:1.0.0', 'nginx-custom'])(
    'knows nothing of %s',
    (image) => {
      expect(catalogueBehavior(image)).toBeUndefined();
    },
  );

  it('tells a variant by its tag, and a digest-only reference gets the entry for all tags', () => {
    expect(catalogueBehavior('rabbitmq:4.0-management-alpine')?.ports).toContain(15672);
    expect(catalogueBehavior('rabbitmq:4.0-alpine')?.ports).not.toContain(15672);
    expect(catalogueBehavior(`rabbitmq@${DIGEST}`)?.ports).not.toContain(15672);
  });

  it('has every entry cite its source and name a normalized repository', () => {
    for (const entry of IMAGE_CATALOGUE) {
      expect(entry.source).not.toBe('');
      expect(parseImageReference(entry.repository).repository).toBe(entry.repository);
    }
  });

  it('answers the same object for the same image string (cached)', () => {
    const lookup = imageBehaviorLookup({ 'my-app': { crash: true } });
    expect(lookup('nginx:1.27')).toBe(lookup('nginx:1.27'));
    expect(lookup('my-app:2')).toEqual({ crash: true });
    expect(lookup('unknown:1')).toEqual({});
  });

  it('hands the kubelet runsAsRoot as user 0, over a user the entry also names', () => {
    const lookup = imageBehaviorLookup(
      {
        'legacy:1': { runsAsRoot: true },
        'both:1': { runsAsRoot: true, user: 101 },
        'app:1': { user: 101 },
      },
      false,
    );
    expect(lookup('legacy:1')).toEqual({ runsAsRoot: true, user: 0 });
    expect(lookup('both:1')).toEqual({ runsAsRoot: true, user: 0 });
    expect(lookup('app:1')).toEqual({ user: 101 });
  });
});

describe('a user images entry and the imageCatalogue option', () => {
  const nonRoot = { securityContext: { runAsNonRoot: true } };

  it('lets a user entry for the repository override the catalogue', () => {
    const run = runPod({ image: 'nginx:1.27' }, nonRoot, { images: { nginx: { user: 101 } } });
    expect(run.result.problems).toEqual([]);
  });

  it('matches a user entry after Docker Hub normalization', () => {
    const run = runPod(
      { image: 'nginx:1.27' },
      {},
      {
        images: { 'docker.io/library/nginx:1.27': { crash: true } },
      },
    );
    expect(run.status.state.waiting?.reason).toBe('CrashLoopBackOff');
  });

  it('turns the catalogue off with imageCatalogue: false', () => {
    expect(runPod({ image: 'nginx' }, nonRoot).problem?.reason).toBe('CreateContainerConfigError');
    expect(runPod({ image: 'nginx' }, nonRoot, { imageCatalogue: false }).result.problems).toEqual(
      [],
    );
  });
});
