/**
 * `npm run bench:hub [-- --seconds 60] [-- --devices 200] [-- --users 50] [-- --processes 4] [-- --hubs 2]
 * [-- --profile]`: the hub at scale. Built `pfm hub` processes (bin/pfm.js: `npm run build` first) on one
 * throw-away PostgreSQL database, behind HAProxy (round robin, health checks), with simulated devices in
 * processes of their own (test/support/fleet/): a person's pace for the window, then every device at once,
 * then every device compared with the central store. CPU times come from /proc. Writes docs/hub-benchmark.md.
 * `--profile` runs the hubs with `node --cpu-prof` and adds where their CPU went.
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openCentral } from '../src/central/open-central.js';
import { closedPort } from '../test/support/cli-process.js';
import { runFleet, type FleetPhase } from '../test/support/fleet/fleet.js';
import type { FleetPace } from '../test/support/fleet/fleet-messages.js';
import { startHubProcess, type HubProcess } from '../test/support/fleet/hub-process.js';
import { ProcCpu, type CpuTime } from '../test/support/fleet/proc-cpu.js';
import { createTestDatabase } from '../test/support/postgres-test-database.js';
import { summarizeCpuProfiles, type CpuProfileSummary } from './cpu-profile-summary.js';
import { startHaproxy, type RunningHaproxy } from './haproxy.js';
import { machineInfo } from './machine.js';
import { writeMarkdown } from './write-doc.js';

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const SECONDS = arg('seconds', 60);
const DEVICES = arg('devices', 200);
const USERS = arg('users', 50);
const PROCESSES = arg('processes', 4);
const HUBS = arg('hubs', 2);
const BURSTS = arg('bursts', 3);
const PROFILE = process.argv.includes('--profile');
const TARGET_P95_MS = 50;
const PACE: FleetPace = {
  minIntervalMs: 2_000,
  maxIntervalMs: 6_000,
  maxEdits: 3,
  burstChance: 0.03,
  burstEdits: [20, 60],
};

const REPO = fileURLToPath(new URL('..', import.meta.url));
const BUILT = join(REPO, 'dist/pfm/run.js');

/** The newest file under `dir` (its modification time), to tell a stale build. */
function newest(dir: string): number {
  let latest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    latest = Math.max(latest, entry.isDirectory() ? newest(path) : statSync(path).mtimeMs);
  }
  return latest;
}

if (!existsSync(BUILT) || statSync(BUILT).mtimeMs < newest(join(REPO, 'src'))) {
  console.error(
    'bench:hub runs the built pfm (bin/pfm.js): run npm run build first (src/ is newer than dist/)',
  );
  process.exit(2);
}

/** CPU and run-queue seconds of each part between the edges of a phase, and the whole machine's busy time. */
interface CpuSplit {
  hubs: CpuTime;
  postgres: CpuTime;
  haproxy: CpuTime;
  devices: CpuTime;
  machine: number;
}

const PARTS = ['hubs', 'postgres', 'haproxy', 'devices'] as const;

const emptySplit = (): CpuSplit => ({
  hubs: { cpu: 0, wait: 0 },
  postgres: { cpu: 0, wait: 0 },
  haproxy: { cpu: 0, wait: 0 },
  devices: { cpu: 0, wait: 0 },
  machine: 0,
});

const machine = machineInfo();
const cpu = new ProcCpu();
const work = mkdtempSync(join(tmpdir(), 'pfm-hub-bench-'));
const profiles = join(work, 'profiles');
mkdirSync(profiles);
const db = await createTestDatabase('hubfleet');
const hubs: HubProcess[] = [];
let proxy: RunningHaproxy | null = null;
// Stopped by Ctrl-C: the hubs and HAProxy go too (the device processes end with this one's IPC channel).
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    for (const pid of [...hubs.map((h) => h.pid), proxy?.pid ?? 0]) if (pid > 0) process.kill(pid, 'SIGTERM');
    rmSync(work, { recursive: true, force: true });
    console.error(`stopped; the database ${db.url.replace(/^.*\//, '')} is left on the server`);
    process.exit(130);
  });
}
const phaseCpu: Record<'paced' | 'burst', CpuSplit> = { paced: emptySplit(), burst: emptySplit() };
let profile: CpuProfileSummary | null = null;
let haproxyConfigUsed: string;
const pacedWindow = { fromUs: 0, toUs: 0 };
const monotonicUs = () => Number(process.hrtime.bigint() / 1000n);
let result: Awaited<ReturnType<typeof runFleet>>;
try {
  // One after another: the first creates the schema, the others find it.
  for (let i = 0; i < HUBS; i++) {
    hubs.push(
      await startHubProcess({
        pfm: [join(REPO, 'bin/pfm.js')],
        nodeOptions: PROFILE ? ['--cpu-prof', `--cpu-prof-dir=${profiles}`] : [],
        central: db.url,
        // Every device logs in from 127.0.0.1 (HAProxy's address): the per-address log-in limit is raised.
        args: ['--port', '0', '--allow-registration', '--logins-per-minute', '10000', '--log-level', 'warn'],
        dataDir: join(work, `hub-${i}`),
      }),
    );
  }
  proxy = await startHaproxy(
    work,
    await closedPort(),
    hubs.map((h) => new URL(h.url)),
  );
  const running = proxy;
  haproxyConfigUsed = proxy.config;
  const central = await openCentral(db.url, { maxConnections: 2 });
  const sum = (pids: readonly number[]) =>
    pids.map((pid) => cpu.of(pid)).reduce((a, b) => ({ cpu: a.cpu + b.cpu, wait: a.wait + b.wait }));
  const readCpu = (pids: readonly number[]): CpuSplit => ({
    hubs: sum(hubs.map((h) => h.pid)),
    postgres: cpu.ofCommand('postgres'),
    haproxy: cpu.of(running.pid),
    devices: sum(pids),
    machine: cpu.machineBusy(),
  });
  try {
    result = await runFleet({
      hubUrl: running.url,
      central,
      dir: join(work, 'devices'),
      processes: PROCESSES,
      devices: DEVICES,
      users: USERS,
      password: 'a-long-household-passphrase',
      pace: PACE,
      pacedMs: SECONDS * 1000,
      bursts: BURSTS,
      soloSyncs: 30,
      seed: 7,
      onPhase: (phase, edge, pids) => {
        if (phase === 'paced') pacedWindow[edge === 'start' ? 'fromUs' : 'toUs'] = monotonicUs();
        const now = readCpu(pids);
        const split = phaseCpu[phase];
        const sign = edge === 'start' ? -1 : 1;
        for (const part of PARTS) {
          split[part] = {
            cpu: split[part].cpu + sign * now[part].cpu,
            wait: split[part].wait + sign * now[part].wait,
          };
        }
        split.machine += sign * now.machine;
      },
    });
  } finally {
    await central.close();
  }
} finally {
  await proxy?.stop();
  for (const hub of hubs) await hub.stop();
  await db.drop();
}
if (PROFILE) profile = summarizeCpuProfiles(profiles, pacedWindow);
rmSync(work, { recursive: true, force: true });

const f = (n: number, digits = 0) =>
  n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
const paced = result.paced;
const burst = result.burst;
const perHubCore = (p: FleetPhase, split: CpuSplit | null) =>
  split && split.hubs.cpu > 0 ? f(p.syncs / split.hubs.cpu, 1) : '';
const met = paced.latencyMs.p95 <= TARGET_P95_MS;
const phaseRow = (label: string, p: FleetPhase, split: CpuSplit | null) =>
  `| ${label} | ${f(p.seconds, 1)} s | ${f(p.syncs)} | ${f(p.syncs / p.seconds, 1)} | ${perHubCore(p, split)} | ` +
  `${f(p.latencyMs.p50)} | ${f(p.latencyMs.p95)} | ${f(p.latencyMs.p99)} | ${f(p.latencyMs.max)} | ${p.failures.length} |`;
const share = (seconds: number, p: FleetPhase) => `${f(seconds, 1)} s (${f((seconds / p.seconds) * 100)} %)`;
const cpuRow = (label: string, p: FleetPhase, split: CpuSplit) =>
  `| ${label} | ${PARTS.map((part) => `${share(split[part].cpu, p)}; ${f(split[part].wait, 1)} s`).join(' | ')} | ` +
  `${share(split.machine, p)} of ${machine.cores} cores |`;

const doc = [
  '# The hub at scale',
  '',
  'Generated by `npm run bench:hub` (bench/hub-bench.ts; the devices are test/support/fleet/); do not edit by hand.',
  '',
  `${DEVICES} simulated devices of ${USERS} users (${DEVICES / USERS} devices per user), in ${PROCESSES} processes of`,
  `their own, sync through HAProxy (round robin, health check on /healthz) in front of ${HUBS} built \`pfm hub\``,
  'processes (bin/pfm.js, `--log-level warn`) on one fresh database on the PostgreSQL server. Each device is a',
  'real SQLite file with the sync engine and HttpRemote; it logged in with its user’s password as `pfm login`',
  '(the first device of each user brought the user, `--allow-registration`), then:',
  '',
  `1. **A person’s pace**, ${SECONDS} s: each device pauses ${PACE.minIntervalMs / 1000}–${PACE.maxIntervalMs / 1000} s (uniform jitter),`,
  `   makes 0–${PACE.maxEdits} changes (new expenses mostly, edits and deletes of any of its user’s expenses, so the four`,
  `   devices of a user contend for rows), and syncs; ${f(PACE.burstChance * 100)} % of syncs follow a burst of`,
  `   ${PACE.burstEdits[0]}–${PACE.burstEdits[1]} changes (a statement imported).`,
  '   Before it, one device alone makes 30 small edits and syncs, the others idle: the floor of a sync’s latency',
  '   on this machine at that moment.',
  `2. **All at once**, ${BURSTS} rounds: every device makes 1–4 changes and all ${DEVICES} sync at the same moment.`,
  '3. **Settle**: every device syncs twice in turn, then each device’s digest of its user’s data',
  '   (`sync --verify`’s per-table sha256) is compared with the central store’s.',
  '',
  'A sync is a whole run of the engine for one user (handshake with feed heads, a push per changed table, a pull',
  'per table behind, the activity record), each step an HTTP request with its own token check; its latency is',
  'timed on the device, from the start of the run to its end. Syncs per hub core are syncs divided by the CPU',
  'seconds the hub processes used (on a core, every thread, from /proc) in the same window.',
  '',
  '## Machine',
  '',
  `- CPU: ${machine.cpu}, ${machine.cores} cores; memory ${machine.memoryGiB} GiB; ${machine.os}; Node ${machine.node}`,
  `- Load average at the start: ${machine.load.join(', ')}; at the end: ${loadavg()
    .map((x) => x.toFixed(2))
    .join(', ')}. The machine is shared: the hubs, PostgreSQL, HAProxy and the device processes`,
  '  all run on these cores, beside other work.',
  ...(PROFILE ? ['- The hubs ran under `node --cpu-prof` (a sampling profiler) for the profile below.'] : []),
  '',
  '## Results',
  '',
  '| phase | window | syncs | per second | per hub core-second | p50 ms | p95 ms | p99 ms | max ms | failed |',
  '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |',
  phaseRow('one device alone (before)', result.solo, null),
  phaseRow('a person’s pace', paced, phaseCpu.paced),
  phaseRow(`all ${DEVICES} at once (${BURSTS} round${BURSTS === 1 ? '' : 's'})`, burst, phaseCpu.burst),
  '',
  `Target: p95 ≤ ${TARGET_P95_MS} ms at a person’s pace with ${DEVICES} devices: **${met ? 'met' : 'missed'}** (${f(paced.latencyMs.p95)} ms).`,
  '',
  'CPU in each window, per part: seconds on a core, all threads (share of one core); then seconds its main threads',
  '(the event loops; each PostgreSQL backend) were ready to run but waited for a core, summed over its processes',
  '(the run queue, from /proc/PID/task/PID/schedstat). The last column is the whole machine’s busy time,',
  'everyone’s work included:',
  '',
  '| phase | hubs | PostgreSQL (all its processes) | HAProxy | device processes | whole machine busy |',
  '| --- | --- | --- | --- | --- | --- |',
  cpuRow('a person’s pace', paced, phaseCpu.paced),
  cpuRow('all at once', burst, phaseCpu.burst),
  '',
  '| measure | value |',
  '| --- | --- |',
  `| log-in and first sync of all ${DEVICES} devices | ${f(result.enrollSeconds, 1)} s |`,
  `| rows pushed / pulled at a person’s pace | ${f(paced.pushed)} / ${f(paced.pulled)} |`,
  `| conflicts kept (same field edited on two devices) | ${f(paced.conflicts + burst.conflicts)} |`,
  `| failed syncs while settling | ${result.settleFailures.length} |`,
  `| devices equal to the central store at the end | ${f(DEVICES - result.differing.length)} of ${DEVICES} (${result.users.filter((u) => u.devicesEqual === DEVICES / USERS).length} of ${USERS} users, every device) |`,
  '',
  ...limitsSection(paced, phaseCpu.paced),
  ...(profile ? profileSection(profile, phaseCpu.paced) : []),
  '## The HAProxy configuration used',
  '',
  '```',
  haproxyConfigUsed.trimEnd(),
  '```',
  '',
].join('\n');

/** What bounds throughput and latency, computed from this run's figures (at a person's pace). */
function limitsSection(p: FleetPhase, split: CpuSplit): string[] {
  const perSync = (seconds: number) => (p.syncs > 0 ? (seconds * 1000) / p.syncs : 0);
  const serverMs = perSync(split.hubs.cpu + split.postgres.cpu + split.haproxy.cpu);
  const capacity = serverMs > 0 ? (machine.cores * 1000) / serverMs : 0;
  const meanIntervalS = (PACE.minIntervalMs + PACE.maxIntervalMs) / 2000;
  const ours = PARTS.reduce((n, part) => n + split[part].cpu, 0);
  const saturated = split.machine >= 0.9 * machine.cores * p.seconds;
  return [
    '## What limits it',
    '',
    `- Work per sync at a person’s pace: ${f(perSync(split.hubs.cpu), 1)} ms of hub CPU, ${f(perSync(split.postgres.cpu), 1)} ms of PostgreSQL,`,
    `  ${f(perSync(split.haproxy.cpu), 1)} ms of HAProxy (and ${f(perSync(split.devices.cpu), 1)} ms on the device). The server side, ${f(serverMs, 1)} ms a sync, would`,
    `  carry about ${f(capacity)} syncs a second on this machine’s ${machine.cores} cores with nothing else running: ${f(capacity * meanIntervalS)} devices`,
    `  syncing every ${f(meanIntervalS)} s on average. An estimate from CPU time, not a measured ceiling; more hubs add`,
    '  hub cores, and PostgreSQL, the one store, is then what is left to grow.',
    saturated
      ? `- The machine was saturated: busy ${f((split.machine / (machine.cores * p.seconds)) * 100)} % of its ${machine.cores} cores in the window, this benchmark’s own processes ${f((ours / split.machine) * 100)} % of that.` +
        ` The hubs’ event loops waited ${f(split.hubs.wait, 1)} s for a core, against ${f(split.hubs.cpu, 1)} s on one:`
      : `- The machine was busy ${f((split.machine / (machine.cores * p.seconds)) * 100)} % of its ${machine.cores} cores in the window, this benchmark’s own processes ${f((ours / split.machine) * 100)} % of that.` +
        ` The hubs’ event loops waited ${f(split.hubs.wait, 1)} s for a core, against ${f(split.hubs.cpu, 1)} s on one:`,
    split.hubs.wait > split.hubs.cpu
      ? '  a sync’s latency is mostly waiting for a core (each of its requests passes device, HAProxy, hub and PostgreSQL, and each hop waits its turn), not the hub’s work. The same machine gives one device syncing alone the floor in the first row.'
      : '  a sync’s latency is mostly the work itself, not waiting for a core.',
    '',
  ];
}

function profileSection(p: CpuProfileSummary, split: CpuSplit): string[] {
  const share = (ms: number) => `${f((ms / p.totalMs) * 100, 1)} %`;
  return [
    '## Where the hubs’ time goes',
    '',
    `The profiler samples an event loop whenever it is not idle, also while it waits for a core: ${f(p.totalMs / 1000, 1)} s of samples`,
    `against ${f(split.hubs.cpu, 1)} s of CPU (all threads) from /proc.`,
    ...(p.totalMs / 1000 > 1.5 * split.hubs.cpu
      ? [
          'Most samples are waits, then: on a busy machine a sample lands where the kernel took the core away, most',
          'often a write to a loopback socket (`writev`), which wakes its reader (HAProxy, PostgreSQL) and gives it',
          'the core. The rest is the hub’s own work.',
        ]
      : []),
    '',
    `Self time by \`--cpu-prof\` in the hubs during the person’s-pace window (${f(p.totalMs / 1000, 1)} s of samples, idle left out):`,
    '',
    '| code | share |',
    '| --- | --- |',
    ...p.byOrigin.slice(0, 12).map((o) => `| ${o.origin} | ${share(o.ms)} |`),
    '',
    '| function (self time) | from | share |',
    '| --- | --- | --- |',
    ...p.topFunctions.map((t) => `| \`${t.name}\` | ${t.origin} | ${share(t.ms)} |`),
    '',
  ];
}

await writeMarkdown(fileURLToPath(new URL('../docs/hub-benchmark.md', import.meta.url)), doc);
console.log(doc);
const failures = [...paced.failures, ...burst.failures, ...result.settleFailures];
if (failures.length > 0 || result.differing.length > 0) {
  console.error(`failures: ${failures.slice(0, 10).join('; ')}; differing: ${result.differing.join(', ')}`);
  process.exitCode = 1;
}
