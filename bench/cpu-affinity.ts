/**
 * Pins a process, every thread it has and every thread it starts later, to one CPU. The cluster
 * benchmark uses it to give each controller node a core of its own, with the simulated screens
 * it serves: two machines of one core each, emulated on one machine of two.
 */
import { execFileSync } from 'node:child_process';
import { availableParallelism } from 'node:os';

/** Whether this machine can pin processes (`taskset` from util-linux, and at least `cores` CPUs). */
export function canPin(cores: number): boolean {
  if (process.platform !== 'linux' || availableParallelism() < cores) return false;
  try {
    execFileSync('taskset', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/**
 * `taskset -a` sets the threads that exist now; threads started later inherit the affinity of
 * the thread that starts them, so the whole process stays on `cpu`.
 */
export function pinToCpu(pid: number, cpu: number): void {
  execFileSync('taskset', ['-a', '-p', '-c', String(cpu), String(pid)], { stdio: 'ignore' });
}
