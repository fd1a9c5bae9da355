import { ApiObject, App, Chart, Testing } from 'cdk8s';
import { simulate, toManifests } from '../../lib/testing';

/** A Deployment and its Service, written with cdk8s' plain ApiObject. */
function webChart(scope: App | undefined = undefined, id = 'web', image = 'web:1.0'): Chart {
  const chart = scope ? new Chart(scope, id) : Testing.chart();
  new ApiObject(chart, `${id}-deployment`, {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: id },
    spec: {
      replicas: 2,
      selector: { matchLabels: { app: id } },
      template: {
        metadata: { labels: { app: id } },
        spec: { containers: [{ name: 'app', image, ports: [{ containerPort: 8080 }] }] },
      },
    },
  });
  new ApiObject(chart, `${id}-service`, {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: id },
    spec: { selector: { app: id }, ports: [{ port: 80, targetPort: 8080 }] },
  });
  return chart;
}

describe('simulate', () => {
  it('synthesizes a chart, applies it and converges: the Deployment is available', () => {
    // GIVEN
    const chart = webChart();

    // WHEN
    const result = simulate(chart);

    // THEN
    expect(result.problems).toEqual([]);
    expect(result.converged).toBe(true);
    expect(result.seconds).toBeGreaterThan(0);
    expect(result.cluster.get('Deployment', 'web')?.status).toMatchObject({ availableReplicas: 2 });
  });

  it('reports the problems when an image cannot be pulled', () => {
    const chart = webChart(undefined, 'web', 'web:broken');
    const result = simulate(chart, {
      images: { 'web:broken': { pull: 'fail' } },
      timeoutSeconds: 120,
    });
    expect(result.converged).toBe(false);
    expect(result.problems.map((p) => p.reason)).toEqual(
      expect.arrayContaining([expect.stringMatching(/ImagePullBackOff|ErrImagePull/)]),
    );
  });

  it('simulates every chart of an App', () => {
    const app = Testing.app();
    webChart(app, 'web');
    webChart(app, 'api');
    const result = simulate(app);
    expect(result.converged).toBe(true);
    expect(
      result.cluster
        .list('Deployment')
        .map((d) => d.metadata.name)
        .sort(),
    ).toEqual(['api', 'web']);
  });

  it('takes manifests as YAML text too', () => {
    const yaml = Testing.synth(webChart())
      .map((o) => JSON.stringify(o))
      .join('\n---\n');
    expect(simulate(yaml).converged).toBe(true);
  });

  it('passes cluster options through: one small node cannot run what needs more', () => {
    const result = simulate(webChart(), { nodes: [{ cpu: '100m', pods: 1 }] });
    expect(result.converged).toBe(false);
    expect(result.problems.some((p) => p.reason === 'FailedScheduling')).toBe(true);
  });

  it('fails naming the document when a manifest is invalid', () => {
    expect(() => simulate([{ apiVersion: 'v1', kind: 'ConfigMap', metadata: {} }])).toThrow(
      /document 1: ConfigMap: missing metadata.name/,
    );
  });
});

describe('toManifests', () => {
  it('synthesizes a chart as Testing.synth does and leaves manifests alone', () => {
    const chart = webChart();
    expect(toManifests(chart)).toEqual(Testing.synth(chart));
    const objects = [{ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x' } }];
    expect(toManifests(objects)).toBe(objects);
  });
});

describe('expect(...).toConverge()', () => {
  it('passes for a chart that converges', () => {
    expect(webChart()).toConverge();
  });

  it('fails with the problems, one per line, for a chart that does not', () => {
    const chart = webChart(undefined, 'web', 'web:broken');
    expect(() =>
      expect(chart).toConverge({ images: { 'web:broken': { pull: 'fail' } }, timeoutSeconds: 120 }),
    ).toThrow(
      /expected the manifests to converge, but after .* problems? remains?:\n {2}\S+ default\/web\S*: /,
    );
  });

  it('can be negated', () => {
    expect(webChart(undefined, 'web', 'web:broken')).not.toConverge({
      images: { 'web:broken': { pull: 'fail' } },
    });
  });
});
