import { Testing } from 'cdk8s';
import { simulate } from 'bosun/testing';
import { ShopChart } from './shop-chart';

/** A chart whose API asks for more CPU than any node of the simulated cluster has. */
function unschedulableChart(): ShopChart {
  return new ShopChart(Testing.app(), 'shop', {
    api: { resources: { cpu: { request: '64', limit: '64' } } },
  });
}

describe('a user project with bosun installed from the packed tarball', () => {
  it('converges the chart (toConverge)', () => {
    expect(new ShopChart(Testing.app(), 'shop')).toConverge();
  });

  it('does not converge a chart whose pods cannot be scheduled (not.toConverge)', () => {
    expect(unschedulableChart()).not.toConverge();
  });

  it('fails toConverge with the problems listed, as a user sees it', () => {
    expect(() => expect(unschedulableChart()).toConverge({ timeoutSeconds: 120 })).toThrow(
      /expected the manifests to converge[\s\S]*FailedScheduling/,
    );
  });

  it('routes a request to a ready API pod after simulate()', () => {
    const chart = new ShopChart(Testing.app(), 'shop');
    const { converged, cluster } = simulate(chart, { nodes: 2 });
    expect(converged).toBe(true);
    const response = cluster.request({ host: 'shop.example.com', path: '/' });
    expect(response).toMatchObject({ status: 200, service: `default/${chart.api.serviceName}` });
  });

  it('names FailedScheduling as the reason simulate() found', () => {
    const { converged, problems } = simulate(unschedulableChart(), { timeoutSeconds: 120 });
    expect(converged).toBe(false);
    expect(problems.map((p) => p.reason)).toContain('FailedScheduling');
  });
});
