import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';

/**
 * CPU time of processes from Linux's /proc: what a process spent on a core, whatever else shares the
 * machine, so throughput can be stated per core actually used rather than per wall-clock second.
 */
export class ProcCpu {
  private readonly ticksPerSecond: number;

  constructor() {
    // USER_HZ: the unit of /proc/<pid>/stat times (100 on every common Linux, asked rather than assumed).
    this.ticksPerSecond = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  }

  /** User plus system CPU seconds of one process so far; 0 once it has gone. */
  seconds(pid: number): number {
    const stat = this.stat(pid);
    return stat ? (stat.utime + stat.stime) / this.ticksPerSecond : 0;
  }

  /** Summed CPU seconds of every live process with this command name (e.g. all of a database server's). */
  secondsOfCommand(command: string): number {
    let ticks = 0;
    for (const entry of readdirSync('/proc')) {
      if (!/^\d+$/.test(entry)) continue;
      const stat = this.stat(Number(entry));
      if (stat?.command === command) ticks += stat.utime + stat.stime;
    }
    return ticks / this.ticksPerSecond;
  }

  private stat(pid: number): { command: string; utime: number; stime: number } | null {
    let text: string;
    try {
      text = readFileSync(`/proc/${pid}/stat`, 'utf8');
    } catch {
      return null; // gone, or never there
    }
    // "pid (comm) state ppid ...": comm may hold spaces and parentheses, so split after its last ')'.
    const close = text.lastIndexOf(')');
    const fields = text.slice(close + 2).split(' ');
    return {
      command: text.slice(text.indexOf('(') + 1, close),
      utime: Number(fields[11]),
      stime: Number(fields[12]),
    };
  }
}
