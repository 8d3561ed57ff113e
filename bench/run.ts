/**
 * `npm run bench [-- --quick] [-- --only sqlite|postgres|hub] [-- --postgres URL] [-- --no-default] [-- --no-write]`
 *
 * The sync benchmark: pfm's sync against a port of the original specification's row-by-row algorithm and
 * against the machine's raw limits, on the same generated data, the same central store and in the same run;
 * on the embedded SQLite store (a new file per measurement) and on a PostgreSQL server (a dedicated database
 * per measurement, dropped afterwards). That port (bench/seed-sync.ts) and the raw central limits speak
 * PostgreSQL's SQL: they run on the server only. First, unless --only postgres or --no-default, the default
 * path (bench/default-path.ts); last, unless --only sqlite or postgres, a device syncing with PostgreSQL through
 * one hub (bench/hub-target.ts). Prints a table and writes docs/benchmarks.md.
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { PostgresCentralStore } from '../src/central/postgres/postgres-store.js';
import { LocalStore } from '../src/local/local-store.js';
import { LOCAL_SCHEMA_VERSION } from '../src/local/sqlite-database.js';
import { BENCH_USER_ID } from './data.js';
import { copyDevice, editExpenses, makeTemplate, pfmSync } from './device.js';
import { machineInfo, packageVersion, type MachineInfo } from './machine.js';
import {
  postgresCopyInsert,
  postgresKeysetRead,
  postgresNarrowUnnestInsert,
  postgresUnnestInsert,
  rowsByTable,
  sqliteBulkInsert,
  sqliteNarrowInsert,
} from './raw.js';
import { existingSection, renderDefaultPath } from './default-path-report.js';
import { runDefaultPath } from './default-path.js';
import { DEVICE_TARGET, renderReport, type Measurement } from './report.js';
import { runHubTarget } from './hub-target.js';
import { seedPull, seedPush } from './seed-sync.js';
import { measure, summarize } from './stats.js';
import { StatementCounter, targetsFor, type CentralTarget, type FreshCentral } from './stores.js';
import { markedSection, replaceMarked } from './doc-section.js';
import { WEB_SECTION } from './web-report.js';
import { writeMarkdown } from './write-doc.js';

interface Plan {
  readonly quick: boolean;
  readonly small: number;
  readonly mid: number;
  readonly big: number;
  readonly huge: number;
  readonly pushRuns: number;
  /** Runs of the first push and pull at the big size. */
  readonly bigRuns: number;
  /** Runs of the port of the original algorithm at the big size. */
  readonly seedBigRuns: number;
  readonly noopRuns: number;
  readonly incrRuns: number;
  readonly batchSize: number | undefined;
}

function parseArgs(argv: string[]) {
  const has = (flag: string) => argv.includes(flag);
  const value = (flag: string) => {
    const i = argv.indexOf(flag);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const quick = has('--quick');
  const batch = value('--batch');
  const plan: Plan = quick
    ? {
        quick,
        small: 1000,
        mid: 5000,
        big: 10_000,
        huge: 50_000,
        pushRuns: 2,
        bigRuns: 2,
        seedBigRuns: 1,
        noopRuns: 15,
        incrRuns: 5,
        batchSize: undefined,
      }
    : {
        quick,
        small: 1000,
        mid: 10_000,
        big: 100_000,
        huge: 1_000_000,
        pushRuns: 5,
        bigRuns: 3,
        seedBigRuns: 2,
        noopRuns: 40,
        incrRuns: 15,
        batchSize: undefined,
      };
  return {
    plan: { ...plan, batchSize: batch ? Number(batch) : undefined },
    only: value('--only'),
    postgresUrl:
      value('--postgres') ?? process.env.PFM_BENCH_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test',
    write: !has('--no-write'),
    defaultPath: !has('--no-default') && value('--only') !== 'postgres' && value('--only') !== 'hub',
    out: value('--out') ?? fileURLToPath(new URL('../docs/benchmarks.md', import.meta.url)),
  };
}

const log = (text: string) => process.stderr.write(`${new Date().toISOString().slice(11, 19)} ${text}\n`);

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const { plan } = args;
  const started = Date.now();
  const machineBefore = machineInfo();
  const work = join(tmpdir(), `pfm-bench-${process.pid}`);
  mkdirSync(work, { recursive: true });
  const results: Measurement[] = [];
  const versions: Record<string, string> = {
    'better-sqlite3': packageVersion('better-sqlite3'),
    pg: packageVersion('pg'),
  };
  const targets: CentralTarget[] = args.only === 'hub' ? [] : targetsFor(args.only, work, args.postgresUrl);
  let defaultPath = '';
  const command = `npm run bench${process.argv.length > 2 ? ` -- ${process.argv.slice(2).join(' ')}` : ''}`;

  try {
    if (args.defaultPath) {
      // First, while the machine is as idle as this run will find it: these are whole-process timings.
      const dir = join(work, 'default-path');
      mkdirSync(dir);
      defaultPath = renderDefaultPath(await runDefaultPath(plan.quick ? 3 : 5, dir, log), command);
      rmSync(dir, { recursive: true, force: true });
    }
    log(
      `devices of ${plan.small}, ${plan.mid}, ${plan.big} and ${plan.huge} rows (made once, kept in the temp folder)`,
    );
    // Device templates are kept between runs (the 1,000,000-row one takes minutes to make), under a name
    // that changes with the data generator's source and the device schema, so a stale one is never used.
    const cache = join(tmpdir(), 'pfm-bench-templates');
    mkdirSync(cache, { recursive: true });
    const version = createHash('sha256')
      .update(readFileSync(fileURLToPath(new URL('./data.ts', import.meta.url))))
      .update(String(LOCAL_SCHEMA_VERSION))
      .digest('hex')
      .slice(0, 12);
    const template = (n: number) => join(cache, `template-${n}-${version}.db`);
    for (const n of [plan.small, plan.mid, plan.big, plan.huge]) {
      if (existsSync(template(n))) continue;
      makeTemplate(`${template(n)}.tmp`, n);
      renameSync(`${template(n)}.tmp`, template(n));
    }

    // The machine's limits on the same rows: SQLite (device side) once, PostgreSQL per target below.
    const rawRows = rowsByTable(plan.big);
    if (args.only !== 'hub') {
      const sqlite = summarize([0, 1, 2].map(() => sqliteBulkInsert(join(work, 'raw.db'), rawRows)));
      results.push({
        target: DEVICE_TARGET,
        id: 'raw-sqlite',
        label: `raw SQLite bulk insert, ${fmtN(plan.big)} rows`,
        rows: plan.big,
        pfm: sqlite,
      });
      const sqliteNarrow = summarize(
        [0, 1, 2].map(() => sqliteNarrowInsert(join(work, 'narrow.db'), rawRows)),
      );
      results.push({
        target: DEVICE_TARGET,
        id: 'raw-sqlite-narrow',
        label: `raw SQLite bulk insert, ${fmtN(plan.big)} narrow rows (id, amount, date; no other index)`,
        rows: plan.big,
        pfm: sqliteNarrow,
      });
    }
    for (const target of targets) {
      versions[target.name] = await target.version();
      await runTarget(target, plan, work, template, rawRows, results);
    }
    if (args.only === undefined || args.only === 'hub') {
      const hubPlan = { rows: plan.big, incrRuns: plan.incrRuns, noopRuns: plan.noopRuns };
      results.push(...(await runHubTarget(hubPlan, args.postgresUrl, template(plan.big), work, log)));
    }
  } finally {
    for (const t of targets) await t.close().catch(() => undefined);
    rmSync(work, { recursive: true, force: true });
  }

  const machine: MachineInfo & { loadAfter: readonly number[] } = {
    ...machineBefore,
    loadAfter: machineInfo().load,
  };
  const analysisPath = fileURLToPath(new URL('./analysis.md', import.meta.url));
  let analysis: string;
  try {
    analysis = readFileSync(analysisPath, 'utf8');
  } catch {
    analysis = ''; // no hand-written analysis yet
  }
  let previous = '';
  try {
    previous = readFileSync(args.out, 'utf8');
  } catch {
    // first run
  }
  const { table, markdown } = renderReport({
    results,
    machine,
    versions,
    quick: plan.quick,
    minutes: (Date.now() - started) / 60_000,
    command,
    analysis,
    // A run that does not measure the default path keeps the section it had.
    defaultPath: defaultPath || existingSection(previous),
    sizes: plan,
  });
  process.stdout.write(table + '\n');
  if (args.write) {
    // The web UI's section comes from its own benchmark (`npm run bench:web`): kept as it was.
    const web = markedSection(previous, WEB_SECTION);
    await writeMarkdown(args.out, web ? replaceMarked(markdown, WEB_SECTION, web) : markdown);
    log(`wrote ${args.out}`);
  }
}

const fmtN = (n: number) => n.toLocaleString('en-US');

function pgOf(central: FreshCentral): PostgresCentralStore {
  if (!central.postgres) throw new Error('the port of the original algorithm needs the PostgreSQL store');
  return central.postgres;
}

async function runTarget(
  target: CentralTarget,
  plan: Plan,
  work: string,
  template: (n: number) => string,
  rawRows: ReturnType<typeof rowsByTable>,
  results: Measurement[],
): Promise<void> {
  const T = target.name;
  // The port of the original algorithm speaks PostgreSQL's SQL: on the SQLite store, pfm alone.
  const algos: readonly ('pfm' | 'seed')[] = target.postgres ? ['pfm', 'seed'] : ['pfm'];
  const counter = new StatementCounter();
  const syncOptions = plan.batchSize ? { batchSize: plan.batchSize } : {};
  let deviceNo = 0;
  const devicePath = () => join(work, `device-${T}-${++deviceNo}.db`);
  const dropDevice = (store: LocalStore) => {
    const path = store.db.name;
    store.close();
    for (const suffix of ['', '-wal', '-shm']) rmSync(path + suffix, { force: true });
  };

  // Raw PostgreSQL limits.
  if (target.postgres) {
    const central = await target.fresh(counter);
    const pgStore = central.postgres;
    try {
      if (!pgStore) throw new Error(`${T} gave no PostgreSQL store`);
      const insert = await measure(3, 0, () => postgresUnnestInsert(pgStore, rawRows, 1000));
      results.push({
        target: T,
        id: 'raw-insert',
        label: `raw unnest insert, ${fmtN(plan.big)} rows (1,000/statement)`,
        rows: plan.big,
        pfm: insert,
      });
      const copy = await measure(3, 0, () => postgresCopyInsert(pgStore, central.url, rawRows, 1000));
      results.push({
        target: T,
        id: 'raw-copy',
        label: `raw COPY, ${fmtN(plan.big)} rows (1,000/COPY, seqs drawn first)`,
        rows: plan.big,
        pfm: copy,
      });
      const narrow = await measure(3, 0, () => postgresNarrowUnnestInsert(pgStore, rawRows, 1000));
      results.push({
        target: T,
        id: 'raw-insert-narrow',
        label: `raw unnest insert, ${fmtN(plan.big)} narrow rows (id, amount, date; 1,000/statement)`,
        rows: plan.big,
        pfm: narrow,
      });
      const read = await measure(3, 0, () => postgresKeysetRead(pgStore, BENCH_USER_ID, 1000));
      results.push({
        target: T,
        id: 'raw-read',
        label: `raw keyset read, ${fmtN(plan.big)} rows (1,000/statement)`,
        rows: plan.big,
        pfm: read,
      });
    } finally {
      await central.dispose();
    }
    log(`${T}: raw limits done`);
  }

  // First push (a device's first sync: everything is new) for pfm and the original algorithm, at three sizes.
  // The last run of each size is kept for the no-op, incremental and pull measurements.
  const kept = new Map<string, { central: FreshCentral; local: LocalStore }>();
  for (const n of [plan.small, plan.mid, plan.big]) {
    for (const algo of algos) {
      const runs =
        n !== plan.big
          ? algo === 'seed' && n === plan.mid
            ? Math.min(plan.pushRuns, 3)
            : plan.pushRuns
          : algo === 'pfm'
            ? plan.bigRuns
            : plan.seedBigRuns;
      const warmup = n === plan.small ? 1 : 0;
      let state: { central: FreshCentral; local: LocalStore } | null = null;
      let statements = 0;
      const summary = await measure(
        runs,
        warmup,
        async () => {
          if (!state) throw new Error('no state');
          counter.reset();
          if (algo === 'pfm') await pfmSync(state.local, state.central.store, syncOptions);
          else await seedPush(state.local, pgOf(state.central), BENCH_USER_ID);
          statements = counter.reset();
        },
        async (i) => {
          if (state) {
            dropDevice(state.local);
            await state.central.dispose();
          }
          state = { central: await target.fresh(counter), local: copyDevice(template(n), devicePath()) };
          void i;
        },
      );
      const id = `push-${algo}-${n}`;
      results.push({
        target: T,
        id,
        label: `first push, ${fmtN(n)} rows`,
        rows: n,
        pfm: summary,
        statements,
        algo,
      });
      if (state) kept.set(`${algo}-${n}`, state);
      log(
        `${T}: first push ${algo} ${fmtN(n)}: median ${summary.median.toFixed(1)} ms (${Math.round((n / summary.median) * 1000)} rows/s), ${statements} statements`,
      );
    }
  }
  const release = async (key: string) => {
    const s = kept.get(key);
    if (!s) return;
    kept.delete(key);
    dropDevice(s.local);
    await s.central.dispose();
  };
  await release(`pfm-${plan.mid}`);
  await release(`seed-${plan.mid}`);
  await release(`seed-${plan.small}`);

  // No-op syncs: nothing changed on either side. pfm's are measured in a fresh child process per size
  // (below), as a device process runs them; the original algorithm's (local probes only) here.
  for (const [key, n] of [[`seed-${plan.big}`, plan.big]] as const) {
    const s = kept.get(key);
    if (!s) continue;
    const algo = key.startsWith('seed') ? 'seed' : 'pfm';
    const once = () =>
      algo === 'pfm'
        ? pfmSync(s.local, s.central.store, syncOptions)
        : seedPush(s.local, pgOf(s.central), BENCH_USER_ID);
    const summary = await measure(plan.noopRuns, 5, once);
    counter.reset();
    await once();
    const statements = counter.reset();
    results.push({
      target: T,
      id: `noop-${algo}-${n}`,
      label: `no-op sync, ${fmtN(n)} rows`,
      pfm: summary,
      statements,
      algo,
    });
    log(`${T}: no-op ${algo} ${fmtN(n)}: median ${summary.median.toFixed(2)} ms, ${statements} statements`);
  }
  await release(`pfm-${plan.small}`);

  // Incremental: 100 rows edited on the device, then a sync.
  for (const algo of algos) {
    const s = kept.get(`${algo}-${plan.big}`);
    if (!s) continue;
    let statements = 0;
    const summary = await measure(
      algo === 'pfm' ? plan.incrRuns : Math.min(plan.incrRuns, 5),
      2,
      async () => {
        counter.reset();
        if (algo === 'pfm') {
          const report = await pfmSync(s.local, s.central.store, syncOptions);
          if (report.log.pushed !== 100) throw new Error(`pushed ${report.log.pushed}, expected 100`);
        } else await seedPush(s.local, pgOf(s.central), BENCH_USER_ID);
        statements = counter.reset();
      },
      (i) => editExpenses(s.local, 100, 1000 + i),
    );
    results.push({
      target: T,
      id: `incr-${algo}-100`,
      label: `incremental sync, 100 changed of ${fmtN(plan.big)} rows`,
      rows: 100,
      pfm: summary,
      statements,
      algo,
    });
    log(`${T}: incremental ${algo}: median ${summary.median.toFixed(2)} ms, ${statements} statements`);
  }
  await release(`seed-${plan.big}`);

  // First pull: a new device gets the user's rows from the central store that pfm filled.
  {
    const s = kept.get(`pfm-${plan.big}`);
    if (s) {
      for (const algo of algos) {
        let device: LocalStore | null = null;
        let statements = 0;
        let pulled = 0;
        const summary = await measure(
          algo === 'pfm' ? plan.bigRuns : plan.seedBigRuns,
          0,
          async () => {
            if (!device) throw new Error('no device');
            counter.reset();
            if (algo === 'pfm') pulled = (await pfmSync(device, s.central.store, syncOptions)).log.pulled;
            else pulled = await seedPull(device, pgOf(s.central), BENCH_USER_ID);
            statements = counter.reset();
          },
          () => {
            if (device) dropDevice(device);
            device = LocalStore.open({ path: devicePath() });
          },
        );
        if (device) dropDevice(device);
        results.push({
          target: T,
          id: `pull-${algo}-${plan.big}`,
          label: `first pull into a new device, ${fmtN(plan.big)} rows`,
          rows: pulled,
          pfm: summary,
          statements,
          algo,
        });
        log(
          `${T}: first pull ${algo}: median ${summary.median.toFixed(1)} ms (${Math.round((pulled / summary.median) * 1000)} rows/s), ${statements} statements`,
        );
      }
    }
    await release(`pfm-${plan.big}`);
  }

  // In a child process per size: the first sync (its peak RSS is measured at the largest size), then no-op
  // syncs. A fresh process, as a device runs them: the harness's own heap does not weigh on the timings.
  for (const n of [plan.small, plan.big, plan.huge]) {
    const path = join(work, `child-${T}-${n}.db`);
    // A fresh central store the child opens by its URL (an SQLite file is shared by the two processes).
    const central = await target.fresh(counter);
    try {
      copyDevice(template(n), path).close();
      const child = await runChild([
        path,
        central.url,
        String(plan.noopRuns),
        ...(plan.batchSize ? [String(plan.batchSize)] : []),
      ]);
      if (n === plan.huge) {
        results.push({
          target: T,
          id: `push-pfm-${plan.huge}`,
          label: `first push, ${fmtN(plan.huge)} rows (child process)`,
          rows: plan.huge,
          pfm: summarize([child.firstSyncMs]),
          statements: child.firstSyncStatements,
          algo: 'pfm',
          rssMB: child.maxRssMB,
        });
      }
      results.push({
        target: T,
        id: `noop-pfm-${n}`,
        label: `no-op sync, ${fmtN(n)} rows (child process)`,
        pfm: summarize(child.noop),
        statements: child.noopStatements,
        algo: 'pfm',
      });
      log(
        `${T}: ${fmtN(n)} rows in a child: first sync ${child.firstSyncMs.toFixed(0)} ms, peak RSS ` +
          `${child.maxRssMB.toFixed(0)} MB, no-op median ${summarize(child.noop).median.toFixed(2)} ms, ` +
          `${child.noopStatements} statements`,
      );
    } finally {
      await central.dispose();
      for (const suffix of ['', '-wal', '-shm']) rmSync(path + suffix, { force: true });
    }
  }
}

interface ChildResult {
  firstSyncMs: number;
  firstSyncStatements: number;
  maxRssMB: number;
  noop: number[];
  noopStatements: number;
}

function runChild(args: string[]): Promise<ChildResult> {
  const script = fileURLToPath(new URL('./first-sync-child.ts', import.meta.url));
  const tsx = fileURLToPath(new URL('../node_modules/tsx/dist/loader.mjs', import.meta.url));
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', tsx, script, ...args], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.on('error', reject);
    child.on('exit', (code) => {
      if (code !== 0) return reject(new Error(`first-sync child exited with ${code}`));
      try {
        resolve(JSON.parse(out.trim().split('\n').pop() as string) as ChildResult);
      } catch (e) {
        reject(e as Error);
      }
    });
  });
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
