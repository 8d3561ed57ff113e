/**
 * Statement import at scale: a 100,000-line bank CSV (semicolons, quoted fields, day-first dates, decimal
 * commas and thousands dots, a German bank's header, Windows-1252 bytes) imported for one user into a device
 * database on disk, with ten category rules. Timed from the file's bytes to the committed transaction: decode,
 * parse, detect, key, match rules, check duplicates, insert. Then the same file again (every line a duplicate)
 * and a dry run. Run: npm run bench:import [-- --lines N --runs N]. Writes docs/import-benchmark.md
 * (target: a 100,000-line CSV imports in under 5 s).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { format, resolveConfig } from 'prettier';
import { CategoryRepository } from '../src/local/category-repository.js';
import { ImportRuleRepository } from '../src/local/import-rule-repository.js';
import { LocalStore } from '../src/local/local-store.js';
import { StatementImporter, type ImportResult } from '../src/local/statement-import.js';
import { UserRepository } from '../src/local/user-repository.js';
import { machineInfo, packageVersion } from './machine.js';

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const LINES = arg('lines', 100_000);
const RUNS = arg('runs', 3);
const TARGET_MS = 5000;

const MERCHANTS = [
  'REWE Markt Köln',
  'Bäckerei Schön',
  'Deutsche Bahn; Fernverkehr',
  'Stadtwerke Strom',
  'Apotheke am Markt',
  'Café "Zentral"',
  'Amazon EU S.a.r.l.',
  'Tankstelle Süd',
  'Kino Odeon',
  'Buchhandlung Weiß',
];

/** A statement shaped like a German savings bank's export; a seeded generator makes every run the same file. */
function statement(lines: number): Uint8Array {
  let seed = 42;
  const next = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
  const out = [
    '"Buchungstag";"Valutadatum";"Verwendungszweck";"Begünstigter/Zahlungspflichtiger";"Betrag (EUR)"',
  ];
  const start = Date.UTC(2018, 0, 1);
  for (let i = 0; i < lines; i++) {
    const day = new Date(start + Math.floor((i / lines) * 3000) * 86_400_000);
    const date = `${String(day.getUTCDate()).padStart(2, '0')}.${String(day.getUTCMonth() + 1).padStart(2, '0')}.${day.getUTCFullYear()}`;
    const merchant = MERCHANTS[Math.floor(next() * MERCHANTS.length)] ?? '';
    const income = next() < 0.05;
    const cents = income ? 100_000 + Math.floor(next() * 400_000) : 100 + Math.floor(next() * 20_000);
    const euros = Math.floor(cents / 100)
      .toString()
      .replace(/\B(?=(\d{3})+(?!\d))/g, '.');
    const amount = `${income ? '' : '-'}${euros},${String(cents % 100).padStart(2, '0')}`;
    const purpose = `Ref ${i.toString(36).toUpperCase()} ${merchant}`;
    out.push(
      `"${date}";"${date}";"${purpose.replace(/"/g, '""')}";"${merchant.replace(/"/g, '""')}";"${amount}"`,
    );
  }
  // Windows-1252, as such exports are: every character used here has a one-byte code.
  const text = `${out.join('\r\n')}\r\n`;
  return new Uint8Array(Buffer.from(text, 'latin1'));
}

interface Timing {
  readonly ms: number;
  readonly result: ImportResult;
}

function timed(importer: StatementImporter, userId: string, bytes: Uint8Array, dryRun = false): Timing {
  const t0 = performance.now();
  const result = importer.run(userId, { bytes, fileName: 'statement.csv', options: {}, dryRun });
  return { ms: performance.now() - t0, result };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;

const bytes = statement(LINES);
const first: number[] = [];
const again: number[] = [];
const dry: number[] = [];
let added = 0;
for (let run = 0; run < RUNS; run++) {
  const dir = mkdtempSync(join(tmpdir(), 'pfm-import-bench-'));
  const store = LocalStore.open({ path: join(dir, 'pfm.db') });
  try {
    const user = new UserRepository(store).create({ name: 'bench', currency: 'EUR', locale: 'de-DE' });
    const categories = new CategoryRepository(store);
    const rules = new ImportRuleRepository(store);
    for (const [text, name] of [
      ['rewe', 'Food'],
      ['bäckerei', 'Food'],
      ['bahn', 'Transport'],
      ['tankstelle', 'Transport'],
      ['stadtwerke', 'Utilities'],
      ['apotheke', 'Health'],
      ['kino', 'Entertainment'],
      ['amazon', 'Shopping'],
      ['buchhandlung', 'Shopping'],
      ['café', 'Food'],
    ] as const) {
      rules.add(user.id, text, categories.resolve(user.id, name, 'expense').id);
    }
    const importer = new StatementImporter(store);
    dry.push(timed(importer, user.id, bytes, true).ms);
    const firstRun = timed(importer, user.id, bytes);
    first.push(firstRun.ms);
    added = firstRun.result.added;
    const second = timed(importer, user.id, bytes);
    if (second.result.added !== 0) throw new Error(`re-import added ${second.result.added} rows`);
    again.push(second.ms);
  } finally {
    store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

const machine = machineInfo();
const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
const rows = [
  ['first import (all lines new)', first],
  ['the same file again (all duplicates)', again],
  ['dry run (preview)', dry],
] as const;
const table = rows.map(
  ([what, xs]) => `| ${what} | ${seconds(median(xs))} | ${xs.map(seconds).join(', ')} |`,
);
const verdict = median(first) < TARGET_MS ? 'met' : 'missed';
const doc = `# Statement import benchmark

Generated by \`npm run bench:import\` (bench/import-bench.ts); do not edit by hand.

A ${LINES.toLocaleString('en-US')}-line CSV (${(bytes.length / 1024 / 1024).toFixed(1)} MiB, Windows-1252, semicolons, every
field quoted, day-first dates, decimal commas with thousands dots, a German bank's header) imported for one user into
a device database on disk with ten category rules: from the file's bytes to the committed transaction (decode,
parse with csv-parse ${packageVersion('csv-parse')}, detect the layout, key each line, match rules, check duplicates, insert each row
with its clocks and its import source). ${added.toLocaleString('en-US')} rows added. Median of ${RUNS} runs, each on a fresh database.

| run | median | all runs |
| --- | ---: | --- |
${table.join('\n')}

Target: under ${seconds(TARGET_MS)} for the first import: **${verdict}**.

Machine: ${machine.cpu}, ${machine.cores} cores, ${machine.memoryGiB} GiB, ${machine.os}, Node ${machine.node},
load ${machine.load.join(' / ')} (other work shares this machine, so figures vary between runs).
`;
// Formatted as `npm run lint` checks it, so a fresh run never leaves the docs failing the format check.
const out = new URL('../docs/import-benchmark.md', import.meta.url);
const formatted = await format(doc, { ...(await resolveConfig(out)), parser: 'markdown' });
writeFileSync(out, formatted);
console.log(formatted);
