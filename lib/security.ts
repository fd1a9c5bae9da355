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
import { Capability, SeccompProfileType } from 'cdk8s-plus-28';
import type { k8s } from 'cdk8s-plus-28';
import type { IConstruct } from 'constructs';
import { BosunValidationError } from './errors';
import { checkInteger } from './validate';

/** UID, GID and fsGroup bosun runs pods as unless told otherwise: a plain unprivileged user. */
export const DEFAULT_RUN_AS_ID = 1000;

/** Capabilities the restricted profile allows a container to add back after dropping ALL. */
export const RESTRICTED_ADDABLE_CAPABILITIES: readonly string[] = ['NET_BIND_SERVICE'];

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
  /** Capabilities to add back after dropping ALL, e.g. `['NET_BIND_SERVICE']` to bind port 80. @default - none */
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
 * The container securityContext as cdk8s-plus-28 props. Every field is given explicitly so that
 * cdk8s-plus's own defaults (which omit seccomp and capabilities) never decide anything.
 */
export function restrictedContainerSecurityContextProps(
  overrides: SecurityOverrides = {},
): ContainerSecurityContextProps {
  return {
    allowPrivilegeEscalation: overrides.allowPrivilegeEscalation ?? false,
    capabilities: {
      drop: [Capability.ALL],
      ...(overrides.addCapabilities?.length
        ? { add: overrides.addCapabilities.map((c) => c as Capability) }
        : {}),
    },
    ensureNonRoot: overrides.runAsNonRoot ?? true,
    privileged: false,
    readOnlyRootFilesystem: overrides.readOnlyRootFilesystem ?? true,
    seccompProfile: { type: SeccompProfileType.RUNTIME_DEFAULT },
    user: overrides.runAsUser,
    group: overrides.runAsGroup,
  };
}

/**
 * The pod securityContext as cdk8s-plus-28 props. cdk8s-plus cannot express a pod-level seccomp
 * profile; the container-level one from {@link restrictedContainerSecurityContextProps} satisfies
 * the profile, and WebApp adds the pod-level field as a patch.
 */
export function restrictedPodSecurityContextProps(
  overrides: SecurityOverrides = {},
): PodSecurityContextProps {
  return {
    ensureNonRoot: overrides.runAsNonRoot ?? true,
    fsGroup: overrides.fsGroup ?? DEFAULT_RUN_AS_ID,
    group: overrides.runAsGroup ?? DEFAULT_RUN_AS_ID,
    user: overrides.runAsUser ?? DEFAULT_RUN_AS_ID,
  };
}

/**
 * Rejects overrides that contradict themselves or name unknown capabilities:
 * ids must be integers >= 0, and `runAsUser: 0` needs `runAsNonRoot: false` said explicitly.
 */
export function checkSecurityOverrides(
  scope: IConstruct,
  prop: string,
  overrides: SecurityOverrides | undefined,
): void {
  if (!overrides) return;
  for (const flag of [
    'runAsNonRoot',
    'readOnlyRootFilesystem',
    'allowPrivilegeEscalation',
  ] as const) {
    const value: unknown = overrides[flag];
    if (value !== undefined && typeof value !== 'boolean') {
      throw new BosunValidationError(
        `${prop}.${flag} must be true or false (got ${typeof value} ${JSON.stringify(value)})`,
        scope,
      );
    }
  }
  const added: unknown = overrides.addCapabilities;
  if (added !== undefined && !Array.isArray(added)) {
    throw new BosunValidationError(
      `${prop}.addCapabilities must be a list such as ['NET_BIND_SERVICE'] (got ${JSON.stringify(added)})`,
      scope,
    );
  }
  checkInteger(scope, `${prop}.runAsUser`, overrides.runAsUser, 0, 2147483647);
  checkInteger(scope, `${prop}.runAsGroup`, overrides.runAsGroup, 0, 2147483647);
  checkInteger(scope, `${prop}.fsGroup`, overrides.fsGroup, 0, 2147483647);
  if (overrides.runAsUser === 0 && overrides.runAsNonRoot !== false) {
    throw new BosunValidationError(
      `${prop}.runAsUser 0 (root) needs ${prop}.runAsNonRoot set to false explicitly (got runAsNonRoot ${String(overrides.runAsNonRoot ?? true)})`,
      scope,
    );
  }
  const known = Object.values(Capability) as string[];
  for (const capability of overrides.addCapabilities ?? []) {
    if (!known.includes(capability) || capability === 'ALL') {
      throw new BosunValidationError(
        `${prop}.addCapabilities must name Linux capabilities without the CAP_ prefix, such as 'NET_BIND_SERVICE' (got '${capability}')`,
        scope,
      );
    }
  }
}

/** True when the overrides keep the pod within Pod Security Standards *restricted*. */
export function isRestricted(overrides: SecurityOverrides = {}): boolean {
  return (
    overrides.runAsNonRoot !== false &&
    overrides.allowPrivilegeEscalation !== true &&
    (overrides.addCapabilities ?? []).every((c) => RESTRICTED_ADDABLE_CAPABILITIES.includes(c))
  );
}
