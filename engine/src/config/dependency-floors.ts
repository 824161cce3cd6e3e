import { readFileSync } from 'node:fs';

/**
 * Versions below these have known security defects (SECURITY.md 23): sm-crypto < 0.5.0 generates
 * predictable SM2 keys; mongoose < 9.9.2 lacks filter-sanitising fixes. package.json ranges keep
 * them out of a fresh install, but a lockfile or a deployment can still pin an old copy, so the
 * installed versions are checked.
 */
export const DEPENDENCY_FLOORS: Readonly<Record<string, string>> = {
  'sm-crypto': '0.5.0',
  mongoose: '9.9.2',
};

function parts(version: string): number[] {
  const [release = ''] = version.split('-');
  return release.split('.').map((n) => Number.parseInt(n, 10) || 0);
}

/** True when `version` >= `floor` (numeric major.minor.patch; pre-release tags ignored). */
export function atLeast(version: string, floor: string): boolean {
  const [a, b] = [parts(version), parts(floor)];
  for (let i = 0; i < 3; i += 1) {
    const [x, y] = [a[i] ?? 0, b[i] ?? 0];
    if (x !== y) return x > y;
  }
  return true;
}

/** The installed version of a package as Node resolves it from the engine. */
export function installedVersion(name: string): string {
  const manifest = require.resolve(`${name}/package.json`);
  return (JSON.parse(readFileSync(manifest, 'utf8')) as { version: string }).version;
}

/** One line per dependency below its floor; empty when all hold. */
export function dependencyFloorProblems(
  versionOf: (name: string) => string = installedVersion,
): string[] {
  return Object.entries(DEPENDENCY_FLOORS).flatMap(([name, floor]) => {
    const version = versionOf(name);
    return atLeast(version, floor) ? [] : [`${name} ${version} is below ${floor}`];
  });
}
