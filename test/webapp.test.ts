import { App, Chart, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { WebApp } from '../lib/webapp';
import { expectValidKubernetesObjects } from './helpers/kube-schema';
import { RESTRICTED_CONTAINER_CONTEXT, restrictedViolations } from './helpers/pss-restricted';
import { synthWebApp } from './helpers/webapp-synth';

const IMAGE = 'shop:1.4';

function appContainer(d: ReturnType<typeof synthWebApp>['deployment']) {
  return d.spec!.template.spec!.containers[0];
}

describe('WebApp defaults', () => {
  // GIVEN only an image WHEN synthesized
  const synth = synthWebApp({ image: IMAGE });
  const { deployment, service, objects } = synth;
  const pod = deployment.spec!.template.spec!;
  const container = appContainer(deployment);

  test('makes a Deployment, a Service and a PodDisruptionBudget, nothing else', () => {
    expect(objects.map((o) => o.kind).sort()).toEqual([
      'Deployment',
      'PodDisruptionBudget',
      'Service',
    ]);
  });

  test('every object passes the Kubernetes schema', () => {
    expectValidKubernetesObjects(objects);
  });

  test('runs 2 replicas', () => {
    expect(deployment.spec!.replicas).toBe(2);
  });

  test('puts every object in the chart namespace', () => {
    expect(objects.map((o) => o.metadata.namespace)).toEqual(objects.map(() => 'shop'));
    expect(synth.webApp.namespace).toBe('shop');
  });

  test('uses namespace default when the chart sets none', () => {
    const chart = new Chart(Testing.app(), 'plain');
    expect(new WebApp(chart, 'api', { image: IMAGE }).namespace).toBe('default');
  });

  test('labels every object with the four standard labels', () => {
    for (const o of objects) {
      expect(o.metadata.labels).toEqual({
        'app.kubernetes.io/name': 'shop-api',
        'app.kubernetes.io/instance': expect.stringMatching(/^shop-api-[0-9a-f]{8}$/),
        'app.kubernetes.io/component': 'web',
        'app.kubernetes.io/managed-by': 'bosun',
      });
    }
  });

  test('labels the pod template with the standard labels', () => {
    expect(deployment.spec!.template.metadata!.labels).toMatchObject(deployment.metadata.labels!);
  });

  test('selects pods by name and instance, in the Deployment, the Service and the PDB alike', () => {
    const selector = {
      'app.kubernetes.io/name': 'shop-api',
      'app.kubernetes.io/instance': synth.webApp.podSelectorLabels['app.kubernetes.io/instance'],
    };
    expect(synth.webApp.podSelectorLabels).toEqual(selector);
    expect(deployment.spec!.selector.matchLabels).toEqual(selector);
    expect(service.spec!.selector).toEqual(selector);
    expect((synth.pdb!.spec as { selector: unknown }).selector).toEqual({ matchLabels: selector });
  });

  test('names the app container and its port', () => {
    expect(container.name).toBe('app');
    expect(container.image).toBe(IMAGE);
    expect(container.ports).toEqual([{ containerPort: 8080, name: 'http' }]);
  });

  test('exposes port 80 on a ClusterIP Service targeting 8080', () => {
    expect(service.spec!.type).toBe('ClusterIP');
    expect(service.spec!.ports).toEqual([{ name: 'http', port: 80, targetPort: 8080 }]);
    expect(service.spec).not.toHaveProperty('externalIPs');
    expect(service.spec).not.toHaveProperty('sessionAffinity');
    expect(service.spec).not.toHaveProperty('externalTrafficPolicy');
  });

  test('reports the Service name and port through its getters', () => {
    expect(synth.webApp.serviceName).toBe(service.metadata.name);
    expect(synth.webApp.servicePort).toBe(80);
    expect(synth.webApp.containerPort).toBe(8080);
    expect(synth.webApp.deployment).toBeInstanceOf(kplus.Deployment);
    expect(synth.webApp.service).toBeInstanceOf(kplus.Service);
  });

  test('requests 100m/128Mi and limits 500m/512Mi, not cdk8s-plus 1 CPU', () => {
    expect(container.resources).toEqual({
      requests: { cpu: '100m', memory: '128Mi' },
      limits: { cpu: '500m', memory: '512Mi' },
    });
  });

  test('probes readiness with a TCP connect to the port every 10s, and no liveness or startup probe', () => {
    expect(container.readinessProbe).toEqual({
      tcpSocket: { port: 8080 },
      periodSeconds: 10,
      timeoutSeconds: 1,
      failureThreshold: 3,
    });
    expect(container.livenessProbe).toBeUndefined();
    expect(container.startupProbe).toBeUndefined();
  });

  test('rolls out with RollingUpdate 25%/25%, minReadySeconds 0 and a 600s deadline', () => {
    expect(deployment.spec!.strategy).toEqual({
      type: 'RollingUpdate',
      rollingUpdate: { maxSurge: '25%', maxUnavailable: '25%' },
    });
    expect(deployment.spec!.minReadySeconds).toBe(0);
    expect(deployment.spec!.progressDeadlineSeconds).toBe(600);
  });

  test('runs the container under the restricted Pod Security Standard', () => {
    expect(container.securityContext).toEqual(RESTRICTED_CONTAINER_CONTEXT);
  });

  test('runs the pod as UID/GID 1000, non-root, with a RuntimeDefault seccomp profile', () => {
    expect(pod.securityContext).toMatchObject({
      runAsUser: 1000,
      runAsGroup: 1000,
      fsGroup: 1000,
      runAsNonRoot: true,
      seccompProfile: { type: 'RuntimeDefault' },
    });
  });

  test('passes every check of the restricted profile', () => {
    expect(restrictedViolations(pod)).toEqual([]);
  });

  test('does not mount a service account token', () => {
    expect(pod.automountServiceAccountToken).toBe(false);
  });

  test('gives the read-only container a writable emptyDir at /tmp', () => {
    expect(pod.volumes).toEqual([{ name: 'tmp', emptyDir: {} }]);
    expect(container.volumeMounts).toEqual([{ name: 'tmp', mountPath: '/tmp' }]);
  });

  test('pulls a pinned tag only if not present', () => {
    expect(container.imagePullPolicy).toBe('IfNotPresent');
  });

  test('annotates the pod template with the config hash of empty config', () => {
    expect(deployment.spec!.template.metadata!.annotations).toEqual({
      'bosun.dev/config-hash': expect.stringMatching(/^[0-9a-f]{64}$/),
    });
  });

  test('adds a PodDisruptionBudget with maxUnavailable 1 that lets unhealthy pods be evicted', () => {
    expect(synth.pdb!.apiVersion).toBe('policy/v1');
    expect(synth.pdb!.spec).toMatchObject({
      maxUnavailable: 1,
      unhealthyPodEvictionPolicy: 'AlwaysAllow',
    });
  });

  test('sets no env and no envFrom', () => {
    expect(container.env).toBeUndefined();
    expect(container.envFrom).toBeUndefined();
  });
});

describe('WebApp props', () => {
  test('port and servicePort set the container port, probes and the Service', () => {
    const { deployment, service, webApp } = synthWebApp({
      image: IMAGE,
      port: 3000,
      servicePort: 8080,
    });
    const c = appContainer(deployment);
    expect(c.ports).toEqual([{ containerPort: 3000, name: 'http' }]);
    expect(c.readinessProbe!.tcpSocket).toEqual({ port: 3000 });
    expect(service.spec!.ports).toEqual([{ name: 'http', port: 8080, targetPort: 3000 }]);
    expect(webApp.servicePort).toBe(8080);
  });

  test('replicas sets the Deployment replicas, 0 included', () => {
    expect(synthWebApp({ image: IMAGE, replicas: 3 }).deployment.spec!.replicas).toBe(3);
    expect(synthWebApp({ image: IMAGE, replicas: 0 }).deployment.spec!.replicas).toBe(0);
  });

  test('env goes into a ConfigMap loaded with envFrom', () => {
    const { configMap, deployment } = synthWebApp({ image: IMAGE, env: { B: '2', A: '1' } });
    expect(configMap!.data).toEqual({ A: '1', B: '2' });
    expect(Object.keys(configMap!.data!)).toEqual(['A', 'B']);
    expect(appContainer(deployment).envFrom).toEqual([
      { configMapRef: { name: configMap!.metadata.name } },
    ]);
  });

  test('secretEnv goes into a Secret loaded with envFrom after the ConfigMap', () => {
    const { configMap, secret, deployment } = synthWebApp({
      image: IMAGE,
      env: { MODE: 'prod' },
      secretEnv: { TOKEN: 's3cret' },
    });
    expect(secret!.stringData).toEqual({ TOKEN: 's3cret' });
    expect(appContainer(deployment).envFrom).toEqual([
      { configMapRef: { name: configMap!.metadata.name } },
      { secretRef: { name: secret!.metadata.name } },
    ]);
  });

  test('empty env and secretEnv make no ConfigMap and no Secret', () => {
    const { configMap, secret, deployment } = synthWebApp({ image: IMAGE, env: {}, secretEnv: {} });
    expect(configMap).toBeUndefined();
    expect(secret).toBeUndefined();
    expect(appContainer(deployment).envFrom).toBeUndefined();
  });

  test('envFromSecrets loads existing Secrets in order, without creating them', () => {
    const { deployment, objects } = synthWebApp({ image: IMAGE, envFromSecrets: ['one', 'two'] });
    expect(appContainer(deployment).envFrom).toEqual([
      { secretRef: { name: 'one' } },
      { secretRef: { name: 'two' } },
    ]);
    expect(objects.some((o) => o.kind === 'Secret')).toBe(false);
  });

  test('the config hash changes when env or secretEnv changes, and only then', () => {
    const hash = (props: Parameters<typeof synthWebApp>[0]) =>
      synthWebApp(props).deployment.spec!.template.metadata!.annotations!['bosun.dev/config-hash'];
    const base = hash({ image: IMAGE, env: { A: '1' }, secretEnv: { S: 'x' } });
    expect(hash({ image: IMAGE, env: { A: '1' }, secretEnv: { S: 'x' }, replicas: 5 })).toBe(base);
    expect(hash({ image: IMAGE, env: { A: '2' }, secretEnv: { S: 'x' } })).not.toBe(base);
    expect(hash({ image: IMAGE, env: { A: '1' }, secretEnv: { S: 'y' } })).not.toBe(base);
  });

  test('command and args override the image entrypoint', () => {
    const c = appContainer(
      synthWebApp({ image: IMAGE, command: ['java'], args: ['-jar', 'app.jar'] }).deployment,
    );
    expect(c.command).toEqual(['java']);
    expect(c.args).toEqual(['-jar', 'app.jar']);
  });

  test('resources are emitted exactly as written', () => {
    const c = appContainer(
      synthWebApp({
        image: IMAGE,
        resources: {
          cpu: { request: '250m', limit: '500m' },
          memory: { request: '512Mi', limit: '1Gi' },
        },
      }).deployment,
    );
    expect(c.resources).toEqual({
      requests: { cpu: '250m', memory: '512Mi' },
      limits: { cpu: '500m', memory: '1Gi' },
    });
  });

  test('a request alone above the default limit raises the limit to it', () => {
    const c = appContainer(
      synthWebApp({ image: IMAGE, resources: { cpu: { request: '2' } } }).deployment,
    );
    expect(c.resources).toEqual({
      requests: { cpu: '2', memory: '128Mi' },
      limits: { cpu: '2', memory: '512Mi' },
    });
  });

  test('a limit alone below the default request lowers the request to it', () => {
    const c = appContainer(
      synthWebApp({ image: IMAGE, resources: { memory: { limit: '64Mi' } } }).deployment,
    );
    expect(c.resources!.requests!.memory).toBe('64Mi');
    expect(c.resources!.limits!.memory).toBe('64Mi');
  });

  test('liveness, readiness and startup probes use HTTP GET when a path is given', () => {
    const c = appContainer(
      synthWebApp({
        image: IMAGE,
        liveness: { path: '/actuator/health/liveness', initialDelaySeconds: 30, periodSeconds: 10 },
        readiness: {
          path: '/actuator/health/readiness',
          initialDelaySeconds: 10,
          periodSeconds: 5,
        },
        startup: { path: '/started', port: 9090, failureThreshold: 30, timeoutSeconds: 2 },
      }).deployment,
    );
    expect(c.livenessProbe).toEqual({
      httpGet: { path: '/actuator/health/liveness', port: 8080, scheme: 'HTTP' },
      initialDelaySeconds: 30,
      periodSeconds: 10,
      timeoutSeconds: 1,
      failureThreshold: 3,
    });
    expect(c.readinessProbe).toEqual({
      httpGet: { path: '/actuator/health/readiness', port: 8080, scheme: 'HTTP' },
      initialDelaySeconds: 10,
      periodSeconds: 5,
      timeoutSeconds: 1,
      failureThreshold: 3,
    });
    expect(c.startupProbe).toEqual({
      httpGet: { path: '/started', port: 9090, scheme: 'HTTP' },
      periodSeconds: 10,
      timeoutSeconds: 2,
      failureThreshold: 30,
    });
  });

  test('a liveness probe without a path is a TCP connect', () => {
    const c = appContainer(
      synthWebApp({ image: IMAGE, liveness: { periodSeconds: 20 } }).deployment,
    );
    expect(c.livenessProbe).toMatchObject({ tcpSocket: { port: 8080 }, periodSeconds: 20 });
  });

  describe('autoscaling', () => {
    const { deployment, hpa, objects } = synthWebApp({
      image: IMAGE,
      autoscaling: { minReplicas: 2, maxReplicas: 10, cpuUtilization: 50, memoryUtilization: 70 },
    });

    test('leaves replicas out of the Deployment, for the HPA owns it', () => {
      expect(deployment.spec).not.toHaveProperty('replicas');
    });

    test('adds an autoscaling/v2 HPA targeting the Deployment on CPU and memory', () => {
      expect(hpa!.apiVersion).toBe('autoscaling/v2');
      expect(hpa!.spec).toEqual({
        scaleTargetRef: {
          apiVersion: 'apps/v1',
          kind: 'Deployment',
          name: deployment.metadata.name,
        },
        minReplicas: 2,
        maxReplicas: 10,
        metrics: [
          {
            type: 'Resource',
            resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 50 } },
          },
          {
            type: 'Resource',
            resource: { name: 'memory', target: { type: 'Utilization', averageUtilization: 70 } },
          },
        ],
      });
      expectValidKubernetesObjects(objects);
    });

    test('defaults to minReplicas 2 and 80% CPU', () => {
      const spec = synthWebApp({ image: IMAGE, autoscaling: { maxReplicas: 5 } }).hpa!.spec;
      expect(spec).toMatchObject({
        minReplicas: 2,
        maxReplicas: 5,
        metrics: [{ resource: { name: 'cpu', target: { averageUtilization: 80 } } }],
      });
    });

    test('defaults minReplicas to maxReplicas when that is 1', () => {
      expect(
        synthWebApp({ image: IMAGE, autoscaling: { maxReplicas: 1 } }).hpa!.spec,
      ).toMatchObject({
        minReplicas: 1,
      });
    });

    test('a memory target alone adds no CPU target', () => {
      const spec = synthWebApp({
        image: IMAGE,
        autoscaling: { maxReplicas: 5, memoryUtilization: 60 },
      }).hpa!.spec as { metrics: { resource: { name: string } }[] };
      expect(spec.metrics.map((m) => m.resource.name)).toEqual(['memory']);
    });
  });

  test('rollout sets maxSurge and maxUnavailable as counts or percentages', () => {
    const { deployment } = synthWebApp({
      image: IMAGE,
      rollout: { strategy: 'RollingUpdate', maxSurge: 1, maxUnavailable: '0%' },
    });
    expect(deployment.spec!.strategy).toEqual({
      type: 'RollingUpdate',
      rollingUpdate: { maxSurge: 1, maxUnavailable: '0%' },
    });
  });

  test('rollout Recreate stops old pods first', () => {
    const { deployment } = synthWebApp({ image: IMAGE, rollout: { strategy: 'Recreate' } });
    expect(deployment.spec!.strategy).toEqual({ type: 'Recreate' });
  });

  test('minReadySeconds and progressDeadlineSeconds pass through', () => {
    const { deployment } = synthWebApp({
      image: IMAGE,
      minReadySeconds: 5,
      progressDeadlineSeconds: 120,
    });
    expect(deployment.spec!.minReadySeconds).toBe(5);
    expect(deployment.spec!.progressDeadlineSeconds).toBe(120);
  });

  test('disruptionBudget takes minAvailable instead', () => {
    expect(
      synthWebApp({ image: IMAGE, disruptionBudget: { minAvailable: '50%' } }).pdb!.spec,
    ).toMatchObject({
      minAvailable: '50%',
    });
  });

  test('disruptionBudget false makes no PDB', () => {
    expect(synthWebApp({ image: IMAGE, disruptionBudget: false }).pdb).toBeUndefined();
  });

  test('serviceType NodePort with a fixed nodePort and externalTrafficPolicy Local', () => {
    const { service, objects } = synthWebApp({
      image: IMAGE,
      serviceType: 'NodePort',
      nodePort: 31000,
      externalTrafficPolicy: 'Local',
    });
    expect(service.spec!.type).toBe('NodePort');
    expect(service.spec!.ports).toEqual([
      { name: 'http', port: 80, targetPort: 8080, nodePort: 31000 },
    ]);
    expect(service.spec!.externalTrafficPolicy).toBe('Local');
    expectValidKubernetesObjects(objects);
  });

  test('serviceType LoadBalancer', () => {
    expect(synthWebApp({ image: IMAGE, serviceType: 'LoadBalancer' }).service.spec!.type).toBe(
      'LoadBalancer',
    );
  });

  test('sessionAffinity ClientIP', () => {
    expect(
      synthWebApp({ image: IMAGE, sessionAffinity: 'ClientIP' }).service.spec!.sessionAffinity,
    ).toBe('ClientIP');
  });

  describe('sidecars', () => {
    const { deployment, objects } = synthWebApp({
      image: IMAGE,
      sidecars: [
        { name: 'log-shipper', image: 'fluent/fluent-bit:3.1', env: { LEVEL: 'info' } },
        {
          name: 'proxy',
          image: 'envoyproxy/envoy',
          port: 9901,
          command: ['envoy'],
          args: ['-c', '/etc/envoy.yaml'],
          resources: { cpu: { request: '20m', limit: '100m' } },
          securityContext: { readOnlyRootFilesystem: false },
        },
      ],
    });
    const [, log, proxy] = deployment.spec!.template.spec!.containers;

    test('run beside the app container, in order', () => {
      expect(deployment.spec!.template.spec!.containers.map((c) => c.name)).toEqual([
        'app',
        'log-shipper',
        'proxy',
      ]);
      expectValidKubernetesObjects(objects);
    });

    test('get their image, env, port, command and args', () => {
      expect(log.image).toBe('fluent/fluent-bit:3.1');
      expect(log.env).toEqual([{ name: 'LEVEL', value: 'info' }]);
      expect(proxy.ports).toEqual([{ containerPort: 9901 }]);
      expect(proxy.command).toEqual(['envoy']);
      expect(proxy.args).toEqual(['-c', '/etc/envoy.yaml']);
    });

    test('get smaller default resources than the app, and their own when given', () => {
      expect(log.resources).toEqual({
        requests: { cpu: '50m', memory: '64Mi' },
        limits: { cpu: '200m', memory: '256Mi' },
      });
      expect(proxy.resources).toEqual({
        requests: { cpu: '20m', memory: '64Mi' },
        limits: { cpu: '100m', memory: '256Mi' },
      });
    });

    test('are restricted too, with their own relaxations', () => {
      expect(log.securityContext).toMatchObject({
        readOnlyRootFilesystem: true,
        capabilities: { drop: ['ALL'] },
        seccompProfile: { type: 'RuntimeDefault' },
      });
      expect(proxy.securityContext).toMatchObject({
        readOnlyRootFilesystem: false,
        runAsNonRoot: true,
      });
    });

    test('mount the writable /tmp as well', () => {
      expect(log.volumeMounts).toEqual([{ name: 'tmp', mountPath: '/tmp' }]);
    });

    test('pull untagged images always', () => {
      expect(proxy.imagePullPolicy).toBe('Always');
    });
  });

  test('writablePaths gives each path its own emptyDir', () => {
    const { deployment } = synthWebApp({
      image: IMAGE,
      writablePaths: ['/tmp', '/var/cache/nginx'],
    });
    expect(deployment.spec!.template.spec!.volumes).toEqual([
      { name: 'tmp', emptyDir: {} },
      { name: 'var-cache-nginx', emptyDir: {} },
    ]);
    expect(appContainer(deployment).volumeMounts).toEqual([
      { name: 'tmp', mountPath: '/tmp' },
      { name: 'var-cache-nginx', mountPath: '/var/cache/nginx' },
    ]);
  });

  test('securityContext relaxes fields explicitly and sets the ids', () => {
    const { deployment, objects } = synthWebApp({
      image: IMAGE,
      securityContext: {
        readOnlyRootFilesystem: false,
        runAsUser: 101,
        runAsGroup: 102,
        fsGroup: 103,
        addCapabilities: ['NET_BIND_SERVICE'],
      },
    });
    const pod = deployment.spec!.template.spec!;
    expect(pod.securityContext).toMatchObject({ runAsUser: 101, runAsGroup: 102, fsGroup: 103 });
    expect(pod.containers[0].securityContext).toMatchObject({
      readOnlyRootFilesystem: false,
      runAsUser: 101,
      runAsGroup: 102,
      capabilities: { drop: ['ALL'], add: ['NET_BIND_SERVICE'] },
    });
    expectValidKubernetesObjects(objects);
  });
});

describe('WebApp security relaxations', () => {
  test("a sidecar's overrides apply over the app's, field by field", () => {
    const { deployment } = synthWebApp({
      image: IMAGE,
      securityContext: { readOnlyRootFilesystem: false },
      sidecars: [{ name: 'side', image: 'side:1', securityContext: { runAsUser: 2000 } }],
    });
    const side = deployment.spec!.template.spec!.containers[1];
    expect(side.securityContext).toMatchObject({ readOnlyRootFilesystem: false, runAsUser: 2000 });
  });

  test('a pod with sidecars and every allowed relaxation stays restricted', () => {
    const { deployment } = synthWebApp({
      image: IMAGE,
      securityContext: {
        readOnlyRootFilesystem: false,
        addCapabilities: ['NET_BIND_SERVICE'],
        runAsUser: 101,
      },
      sidecars: [{ name: 'side', image: 'side:1', securityContext: { runAsGroup: 5 } }],
    });
    expect(restrictedViolations(deployment.spec!.template.spec!)).toEqual([]);
  });

  test('runAsNonRoot false leaves the restricted profile, as the user asked', () => {
    const { deployment } = synthWebApp({
      image: IMAGE,
      securityContext: { runAsNonRoot: false, runAsUser: 0 },
    });
    expect(restrictedViolations(deployment.spec!.template.spec!)).toEqual([
      'runAsNonRoot != true (pod and container "app" must not set securityContext.runAsNonRoot=false)',
      'runAsUser=0 (pod and container "app" must not set runAsUser=0)',
    ]);
  });

  test('allowPrivilegeEscalation true and an extra capability leave it too', () => {
    const { deployment } = synthWebApp({
      image: IMAGE,
      securityContext: { allowPrivilegeEscalation: true, addCapabilities: ['NET_ADMIN'] },
    });
    expect(restrictedViolations(deployment.spec!.template.spec!)).toEqual([
      'allowPrivilegeEscalation != false (container "app" must set securityContext.allowPrivilegeEscalation=false)',
      'unrestricted capabilities (container "app" must not include "NET_ADMIN" in securityContext.capabilities.add)',
    ]);
  });
});

describe('WebApp output', () => {
  const props = {
    image: IMAGE,
    env: { A: '1', B: '2' },
    secretEnv: { S: 'x' },
    autoscaling: { maxReplicas: 4 },
    sidecars: [{ name: 'side', image: 'side:1' }],
  };

  test('is the same YAML, byte for byte, on every synth', () => {
    const yaml = () => (synthWebApp(props).chart.node.root as App).synthYaml();
    expect(yaml()).toBe(yaml());
  });

  test('does not depend on the order env keys were written in', () => {
    const reordered = { ...props, env: { B: '2', A: '1' } };
    expect(JSON.stringify(synthWebApp(reordered).objects)).toBe(
      JSON.stringify(synthWebApp(props).objects),
    );
  });

  test('keeps two WebApps in one chart apart', () => {
    const chart = new Chart(Testing.app(), 'shop');
    const api = new WebApp(chart, 'api', { image: IMAGE });
    const web = new WebApp(chart, 'web', { image: IMAGE });
    expect(api.serviceName).not.toBe(web.serviceName);
    expect(api.podSelectorLabels).not.toEqual(web.podSelectorLabels);
    expectValidKubernetesObjects(Testing.synth(chart));
  });
});
