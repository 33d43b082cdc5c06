#!/usr/bin/env node
/**
 * Bundles the CLI into one ES module, dist/eddy.mjs, after `tsc` has type-checked and emitted
 * dist/src. Loading ~150 small ES modules costs about half of Eddy's cold start; one file loads
 * in a fraction of that. Native and optional drivers stay external (better-sqlite3, pg).
 * bin/eddy runs the bundle when it exists and falls back to dist/src otherwise.
 */
import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
await build({
  entryPoints: [`${root}/src/cli/main.ts`],
  outfile: `${root}/dist/eddy.mjs`,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  sourcemap: true,
  external: ['better-sqlite3', 'pg', 'pg-native'],
  // CommonJS dependencies inside an ES module bundle need a require().
  banner: { js: "import { createRequire as __eddyCreateRequire } from 'node:module'; const require = __eddyCreateRequire(import.meta.url);" },
  logLevel: 'warning',
});
