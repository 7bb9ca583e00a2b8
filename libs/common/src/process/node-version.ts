/**
 * The Node.js versions Continuum runs on, the same range as package.json's `engines` (the strictest of its
 * dependencies: nestjs-pino and others need Node 22; Node 20 reached end of life in April 2026).
 */
export const SUPPORTED_NODE = '^22.22.3 || ^24.15.0 || >=26.0.0';
const MINIMUM_BY_MAJOR: Record<number, [number, number]> = { 22: [22, 3], 24: [15, 0] };

/** Null when `version` (e.g. process.versions.node) is supported, otherwise a one-line message saying what to do. */
export function unsupportedNodeMessage(version: string): string | null {
  const [major = 0, minor = 0, patch = 0] = version.split('.').map(Number);
  const minimum = MINIMUM_BY_MAJOR[major];
  const supported =
    major >= 26 || (minimum !== undefined && (minor > minimum[0] || (minor === minimum[0] && patch >= minimum[1])));
  return supported
    ? null
    : `Continuum needs Node.js 22 LTS (22.22.3 or later; or 24.15+), but this is Node.js ${version}: ` +
        'run `nvm install` in the repository (it reads .nvmrc) or get Node 22 from https://nodejs.org';
}
