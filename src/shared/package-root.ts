/**
 * Eddy's package directory, found from this file wherever it runs from: the `dist/eddy.cjs`
 * bundle, the compiled `dist/src/shared/`, or the sources under `src/shared/` (tsx). The nearest
 * directory above it whose package.json is named `eddy`.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface PackageRoot {
  dir: string;
  version: string | undefined;
}

let found: PackageRoot | null | undefined;

/** The package's directory and version, or undefined when no such package.json is above this file. */
export function packageRoot(): PackageRoot | undefined {
  if (found !== undefined) return found ?? undefined;
  found = null;
  for (let dir = dirname(fileURLToPath(import.meta.url)); ; dir = dirname(dir)) {
    try {
      const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { name?: string; version?: string };
      if (pkg.name === 'eddy') {
        found = { dir, version: pkg.version };
        break;
      }
    } catch {
      // none here: look one level up
    }
    if (dirname(dir) === dir) break;
  }
  return found ?? undefined;
}
