/**
 * @module
 * Object name rules, with the API server's own wording (k8s.io/apimachinery/pkg/util/validation
 * validation.go): most kinds need a DNS-1123 subdomain, Namespaces a DNS-1123 label, Services a
 * DNS-1035 label.
 */

const DNS1123_LABEL = '[a-z0-9]([-a-z0-9]*[a-z0-9])?';
const DNS1123_SUBDOMAIN = `${DNS1123_LABEL}(\\.${DNS1123_LABEL})*`;
const DNS1035_LABEL = '[a-z]([-a-z0-9]*[a-z0-9])?';

const SUBDOMAIN_MESSAGE =
  "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '" +
  DNS1123_SUBDOMAIN +
  "')";
const LABEL_MESSAGE =
  "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '" +
  DNS1123_LABEL +
  "')";
const DNS1035_MESSAGE =
  "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '" +
  DNS1035_LABEL +
  "')";

const RULES: readonly {
  kinds: ReadonlySet<string>;
  regex: RegExp;
  max: number;
  message: string;
}[] = [
  {
    kinds: new Set(['Service']),
    regex: new RegExp(`^${DNS1035_LABEL}$`),
    max: 63,
    message: DNS1035_MESSAGE,
  },
  {
    kinds: new Set(['Namespace']),
    regex: new RegExp(`^${DNS1123_LABEL}$`),
    max: 63,
    message: LABEL_MESSAGE,
  },
];
const SUBDOMAIN = new RegExp(`^${DNS1123_SUBDOMAIN}$`);

/** Kinds whose names the API server does not check as DNS names (RBAC allows `system:...`). */
const FREE_NAMES = new Set(['Role', 'ClusterRole', 'RoleBinding', 'ClusterRoleBinding']);

/**
 * Why `name` is not a valid name for a `kind`, as `metadata.name: Invalid value: ...`,
 * or undefined when it is valid.
 */
export function nameError(kind: string, name: string): string | undefined {
  if (FREE_NAMES.has(kind)) return undefined;
  const rule = RULES.find((r) => r.kinds.has(kind));
  const regex = rule?.regex ?? SUBDOMAIN;
  const max = rule?.max ?? 253;
  if (name.length > max) {
    return `metadata.name: Invalid value: "${name}": must be no more than ${max} characters`;
  }
  if (!regex.test(name)) {
    return `metadata.name: Invalid value: "${name}": ${rule?.message ?? SUBDOMAIN_MESSAGE}`;
  }
  return undefined;
}
