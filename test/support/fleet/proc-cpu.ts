import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';

/**
 * Seconds a process (or a group of them) spent on a core, all its threads; and seconds its main thread (a Node
 * process's event loop) was ready to run but waited for a core.
 */
export interface CpuTime {
  readonly cpu: number;
  readonly wait: number;
}

const ZERO: CpuTime = { cpu: 0, wait: 0 };
const plus = (a: CpuTime, b: CpuTime): CpuTime => ({ cpu: a.cpu + b.cpu, wait: a.wait + b.wait });

/**
 * CPU time of processes from Linux's /proc: what a process spent on a core, whatever else shares the machine,
 * so throughput can be stated per core actually used; and how long its threads waited in the run queue, which
 * is what a busy machine adds to latency.
 */
export class ProcCpu {
  private readonly ticksPerSecond: number;

  constructor() {
    // USER_HZ: the unit of /proc/stat times (100 on every common Linux, asked rather than assumed).
    this.ticksPerSecond = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  }

  /** One process so far; zero once it has gone. */
  of(pid: number): CpuTime {
    let tasks: string[];
    try {
      tasks = readdirSync(`/proc/${pid}/task`);
    } catch {
      return ZERO;
    }
    // schedstat: nanoseconds on a core, nanoseconds waiting on a run queue, time slices.
    const schedstat = (task: string) => readOr(`/proc/${pid}/task/${task}/schedstat`).split(' ').map(Number);
    const cpu = tasks.reduce((sum, task) => sum + (schedstat(task)[0] ?? 0), 0) / 1e9;
    return { cpu, wait: (schedstat(String(pid))[1] ?? 0) / 1e9 };
  }

  /** Every live process with this command name (e.g. all of a database server's), summed. */
  ofCommand(command: string): CpuTime {
    return readdirSync('/proc')
      .filter((entry) => /^\d+$/.test(entry) && commandOf(entry) === command)
      .reduce((sum, pid) => plus(sum, this.of(Number(pid))), ZERO);
  }

  /** Core-seconds the whole machine has been busy (not idle, not waiting on disk) so far, every process's. */
  machineBusy(): number {
    const fields = (readOr('/proc/stat').split('\n')[0] ?? '').trim().split(/\s+/).slice(1).map(Number);
    const [user = 0, nice = 0, system = 0, , , irq = 0, softirq = 0, steal = 0] = fields;
    return (user + nice + system + irq + softirq + steal) / this.ticksPerSecond;
  }
}

function readOr(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return ''; // the process or thread has gone
  }
}

function commandOf(pid: string): string {
  return readOr(`/proc/${pid}/comm`).trim();
}
