import type { MachineInfo } from './machine.js';
import { fmtMs, type Summary } from './stats.js';
import { HUB_TARGET, hubChecks } from './hub-report.js';

/** The target of the raw limits measured on a device file (the central stores are 'SQLite' and 'PostgreSQL'). */
export const DEVICE_TARGET = 'Device (SQLite)';

export interface Measurement {
  /** 'SQLite' | 'PostgreSQL' (central stores) or DEVICE_TARGET */
  readonly target: string;
  /** e.g. push-pfm-100000, noop-seed-1000, raw-insert */
  readonly id: string;
  readonly label: string;
  /** Rows moved, for a throughput. */
  readonly rows?: number;
  /** Wall time of one run, ms. */
  readonly pfm: Summary;
  /** Central statements (round trips) of one run. */
  readonly statements?: number;
  readonly algo?: 'pfm' | 'seed';
  /** Peak RSS of the process, MB. */
  readonly rssMB?: number;
}

export interface ReportInput {
  readonly results: readonly Measurement[];
  readonly machine: MachineInfo & { readonly loadAfter: readonly number[] };
  readonly versions: Readonly<Record<string, string>>;
  readonly quick: boolean;
  readonly minutes: number;
  readonly command: string;
  readonly analysis: string;
  /** The rendered "Default path" section, or '' when there is none. */
  readonly defaultPath: string;
  readonly sizes: {
    readonly small: number;
    readonly mid: number;
    readonly big: number;
    readonly huge: number;
  };
}

const n = (x: number) => Math.round(x).toLocaleString('en-US');
const rate = (m: Measurement) => (m.rows ? (m.rows / m.pfm.median) * 1000 : undefined);
const timing = (s: Summary) =>
  s.runs === 1
    ? `${fmtMs(s.median)} (1 run)`
    : `${fmtMs(s.median)} (${fmtMs(s.min)}–${fmtMs(s.max)}, n=${s.runs})`;

function mdTable(head: string[], rows: string[][]): string {
  return [
    `| ${head.join(' | ')} |`,
    `| ${head.map(() => '---').join(' | ')} |`,
    ...rows.map((r) => `| ${r.join(' | ')} |`),
  ].join('\n');
}

interface Check {
  readonly what: string;
  readonly target: string;
  readonly value: string;
  readonly met: boolean | null;
}

function checks(results: readonly Measurement[], store: string, sizes: ReportInput['sizes']): Check[] {
  if (store === HUB_TARGET) return hubChecks(results, sizes.big);
  const get = (id: string) => results.find((m) => m.target === store && m.id === id);
  const out: Check[] = [];
  const ms = (id: string, limit: number, what: string) => {
    const m = get(id);
    out.push({
      what,
      target: `< ${limit} ms`,
      value: m ? fmtMs(m.pfm.median) : 'not measured',
      met: m ? m.pfm.median < limit : null,
    });
  };
  ms(`noop-pfm-${sizes.small}`, 5, `no-op sync, ${n(sizes.small)} rows`);
  ms(`noop-pfm-${sizes.big}`, 5, `no-op sync, ${n(sizes.big)} rows`);
  ms(`noop-pfm-${sizes.huge}`, 5, `no-op sync, ${n(sizes.huge)} rows`);
  const small = get(`noop-pfm-${sizes.small}`);
  const huge = get(`noop-pfm-${sizes.huge}`);
  out.push({
    what: `no-op at ${n(sizes.huge)} ÷ no-op at ${n(sizes.small)}`,
    target: '≤ 2×',
    value: small && huge ? `${(huge.pfm.median / small.pfm.median).toFixed(2)}×` : 'not measured',
    met: small && huge ? huge.pfm.median <= 2 * small.pfm.median : null,
  });
  for (const [id, what] of [
    [`push-pfm-${sizes.big}`, `first push, ${n(sizes.big)} rows`],
    [`pull-pfm-${sizes.big}`, `first pull, ${n(sizes.big)} rows`],
  ] as const) {
    const m = get(id);
    const r = m ? rate(m) : undefined;
    out.push({
      what,
      target: '≥ 80,000 rows/s',
      value: r ? `${n(r)} rows/s` : 'not measured',
      met: r ? r >= 80_000 : null,
    });
  }
  ms('incr-pfm-100', 10, 'incremental sync, 100 rows');
  for (const size of [sizes.mid, sizes.big]) {
    const p = get(`push-pfm-${size}`);
    const s = get(`push-seed-${size}`);
    out.push({
      what: `speed-up over the original specification's row-by-row algorithm, first push of ${n(size)} rows`,
      target: '≥ 15×',
      value: p && s ? `${(s.pfm.median / p.pfm.median).toFixed(1)}×` : 'not measured',
      met: p && s ? s.pfm.median / p.pfm.median >= 15 : null,
    });
  }
  const rawInsert = get('raw-insert');
  const rawSqlite = results.find((m) => m.id === 'raw-sqlite');
  for (const [id, raw, what] of [
    [`push-pfm-${sizes.big}`, rawInsert, 'first push as a share of the raw unnest insert (same rows)'],
    [`pull-pfm-${sizes.big}`, rawSqlite, 'first pull as a share of the raw SQLite bulk insert (same rows)'],
  ] as const) {
    const m = get(id);
    const r = m ? rate(m) : undefined;
    const limit = raw ? rate(raw) : undefined;
    out.push({
      what,
      target: '(context)',
      value:
        r && limit ? `${Math.round((100 * r) / limit)}% (${n(r)} of ${n(limit)} rows/s)` : 'not measured',
      met: null,
    });
  }
  // What the synced tables' shape costs the machine before any sync runs (bench/raw.ts, narrow rows).
  for (const [wide, narrowRows, what] of [
    [rawInsert, get('raw-insert-narrow'), 'raw unnest insert: synced rows vs narrow rows'],
    [
      rawSqlite,
      results.find((m) => m.id === 'raw-sqlite-narrow'),
      'raw SQLite insert: synced rows vs narrow rows',
    ],
  ] as const) {
    const w = wide ? rate(wide) : undefined;
    const x = narrowRows ? rate(narrowRows) : undefined;
    out.push({
      what,
      target: '(context)',
      value: w && x ? `${n(w)} vs ${n(x)} rows/s` : 'not measured',
      met: null,
    });
  }
  const big = get(`push-pfm-${sizes.huge}`);
  out.push({
    what: `peak RSS, first sync of ${n(sizes.huge)} rows`,
    target: '< 300 MB',
    value: big?.rssMB ? `${n(big.rssMB)} MB` : 'not measured',
    met: big?.rssMB ? big.rssMB < 300 : null,
  });
  return out;
}

function resultRows(results: readonly Measurement[], store: string): string[][] {
  const mine = results.filter((m) => m.target === store && m.algo !== 'seed');
  return mine.map((m) => {
    const seed =
      m.algo === 'pfm'
        ? results.find((s) => s.target === store && s.id === m.id.replace('-pfm-', '-seed-'))
        : undefined;
    const r = rate(m);
    return [
      m.label,
      timing(m.pfm),
      r ? n(r) : '',
      m.statements === undefined ? '' : n(m.statements),
      m.rssMB ? `${n(m.rssMB)} MB` : '',
      seed ? timing(seed.pfm) : '',
      seed?.statements === undefined ? '' : n(seed.statements),
      seed ? `${(seed.pfm.median / m.pfm.median).toFixed(1)}×` : '',
    ];
  });
}

export function renderReport(input: ReportInput): { table: string; markdown: string } {
  const { results, machine, versions, sizes } = input;
  const head = [
    'measurement',
    'pfm: median (min–max)',
    'rows/s',
    'round trips',
    'peak RSS',
    'seed port: median',
    'seed round trips',
    'pfm speed-up',
  ];
  const stores = [...new Set(results.map((m) => m.target))];
  const sections: string[] = [];
  for (const store of stores) {
    sections.push(`### ${store}\n\n${mdTable(head, resultRows(results, store))}`);
  }
  const targetSections: string[] = [];
  for (const store of stores.filter((s) => s !== DEVICE_TARGET)) {
    const rows = checks(results, store, sizes).map((c) => [
      c.what,
      c.target,
      c.value,
      c.met === null ? '–' : c.met ? 'met' : '**missed**',
    ]);
    targetSections.push(
      `### ${store}${store === 'PostgreSQL' ? ' (where the targets apply)' : store === HUB_TARGET ? '' : ' (the embedded default; for reference)'}\n\n${mdTable(['target', 'goal', 'measured', ''], rows)}`,
    );
  }
  const v = (k: string) => versions[k] ?? 'not run';
  const machineText = [
    `- CPU: ${machine.cpu}, ${machine.cores} cores; memory ${machine.memoryGiB} GiB; ${machine.os}`,
    `- Node ${machine.node}; ` +
      [
        versions.PostgreSQL && `PostgreSQL server ${versions.PostgreSQL} (loopback, default configuration)`,
        versions.SQLite && `SQLite ${versions.SQLite} (the embedded central store, one file)`,
        `better-sqlite3 ${v('better-sqlite3')}`,
        `pg ${v('pg')}`,
      ]
        .filter(Boolean)
        .join('; '),
    `- Load average (1, 5, 15 min) at the start: ${machine.load.join(', ')}; at the end: ${machine.loadAfter.join(', ')} ` +
      `(the machine is shared; the load is what else was running)`,
    `- ${input.quick ? '**Quick run** (scaled-down sizes: not the published figures)' : 'Full run'}: \`${input.command}\`, ${input.minutes.toFixed(1)} minutes`,
  ].join('\n');
  const markdown = `# Benchmarks

Generated by \`npm run bench\` (bench/run.ts); the text after the tables comes from bench/analysis.md.
Do not edit the tables by hand: run the benchmark again.
Other benchmarks: [API latency](api-benchmark.md) (\`npm run bench:api\`),
[statement import](import-benchmark.md) (\`npm run bench:import\`, a 100,000-line CSV) and
[the hub under load](hub-benchmark.md) (\`npm run bench:hub\`: 200 devices of 50 users in processes of their own, two hubs behind HAProxy; syncs per second and per hub core, p95 sync latency).
The default-path section alone: \`npm run bench:default\`; the web UI's section (passwords, registering, transfer
sizes): \`npm run bench:web\`.

## Machine

${machineText}
${input.defaultPath ? `\n${input.defaultPath}\n` : ''}
## Targets

${targetSections.join('\n\n')}

## Results

Every figure is the wall time of a whole sync run of one user (sync log, push, pull, activity record), from
\`SyncEngine.syncUser\` over a direct connection, unless the row says otherwise. "Round trips" counts the
statements sent to the central store that waited for an answer (its \`onStatement\` hook), BEGIN and COMMIT
included; statements pipelined behind another (sent before its answer came back) share its round trip. The port of the original specification's row-by-row sync (the "original-algorithm port") is
\`bench/seed-sync.ts\`, run on the same data, the same kind of fresh central store and in the same run; it
and the raw central limits speak PostgreSQL's SQL, so the SQLite store's table has pfm's rows only.

${sections.join('\n\n')}

${input.analysis}`;
  const table = [machineText, '', ...sections, '', '## Targets', '', ...targetSections].join('\n');
  return { table, markdown };
}
