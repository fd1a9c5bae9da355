/**
 * @module
 * The text of `bosun --help` and `bosun sim --help`.
 */

/** `bosun --help`. */
export const MAIN_HELP = `bosun - ship web apps to Kubernetes with cdk8s, and check they converge first

Usage:
  bosun sim <file|folder|->... [options] simulate manifests in an in-process Kubernetes cluster
  bosun --help                           this help ('bosun sim --help' for the simulator's options)
  bosun --version                        the version of bosun

Exit codes: 0 converged, 1 not converged, 2 bad input or usage.
`;

/** `bosun sim --help`. */
export const SIM_HELP = `Usage: bosun sim <file|folder|->... [options]

Applies the manifests (YAML or JSON; folders are read recursively for .yaml, .yml and .json
files in name order; '-' reads standard input) to a simulated cluster, runs it in virtual time
until it settles, and prints what 'kubectl get' would show, the problems and a verdict.

Options:
  --nodes N            number of nodes (default 3)
  --node-cpu Q         CPU of each node, e.g. 4 or 3500m (default 4)
  --node-memory Q      memory of each node, e.g. 16Gi (default 16Gi)
  --timeout SECONDS    virtual seconds to wait for convergence (default 600)
  --seed N             random seed: same seed, same run
  --no-image-catalogue well-known images (nginx, postgres, ...) behave like any other image
  --unprivileged-port-start N
                       lowest port a non-root process may bind (default 0, as containerd 2.x
                       and kind; 1024 as CRI-O)
  --json               print { converged, seconds, problems, notSimulated, objects } as JSON
  --report FILE.md     also write a Markdown report (verdict, problems, topology, timeline)
  -h, --help           this help

Exit codes: 0 converged, 1 not converged, 2 bad input or usage.
Colors are off when NO_COLOR is set or stdout is not a terminal.

Examples:
  npx cdk8s synth && bosun sim dist/
  helm template my-release ./chart | bosun sim -
  bosun sim k8s/ --nodes 1 --node-cpu 2 --json > result.json
`;
