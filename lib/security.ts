/**
 * @module
 * Pod Security Standards *restricted* defaults, as small functions every construct shares, so
 * WebApp and StatefulDb pods pass the same admission profile with no extra props.
 *
 * The rules come from kubernetes.io/docs/concepts/security/pod-security-standards/ (restricted):
 * non-root, no privilege escalation, every capability dropped (only NET_BIND_SERVICE may be added
 * back), a RuntimeDefault or Localhost seccomp profile. A read-only root filesystem is not part of
 * the profile but is what a careful operator adds; images that write get an emptyDir instead.
 */
import type { ContainerSecurityContextProps, PodSecurityContextProps } from 'cdk8s-plus-28';
import { Capability } from 'cdk8s-plus-28';
import type { SeccompProfileType } from 'cdk8s-plus-28';
import type { k8s } from 'cdk8s-plus-28';
import type { IConstruct } from 'constructs';
import { BosunValidationError } from './errors';
import { checkInteger } from './validate';
import { checkKnownKeys, checkObject, describeValue, quoted } from './validate-shapes';

/** UID, GID and fsGroup bosun runs pods as unless told otherwise: a plain unprivileged user. */
export const DEFAULT_RUN_AS_ID = 1000;

/**
 * Fields a user may relax or set where an image needs it. Every field is optional; leaving all
 * of them out gives the restricted profile.
 */
export interface SecurityOverrides {
  /** UID the containers run as. @default 1000 */
  readonly runAsUser?: number;
  /** Primary GID of the container processes. @default 1000 */
  readonly runAsGroup?: number;
  /** GID that owns mounted volumes, so a non-root process can write them. @default 1000 */
  readonly fsGroup?: number;
  /** Refuse to start a container whose user is root. Setting false leaves PSS restricted. @default true */
  readonly runAsNonRoot?: boolean;
  /** Mount the image's root filesystem read-only. @default true */
  readonly readOnlyRootFilesystem?: boolean;
  /** Allow setuid binaries to gain privileges. Setting true leaves PSS restricted. @default false */
  readonly allowPrivilegeEscalation?: boolean;
  /**
   * Capabilities to add back after dropping ALL (restricted allows only `NET_BIND_SERVICE`).
   * Only a root process gets them: the kubelet sets no ambient capabilities, so a non-root app
   * binds ports below 1024 only where the runtime opens them (containerd 2.x and Docker do, CRI-O
   * does not); listening on 1024 or above works everywhere. @default - none
   */
  readonly addCapabilities?: readonly string[];
}

/**
 * The container-level securityContext of the restricted profile, as a plain Kubernetes object
 * (for `k8s.Kube*` workloads such as a StatefulSet built without cdk8s-plus).
 * UID/GID belong to the pod (see {@link restrictedPodSecurityContext}); they are repeated here
 * only when given explicitly, because a container value overrides the pod's.
 */
export function restrictedContainerSecurityContext(
  overrides: SecurityOverrides = {},
): k8s.SecurityContext {
  return {
    allowPrivilegeEscalation: overrides.allowPrivilegeEscalation ?? false,
    capabilities: {
      drop: ['ALL'],
      ...(overrides.addCapabilities?.length ? { add: [...overrides.addCapabilities] } : {}),
    },
    privileged: false,
    readOnlyRootFilesystem: overrides.readOnlyRootFilesystem ?? true,
    runAsNonRoot: overrides.runAsNonRoot ?? true,
    ...(overrides.runAsUser !== undefined ? { runAsUser: overrides.runAsUser } : {}),
    ...(overrides.runAsGroup !== undefined ? { runAsGroup: overrides.runAsGroup } : {}),
    seccompProfile: { type: 'RuntimeDefault' },
  };
}

/** The pod-level securityContext of the restricted profile, as a plain Kubernetes object. */
export function restrictedPodSecurityContext(
  overrides: SecurityOverrides = {},
): k8s.PodSecurityContext {
  return {
    fsGroup: overrides.fsGroup ?? DEFAULT_RUN_AS_ID,
    runAsGroup: overrides.runAsGroup ?? DEFAULT_RUN_AS_ID,
    runAsNonRoot: overrides.runAsNonRoot ?? true,
    runAsUser: overrides.runAsUser ?? DEFAULT_RUN_AS_ID,
    seccompProfile: { type: 'RuntimeDefault' },
  };
}

/**
 * {@link restrictedContainerSecurityContext} as cdk8s-plus-28 props, field for field, so the
 * profile is written once. Every field is given explicitly so that cdk8s-plus's own defaults
 * (which omit seccomp and capabilities) never decide anything.
 */
export function restrictedContainerSecurityContextProps(
  overrides: SecurityOverrides = {},
): ContainerSecurityContextProps {
  const context = restrictedContainerSecurityContext(overrides);
  const add = context.capabilities?.add;
  return {
    allowPrivilegeEscalation: context.allowPrivilegeEscalation,
    capabilities: {
      drop: (context.capabilities?.drop ?? []).map((c) => c as Capability),
      ...(add ? { add: add.map((c) => c as Capability) } : {}),
    },
    ensureNonRoot: context.runAsNonRoot,
    privileged: context.privileged,
    readOnlyRootFilesystem: context.readOnlyRootFilesystem,
    seccompProfile: { type: context.seccompProfile?.type as SeccompProfileType },
    user: context.runAsUser,
    group: context.runAsGroup,
  };
}

/**
 * {@link restrictedPodSecurityContext} as cdk8s-plus-28 props. cdk8s-plus cannot express a
 * pod-level seccomp profile; WebApp adds that field from the plain object as a patch.
 */
export function restrictedPodSecurityContextProps(
  overrides: SecurityOverrides = {},
): PodSecurityContextProps {
  const context = restrictedPodSecurityContext(overrides);
  return {
    ensureNonRoot: context.runAsNonRoot,
    fsGroup: context.fsGroup,
    group: context.runAsGroup,
    user: context.runAsUser,
  };
}

/**
 * Rejects overrides that contradict themselves or name unknown capabilities:
 * ids must be integers >= 0, and `runAsUser: 0` needs `runAsNonRoot: false` said explicitly.
 */
export function checkSecurityOverrides(scope: IConstruct, prop: string, overrides: unknown): void {
  checkObject(scope, prop, overrides, '{ runAsUser: 101 }');
  if (overrides === undefined) return;
  // Kubernetes-shaped fields (`capabilities`, `privileged`, `seccompProfile`) are not taken:
  // ignoring them would leave the user believing a field was set.
  checkKnownKeys(scope, prop, overrides as object, SECURITY_OVERRIDE_FIELDS);
  // Each field's type is checked below; until then the fields are only what was passed.
  const given = overrides as SecurityOverrides;
  checkFlags(scope, prop, given);
  checkIds(scope, prop, given);
  checkCapabilities(scope, prop, given.addCapabilities);
}

/** Every field of {@link SecurityOverrides}; `satisfies` keeps the list complete. */
const SECURITY_OVERRIDE_FIELDS = Object.keys({
  runAsUser: true,
  runAsGroup: true,
  fsGroup: true,
  runAsNonRoot: true,
  readOnlyRootFilesystem: true,
  allowPrivilegeEscalation: true,
  addCapabilities: true,
} satisfies Record<keyof SecurityOverrides, true>);

function checkFlags(scope: IConstruct, prop: string, overrides: SecurityOverrides): void {
  for (const flag of [
    'runAsNonRoot',
    'readOnlyRootFilesystem',
    'allowPrivilegeEscalation',
  ] as const) {
    const value: unknown = overrides[flag];
    if (value !== undefined && typeof value !== 'boolean') {
      throw new BosunValidationError(
        `${prop}.${flag} must be true or false (got ${describeValue(value)})`,
        scope,
      );
    }
  }
}

function checkIds(scope: IConstruct, prop: string, overrides: SecurityOverrides): void {
  checkInteger(scope, `${prop}.runAsUser`, overrides.runAsUser, 0, 2147483647);
  checkInteger(scope, `${prop}.runAsGroup`, overrides.runAsGroup, 0, 2147483647);
  checkInteger(scope, `${prop}.fsGroup`, overrides.fsGroup, 0, 2147483647);
  if (overrides.runAsUser === 0 && overrides.runAsNonRoot !== false) {
    throw new BosunValidationError(
      `${prop}.runAsUser 0 (root) needs ${prop}.runAsNonRoot set to false explicitly (got runAsNonRoot ${String(overrides.runAsNonRoot ?? true)})`,
      scope,
    );
  }
}

function checkCapabilities(scope: IConstruct, prop: string, added: unknown): void {
  if (added === undefined) return;
  if (!Array.isArray(added)) {
    throw new BosunValidationError(
      `${prop}.addCapabilities must be a list such as ['NET_BIND_SERVICE'] (got ${describeValue(added)})`,
      scope,
    );
  }
  const known = Object.values(Capability) as string[];
  for (const capability of added as unknown[]) {
    if (typeof capability !== 'string' || !known.includes(capability) || capability === 'ALL') {
      throw new BosunValidationError(
        `${prop}.addCapabilities must name Linux capabilities without the CAP_ prefix, such as 'NET_BIND_SERVICE' (got ${quoted(capability)})`,
        scope,
      );
    }
  }
}
