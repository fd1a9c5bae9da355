import { podTemplatesOf, restrictedViolations } from './pss-restricted';

interface TestContainer {
  name: string;
  image: string;
  ports?: object[];
  readinessProbe?: object;
  securityContext?: Record<string, unknown> & {
    capabilities?: { drop?: string[]; add?: string[] };
  };
}
interface TestPod extends Record<string, unknown> {
  securityContext: Record<string, unknown>;
  containers: TestContainer[];
}

/** A pod the restricted profile admits: the smallest that passes every check. */
function compliantPod(): TestPod {
  return {
    securityContext: { runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } },
    containers: [
      {
        name: 'app',
        image: 'app:1',
        securityContext: { allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] } },
      },
    ],
  };
}

/** The compliant pod after `change`. */
function podWith(change: (pod: TestPod) => void): TestPod {
  const pod = compliantPod();
  change(pod);
  return pod;
}

/** The app container's securityContext, to change one field. */
const appContext = (pod: TestPod) => pod.containers[0].securityContext!;
const app = (pod: TestPod) => pod.containers[0];

describe('restrictedViolations', () => {
  test('admits the compliant pod', () => {
    expect(restrictedViolations(compliantPod())).toEqual([]);
  });

  test.each<[string, (pod: TestPod) => void, string]>([
    // one change → the violation the admission plugin reports
    [
      'an Unconfined AppArmor profile',
      (p) => (appContext(p).appArmorProfile = { type: 'Unconfined' }),
      'forbidden AppArmor profile (container "app" must not set AppArmor profile type to "Unconfined")',
    ],
    ['host networking', (p) => (p.hostNetwork = true), 'host namespaces (hostNetwork=true)'],
    [
      'host PID and IPC',
      (p) => Object.assign(p, { hostPID: true, hostIPC: true }),
      'host namespaces (hostPID=true, hostIPC=true)',
    ],
    [
      'a host port',
      (p) => (app(p).ports = [{ containerPort: 80, hostPort: 8080 }]),
      'hostPort (container "app" uses hostPort 8080)',
    ],
    [
      'a probe aimed at another host',
      (p) => (app(p).readinessProbe = { httpGet: { host: '10.0.0.1', port: 80 } }),
      'probe or lifecycle host (container "app" uses probe or lifecycle host "10.0.0.1")',
    ],
    [
      'a privileged container',
      (p) => (appContext(p).privileged = true),
      'privileged (container "app" must not set securityContext.privileged=true)',
    ],
    [
      'a custom SELinux type and user',
      (p) => (p.securityContext.seLinuxOptions = { type: 'spc_t', user: 'root' }),
      'seLinuxOptions (pod set forbidden securityContext.seLinuxOptions: type "spc_t"; user may not be set)',
    ],
    [
      'an unsafe sysctl',
      (p) => (p.securityContext.sysctls = [{ name: 'kernel.msgmax', value: '1' }]),
      'forbidden sysctls (kernel.msgmax)',
    ],
    [
      'a Windows host process',
      (p) => (appContext(p).windowsOptions = { hostProcess: true }),
      'hostProcess (container "app" must not set securityContext.windowsOptions.hostProcess=true)',
    ],
    [
      'allowPrivilegeEscalation left unset',
      (p) => delete appContext(p).allowPrivilegeEscalation,
      'allowPrivilegeEscalation != false (container "app" must set securityContext.allowPrivilegeEscalation=false)',
    ],
    [
      'capabilities not dropped',
      (p) => delete appContext(p).capabilities,
      'unrestricted capabilities (container "app" must set securityContext.capabilities.drop=["ALL"])',
    ],
    [
      'an added capability beyond NET_BIND_SERVICE',
      (p) => (appContext(p).capabilities!.add = ['NET_BIND_SERVICE', 'NET_ADMIN']),
      'unrestricted capabilities (container "app" must not include "NET_ADMIN" in securityContext.capabilities.add)',
    ],
    [
      'an unmasked /proc',
      (p) => (appContext(p).procMount = 'Unmasked'),
      'procMount (container "app" must not set securityContext.procMount to "Unmasked")',
    ],
    [
      'a hostPath volume',
      (p) => (p.volumes = [{ name: 'docker', hostPath: { path: '/var/run/docker.sock' } }]),
      'restricted volume types (volume "docker" uses restricted volume type "hostPath")',
    ],
    [
      'runAsNonRoot false on the pod',
      (p) => (p.securityContext.runAsNonRoot = false),
      'runAsNonRoot != true (pod must not set securityContext.runAsNonRoot=false)',
    ],
    [
      'runAsNonRoot set nowhere',
      (p) => delete p.securityContext.runAsNonRoot,
      'runAsNonRoot != true (pod or container "app" must set securityContext.runAsNonRoot=true)',
    ],
    [
      'UID 0 on a container',
      (p) => (appContext(p).runAsUser = 0),
      'runAsUser=0 (container "app" must not set runAsUser=0)',
    ],
    [
      'an Unconfined seccomp profile on a container',
      (p) => (appContext(p).seccompProfile = { type: 'Unconfined' }),
      'seccompProfile (container "app" must not set securityContext.seccompProfile.type to "Unconfined")',
    ],
    [
      'no seccomp profile anywhere',
      (p) => delete p.securityContext.seccompProfile,
      'seccompProfile (pod or container "app" must set securityContext.seccompProfile.type to "RuntimeDefault" or "Localhost")',
    ],
    [
      'an init container that is not restricted',
      (p) => (p.initContainers = [{ name: 'init', image: 'init:1' }]),
      'allowPrivilegeEscalation != false (container "init" must set securityContext.allowPrivilegeEscalation=false)',
    ],
  ])('reports %s', (_name, change, violation) => {
    expect(restrictedViolations(podWith(change))).toContain(violation);
  });

  test.each<[string, (pod: TestPod) => void]>([
    // what the profile allows
    [
      'NET_BIND_SERVICE added back',
      (p) => (appContext(p).capabilities!.add = ['NET_BIND_SERVICE']),
    ],
    [
      'a Localhost seccomp profile',
      (p) => (p.securityContext.seccompProfile = { type: 'Localhost', localhostProfile: 'x.json' }),
    ],
    [
      'seccomp and runAsNonRoot set on the container only',
      (p) => {
        p.securityContext = {};
        Object.assign(appContext(p), {
          runAsNonRoot: true,
          seccompProfile: { type: 'RuntimeDefault' },
        });
      },
    ],
    [
      'a safe sysctl',
      (p) => (p.securityContext.sysctls = [{ name: 'net.ipv4.tcp_keepalive_time', value: '60' }]),
    ],
    [
      'the container_engine_t SELinux type',
      (p) => (p.securityContext.seLinuxOptions = { type: 'container_engine_t' }),
    ],
    [
      'every allowed volume type',
      (p) =>
        (p.volumes = [
          'configMap',
          'csi',
          'downwardAPI',
          'emptyDir',
          'ephemeral',
          'image',
          'persistentVolumeClaim',
          'projected',
          'secret',
        ].map((type, i) => ({ name: `v${i}`, [type]: {} }))),
    ],
    [
      'a read-write root filesystem (not part of the profile)',
      (p) => (appContext(p).readOnlyRootFilesystem = false),
    ],
    [
      'UID 0 in a user namespace (hostUsers: false, policy 1.35)',
      (p) => {
        p.hostUsers = false;
        appContext(p).runAsUser = 0;
        p.securityContext.runAsNonRoot = false;
      },
    ],
    [
      'a Windows pod without Linux-only fields (policy 1.25)',
      (p) => {
        p.os = { name: 'windows' };
        delete p.securityContext.seccompProfile;
        app(p).securityContext = {};
      },
    ],
  ])('admits %s', (_name, change) => {
    expect(restrictedViolations(podWith(change))).toEqual([]);
  });

  test('checks AppArmor annotations when given the pod metadata', () => {
    const annotations = { 'container.apparmor.security.beta.kubernetes.io/app': 'unconfined' };
    expect(restrictedViolations(compliantPod(), { annotations })).toEqual([
      'forbidden AppArmor profile (annotation must not set AppArmor profile type to "container.apparmor.security.beta.kubernetes.io/app="unconfined"")',
    ]);
  });

  test('reports each broken check once, in the plugin order, naming every container', () => {
    const pod = podWith((p) => {
      p.securityContext = {};
      p.containers.push({ name: 'side', image: 'side:1' });
    });
    expect(restrictedViolations(pod)).toEqual([
      'allowPrivilegeEscalation != false (container "side" must set securityContext.allowPrivilegeEscalation=false)',
      'unrestricted capabilities (container "side" must set securityContext.capabilities.drop=["ALL"])',
      'runAsNonRoot != true (pod or containers "app", "side" must set securityContext.runAsNonRoot=true)',
      'seccompProfile (pod or containers "app", "side" must set securityContext.seccompProfile.type to "RuntimeDefault" or "Localhost")',
    ]);
  });
});

describe('podTemplatesOf', () => {
  test('finds the pod template of each kind of workload, and nothing in other objects', () => {
    const spec = compliantPod();
    const manifests = [
      { kind: 'Deployment', metadata: { name: 'd' }, spec: { template: { spec } } },
      {
        kind: 'StatefulSet',
        metadata: { name: 's' },
        spec: { template: { metadata: { annotations: { a: 'b' } }, spec } },
      },
      {
        kind: 'CronJob',
        metadata: { name: 'c' },
        spec: { jobTemplate: { spec: { template: { spec } } } },
      },
      { kind: 'Pod', metadata: { name: 'p' }, spec },
      { kind: 'Service', metadata: { name: 'svc' }, spec: { ports: [] } },
    ];
    expect(podTemplatesOf(manifests).map((t) => [t.owner, t.metadata])).toEqual([
      ['Deployment/d', {}],
      ['StatefulSet/s', { annotations: { a: 'b' } }],
      ['CronJob/c', {}],
      ['Pod/p', { name: 'p' }],
    ]);
  });
});
