/**
 * @module
 * An independent check of the Pod Security Standards *restricted* profile, so construct tests do
 * not take our constructs' word for being restricted. It follows the admission plugin's own
 * checks, kubernetes/kubernetes staging/src/k8s.io/pod-security-admission/policy/check_*.go, as
 * `restricted:latest` evaluates them (policy version 1.35, Kubernetes 1.36): every baseline check
 * that no restricted check overrides, then the restricted checks; each broken check is reported
 * as the plugin words it, `reason (detail)`, as `kubectl` prints the warning.
 *
 * Policy page: kubernetes.io/docs/concepts/security/pod-security-standards/. Read through the
 * pod spec only: annotations are checked when the pod template's metadata is passed too.
 */

/** A pod spec as synthesized (cdk8s output, kubernetes-models, the simulator's API view). */
export type PodSpecLike = object;

/** Pod template metadata: only annotations matter (AppArmor). */
export interface PodMetadataLike {
  readonly annotations?: Readonly<Record<string, string>>;
}

interface SecurityContextView {
  privileged?: boolean;
  allowPrivilegeEscalation?: boolean;
  runAsNonRoot?: boolean;
  runAsUser?: number;
  procMount?: string;
  seccompProfile?: { type?: string };
  appArmorProfile?: { type?: string };
  seLinuxOptions?: { type?: string; user?: string; role?: string };
  windowsOptions?: { hostProcess?: boolean };
  capabilities?: { add?: string[]; drop?: string[] };
  sysctls?: { name: string }[];
}

interface HandlerView {
  httpGet?: { host?: string };
  tcpSocket?: { host?: string };
}

interface ContainerView {
  name: string;
  ports?: { hostPort?: number }[];
  securityContext?: SecurityContextView;
  livenessProbe?: HandlerView;
  readinessProbe?: HandlerView;
  startupProbe?: HandlerView;
  lifecycle?: { postStart?: HandlerView; preStop?: HandlerView };
}

interface PodSpecView {
  containers?: ContainerView[];
  initContainers?: ContainerView[];
  ephemeralContainers?: ContainerView[];
  volumes?: Record<string, unknown>[];
  hostNetwork?: boolean;
  hostPID?: boolean;
  hostIPC?: boolean;
  hostUsers?: boolean;
  os?: { name?: string };
  securityContext?: SecurityContextView;
}

/** A broken check: the plugin's reason, and the detail it adds for a single pod. */
interface Violation {
  readonly reason: string;
  readonly detail: string;
}

type Check = (pod: PodSpecView, metadata: PodMetadataLike) => Violation | undefined;

// helpers.go `pluralize` and `joinQuote`.
const plural = (singular: string, many: string, n: number) => (n === 1 ? singular : many);
const joinQuote = (items: readonly string[]) => items.map((i) => `"${i}"`).join(', ');
const uniqueSorted = (items: readonly string[]) => [...new Set(items)].sort();
const containersPhrase = (names: readonly string[]) =>
  `${plural('container', 'containers', names.length)} ${joinQuote(names)}`;
const settersPhrase = (pod: boolean, containers: readonly string[]) =>
  [...(pod ? ['pod'] : []), ...(containers.length > 0 ? [containersPhrase(containers)] : [])].join(
    ' and ',
  );

/**
 * "pod and container "x"": who sets a value `isBad` picks, as the checks word it; '' for nobody.
 */
function badSetters(
  pod: PodSpecView,
  isBad: (context: SecurityContextView | undefined) => boolean,
): string {
  const containers = allContainers(pod).filter((c) => isBad(c.securityContext));
  return settersPhrase(
    isBad(pod.securityContext),
    containers.map((c) => c.name),
  );
}

// visitor.go `visitContainers`: init containers, containers, then ephemeral containers.
function allContainers(pod: PodSpecView): ContainerView[] {
  return [
    ...(pod.initContainers ?? []),
    ...(pod.containers ?? []),
    ...(pod.ephemeralContainers ?? []),
  ];
}

// From policy 1.25 some restricted checks exempt pods that declare `os.name: windows`.
const isWindows = (pod: PodSpecView) => pod.os?.name === 'windows';

// helpers.go `relaxPolicyForUserNamespacePod`: from 1.35 runAsNonRoot/runAsUser are skipped
// for pods in a user namespace (`hostUsers: false`), where UID 0 is not the node's root.
const inUserNamespace = (pod: PodSpecView) => pod.hostUsers === false;

// ---- baseline checks that restricted keeps ------------------------------------------------

/** check_appArmorProfile.go: the field and the annotation may not ask for anything but RuntimeDefault or Localhost. */
const appArmorProfile: Check = (pod, metadata) => {
  const allowedType = (t: string | undefined) => t === 'RuntimeDefault' || t === 'Localhost';
  const values: string[] = [];
  const podProfile = pod.securityContext?.appArmorProfile;
  const podBad = podProfile !== undefined && !allowedType(podProfile.type);
  if (podBad) values.push(String(podProfile.type));
  const bad = allContainers(pod).filter((c) => {
    const profile = c.securityContext?.appArmorProfile;
    if (profile === undefined || allowedType(profile.type)) return false;
    values.push(String(profile.type));
    return true;
  });
  const prefix = 'container.apparmor.security.beta.kubernetes.io/';
  const annotations = Object.entries(metadata.annotations ?? {})
    .filter(([key]) => key.startsWith(prefix))
    .filter(
      ([, value]) => value !== '' && value !== 'runtime/default' && !value.startsWith('localhost/'),
    )
    .map(([key, value]) => `${key}="${value}"`)
    .sort();
  const setters = [
    settersPhrase(
      podBad,
      bad.map((c) => c.name),
    ),
  ].filter((s) => s !== '');
  if (annotations.length > 0) setters.push(plural('annotation', 'annotations', annotations.length));
  if (setters.length === 0) return undefined;
  const all = [...uniqueSorted(values), ...annotations];
  return {
    reason: plural('forbidden AppArmor profile', 'forbidden AppArmor profiles', all.length),
    detail: `${setters.join(' and ')} must not set AppArmor profile type to ${joinQuote(all)}`,
  };
};

/** check_hostNamespaces.go */
const hostNamespaces: Check = (pod) => {
  const found = (['hostNetwork', 'hostPID', 'hostIPC'] as const).filter((f) => pod[f] === true);
  return found.length === 0
    ? undefined
    : { reason: 'host namespaces', detail: found.map((f) => `${f}=true`).join(', ') };
};

/** check_hostPorts.go: an outright ban; 0 means unset. */
const hostPorts: Check = (pod) => {
  const ports: number[] = [];
  const bad = allContainers(pod).filter((c) => {
    const used = (c.ports ?? []).map((p) => p.hostPort ?? 0).filter((p) => p !== 0);
    ports.push(...used);
    return used.length > 0;
  });
  if (bad.length === 0) return undefined;
  const unique = [...new Set(ports)].sort((a, b) => a - b);
  return {
    reason: 'hostPort',
    detail: `${containersPhrase(bad.map((c) => c.name))} ${plural('uses', 'use', bad.length)} ${plural('hostPort', 'hostPorts', unique.length)} ${unique.join(', ')}`,
  };
};

/** check_hostProbesAndhostLifecycle.go (1.34): probes and hooks may not name another host. */
const hostProbesAndHostLifecycle: Check = (pod) => {
  const hosts: string[] = [];
  const hostsOf = (h: HandlerView | undefined) =>
    [h?.httpGet?.host, h?.tcpSocket?.host].filter((x): x is string => !!x);
  const bad = allContainers(pod).filter((c) => {
    const found = [
      c.livenessProbe,
      c.readinessProbe,
      c.startupProbe,
      c.lifecycle?.postStart,
      c.lifecycle?.preStop,
    ].flatMap(hostsOf);
    hosts.push(...found);
    return found.length > 0;
  });
  if (bad.length === 0) return undefined;
  const names = uniqueSorted(bad.map((c) => c.name));
  const unique = uniqueSorted(hosts);
  return {
    reason: 'probe or lifecycle host',
    detail: `${containersPhrase(names)} ${plural('uses', 'use', names.length)} ${plural('probe or lifecycle host', 'probe or lifecycle hosts', unique.length)} ${joinQuote(unique)}`,
  };
};

/** check_privileged.go */
const privileged: Check = (pod) => {
  const bad = allContainers(pod).filter((c) => c.securityContext?.privileged === true);
  return bad.length === 0
    ? undefined
    : {
        reason: 'privileged',
        detail: `${containersPhrase(bad.map((c) => c.name))} must not set securityContext.privileged=true`,
      };
};

/** check_seLinuxOptions.go (type list of 1.31): no custom type, user or role. */
const seLinuxOptions: Check = (pod) => {
  const allowed = ['', 'container_t', 'container_init_t', 'container_kvm_t', 'container_engine_t'];
  const types: string[] = [];
  let user = false;
  let role = false;
  const invalid = (o: SecurityContextView['seLinuxOptions']) => {
    if (o === undefined) return false;
    const badType = !allowed.includes(o.type ?? '');
    if (badType) types.push(o.type ?? '');
    user ||= !!o.user;
    role ||= !!o.role;
    return badType || !!o.user || !!o.role;
  };
  const podBad = invalid(pod.securityContext?.seLinuxOptions);
  const bad = allContainers(pod).filter((c) => invalid(c.securityContext?.seLinuxOptions));
  if (!podBad && bad.length === 0) return undefined;
  const unique = uniqueSorted(types);
  const data = [
    ...(unique.length > 0
      ? [`${plural('type', 'types', unique.length)} ${joinQuote(unique)}`]
      : []),
    ...(user ? ['user may not be set'] : []),
    ...(role ? ['role may not be set'] : []),
  ];
  return {
    reason: 'seLinuxOptions',
    detail: `${settersPhrase(
      podBad,
      bad.map((c) => c.name),
    )} set forbidden securityContext.seLinuxOptions: ${data.join('; ')}`,
  };
};

/** check_sysctls.go (safe list of 1.32): pod-level sysctls only from the namespaced, isolated set. */
const SAFE_SYSCTLS = [
  'kernel.shm_rmid_forced',
  'net.ipv4.ip_local_port_range',
  'net.ipv4.tcp_syncookies',
  'net.ipv4.ping_group_range',
  'net.ipv4.ip_unprivileged_port_start',
  'net.ipv4.ip_local_reserved_ports',
  'net.ipv4.tcp_keepalive_time',
  'net.ipv4.tcp_fin_timeout',
  'net.ipv4.tcp_keepalive_intvl',
  'net.ipv4.tcp_keepalive_probes',
  'net.ipv4.tcp_rmem',
  'net.ipv4.tcp_wmem',
];
const sysctls: Check = (pod) => {
  const forbidden = (pod.securityContext?.sysctls ?? [])
    .map((s) => s.name)
    .filter((name) => !SAFE_SYSCTLS.includes(name));
  return forbidden.length === 0
    ? undefined
    : { reason: 'forbidden sysctls', detail: forbidden.join(', ') };
};

/** check_windowsHostProcess.go */
const windowsHostProcess: Check = (pod) => {
  const setters = badSetters(pod, (sc) => sc?.windowsOptions?.hostProcess === true);
  return setters === ''
    ? undefined
    : {
        reason: 'hostProcess',
        detail: `${setters} must not set securityContext.windowsOptions.hostProcess=true`,
      };
};

// ---- restricted checks (each overriding its baseline namesake where there is one) ----------

/** check_allowPrivilegeEscalation.go: false, explicitly, on every container. */
const allowPrivilegeEscalation: Check = (pod) => {
  if (isWindows(pod)) return undefined;
  const bad = allContainers(pod).filter(
    (c) => c.securityContext?.allowPrivilegeEscalation !== false,
  );
  return bad.length === 0
    ? undefined
    : {
        reason: 'allowPrivilegeEscalation != false',
        detail: `${containersPhrase(bad.map((c) => c.name))} must set securityContext.allowPrivilegeEscalation=false`,
      };
};

/** check_capabilities_restricted.go: drop ALL; add nothing but NET_BIND_SERVICE. */
const capabilitiesRestricted: Check = (pod) => {
  if (isWindows(pod)) return undefined;
  const missingDrop: string[] = [];
  const adding: string[] = [];
  const forbidden: string[] = [];
  for (const c of allContainers(pod)) {
    const caps = c.securityContext?.capabilities;
    if (!caps?.drop?.includes('ALL')) missingDrop.push(c.name);
    const extra = (caps?.add ?? []).filter((a) => a !== 'NET_BIND_SERVICE');
    if (extra.length > 0) {
      adding.push(c.name);
      forbidden.push(...extra);
    }
  }
  const details = [
    ...(missingDrop.length > 0
      ? [`${containersPhrase(missingDrop)} must set securityContext.capabilities.drop=["ALL"]`]
      : []),
    ...(adding.length > 0
      ? [
          `${containersPhrase(adding)} must not include ${joinQuote(uniqueSorted(forbidden))} in securityContext.capabilities.add`,
        ]
      : []),
  ];
  return details.length === 0
    ? undefined
    : { reason: 'unrestricted capabilities', detail: details.join('; ') };
};

/** check_procMount_restricted.go (1.35): the default /proc masks, always. */
const procMountRestricted: Check = (pod) => {
  const types: string[] = [];
  const bad = allContainers(pod).filter((c) => {
    const mount = c.securityContext?.procMount;
    if (mount === undefined || mount === 'Default') return false;
    types.push(mount);
    return true;
  });
  return bad.length === 0
    ? undefined
    : {
        reason: 'procMount',
        detail: `${containersPhrase(bad.map((c) => c.name))} must not set securityContext.procMount to ${joinQuote(uniqueSorted(types))}`,
      };
};

/** check_restrictedVolumes.go: a volume passes when it has one of these sources. */
const RESTRICTED_VOLUME_SOURCES = [
  'configMap',
  'csi',
  'downwardAPI',
  'emptyDir',
  'ephemeral',
  'image',
  'persistentVolumeClaim',
  'projected',
  'secret',
];
const restrictedVolumes: Check = (pod) => {
  const types: string[] = [];
  const bad = (pod.volumes ?? []).filter((v) => {
    if (RESTRICTED_VOLUME_SOURCES.some((s) => v[s] !== undefined && v[s] !== null)) return false;
    types.push(Object.keys(v).find((k) => k !== 'name') ?? 'unknown');
    return true;
  });
  if (bad.length === 0) return undefined;
  const unique = uniqueSorted(types);
  return {
    reason: 'restricted volume types',
    detail: `${plural('volume', 'volumes', bad.length)} ${joinQuote(bad.map((v) => String(v.name)))} ${plural('uses', 'use', bad.length)} ${plural('restricted volume type', 'restricted volume types', unique.length)} ${joinQuote(unique)}`,
  };
};

/** check_runAsNonRoot.go: true on the pod, or on every container the pod leaves unset. */
const runAsNonRoot: Check = (pod) => {
  if (inUserNamespace(pod)) return undefined;
  const podValue = pod.securityContext?.runAsNonRoot;
  const explicit = allContainers(pod).filter((c) => c.securityContext?.runAsNonRoot === false);
  if (podValue === false || explicit.length > 0) {
    return {
      reason: 'runAsNonRoot != true',
      detail: `${settersPhrase(
        podValue === false,
        explicit.map((c) => c.name),
      )} must not set securityContext.runAsNonRoot=false`,
    };
  }
  const implicit = allContainers(pod).filter(
    (c) => c.securityContext?.runAsNonRoot === undefined && podValue !== true,
  );
  return implicit.length === 0
    ? undefined
    : {
        reason: 'runAsNonRoot != true',
        detail: `pod or ${containersPhrase(implicit.map((c) => c.name))} must set securityContext.runAsNonRoot=true`,
      };
};

/** check_runAsUser.go: never UID 0, on the pod or a container. */
const runAsUser: Check = (pod) => {
  if (inUserNamespace(pod)) return undefined;
  const setters = badSetters(pod, (sc) => sc?.runAsUser === 0);
  return setters === ''
    ? undefined
    : { reason: 'runAsUser=0', detail: `${setters} must not set runAsUser=0` };
};

/** check_seccompProfile_restricted.go: RuntimeDefault or Localhost, set on the pod or on every container. */
const seccompProfileRestricted: Check = (pod) => {
  if (isWindows(pod)) return undefined;
  const valid = (t: string | undefined) => t === 'RuntimeDefault' || t === 'Localhost';
  const values: string[] = [];
  const podProfile = pod.securityContext?.seccompProfile;
  const podBad = podProfile !== undefined && !valid(podProfile.type);
  if (podBad) values.push(String(podProfile.type));
  const podSet = podProfile !== undefined && !podBad;
  const explicit: string[] = [];
  const implicit: string[] = [];
  for (const c of allContainers(pod)) {
    const own = c.securityContext?.seccompProfile;
    if (own !== undefined && !valid(own.type)) {
      explicit.push(c.name);
      values.push(String(own.type));
    } else if (own === undefined && !podSet) {
      implicit.push(c.name);
    }
  }
  if (podBad || explicit.length > 0) {
    return {
      reason: 'seccompProfile',
      detail: `${settersPhrase(podBad, explicit)} must not set securityContext.seccompProfile.type to ${joinQuote(uniqueSorted(values))}`,
    };
  }
  return implicit.length === 0
    ? undefined
    : {
        reason: 'seccompProfile',
        detail: `pod or ${containersPhrase(implicit)} must set securityContext.seccompProfile.type to "RuntimeDefault" or "Localhost"`,
      };
};

/**
 * What `restricted:latest` evaluates, in the plugin's order: the baseline checks it keeps
 * (capabilities_baseline, hostPathVolumes, procMount and seccompProfile_baseline are overridden
 * by their restricted versions), then the restricted checks.
 */
const RESTRICTED_CHECKS: readonly Check[] = [
  appArmorProfile,
  hostNamespaces,
  hostPorts,
  hostProbesAndHostLifecycle,
  privileged,
  seLinuxOptions,
  sysctls,
  windowsHostProcess,
  allowPrivilegeEscalation,
  capabilitiesRestricted,
  procMountRestricted,
  restrictedVolumes,
  runAsNonRoot,
  runAsUser,
  seccompProfileRestricted,
];

/**
 * Every way `podSpec` breaks PSS restricted, one `reason (detail)` entry per broken check as the
 * admission plugin words it; empty when the pod would be admitted.
 */
export function restrictedViolations(
  podSpec: PodSpecLike,
  metadata: PodMetadataLike = {},
): string[] {
  const pod = podSpec as PodSpecView;
  return RESTRICTED_CHECKS.map((check) => check(pod, metadata))
    .filter((v): v is Violation => v !== undefined)
    .map((v) => `${v.reason} (${v.detail})`);
}

/** A workload's pod template, found in synthesized manifests. */
export interface PodTemplate {
  /** `Kind/name` of the workload. */
  readonly owner: string;
  readonly metadata: PodMetadataLike;
  readonly spec: PodSpecLike;
}

/** Every pod template in `manifests`: Deployments, StatefulSets, DaemonSets, Jobs, CronJobs, Pods. */
export function podTemplatesOf(manifests: readonly unknown[]): PodTemplate[] {
  return manifests.flatMap((m) => {
    const o = m as { kind: string; metadata?: { name?: string }; spec?: Record<string, unknown> };
    const owner = `${o.kind}/${o.metadata?.name ?? ''}`;
    type Template = { metadata?: PodMetadataLike; spec: PodSpecLike };
    const template =
      o.kind === 'Pod'
        ? ({ metadata: o.metadata, spec: o.spec } as Template)
        : o.kind === 'CronJob'
          ? (o.spec?.jobTemplate as { spec?: { template?: Template } })?.spec?.template
          : (o.spec?.template as Template | undefined);
    return template?.spec
      ? [{ owner, metadata: template.metadata ?? {}, spec: template.spec }]
      : [];
  });
}

/** `{ 'Deployment/x': [...violations] }` for every pod template in `manifests`, so a failing test names the workload. */
export function restrictedViolationsOf(manifests: readonly unknown[]): Record<string, string[]> {
  return Object.fromEntries(
    podTemplatesOf(manifests).map((t) => [t.owner, restrictedViolations(t.spec, t.metadata)]),
  );
}

/**
 * Expects every pod template in `manifests` to pass the restricted profile (a failure names
 * each workload and its violations) and returns how many templates it checked, so a caller can
 * also assert the check was not vacuous.
 */
export function expectAllRestricted(manifests: readonly unknown[]): number {
  const violations = restrictedViolationsOf(manifests);
  const broken = Object.entries(violations).filter(([, found]) => found.length > 0);
  expect(Object.fromEntries(broken)).toEqual({});
  return Object.keys(violations).length;
}

/**
 * The container securityContext bosun writes when nothing is relaxed: PSS restricted, plus a
 * read-only root filesystem and `privileged: false` said explicitly. Written out here rather
 * than taken from lib/security.ts, so the tests check the library against the profile.
 */
export const RESTRICTED_CONTAINER_CONTEXT = {
  allowPrivilegeEscalation: false,
  capabilities: { drop: ['ALL'] },
  privileged: false,
  readOnlyRootFilesystem: true,
  runAsNonRoot: true,
  seccompProfile: { type: 'RuntimeDefault' },
} as const;
