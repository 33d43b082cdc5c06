#!/usr/bin/env node
// Several saved runs side by side: each target's measurement in every run, its median, and in how
// many runs it passed. The machine is noisy; a verdict that holds in most runs means more than one
// run's number. Usage: node bench/summarize-runs.mjs bench/results/bench-full-*.json
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { STEAL_WARN, checkTargets } from './lib/report.mjs';

const files = process.argv.slice(2);
if (files.length === 0) {
  console.error('usage: node bench/summarize-runs.mjs RESULT.json...');
  process.exit(2);
}
/** `bench-full-2026-12-02T16-50-53-458Z.json` → `16:50:53 full`. */
const runName = (f) => {
  const m = /bench-(\w+)-\d{4}-\d\d-\d\dT(\d\d)-(\d\d)-(\d\d)/.exec(basename(f));
  return m ? `${m[2]}:${m[3]}:${m[4]} ${m[1]}` : basename(f);
};
const runs = files.map((f) => ({ name: runName(f), data: JSON.parse(readFileSync(f, 'utf8')) }));
// The verdicts by today's rules (and with the host steal they rest on), not those saved with the run.
for (const r of runs) if (r.data.results) r.data.targets = checkTargets(r.data);
const number = (text) => Number.parseFloat(String(text));
const targets = new Map();
for (const run of runs) {
  for (const t of run.data.targets ?? []) {
    if (!targets.has(t.target)) targets.set(t.target, []);
    targets.get(t.target).push(t);
  }
}
const rows = [['target', ...runs.map((r) => r.name), 'median', 'passed']];
for (const [name, list] of targets) {
  const values = list.map((t) => number(t.measured)).filter((v) => Number.isFinite(v)).sort((a, b) => a - b);
  const unit = String(list[0]?.measured ?? '').replace(/^[-0-9.]+/, '');
  const mid = values.length / 2;
  const m = values.length % 2 ? values[Math.floor(mid)] : ((values[mid - 1] ?? NaN) + (values[mid] ?? NaN)) / 2;
  const median = values.length ? `${Number(m.toFixed(2))}${unit}` : '–';
  // A `*`: the verdict rests on rounds where the host stole more than STEAL_WARN% of the CPUs.
  const cells = runs.map((r) => {
    const t = (r.data.targets ?? []).find((x) => x.target === name);
    return t === undefined ? '–' : `${t.measured}${t.steal > STEAL_WARN ? '*' : ''}`;
  });
  const passed = list.filter((t) => t.pass === true).length;
  rows.push([name, ...cells, median, `${passed}/${list.length}`]);
}
const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => String(r[i]).length)));
const line = (r) => `| ${r.map((c, i) => String(c).padEnd(widths[i])).join(' | ')} |`;
console.log(line(rows[0]));
console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
for (const r of rows.slice(1)) console.log(line(r));
console.log(`\n(*: measured in rounds where the host's steal was above ${STEAL_WARN}% of the CPUs: a disturbed verdict)`);
