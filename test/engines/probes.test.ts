import { databaseProbes, isAlpineImage } from '../../lib/engines/probes';

describe('isAlpineImage', () => {
  it.each([
    // image → Alpine variant?
    ['postgres:16', false],
    ['postgres:16-alpine', true],
    ['postgres:16.4-alpine3.20', true],
    ['redis:alpine', true],
    ['redis', false],
    ['registry.example.com:5000/postgres', false], // the colon is a registry port
    ['registry.example.com:5000/postgres:16-alpine', true],
    ['alpine-mirror.example.com/postgres:16', false], // "alpine" outside the tag
    ['postgres:16-alpine@sha256:abc', true],
  ])('isAlpineImage(%p) is %p', (image, expected) => {
    expect(isAlpineImage(image)).toBe(expected);
  });
});

describe('databaseProbes', () => {
  test('liveness tolerates a longer silence than readiness, startup longer still', () => {
    // GIVEN
    const probes = databaseProbes({
      ready: ['ready'],
      alive: ['alive'],
      startupFailureThreshold: 30,
    });
    const window = (p: { periodSeconds?: number; failureThreshold?: number }): number =>
      (p.periodSeconds ?? 0) * (p.failureThreshold ?? 0);
    // THEN
    expect(window(probes.livenessProbe)).toBe(60);
    expect(window(probes.readinessProbe)).toBe(15);
    expect(window(probes.startupProbe)).toBe(300);
    expect(probes.livenessProbe.exec?.command).toEqual(['alive']);
    expect(probes.readinessProbe.exec?.command).toEqual(['ready']);
    expect(probes.startupProbe.exec?.command).toEqual(['ready']);
  });
});
