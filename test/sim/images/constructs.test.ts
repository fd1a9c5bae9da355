import { Chart, Testing } from 'cdk8s';
import { catalogueBehavior } from '../../../lib/sim';
import { StatefulDb, type StatefulDbProps } from '../../../lib/stateful-db';
import { WebApp } from '../../../lib/webapp';
import { simulate } from '../../../lib/testing';

describe("bosun's constructs under the image catalogue", () => {
  it.each<[string, StatefulDbProps]>([
    ['postgres', { engine: 'postgres', password: 'dev-only' }],
    ['postgres on Alpine', { engine: 'postgres', version: '16-alpine', password: 'dev-only' }],
    ['mysql', { engine: 'mysql', password: 'dev-only' }],
    ['redis', { engine: 'redis' }],
    ['redis with a password', { engine: 'redis', password: 'dev-only' }],
  ])('a StatefulDb of %s with its defaults converges', (_, props) => {
    // GIVEN a database whose image the catalogue knows, and an API connected to it
    const chart = new Chart(Testing.app(), 'stack');
    const db = new StatefulDb(chart, 'db', props);
    new WebApp(chart, 'api', { image: 'my-app:1.0.0' }).connectTo(db);
    expect(catalogueBehavior(db.image)).toBeDefined();
    // WHEN it runs, THEN the image's real checks (root user, env, writable paths) all pass
    const result = simulate(chart);
    expect(result.problems).toEqual([]);
    expect(result.converged).toBe(true);
  });

  it('a StatefulDb of postgres without its password Secret wiring would crash-loop (the catalogue is on)', () => {
    const chart = new Chart(Testing.app(), 'stack');
    new StatefulDb(chart, 'db', { engine: 'postgres', password: 'dev-only' });
    const manifests = Testing.synth(chart).map((obj) => {
      if (obj.kind !== 'StatefulSet') return obj;
      const copy = structuredClone(obj);
      const container = copy.spec.template.spec.containers[0];
      container.env = container.env.filter((e: { name: string }) => e.name !== 'POSTGRES_PASSWORD');
      return copy;
    });
    const result = simulate(manifests);
    expect(result.problems.map((p) => p.reason)).toContain('CrashLoopBackOff');
  });

  it('a WebApp of nginx-unprivileged on 8080 converges with its restricted defaults', () => {
    const chart = new Chart(Testing.app(), 'site');
    new WebApp(chart, 'web', { image: 'nginxinc/nginx-unprivileged:1.27-alpine', port: 8080 });
    expect(simulate(chart).problems).toEqual([]);
  });
});
