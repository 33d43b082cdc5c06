#!/usr/bin/env node
// Summarizes a V8 .cpuprofile (node --cpu-prof): top functions by self time, and self time by file.
// Usage: node bench/profile-summary.mjs <file.cpuprofile> [top=25] [--last SECONDS]
//   --last S: only the samples of the profile's last S seconds (e.g. the timed rounds, not the load).
import { readFileSync } from 'node:fs';

const args = process.argv.slice(2);
const lastAt = args.indexOf('--last');
const lastSeconds = lastAt >= 0 ? Number(args.splice(lastAt, 2)[1]) : Infinity;
const [file, topArg = '25'] = args;
if (!file) {
  console.error('usage: node bench/profile-summary.mjs <file.cpuprofile> [top]');
  process.exit(2);
}
const prof = JSON.parse(readFileSync(file, 'utf8'));
const byId = new Map(prof.nodes.map((n) => [n.id, n]));
const self = new Map();
const dt = prof.timeDeltas;
const from = prof.endTime - lastSeconds * 1e6;
let at = prof.startTime;
for (let i = 0; i < prof.samples.length; i++) {
  at += dt[i] ?? 0;
  if (at < from) continue;
  self.set(prof.samples[i], (self.get(prof.samples[i]) ?? 0) + (dt[i] ?? 0));
}
const total = [...self.values()].reduce((a, b) => a + b, 0);

const shortUrl = (u) => (u ? u.replace(/^file:\/\//, '').replace(/.*\/(node_modules\/)/, '$1').replace(/.*\/(dist\/src|src)\//, 'src/') : '');
const fnKey = (n) => {
  const cf = n.callFrame;
  return `${cf.functionName || '(anonymous)'} ${shortUrl(cf.url)}${cf.url ? `:${cf.lineNumber + 1}` : ''}`;
};
const byFn = new Map();
const byFile = new Map();
for (const [id, us] of self) {
  const n = byId.get(id);
  const k = fnKey(n);
  byFn.set(k, (byFn.get(k) ?? 0) + us);
  const f = shortUrl(n.callFrame.url) || `(${n.callFrame.functionName || 'native'})`;
  byFile.set(f, (byFile.get(f) ?? 0) + us);
}
const top = Number(topArg);
const print = (title, map) => {
  console.log(`\n${title} (total ${(total / 1000).toFixed(0)} ms sampled)`);
  for (const [k, us] of [...map].sort((a, b) => b[1] - a[1]).slice(0, top)) {
    console.log(`${((100 * us) / total).toFixed(1).padStart(5)}%  ${k}`);
  }
};
print('Self time by function', byFn);
print('Self time by file', byFile);
