/**
 * @module
 * An independent check of the Pod Security Standards *restricted* profile on a pod spec, written
 * from the admission plugin's own rules (kubernetes/kubernetes
 * staging/src/k8s.io/pod-security-admission/policy/check_*.go), so tests do not take our
 * constructs' word for being restricted.
 */
import type { Container, PodSpec } from '../../lib/sim/api';

interface SecurityFields {
  privileged?: boolean;
  allowPrivilegeEscalation?: boolean;
  runAsNonRoot?: boolean;
  runAsUser?: number;
  seccompProfile?: { type?: string };
  capabilities?: { add?: string[]; drop?: string[] };
}

/** Volume sources the restricted profile allows (check_restrictedVolumes.go). */
const ALLOWED_VOLUME_SOURCES = new Set([
  'configMap',
  'csi',
  'downwardAPI',
  'emptyDir',
  'ephemeral',
  'persistentVolumeClaim',
  'projected',
  'secret',
]);

/** Every way `pod` breaks PSS restricted, in words close to the admission plugin's; empty when none. */
export function restrictedViolations(pod: PodSpec): string[] {
  const problems: string[] = [];
  const podSc = (pod.securityContext ?? {}) as SecurityFields;
  const containers: Container[] = [...(pod.initContainers ?? []), ...pod.containers];
  const sc = (c: Container) => (c.securityContext ?? {}) as SecurityFields;

  // check_hostNamespaces.go, check_hostPorts.go, check_privileged.go (baseline)
  for (const field of ['hostNetwork', 'hostPID', 'hostIPC'] as const) {
    if ((pod as unknown as Record<string, unknown>)[field] === true) problems.push(`${field}=true`);
  }
  for (const c of containers) {
    if (c.ports?.some((p) => p.hostPort)) problems.push(`container "${c.name}" uses hostPort`);
    if (sc(c).privileged === true) problems.push(`container "${c.name}" is privileged`);
  }
  // check_restrictedVolumes.go
  for (const v of pod.volumes ?? []) {
    const sources = Object.keys(v).filter((k) => k !== 'name');
    if (!sources.every((s) => ALLOWED_VOLUME_SOURCES.has(s))) {
      problems.push(`volume "${v.name}" has a restricted type`);
    }
  }
  // check_allowPrivilegeEscalation.go: must be false explicitly on every container
  for (const c of containers) {
    if (sc(c).allowPrivilegeEscalation !== false) {
      problems.push(
        `container "${c.name}" must set securityContext.allowPrivilegeEscalation=false`,
      );
    }
  }
  // check_runAsNonRoot.go: pod-level true covers containers that leave it unset
  if (podSc.runAsNonRoot === false)
    problems.push('pod must not set securityContext.runAsNonRoot=false');
  for (const c of containers) {
    const own = sc(c).runAsNonRoot;
    if (own === false || (own === undefined && podSc.runAsNonRoot !== true)) {
      problems.push(`pod or container "${c.name}" must set securityContext.runAsNonRoot=true`);
    }
  }
  // check_runAsUser.go
  if (podSc.runAsUser === 0) problems.push('pod must not set runAsUser=0');
  for (const c of containers) {
    if (sc(c).runAsUser === 0) problems.push(`container "${c.name}" must not set runAsUser=0`);
  }
  // check_seccompProfile_restricted.go
  const validSeccomp = (t: string | undefined) => t === 'RuntimeDefault' || t === 'Localhost';
  const podSeccomp = podSc.seccompProfile !== undefined;
  if (podSeccomp && !validSeccomp(podSc.seccompProfile?.type))
    problems.push('pod seccompProfile type');
  for (const c of containers) {
    const own = sc(c).seccompProfile;
    if ((own !== undefined && !validSeccomp(own.type)) || (own === undefined && !podSeccomp)) {
      problems.push(`pod or container "${c.name}" must set securityContext.seccompProfile.type`);
    }
  }
  // check_capabilities_restricted.go
  for (const c of containers) {
    const caps = sc(c).capabilities;
    if (!caps?.drop?.includes('ALL')) {
      problems.push(`container "${c.name}" must set securityContext.capabilities.drop=["ALL"]`);
    }
    const forbidden = (caps?.add ?? []).filter((a) => a !== 'NET_BIND_SERVICE');
    if (forbidden.length > 0) {
      problems.push(`container "${c.name}" must not add ${forbidden.join(', ')}`);
    }
  }
  return problems;
}
