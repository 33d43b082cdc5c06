// Child processes of one bench run: spawn in their own process group, read their CPU and RSS
// from /proc, and kill every one of them on exit, error or signal.
import { spawn, execFileSync } from 'node:child_process';
import { readFileSync, readdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import net from 'node:net';

const live = new Set();
const tempDirs = new Set();
const CLK_TCK = 100; // getconf CLK_TCK on Linux x86_64 / arm64

/** Spawns a command in its own process group; stdout/stderr are kept (bounded) for diagnostics. */
export function startProcess(cmd, args, { env, cwd, onLine } = {}) {
  const child = spawn(cmd, args, {
    cwd,
    env: { ...process.env, ...env },
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const rec = { child, pid: child.pid, output: '', outputBytes: 0, exited: false, exitCode: null };
  live.add(rec);
  const onData = (chunk) => {
    const s = chunk.toString();
    rec.outputBytes += s.length;
    // The last 64 KB: enough to say why it failed to start, or what it logged about a failed request.
    rec.output = rec.output.length + s.length > 64_000 ? (rec.output + s).slice(-64_000) : rec.output + s;
    if (onLine) for (const line of s.split('\n')) if (line) onLine(line);
  };
  child.stdout.on('data', onData);
  child.stderr.on('data', onData);
  rec.exitPromise = new Promise((resolve) => {
    child.on('exit', (code, signal) => {
      rec.exited = true;
      rec.exitCode = code ?? signal;
      live.delete(rec);
      resolve(rec.exitCode);
    });
    child.on('error', (err) => {
      rec.exited = true;
      rec.exitCode = String(err);
      rec.output += `\nspawn error: ${err.message}`;
      live.delete(rec);
      resolve(rec.exitCode);
    });
  });
  return rec;
}

/** SIGTERM the process group, then SIGKILL after graceMs. */
export async function stopProcess(rec, graceMs = 2000) {
  if (!rec || rec.exited) return;
  signalGroup(rec, 'SIGTERM');
  const timer = new Promise((r) => setTimeout(r, graceMs, 'timeout'));
  if ((await Promise.race([rec.exitPromise, timer])) === 'timeout') {
    signalGroup(rec, 'SIGKILL');
    await Promise.race([rec.exitPromise, new Promise((r) => setTimeout(r, 1000))]);
  }
  // Grandchildren that outlived their parent stay in the group.
  signalGroup(rec, 'SIGKILL');
}

function signalGroup(rec, sig) {
  try { process.kill(-rec.pid, sig); } catch { /* already gone */ }
}

/** Synchronous last-resort cleanup (process 'exit' handler). */
export function killAllSync() {
  for (const rec of live) signalGroup(rec, 'SIGKILL');
  live.clear();
  for (const dir of tempDirs) rmSync(dir, { recursive: true, force: true });
  tempDirs.clear();
}

export function makeTempDir(prefix) {
  const dir = mkdtempSync(join(tmpdir(), `eddy-bench-${prefix}-`));
  tempDirs.add(dir);
  return dir;
}

export function removeTempDir(dir) {
  rmSync(dir, { recursive: true, force: true });
  tempDirs.delete(dir);
}

export function installCleanupHandlers() {
  process.on('exit', killAllSync);
  for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
    process.on(sig, () => {
      console.error(`\n${sig}: stopping servers`);
      killAllSync();
      process.exit(130);
    });
  }
}

/** A free TCP port on 127.0.0.1 (closed again before returning). */
export function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

function readStat(pid) {
  try {
    const s = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const rest = s.slice(s.lastIndexOf(')') + 2).split(' ');
    // rest[0] is field 3 (state); utime = field 14, stime = field 15, ppid = field 4.
    return { ppid: Number(rest[1]), ticks: Number(rest[11]) + Number(rest[12]) };
  } catch {
    return undefined;
  }
}

/** pid and all its live descendants. */
export function processTree(rootPid) {
  const parents = new Map();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    const st = readStat(name);
    if (st) parents.set(Number(name), st.ppid);
  }
  const tree = [rootPid];
  for (let i = 0; i < tree.length; i++) {
    for (const [pid, ppid] of parents) if (ppid === tree[i]) tree.push(pid);
  }
  return tree;
}

/** CPU time (µs, user+system) of a process tree. */
export function cpuMicros(rootPid) {
  let ticks = 0;
  for (const pid of processTree(rootPid)) ticks += readStat(pid)?.ticks ?? 0;
  return (ticks * 1e6) / CLK_TCK;
}

/** Resident set size (MB) of a process tree, from VmRSS. */
export function rssMB(rootPid) {
  let kb = 0;
  for (const pid of processTree(rootPid)) {
    try {
      const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
      if (m) kb += Number(m[1]);
    } catch { /* exited */ }
  }
  return kb / 1024;
}

/** Disk usage (MB) of a directory, as du reports it. */
export function diskMB(dir) {
  try {
    const out = execFileSync('du', ['-sk', dir], { encoding: 'utf8' });
    return Number(out.split('\t')[0]) / 1024;
  } catch {
    return undefined;
  }
}

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Busy CPU time (µs) of the whole machine, from /proc/stat. */
export function machineBusyMicros() {
  const f = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
  const [user, nice, system, , , irq, softirq, steal] = f;
  return ((user + nice + system + irq + softirq + (steal ?? 0)) * 1e6) / CLK_TCK;
}

/**
 * CPU time (µs) the hypervisor gave to others while this VM's CPUs wanted to run (/proc/stat's
 * steal): the host's share of machineBusyMicros.
 */
export function machineStealMicros() {
  const f = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
  return ((f[7] ?? 0) * 1e6) / CLK_TCK;
}

/** CPU time (µs) of this process plus its reaped children (the load generator after it exits). */
export function selfAndChildrenMicros() {
  const s = readFileSync('/proc/self/stat', 'utf8');
  const rest = s.slice(s.lastIndexOf(')') + 2).split(' ');
  return ((Number(rest[11]) + Number(rest[12]) + Number(rest[13]) + Number(rest[14])) * 1e6) / CLK_TCK;
}
