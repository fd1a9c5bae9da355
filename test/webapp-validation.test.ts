import { Chart, Testing } from 'cdk8s';
import { BosunValidationError } from '../lib/errors';
import { WebApp } from '../lib/webapp';
import type { WebAppProps } from '../lib/webapp-props';

/** GIVEN a chart `shop` WHEN a WebApp `api` is built with `props`. */
function build(props: Partial<WebAppProps>): () => WebApp {
  return () =>
    new WebApp(new Chart(Testing.app(), 'shop'), 'api', {
      image: 'shop:1',
      ...props,
    } as WebAppProps);
}

describe('WebApp rejects bad props', () => {
  test('fails with the construct path, the prop and the rule', () => {
    expect(build({ replicas: -1 })).toThrow(
      /^shop\/api: replicas must be an integer >= 0 \(got -1\)$/,
    );
  });

  test('fails with a BosunValidationError recording the construct path', () => {
    try {
      build({ replicas: -1 })();
      throw new Error('no error');
    } catch (error) {
      expect(BosunValidationError.is(error)).toBe(true);
      expect((error as BosunValidationError).constructPath).toBe('shop/api');
    }
  });

  test.each<[string, Partial<WebAppProps>, RegExp]>([
    // prop, bad value → message
    ['negative replicas', { replicas: -1 }, /replicas must be an integer >= 0 \(got -1\)/],
    ['fractional replicas', { replicas: 1.5 }, /replicas must be an integer >= 0 \(got 1.5\)/],
    [
      'replicas as a string, as JavaScript callers pass',
      { replicas: '3' as unknown as number },
      /replicas must be an integer >= 0 \(got string '3'\)/,
    ],
    [
      'Kubernetes-shaped resources, which would otherwise be ignored',
      { resources: { requests: { cpu: '1' } } as unknown as WebAppProps['resources'] },
      /resources takes only 'cpu', 'memory' \(got 'requests'\)/,
    ],
    [
      'a bare quantity for resources.cpu',
      { resources: { cpu: '500m' } as unknown as WebAppProps['resources'] },
      /resources\.cpu must be an object such as \{ request: '250m', limit: '500m' \} \(got string '500m'\)/,
    ],
    [
      'a Kubernetes-shaped securityContext field',
      {
        securityContext: {
          capabilities: { add: ['NET_ADMIN'] },
        } as unknown as WebAppProps['securityContext'],
      },
      /securityContext takes only 'runAsUser', .*'addCapabilities' \(got 'capabilities'\)/,
    ],
    [
      'a Kubernetes-shaped sidecar securityContext field',
      {
        sidecars: [
          { name: 'side', image: 'side:1', securityContext: { privileged: true } as never },
        ],
      },
      /sidecars\[0\]\.securityContext takes only .* \(got 'privileged'\)/,
    ],
    [
      'replicas with autoscaling',
      { replicas: 3, autoscaling: { maxReplicas: 5 } },
      /replicas must not be set together with autoscaling: .*\(got replicas 3\)/,
    ],
    [
      'minReplicas above maxReplicas',
      { autoscaling: { minReplicas: 6, maxReplicas: 5 } },
      /autoscaling.minReplicas must not exceed autoscaling.maxReplicas \(got 6 > 5\)/,
    ],
    [
      'minReplicas below 1',
      { autoscaling: { minReplicas: 0, maxReplicas: 5 } },
      /autoscaling.minReplicas must be an integer >= 1 \(got 0\)/,
    ],
    [
      'maxReplicas missing',
      { autoscaling: {} as WebAppProps['autoscaling'] },
      /autoscaling.maxReplicas must be given/,
    ],
    [
      'maxReplicas below 1',
      { autoscaling: { maxReplicas: 0 } },
      /autoscaling.maxReplicas must be an integer >= 1 \(got 0\)/,
    ],
    [
      'CPU utilization 0',
      { autoscaling: { maxReplicas: 5, cpuUtilization: 0 } },
      /autoscaling.cpuUtilization must be an integer between 1 and 100 \(got 0\)/,
    ],
    [
      'CPU utilization above 100',
      { autoscaling: { maxReplicas: 5, cpuUtilization: 101 } },
      /autoscaling.cpuUtilization must be an integer between 1 and 100 \(got 101\)/,
    ],
    [
      'memory utilization above 100',
      { autoscaling: { maxReplicas: 5, memoryUtilization: 150 } },
      /autoscaling.memoryUtilization must be an integer between 1 and 100 \(got 150\)/,
    ],
    ['port 0', { port: 0 }, /port must be an integer between 1 and 65535 \(got 0\)/],
    [
      'port above 65535',
      { port: 70000 },
      /port must be an integer between 1 and 65535 \(got 70000\)/,
    ],
    [
      'servicePort 0',
      { servicePort: 0 },
      /servicePort must be an integer between 1 and 65535 \(got 0\)/,
    ],
    [
      'nodePort below 30000',
      { serviceType: 'NodePort', nodePort: 8080 },
      /nodePort must be an integer between 30000 and 32767 \(got 8080\)/,
    ],
    [
      'nodePort above 32767',
      { serviceType: 'NodePort', nodePort: 40000 },
      /nodePort must be an integer between 30000 and 32767 \(got 40000\)/,
    ],
    [
      'nodePort on ClusterIP',
      { nodePort: 31000 },
      /nodePort needs serviceType 'NodePort' or 'LoadBalancer' \(got serviceType 'ClusterIP'\)/,
    ],
    [
      'externalTrafficPolicy on ClusterIP',
      { externalTrafficPolicy: 'Local' },
      /externalTrafficPolicy needs serviceType 'NodePort' or 'LoadBalancer' \(got serviceType 'ClusterIP'\)/,
    ],
    [
      'unknown externalTrafficPolicy',
      { serviceType: 'NodePort', externalTrafficPolicy: 'Nearby' as 'Local' },
      /externalTrafficPolicy must be one of 'Local', 'Cluster' \(got 'Nearby'\)/,
    ],
    [
      'unknown serviceType',
      { serviceType: 'ExternalName' as 'ClusterIP' },
      /serviceType must be one of 'ClusterIP', 'NodePort', 'LoadBalancer' \(got 'ExternalName'\)/,
    ],
    [
      'unknown sessionAffinity',
      { sessionAffinity: 'Cookie' as 'None' },
      /sessionAffinity must be one of 'ClientIP', 'None' \(got 'Cookie'\)/,
    ],
    [
      'malformed CPU quantity',
      { resources: { cpu: { request: '250 millicores' } } },
      /resources.cpu.request must be a Kubernetes quantity such as '250m' or '512Mi' \(got '250 millicores'\)/,
    ],
    [
      'malformed memory quantity',
      { resources: { memory: { limit: '1GB' } } },
      /resources.memory.limit must be a Kubernetes quantity such as '250m' or '512Mi' \(got '1GB'\)/,
    ],
    [
      'request above limit',
      { resources: { memory: { request: '2Gi', limit: '1Gi' } } },
      /resources.memory.request must not exceed resources.memory.limit \(got request '2Gi', limit '1Gi'\)/,
    ],
    [
      'empty image',
      { image: '' },
      /image must be a non-empty string without whitespace \(got ''\)/,
    ],
    [
      'image with spaces',
      { image: 'my app' },
      /image must be a non-empty string without whitespace \(got 'my app'\)/,
    ],
    [
      'env name that is not a C identifier',
      { env: { 'SPRING-PROFILE': 'x' } },
      /env keys must be C identifiers \(\[A-Za-z_\]\[A-Za-z0-9_\]\*\) \(got 'SPRING-PROFILE'\)/,
    ],
    [
      'secretEnv name starting with a digit',
      { secretEnv: { '1PASSWORD': 'x' } },
      /secretEnv keys must be C identifiers .* \(got '1PASSWORD'\)/,
    ],
    [
      'env value that is not a string',
      { env: { PORT: 8080 as unknown as string } },
      /env.PORT must be a string \(got number 8080\); quote numbers and booleans/,
    ],
    [
      'a name in both env and secretEnv',
      { env: { TOKEN: 'a' }, secretEnv: { TOKEN: 'b' } },
      /env and secretEnv must not share names, since only one value can win \(got 'TOKEN' in both\)/,
    ],
    [
      'envFromSecrets name that is not a DNS name',
      { envFromSecrets: ['My_Secret'] },
      /envFromSecrets\[0\] must be a DNS-1123 subdomain: .* \(got 'My_Secret'\)/,
    ],
    [
      'duplicate sidecar names',
      {
        sidecars: [
          { name: 'log', image: 'a:1' },
          { name: 'log', image: 'b:1' },
        ],
      },
      /sidecars\[1\].name must be unique in the pod and not 'app' \(got 'log' twice\)/,
    ],
    [
      "a sidecar named 'app'",
      { sidecars: [{ name: 'app', image: 'a:1' }] },
      /sidecars\[0\].name must be unique in the pod and not 'app' \(got 'app' twice\)/,
    ],
    [
      'a sidecar name that is not a DNS label',
      { sidecars: [{ name: 'Log_Shipper', image: 'a:1' }] },
      /sidecars\[0\].name must be a DNS-1123 label: .* \(got 'Log_Shipper'\)/,
    ],
    [
      "a sidecar on the app's port",
      { sidecars: [{ name: 'proxy', image: 'a:1', port: 8080 }] },
      /sidecars\[0\].port must differ from the app's port and the other sidecars' ports, .* \(got 8080 twice\)/,
    ],
    [
      'two sidecars on one port',
      {
        port: 3000,
        sidecars: [
          { name: 'a', image: 'a:1', port: 9000 },
          { name: 'b', image: 'b:1', port: 9000 },
        ],
      },
      /sidecars\[1\].port must differ .* \(got 9000 twice\)/,
    ],
    [
      'a sidecar without an image',
      { sidecars: [{ name: 'log', image: '' }] },
      /sidecars\[0\].image must be a non-empty string without whitespace \(got ''\)/,
    ],
    [
      'a sidecar request above its limit',
      {
        sidecars: [
          { name: 'log', image: 'a:1', resources: { cpu: { request: '1', limit: '100m' } } },
        ],
      },
      /sidecars\[0\].resources.cpu.request must not exceed sidecars\[0\].resources.cpu.limit/,
    ],
    [
      'a misspelt prop',
      { replica: 3 } as unknown as Partial<WebAppProps>,
      /^shop\/api: props takes only 'image', 'port', .* \(got 'replica'\)$/,
    ],
    [
      'a Kubernetes-shaped probe field',
      { liveness: { path: '/healthz', initialDelay: 30 } } as unknown as Partial<WebAppProps>,
      /liveness takes only 'path', 'port', 'initialDelaySeconds', .* \(got 'initialDelay'\)/,
    ],
    [
      'an unknown autoscaling field',
      { autoscaling: { maxReplicas: 5, targetCPU: 50 } } as unknown as Partial<WebAppProps>,
      /autoscaling takes only 'minReplicas', 'maxReplicas', 'cpuUtilization', 'memoryUtilization' \(got 'targetCPU'\)/,
    ],
    [
      'a Kubernetes-shaped rollout field',
      {
        rollout: { strategy: 'RollingUpdate', rollingUpdate: { maxSurge: 1 } },
      } as unknown as Partial<WebAppProps>,
      /rollout takes only 'strategy', 'maxSurge', 'maxUnavailable' \(got 'rollingUpdate'\)/,
    ],
    [
      'an unknown sidecar field',
      {
        sidecars: [{ name: 'log', image: 'fluent-bit:3', ports: [24224] }],
      } as unknown as Partial<WebAppProps>,
      /sidecars\[0\] takes only 'name', 'image', 'port', .* \(got 'ports'\)/,
    ],
    [
      'an unknown disruption budget field',
      { disruptionBudget: { maxUnavailable: 1, max: 2 } } as unknown as Partial<WebAppProps>,
      /disruptionBudget takes only 'maxUnavailable', 'minAvailable' \(got 'max'\)/,
    ],
    [
      'a probe path without a leading slash',
      { readiness: { path: 'healthz' } },
      /readiness.path must start with '\/' \(got 'healthz'\)/,
    ],
    [
      'a probe period of 0',
      { liveness: { periodSeconds: 0 } },
      /liveness.periodSeconds must be an integer >= 1 \(got 0\)/,
    ],
    [
      'a negative probe delay',
      { startup: { initialDelaySeconds: -5 } },
      /startup.initialDelaySeconds must be an integer >= 0 \(got -5\)/,
    ],
    [
      'a probe port out of range',
      { readiness: { port: 0 } },
      /readiness.port must be an integer between 1 and 65535 \(got 0\)/,
    ],
    [
      'an unknown rollout strategy',
      { rollout: { strategy: 'BlueGreen' } as unknown as WebAppProps['rollout'] },
      /rollout.strategy must be one of 'RollingUpdate', 'Recreate' \(got 'BlueGreen'\)/,
    ],
    [
      'maxSurge and maxUnavailable both 0',
      { rollout: { strategy: 'RollingUpdate', maxSurge: 0, maxUnavailable: '0%' } },
      /rollout.maxSurge and rollout.maxUnavailable must not both be 0/,
    ],
    [
      'a malformed maxSurge',
      { rollout: { strategy: 'RollingUpdate', maxSurge: '25' } },
      /rollout.maxSurge must be an integer >= 0 or a percentage such as '25%' \(got '25'\)/,
    ],
    [
      'a percentage above 100',
      { rollout: { strategy: 'RollingUpdate', maxUnavailable: '150%' } },
      /rollout.maxUnavailable must be an integer >= 0 or a percentage such as '25%' \(got '150%'\)/,
    ],
    [
      'maxSurge with Recreate',
      { rollout: { strategy: 'Recreate', maxSurge: 1 } as unknown as WebAppProps['rollout'] },
      /rollout.maxSurge and rollout.maxUnavailable apply only to strategy 'RollingUpdate'/,
    ],
    [
      'a progress deadline not above minReadySeconds',
      { minReadySeconds: 30, progressDeadlineSeconds: 30 },
      /progressDeadlineSeconds must be greater than minReadySeconds \(got 30 <= 30\)/,
    ],
    [
      'both maxUnavailable and minAvailable in disruptionBudget',
      { disruptionBudget: { maxUnavailable: 1, minAvailable: 1 } },
      /disruptionBudget takes maxUnavailable or minAvailable, not both/,
    ],
    [
      'a negative disruption budget',
      { disruptionBudget: { maxUnavailable: -1 } },
      /disruptionBudget.maxUnavailable must be an integer >= 0 or a percentage/,
    ],
    [
      'a relative writable path',
      { writablePaths: ['tmp'] },
      /writablePaths entries must be absolute paths below '\/' without a trailing '\/' \(got 'tmp'\)/,
    ],
    [
      'a repeated writable path',
      { writablePaths: ['/tmp', '/tmp'] },
      /writablePaths must not repeat a path \(got '\/tmp' twice\)/,
    ],
    [
      'root user without saying runAsNonRoot false',
      { securityContext: { runAsUser: 0 } },
      /securityContext.runAsUser 0 \(root\) needs securityContext.runAsNonRoot set to false explicitly/,
    ],
    [
      'an unknown capability',
      { securityContext: { addCapabilities: ['CAP_NET_ADMIN'] } },
      /securityContext.addCapabilities must name Linux capabilities without the CAP_ prefix.* \(got 'CAP_NET_ADMIN'\)/,
    ],
    [
      'command that is not a list of strings',
      { command: 'java -jar app.jar' as unknown as string[] },
      /command must be a list \(got string 'java -jar app.jar'\)/,
    ],
    [
      'args that are not strings',
      { args: [8080] as unknown as string[] },
      /args must be a list of strings \(got a list \[8080\]\)/,
    ],
    [
      'env that is not an object',
      { env: 'A=1' as unknown as Record<string, string> },
      /env must be an object \(got string 'A=1'\)/,
    ],
    [
      'a null sidecar',
      { sidecars: [null] as unknown as [] },
      /sidecars\[0\] must be an object such as \{ name, image \} \(got null\)/,
    ],
  ])('fails on %s', (_name, props, message) => {
    expect(build(props)).toThrow(message);
  });

  test('fails on missing props with a message, not a TypeError', () => {
    const chart = new Chart(Testing.app(), 'shop');
    expect(() => new WebApp(chart, 'api', undefined as unknown as WebAppProps)).toThrow(
      /shop\/api: props must be an object with at least 'image' \(got undefined\)/,
    );
  });

  test('fails on a missing image with a message, not a TypeError', () => {
    const chart = new Chart(Testing.app(), 'shop');
    expect(() => new WebApp(chart, 'api', {} as WebAppProps)).toThrow(
      /shop\/api: image must be a non-empty string without whitespace \(got undefined\)/,
    );
  });

  test('accepts the edge values of each range', () => {
    expect(
      build({
        port: 65535,
        servicePort: 1,
        serviceType: 'LoadBalancer',
        nodePort: 32767,
        externalTrafficPolicy: 'Cluster',
        autoscaling: { minReplicas: 1, maxReplicas: 1, cpuUtilization: 100, memoryUtilization: 1 },
        rollout: { strategy: 'RollingUpdate', maxSurge: '100%', maxUnavailable: 0 },
        securityContext: { runAsUser: 0, runAsNonRoot: false },
      }),
    ).not.toThrow();
  });
});
