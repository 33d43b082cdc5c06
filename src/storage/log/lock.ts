import { closeSync, fsyncSync, openSync, readFileSync, unlinkSync, writeSync } from 'node:fs';
import { join } from 'node:path';

/** One process per data directory: the log engine's LOCK file. */

const LOCK = 'LOCK';

export function inUse(dir: string, pid: number): Error {
  return new Error(`data directory ${dir} is in use by another process (pid ${pid}; one Eddy process owns a data directory)`);
}

/**
 * Takes the directory's LOCK file, or throws when a live process holds it. The file names the
 * owner's pid and, where /proc exists, the process's start time: a pid reused by another process
 * (after a container restart, say) does not keep a LOCK left by a crash.
 */
export function takeLock(dir: string): void {
  const path = join(dir, LOCK);
  const own = startTime(process.pid);
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const fd = openSync(path, 'wx');
      try {
        writeSync(fd, own === undefined ? `${process.pid}\n` : `${process.pid} ${own}\n`);
        fsyncSync(fd);
      } finally {
        closeSync(fd);
      }
      return;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
    let holder = NaN;
    let holderStart: string | undefined;
    try {
      const [pid, started] = readFileSync(path, 'utf8').trim().split(/\s+/);
      holder = Number(pid);
      holderStart = started;
    } catch {
      // Gone meanwhile: try again.
    }
    if (Number.isInteger(holder) && holder > 0 && holder !== process.pid && alive(holder)) {
      const now = holderStart === undefined ? undefined : startTime(holder);
      if (now === undefined || now === holderStart) throw inUse(dir, holder);
    }
    // Left by a process that is gone (or by this one before a failed open): take it over.
    try {
      unlinkSync(path);
    } catch {
      // Someone else removed it first.
    }
  }
  throw inUse(dir, NaN);
}

export function releaseLock(dir: string): void {
  try {
    unlinkSync(join(dir, LOCK));
  } catch {
    // Already gone.
  }
}

/** A process's start time (clock ticks after boot, /proc/PID/stat field 22), where /proc exists. */
function startTime(pid: number): string | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name, which is in parentheses and may hold spaces: state is field 3.
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19];
  } catch {
    return undefined;
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}
