/**
 * @module
 * The versions of bosun's peer dependencies a user project may install: the ones bosun's own
 * lock file tests with, and the lowest each peer range allows (the smoke installs both).
 */

/** `^2.70.0` → `2.70.0`; undefined for any range that is not a plain caret range. */
export function caretFloor(range: string): string | undefined {
  return /^\^(\d+\.\d+\.\d+)$/.exec(range.trim())?.[1];
}

/** `2.70.106` → `[2, 70, 106]`. */
function parts(version: string): number[] {
  return version.split('.').map(Number);
}

/** True when `version` satisfies the caret range starting at `floor` (same major, not lower). */
export function satisfiesCaret(version: string, floor: string): boolean {
  const [v, f] = [parts(version), parts(floor)];
  if (v[0] !== f[0]) return false;
  for (let i = 1; i < 3; i++) if (v[i] !== f[i]) return v[i] > f[i];
  return true;
}

/**
 * Problems with the peer ranges: each is a caret range, and the version the lock file installs
 * for bosun's own tests lies inside it (else we test with a version users are told not to use).
 */
export function peerRangeProblems(
  peers: Readonly<Record<string, string>>,
  locked: Readonly<Record<string, string | undefined>>,
): string[] {
  const problems: string[] = [];
  for (const [name, range] of Object.entries(peers)) {
    const floor = caretFloor(range);
    const version = locked[name];
    if (!floor) problems.push(`peer ${name} "${range}" is not a caret range (^x.y.z)`);
    else if (!version) problems.push(`peer ${name} is not installed by package-lock.json`);
    else if (!satisfiesCaret(version, floor)) {
      problems.push(
        `peer ${name} "${range}" does not allow ${version}, the version bosun tests with`,
      );
    }
  }
  return problems;
}

/** The lowest version each peer range allows, for a user project that installs exactly those. */
export function lowestPeerVersions(
  peers: Readonly<Record<string, string>>,
): Record<string, string> {
  return Object.fromEntries(
    Object.entries(peers).map(([name, range]) => [name, caretFloor(range) ?? range]),
  );
}
