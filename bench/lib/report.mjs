// The printed tables and the target checks. Every ratio compares numbers taken in the same run.
const fmt = (x, digits = 0) => (x === undefined || x === null || !Number.isFinite(x) ? '–' : x.toFixed(digits));
const kfmt = (x) => (x === undefined || !Number.isFinite(x) ? '–' : x >= 10_000 ? `${(x / 1000).toFixed(1)}k` : x.toFixed(0));

export function table(headers, rows) {
  const widths = headers.map((h, i) => Math.max(String(h).length, ...rows.map((r) => String(r[i] ?? '').length)));
  const line = (cells) => '| ' + cells.map((c, i) => String(c ?? '').padEnd(widths[i])).join(' | ') + ' |';
  return [line(headers), '|' + widths.map((w) => '-'.repeat(w + 2)).join('|') + '|', ...rows.map(line)].join('\n');
}

const cell = (server, workload, conns) => {
  const w = server?.workloads?.[workload];
  return w?.status === 'ok' ? w.byConn[conns] : undefined;
};

/** Peers an Eddy variant is compared with: the ceiling, and the peers and floors of the same storage. */
function comparisons(results, eddy) {
  return results.filter((r) => r.group === 'ceiling' || ((r.group === 'peer' || r.group === 'floor') && r.storage === eddy.storage));
}

/** The ceiling and floors are shown as percentages, peers as multiples. */
const asPercent = (p) => p.group === 'ceiling' || p.group === 'floor';

/** The median over a server's timed rounds of a per-round share (foreignCpuPct, stealCpuPct). */
function noise(r, field = 'foreignCpuPct') {
  const xs = Object.values(r.workloads ?? {}).flatMap((w) => Object.values(w.byConn ?? {}).map((m) => m[field])).filter(Number.isFinite).sort((a, b) => a - b);
  return xs.length ? xs[xs.length >> 1] : undefined;
}

export function buildReport(run) {
  const { results, cfg } = run;
  const out = [];
  const names = results.map((r) => r.name);
  const workloads = cfg.workloads;

  out.push(`### Throughput (req/s, median of rounds; ${cfg.rounds} rounds × ${cfg.seconds} s at 32 conns, ${cfg.rounds1} × ${cfg.seconds1} s at 1)\n`);
  const rows = [];
  for (const w of workloads) {
    for (const c of cfg.connections) {
      rows.push([`${w} c${c}`, ...results.map((r) => {
        const st = r.workloads?.[w]?.status;
        return st === 'ok' ? kfmt(cell(r, w, c)?.rps) : st ?? '–';
      })]);
    }
  }
  rows.push(['Scan 100k (items/s)', ...results.map((r) => kfmt(r.scan?.itemsPerSec))]);
  out.push(table(['workload', ...names], rows));

  const eddies = results.filter((r) => r.group === 'eddy');
  const c = Math.max(...cfg.connections);
  for (const e of eddies) {
    const peers = comparisons(results, e);
    out.push(`\n### ${e.name}: ratio to the ceiling and peers (same run, c${c}; req/s, and in parentheses server CPU per request)\n`);
    // req/s ratio, then the CPU-cost ratio (peer µs/req ÷ Eddy µs/req), which noise hurts far less.
    const rr = workloads.map((w) => [w, ...peers.map((p) => {
      const a = cell(e, w, c);
      const b = cell(p, w, c);
      if (!a || !b) return '–';
      const cpu = b.cpuUsPerReq / a.cpuUsPerReq;
      return asPercent(p) ? `${fmt((100 * a.rps) / b.rps)}% (cpu ${fmt(100 * cpu)}%)` : `${fmt(a.rps / b.rps, 2)}× (cpu ${fmt(cpu, 2)}×)`;
    })]);
    rr.push(['Scan 100k', ...peers.map((p) => (e.scan && p.scan ? (asPercent(p) ? `${fmt((100 * e.scan.itemsPerSec) / p.scan.itemsPerSec)}%` : `${fmt(e.scan.itemsPerSec / p.scan.itemsPerSec, 2)}×`) : '–'))]);
    out.push(table(['workload', ...peers.map((p) => (p.group === 'ceiling' ? '% of bare' : p.group === 'floor' ? `% of ${p.name}` : `× ${p.name}`))], rr));
  }

  out.push(`\n### Latency, errors and server cost at c${c} (p50 / p99 ms · errors · CPU µs/req · RSS MB)\n`);
  out.push(table(['workload', ...names], workloads.map((w) => [w, ...results.map((r) => {
    const m = cell(r, w, c);
    return m ? `${fmt(m.p50Ms, 2)} / ${fmt(m.p99Ms, 2)} · ${m.errors} · ${fmt(m.cpuUsPerReq)} · ${fmt(m.rssMB)}` : (r.workloads?.[w]?.status ?? '–');
  })])));

  const bare = results.find((r) => r.group === 'ceiling');
  out.push(`\n### Footprint (${cfg.items} items of 1 KB loaded with BatchWriteItem)\n`);
  out.push(table(['server', 'cold start ms (median)', '× bare', 'idle RSS MB', 'load items/s', 'RSS loaded MB', 'disk MB', 'disk / raw JSON', 'noise %', 'steal %'],
    results.map((r) => [r.name, fmt(r.coldStartMs), bare ? fmt(r.coldStartMs / bare.coldStartMs, 2) : '–', fmt(r.idleRssMB),
      kfmt(r.load?.itemsPerSec), fmt(r.load?.rssMB), fmt(r.load?.diskMB, 1), r.load?.diskMB !== undefined ? fmt(r.load.diskMB / r.load.rawJsonMB, 2) : '–',
      fmt(noise(r)), fmt(noise(r, 'stealCpuPct'))])));
  out.push('\n(noise %: median share of the CPUs used by other processes during the timed rounds; steal %: the part of it the hypervisor gave to other guests)');

  if (run.inProcess?.length) {
    out.push('\n### In-process API (no HTTP), ops/s with 32 in flight, median of rounds\n');
    const ws = [...new Set(run.inProcess.map((x) => x.workload))];
    const impls = [...new Set(run.inProcess.map((x) => x.impl))];
    out.push(table(['workload', ...impls], ws.map((w) => [w, ...impls.map((i) => {
      const x = run.inProcess.find((y) => y.workload === w && y.impl === i);
      return x?.opsPerSec ? kfmt(x.opsPerSec) : (x?.status ?? '–');
    })])));
  }

  const targets = checkTargets(run);
  if (targets.length) {
    out.push('\n### Targets\n');
    out.push(table(['target', 'measured', 'verdict', 'host steal %'], targets.map((t) => [t.target, t.measured, t.pass === undefined ? 'n/a' : t.pass ? 'PASS' : 'FAIL', fmt(t.steal)])));
    out.push(`\n(host steal %: the highest steal in the rounds a verdict rests on; above ~${STEAL_WARN}% the server measured then ran on a host busy with other guests, and the verdict says little)`);
  }
  return { text: out.join('\n'), targets };
}

/** Steal (% of the CPUs) above which a verdict is flagged as resting on a disturbed round. */
export const STEAL_WARN = 5;

export function checkTargets(run) {
  const { results, cfg } = run;
  const by = (name) => results.find((r) => r.name === name);
  const bare = by('bare');
  const c = Math.max(...cfg.connections);
  const t = [];
  // `cells`: the timed cells the value comes from; the highest host steal among them goes with it.
  const add = (target, value, pass, unit = '', cells = []) => {
    const steals = cells.map((m) => m?.stealCpuPct).filter(Number.isFinite);
    t.push({
      target,
      measured: value === undefined ? '–' : `${fmt(value, 2)}${unit}`,
      pass: value === undefined ? undefined : pass(value),
      ...(steals.length ? { steal: Math.max(...steals) } : {}),
    });
  };
  const ratio = (a, b) => (a && b ? a / b : undefined);
  for (const storage of ['memory', 'disk']) {
    const e = by(`eddy-${storage}`);
    const d = by(`dynalite-${storage}`);
    if (!e) continue;
    for (const w of ['GetItem', 'PutItem', 'UpdateItem']) {
      if (storage === 'memory') add(`${e.name} ${w} ≥ 60% of bare`, ratio(cell(e, w, c)?.rps, cell(bare, w, c)?.rps), (x) => x >= 0.6, '×', [cell(e, w, c), cell(bare, w, c)]);
      else add(`${e.name} ${w} ≥ 3× dynalite-disk`, ratio(cell(e, w, c)?.rps, cell(d, w, c)?.rps), (x) => x >= 3, '×', [cell(e, w, c), cell(d, w, c)]);
      add(`${e.name} ${w} p99 < 5 ms (c${c})`, cell(e, w, c)?.p99Ms, (x) => x < 5, ' ms', [cell(e, w, c)]);
    }
    if (storage === 'memory') add(`${e.name} Query10 ≥ 50% of bare`, ratio(cell(e, 'Query10', c)?.rps, cell(bare, 'Query10', c)?.rps), (x) => x >= 0.5, '×', [cell(e, 'Query10', c), cell(bare, 'Query10', c)]);
    add(`${e.name} BatchWrite25 ≥ 40% of bare`, ratio(cell(e, 'BatchWrite25', c)?.rps, cell(bare, 'BatchWrite25', c)?.rps), (x) => x >= 0.4, '×', [cell(e, 'BatchWrite25', c), cell(bare, 'BatchWrite25', c)]);
    add(`${e.name} cold start ≤ 1.3× bare`, ratio(e.coldStartMs, bare?.coldStartMs), (x) => x <= 1.3, '×');
    add(`${e.name} idle RSS < 70 MB`, e.idleRssMB, (x) => x < 70, ' MB');
    if (cfg.items >= 100_000) {
      add(`${e.name} RSS after ${cfg.items} items < ${storage === 'memory' ? 250 : 120} MB`, e.load?.rssMB, (x) => x < (storage === 'memory' ? 250 : 120), ' MB');
    }
    if (storage === 'disk') add(`${e.name} disk < 1.5× raw JSON`, ratio(e.load?.diskMB, e.load?.rawJsonMB), (x) => x < 1.5, '×');
  }
  return t;
}
