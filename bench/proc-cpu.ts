/**
 * CPU time a process has used so far (user + system, all its threads), read from Linux's
 * `/proc/<pid>/stat`; null elsewhere or once the process is gone. Lets a benchmark account for
 * processes it did not write, such as redis-server.
 */
import { readFileSync } from 'node:fs';

/** Clock ticks per second for /proc times: 100 on every Linux architecture Node supports. */
const TICKS_PER_SECOND = 100;

export function processCpuMs(pid: number): number | null {
  let stat: string;
  try {
    stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return null;
  }
  // The command name (field 2) may hold spaces and parentheses: count fields after its end.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const utime = Number(fields[11]);
  const stime = Number(fields[12]);
  return Number.isFinite(utime) && Number.isFinite(stime)
    ? ((utime + stime) * 1000) / TICKS_PER_SECOND
    : null;
}
