/**
 * The default path: what a person who installs pfm and runs it with no settings waits for. Whole processes
 * of the built command line (`bin/pfm.js`), each in a folder of its own with the default data folder and
 * the default central store (no PFM_DATA, no PFM_CENTRAL), on `pfm demo` data; `node -e 0` is measured in
 * the same run beside them, since a process can be no faster than Node's own start.
 */
import { copyFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { machineInfo, type MachineInfo } from './machine.js';
import { PFM_BIN, ProcessRunner, checkBuild, type ProcessSample } from './process-run.js';
import { summarize, type Summary } from './stats.js';
import { sqliteVersion } from './stores.js';
import { webSyncRun } from './web-sync.js';

/** Noop web syncs after each first one. */
const WEB_NOOPS = 3;
const USER = 'alice';

export interface DefaultPathRow {
  readonly id: string;
  readonly label: string;
  readonly ms: Summary;
  /** Peak RSS per run, MB. */
  readonly rssMB?: Summary;
  /** A whole process: shown against `node -e 0`. */
  readonly process: boolean;
  readonly targetMs?: number;
  readonly targetRssMB?: number;
}

export interface DefaultPathResult {
  readonly date: string;
  readonly machine: MachineInfo & { readonly loadAfter: readonly number[] };
  readonly sqlite: string;
  readonly runs: number;
  readonly demo: { readonly users: number; readonly records: number };
  readonly rssMethod: string;
  readonly node: Summary;
  readonly rows: readonly DefaultPathRow[];
  readonly minutes: number;
}

interface DemoJson {
  readonly users: number;
  readonly total: number;
  readonly password: string;
}

/** Measure the default path `runs` times in `work` (a temporary folder the caller removes). */
export async function runDefaultPath(
  runs: number,
  work: string,
  log: (text: string) => void,
): Promise<DefaultPathResult> {
  checkBuild();
  const started = Date.now();
  const machine = machineInfo();
  const runner = new ProcessRunner(work);
  // The demo device is made once and copied: making it is not what is measured, and each first sync needs a
  // device that has never synced.
  const templateDir = join(work, 'template');
  mkdirSync(templateDir, { recursive: true });
  const demo = JSON.parse((await runner.run([PFM_BIN, 'demo', '--json'], templateDir)).stdout) as DemoJson;
  const template = join(templateDir, 'pfm-data', 'pfm.db');
  const freshDevice = (name: string): string => {
    const dir = join(work, name);
    mkdirSync(join(dir, 'pfm-data'), { recursive: true });
    copyFileSync(template, join(dir, 'pfm-data', 'pfm.db'));
    return dir;
  };

  const node: ProcessSample[] = [];
  const samples = new Map<string, ProcessSample[]>();
  const add = (id: string, s: ProcessSample) => samples.set(id, [...(samples.get(id) ?? []), s]);
  const web = { login: [] as number[], first: [] as number[], noop: [] as number[], rss: [] as number[] };
  for (let i = 0; i < runs; i++) {
    const dir = freshDevice(`cli-${i}`);
    const pfm = (...args: string[]) => runner.run([PFM_BIN, ...args], dir);
    node.push(await runner.run(['-e', '0'], dir));
    add('sync-all-first', await pfm('sync', '--all'));
    add('sync-all-noop', await pfm('sync', '--all'));
    add('sync-user-noop', await pfm('sync', '--user', USER));
    add('user-list', await pfm('user', 'list'));
    node.push(await runner.run(['-e', '0'], dir));
    const w = await webSyncRun(runner, freshDevice(`web-${i}`), USER, demo.password, WEB_NOOPS);
    web.login.push(w.loginMs);
    web.first.push(w.firstMs);
    web.noop.push(...w.noopMs);
    web.rss.push(w.rssMB);
    log(
      `default path run ${i + 1}/${runs}: node -e 0 ${node[node.length - 1]?.ms.toFixed(0)} ms, ` +
        [...samples].map(([id, s]) => `${id} ${s[s.length - 1]?.ms.toFixed(0)} ms`).join(', ') +
        `, web first ${w.firstMs.toFixed(0)} ms, web no-op ${w.noopMs.map((x) => x.toFixed(1)).join('/')} ms`,
    );
  }

  const proc = (id: string, label: string, targetMs: number): DefaultPathRow => {
    const s = samples.get(id) ?? [];
    return {
      id,
      label,
      ms: summarize(s.map((x) => x.ms)),
      rssMB: summarize(s.map((x) => x.rssMB)),
      process: true,
      targetMs,
      targetRssMB: 150,
    };
  };
  const rows: DefaultPathRow[] = [
    proc('user-list', '`pfm user list`', 150),
    proc('sync-user-noop', `\`pfm sync --user ${USER}\`, nothing to do`, 200),
    proc('sync-all-first', '`pfm sync --all`, first (new central file)', 1500),
    proc('sync-all-noop', '`pfm sync --all`, nothing to do', 500),
    {
      id: 'web-first',
      label: `web "Sync now", first sync of ${USER}`,
      ms: summarize(web.first),
      rssMB: summarize(web.rss),
      process: false,
      targetMs: 1000,
    },
    {
      id: 'web-noop',
      label: `web "Sync now", nothing to do (${WEB_NOOPS} after each first)`,
      ms: summarize(web.noop),
      process: false,
      targetMs: 50,
    },
    { id: 'web-login', label: `web log-in of ${USER} (context)`, ms: summarize(web.login), process: false },
  ];
  return {
    date: new Date().toISOString().slice(0, 10),
    machine: { ...machine, loadAfter: machineInfo().load },
    sqlite: sqliteVersion(),
    runs,
    demo: { users: demo.users, records: demo.total },
    rssMethod: runner.rssMethod,
    node: summarize(node.map((x) => x.ms)),
    rows,
    minutes: (Date.now() - started) / 60_000,
  };
}
