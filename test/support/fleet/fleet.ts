import { createHash } from 'node:crypto';
import { fork, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CentralStore } from '../../../src/central/central-store.js';
import { userIdFor } from '../../../src/domain/ids.js';
import { SYNCED_TABLES } from '../../../src/domain/tables.js';
import { latencySummary, type LatencySummary } from './latency.js';
import type {
  DeviceDigest,
  FleetCommand,
  FleetDeviceSpec,
  FleetPace,
  FleetReply,
  FleetStepReport,
} from './fleet-messages.js';

/**
 * The fleet: simulated devices in processes of their own (each process many devices, each device a real
 * SQLite store and sync engine syncing through HttpRemote), all syncing with one hub URL. It enrolls them (log
 * in, first sync), runs them at a person's pace, then all at once, then lets them settle and compares every
 * device with the central store. Used by `npm run bench:hub` (200 devices, two hubs behind HAProxy) and by
 * test/hub/hub-fleet.test.ts (a few devices, one hub).
 */
export interface FleetOptions {
  readonly hubUrl: string;
  /** The central store behind the hub(s), read at the end for its digests. */
  readonly central: CentralStore;
  /** A folder the fleet may fill (each process gets a folder in it). */
  readonly dir: string;
  readonly processes: number;
  readonly devices: number;
  readonly users: number;
  readonly password: string;
  readonly pace: FleetPace;
  readonly pacedMs: number;
  /** Rounds of every device syncing at the same moment, after the paced window. */
  readonly bursts: number;
  /** Syncs of one device alone before the paced window: the latency floor of this machine at the moment. */
  readonly soloSyncs: number;
  readonly seed: number;
  /** Told when the paced window and the bursts start and end (to read CPU times), with the device processes. */
  readonly onPhase?: (phase: 'paced' | 'burst', edge: 'start' | 'end', pids: readonly number[]) => void;
}

/** What one phase did, over all devices. */
export interface FleetPhase {
  readonly seconds: number;
  readonly syncs: number;
  readonly latencyMs: LatencySummary;
  readonly failures: readonly string[];
  readonly pushed: number;
  readonly pulled: number;
  readonly conflicts: number;
}

export interface FleetResult {
  readonly enrollSeconds: number;
  readonly solo: FleetPhase;
  readonly paced: FleetPhase;
  readonly burst: FleetPhase;
  /** Syncs that failed while settling at the end. */
  readonly settleFailures: readonly string[];
  /** Devices whose data differs from the central store after settling (empty: all converged). */
  readonly differing: readonly string[];
  /** Every user's central digest (sha256 of its tables' digests, first 16 digits), and how many devices match. */
  readonly users: readonly {
    readonly user: string;
    readonly digest: string;
    readonly devicesEqual: number;
  }[];
}

const CHILD = fileURLToPath(new URL('./fleet-child-main.ts', import.meta.url));
// By its full path: the child may run from any folder.
const TSX = import.meta.resolve('tsx');

/** One device process and its one command in flight. */
class FleetProcess {
  private pending: { resolve: (r: FleetStepReport) => void; reject: (e: Error) => void } | null = null;
  private readonly child: ChildProcess;

  constructor(readonly index: number) {
    this.child = fork(CHILD, [], {
      execArgv: ['--import', TSX],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    this.child.on('message', (reply: FleetReply) => {
      const pending = this.pending;
      this.pending = null;
      if (reply.type === 'error') pending?.reject(new Error(`fleet process ${index}: ${reply.message}`));
      else pending?.resolve(reply);
    });
    this.child.on('exit', (code, signal) => {
      this.pending?.reject(new Error(`fleet process ${index} ended (${signal ?? code}) mid-command`));
      this.pending = null;
    });
  }

  get pid(): number {
    return this.child.pid ?? 0;
  }

  send(command: FleetCommand): Promise<FleetStepReport> {
    if (this.pending) throw new Error(`fleet process ${this.index} is still busy`);
    return new Promise((resolve, reject) => {
      this.pending = { resolve, reject };
      this.child.send(command);
    });
  }

  stop(): void {
    if (this.child.connected) this.child.disconnect();
  }
}

export function fleetUserName(i: number): string {
  return `fleet-user-${i}`;
}

/** Device i belongs to user i mod users and lives in process i mod processes; a user's first device creates it. */
function plan(options: FleetOptions): FleetDeviceSpec[][] {
  const byProcess: FleetDeviceSpec[][] = Array.from({ length: options.processes }, () => []);
  for (let i = 0; i < options.devices; i++) {
    byProcess[i % options.processes]?.push({
      name: `device-${i}`,
      user: fleetUserName(i % options.users),
      createsUser: i < options.users,
      seed: options.seed * 100_003 + i,
    });
  }
  return byProcess;
}

async function all(processes: readonly FleetProcess[], command: FleetCommand): Promise<FleetStepReport[]> {
  return Promise.all(processes.map((p) => p.send(command)));
}

function phase(reports: readonly FleetStepReport[], seconds: number): FleetPhase {
  const latencies = reports.flatMap((r) => r.latenciesMs);
  const sum = (f: (r: FleetStepReport) => number) => reports.reduce((n, r) => n + f(r), 0);
  return {
    seconds,
    syncs: latencies.length,
    latencyMs: latencySummary(latencies),
    failures: reports.flatMap((r) => r.failures),
    pushed: sum((r) => r.pushed),
    pulled: sum((r) => r.pulled),
    conflicts: sum((r) => r.conflicts),
  };
}

export async function runFleet(options: FleetOptions): Promise<FleetResult> {
  const processes = plan(options).map((_, i) => new FleetProcess(i));
  const pids = () => processes.map((p) => p.pid);
  try {
    const specs = plan(options);
    await Promise.all(
      processes.map((p, i) =>
        p.send({
          type: 'setup',
          setup: {
            hubUrl: options.hubUrl,
            password: options.password,
            dir: join(options.dir, `process-${i}`),
            devices: specs[i] ?? [],
            pace: options.pace,
          },
        }),
      ),
    );
    const enrollStart = performance.now();
    const enrolled = [
      ...(await all(processes, { type: 'enroll', creators: true })),
      ...(await all(processes, { type: 'enroll', creators: false })),
    ];
    const enrollFailures = enrolled.flatMap((r) => r.failures);
    if (enrollFailures.length > 0) throw new Error(`enrolment failed: ${enrollFailures.join('; ')}`);
    const enrollSeconds = (performance.now() - enrollStart) / 1000;

    const soloStart = performance.now();
    const solo = processes[0] ? [await processes[0].send({ type: 'solo', syncs: options.soloSyncs })] : [];
    const soloSeconds = (performance.now() - soloStart) / 1000;

    options.onPhase?.('paced', 'start', pids());
    const pacedStart = performance.now();
    const paced = await all(processes, { type: 'pace', durationMs: options.pacedMs });
    const pacedSeconds = (performance.now() - pacedStart) / 1000;
    options.onPhase?.('paced', 'end', pids());

    options.onPhase?.('burst', 'start', pids());
    const burstStart = performance.now();
    const bursts: FleetStepReport[] = [];
    for (let round = 0; round < options.bursts; round++)
      bursts.push(...(await all(processes, { type: 'burst' })));
    const burstSeconds = (performance.now() - burstStart) / 1000;
    options.onPhase?.('burst', 'end', pids());

    // Two rounds, each finished everywhere before the next: the first sends what is left, the second brings
    // every device all of it.
    const settled = [
      ...(await all(processes, { type: 'settle' })),
      ...(await all(processes, { type: 'settle' })),
    ];
    const digests = (await all(processes, { type: 'digest' })).flatMap((r) => r.digests);
    const compared = await compareWithCentral(options, digests);
    await all(processes, { type: 'close' });
    return {
      enrollSeconds,
      solo: phase(solo, soloSeconds),
      paced: phase(paced, pacedSeconds),
      burst: phase(bursts, burstSeconds),
      settleFailures: settled.flatMap((r) => r.failures),
      ...compared,
    };
  } finally {
    for (const p of processes) p.stop();
  }
}

async function compareWithCentral(
  options: FleetOptions,
  digests: readonly DeviceDigest[],
): Promise<Pick<FleetResult, 'differing' | 'users'>> {
  const differing: string[] = [];
  const users: FleetResult['users'][number][] = [];
  for (let u = 0; u < options.users; u++) {
    const user = fleetUserName(u);
    const central: Record<string, string> = {};
    for (const table of SYNCED_TABLES) {
      const d = await options.central.digest(userIdFor(user), table);
      central[table] = `${d.rows}:${d.sha256}`;
    }
    let devicesEqual = 0;
    for (const device of digests.filter((d) => d.user === user)) {
      const equal = SYNCED_TABLES.every((t) => device.tables[t] === central[t]);
      if (equal) devicesEqual++;
      else differing.push(device.device);
    }
    const digest = createHash('sha256')
      .update(SYNCED_TABLES.map((t) => `${t} ${central[t]}`).join('\n'))
      .digest('hex')
      .slice(0, 16);
    users.push({ user, digest, devicesEqual });
  }
  return { differing, users };
}
