// Everything measured on one server: cold starts, idle RSS, load of N items (RSS, disk), full
// scans, then each workload: check → warm-up with checked replies → timed rounds per connection count.
import { randomBytes } from 'node:crypto';
import { DynamoHttp } from './dynamo-http.mjs';
import { cpuMicros, rssMB, diskMB, sleep, machineBusyMicros, machineStealMicros, selfAndChildrenMicros } from './processes.mjs';
import os from 'node:os';
import { launch } from './servers.mjs';
import { createTables, loadMain, loadQueryTable, scanAll } from './setup.mjs';
import { WORKLOADS, checkWorkload } from './workloads.mjs';
import { randomPayload } from './data.mjs';
import { runLoad } from './load.mjs';

export const median = (xs) => {
  const s = xs.filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
  if (s.length === 0) return undefined;
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

/**
 * Cold starts of every server, launched in turn (bare, eddy, peer, bare, eddy, peer, …) so that
 * each ratio compares launches made under the same machine conditions; the machine's speed drifts
 * over the minutes a run takes (the bare server's own median moved 68–117 ms between runs).
 * Returns the samples (ms) by server name.
 */
export async function interleavedColdStarts(specs, rounds, log) {
  const samples = new Map(specs.map((s) => [s.name, []]));
  const failed = new Set();
  for (let i = 0; i < rounds; i++) {
    for (const spec of specs) {
      if (failed.has(spec.name)) continue;
      try {
        const server = await launch(spec);
        samples.get(spec.name).push(server.coldStartMs);
        await server.stop();
      } catch (err) {
        // Its own phase will fail the same way and report it; the others keep their samples.
        failed.add(spec.name);
        samples.delete(spec.name);
        log(`  ${spec.name}: launch failed (${err.message.split('\n')[0]})`);
      }
    }
  }
  for (const [name, xs] of samples) log(`  ${name}: ${xs.map((x) => x.toFixed(0)).join(', ')} ms`);
  return samples;
}

async function timeWorkload(server, workload, ctx, cfg, log) {
  const strict = server.spec.hasData;
  const check = await checkWorkload(server.client, workload, ctx, { strict });
  if (!check.ok) {
    log(`  ${workload.name}: ${check.unsupported ? 'n/a' : 'FAILED check'} (${check.reason})`);
    return { status: check.unsupported ? 'n/a' : 'failed', reason: check.reason };
  }
  const base = { tool: cfg.tool, endpoint: server.endpoint, workload, ctx, scriptDir: cfg.scriptDir };
  // Warm-up doubles as the check of what the load generator itself sends and gets back.
  const warm = await runLoad({ ...base, connections: Math.max(...cfg.connections), seconds: cfg.warmupSeconds, check: true });
  let bad = warm.badSample ? `got ${warm.badSample.slice(0, 200)}` : null;
  if (!bad && warm.errors > 0) bad = `${warm.errors} errors during warm-up`;
  if (!bad) {
    let parsed;
    try { parsed = JSON.parse(warm.okSample ?? ''); } catch { bad = `unparseable reply ${String(warm.okSample).slice(0, 100)}`; }
    bad ??= workload.validate(parsed);
  }
  if (bad) {
    log(`  ${workload.name}: FAILED warm-up check (${bad})`);
    return { status: 'failed', reason: bad };
  }
  const byConn = {};
  for (const connections of cfg.connections) {
    // One connection is about latency of single requests; the multi-item writes skip it for time.
    if (connections === 1 && !workload.single && workload.name !== 'Query10') continue;
    const rounds = [];
    const n = connections === 1 ? cfg.rounds1 : cfg.rounds;
    const seconds = connections === 1 ? cfg.seconds1 : cfg.seconds;
    for (let r = 0; r < n; r++) {
      const logged = server.proc.outputBytes;
      const cpu0 = cpuMicros(server.proc.pid);
      const busy0 = machineBusyMicros();
      const steal0 = machineStealMicros();
      const own0 = selfAndChildrenMicros();
      const t0 = performance.now();
      const res = await runLoad({ ...base, connections, seconds, check: false });
      const cpu1 = cpuMicros(server.proc.pid);
      // CPU used by processes other than the server, the load generator and this harness:
      // other work on the machine that the run competed with.
      const foreign = machineBusyMicros() - busy0 - (cpu1 - cpu0) - (selfAndChildrenMicros() - own0);
      const capacity = (performance.now() - t0) * 1000 * os.cpus().length;
      const foreignPct = (100 * Math.max(0, foreign)) / capacity;
      // Of which the hypervisor's steal: CPU time the host gave to other guests.
      const stealPct = (100 * (machineStealMicros() - steal0)) / capacity;
      if (res.errors > 0) {
        // Say what failed: the load generator's kinds of error, and what the server logged meanwhile.
        const kinds = Object.entries(res.errorKinds ?? {}).filter(([, v]) => v > 0).map(([k, v]) => `${k} ${v}`).join(', ');
        const fresh = server.proc.outputBytes - logged;
        const said = fresh > 0 ? server.proc.output.slice(-fresh).trim() : '';
        log(`  ${workload.name} c${connections} round ${r + 1}: ${res.errors} errors (${kinds || 'kinds not reported'})` +
          (said ? `; the server logged:\n${said.slice(-2000)}` : '; the server logged nothing'));
      }
      rounds.push({ ...res, cpuUsPerReq: res.requests ? (cpu1 - cpu0) / res.requests : undefined, rssMB: rssMB(server.proc.pid), foreignPct, stealPct });
    }
    const m = {
      rps: median(rounds.map((x) => x.rps)),
      p50Ms: median(rounds.map((x) => x.p50Ms)),
      p99Ms: median(rounds.map((x) => x.p99Ms)),
      errors: rounds.reduce((a, x) => a + x.errors, 0),
      ...(rounds.some((x) => x.errors > 0) ? { errorKinds: rounds.map((x) => x.errorKinds) } : {}),
      cpuUsPerReq: median(rounds.map((x) => x.cpuUsPerReq)),
      rssMB: Math.max(...rounds.map((x) => x.rssMB)),
      rounds: rounds.map((x) => Math.round(x.rps)),
      foreignCpuPct: median(rounds.map((x) => x.foreignPct)),
      stealCpuPct: median(rounds.map((x) => x.stealPct)),
    };
    byConn[connections] = m;
    log(`  ${workload.name} c${connections}: ${m.rps.toFixed(0)} req/s (rounds ${m.rounds.join('/')}), ` +
      `p50 ${m.p50Ms.toFixed(2)} ms, p99 ${m.p99Ms.toFixed(2)} ms, errors ${m.errors}, ${m.cpuUsPerReq?.toFixed(0)} µs CPU/req, RSS ${m.rssMB.toFixed(0)} MB` +
      (m.foreignCpuPct > 5 ? ` [noise: other processes used ${m.foreignCpuPct.toFixed(0)}% of the CPUs` +
        (m.stealCpuPct >= 1 ? `, of which the host's steal ${m.stealCpuPct.toFixed(0)}%]` : ']') : ''));
  }
  return { status: 'ok', byConn };
}

/** Measures one server spec. Always stops the server it started. */
export async function benchServer(spec, cfg, log, coldStartSamples) {
  const result = { name: spec.name, group: spec.group, storage: spec.storage, workloads: {} };
  const server = await launch(spec);
  server.spec = spec;
  server.client = new DynamoHttp(server.endpoint);
  const samples = coldStartSamples ?? [server.coldStartMs];
  result.coldStartMs = median(samples);
  result.coldStartSamples = samples.map((x) => Math.round(x * 10) / 10);
  try {
    await sleep(300);
    result.idleRssMB = rssMB(server.proc.pid);
    log(`  idle RSS ${result.idleRssMB.toFixed(1)} MB, cold start median ${result.coldStartMs.toFixed(0)} ms`);
    if (spec.hasData) {
      await createTables(server.client);
      const load = await loadMain(server.client, cfg.items);
      await sleep(500);
      result.load = {
        items: cfg.items,
        seconds: load.seconds,
        itemsPerSec: cfg.items / load.seconds,
        rawJsonMB: load.rawJsonMB,
        rssMB: rssMB(server.proc.pid),
        diskMB: spec.storage === 'disk' ? diskMB(server.dataDir) : undefined,
      };
      const l = result.load;
      log(`  loaded ${cfg.items} items in ${l.seconds.toFixed(1)} s (${l.itemsPerSec.toFixed(0)}/s): RSS ${l.rssMB.toFixed(0)} MB` +
        (l.diskMB !== undefined ? `, disk ${l.diskMB.toFixed(1)} MB (${(l.diskMB / l.rawJsonMB).toFixed(2)}× raw JSON ${l.rawJsonMB.toFixed(1)} MB)` : ''));
      await loadQueryTable(server.client);
    }
    const scans = [];
    for (let i = 0; i < cfg.scanRounds; i++) scans.push(await scanAll(server.client));
    const scanMs = median(scans.map((s) => s.ms));
    result.scan = { items: scans[0].items, pages: scans[0].pages, ms: scanMs, itemsPerSec: scans[0].items / (scanMs / 1000) };
    if (spec.hasData && scans[0].items !== cfg.items) result.scan.error = `scanned ${scans[0].items} of ${cfg.items} items`;
    log(`  scan: ${result.scan.items} items in ${scanMs.toFixed(0)} ms (${result.scan.itemsPerSec.toFixed(0)} items/s, ${result.scan.pages} pages)` +
      (result.scan.error ? ` ERROR: ${result.scan.error}` : ''));
    const ctx = { items: cfg.items, nonce: randomBytes(4).toString('hex'), payload: randomPayload() };
    for (const workload of WORKLOADS.filter((w) => cfg.workloads.includes(w.name))) {
      try {
        result.workloads[workload.name] = await timeWorkload(server, workload, ctx, cfg, log);
      } catch (err) {
        log(`  ${workload.name}: ERROR ${err.message}`);
        result.workloads[workload.name] = { status: 'failed', reason: err.message };
      }
    }
  } finally {
    server.client.close();
    await server.stop();
  }
  return result;
}
