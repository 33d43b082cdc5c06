#!/usr/bin/env node
/**
 * Builds native/build/Release/eddy_native.node (native/eddy-native.c): memory for the in-memory
 * engine's value slabs, aligned to 2 MiB, advised as transparent huge pages and faulted in ahead of
 * use (src/storage/memory/huge-pages.ts), read-only file mappings for the log engine's reads
 * (src/storage/log/segment.ts), the engines' index outside the JavaScript heap
 * (native/key-index.c, src/storage/native-index.ts), and CRC-32 by PCLMULQDQ (native/crc32.c,
 * src/http/crc32.ts).
 * Run by `npm install` / `npm ci` (the `install` script, also when Eddy is installed as a
 * dependency) and by `npm run build`.
 *
 * Optional by design: without a C compiler, node-gyp or Node's headers the build is skipped with
 * one line on stderr and Eddy does the same in JavaScript (ordinary Buffers for the slabs, a pread
 * per value read): same behaviour, more page faults and system calls. It never fails the install.
 * Not attempted off Linux (madvise's huge-page and populate advice are Linux's).
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const dir = fileURLToPath(new URL('../native/', import.meta.url));
const say = (msg) => process.stderr.write(`build-native: ${msg}\n`);

if (process.platform !== 'linux') {
  say(`skipped on ${process.platform}: Eddy runs without its native helpers`);
  process.exit(0);
}
// npm gives lifecycle scripts the path of its own node-gyp; else npm's copy beside this Node, else the PATH's.
const prefix = dirname(dirname(process.execPath));
const gyp = [process.env.npm_config_node_gyp, join(prefix, 'lib/node_modules/npm/node_modules/node-gyp/bin/node-gyp.js')].find((f) => f && existsSync(f));
const [cmd, args] = gyp ? [process.execPath, [gyp]] : ['node-gyp', []];
// node-gyp downloads Node's headers unless told where they are; use the running Node's own when
// npm was not configured with a nodedir (no network needed, and the ABI is the one that runs Eddy).
const nodedir = process.env.npm_config_nodedir || (existsSync(join(prefix, 'include/node/node_api.h')) ? prefix : undefined);
const started = Date.now();
const run = spawnSync(cmd, [...args, 'rebuild', ...(nodedir ? [`--nodedir=${nodedir}`] : [])], { cwd: dir, encoding: 'utf8', timeout: 120_000 });
const built = existsSync(`${dir}build/Release/eddy_native.node`);
if (run.status === 0 && built) {
  say(`native/build/Release/eddy_native.node built in ${Date.now() - started} ms`);
} else {
  const why = run.error?.message ?? (run.stderr || run.stdout || '').split('\n').filter((l) => /ERR|error/i.test(l)).slice(0, 3).join(' | ');
  say(`native helpers not built (${why || `exit ${run.status}`}); Eddy runs without them`);
}
