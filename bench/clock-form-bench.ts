/**
 * `npx tsx bench/clock-form-bench.ts [-- --postgres URL] [-- --runs N]`
 *
 * What the stored form of a row's clocks costs PostgreSQL: the JSONB object of central schemas before 9 (every
 * field's clock) against the compact text of schema 9 (only the clocks that differ from the row's hlc: empty for
 * a row written whole). Two twin tables of one fresh, migrated central database, copies of `finance_expense`
 * with its indexes, one with the JSONB column; 1,000-row `unnest` inserts of the same expense rows go to each in
 * turn, and the server's own execution time (EXPLAIN ANALYZE) is kept, so the client and the network (the same
 * for both) are left out. Prints the medians and the stored sizes.
 */
import pg from 'pg';
import { encodeClock } from '../src/domain/clock-codec.js';
import { TABLES, type FieldValue } from '../src/domain/tables.js';
import { unnestColumns } from './raw.js';
import { StatementCounter, postgresTarget } from './stores.js';

const argv = process.argv.slice(2);
const option = (flag: string) => {
  const i = argv.indexOf(flag);
  return i >= 0 ? argv[i + 1] : undefined;
};
const adminUrl =
  option('--postgres') ?? process.env.PFM_BENCH_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const runs = Number(option('--runs') ?? 30);
const BATCH = 1000;

const FORMS = {
  json: { table: 'bench_clock_json', cast: '::jsonb' },
  compact: { table: 'bench_clock_compact', cast: '' },
} as const;
type Form = keyof typeof FORMS;

const fields = TABLES.expense.fields;
const { cols: columns, types } = unnestColumns('expense');

function insertSql(form: Form): string {
  const { table, cast } = FORMS[form];
  const values = columns.map((c) => (c === 'clock' ? `u.clock${cast}` : `u.${c}`));
  return (
    `EXPLAIN (ANALYZE, FORMAT JSON) INSERT INTO ${table} (${columns.join(', ')}, server_seq, origin) ` +
    `SELECT ${values.join(', ')}, nextval('pfm_server_seq'), 'bench' ` +
    `FROM unnest(${types.map((t, i) => `$${i + 1}::${t}[]`).join(', ')}) AS u(${columns.join(', ')})`
  );
}

/** `BATCH` expense rows written whole (every field at the row's clock), numbered from `first`, as bind arrays. */
function batch(form: Form, first: number): FieldValue[][] {
  const rows = Array.from({ length: BATCH }, (_, k) => {
    const n = first + k;
    const hlc = `${new Date(Date.UTC(2026, 0, 1) + n * 7).toISOString()}-0000-0123456789abcdef`;
    const values: Record<string, FieldValue> = {
      user_id: 'bench-user',
      category_id: 'bench-category',
      amount: 1000 + (n % 9000),
      expense_date: '2026-01-02',
      payment_method: 'card',
      description: 'lunch with a friend',
      deleted: 0,
      account_id: 'bench-user',
      status: 'uncleared',
      payee: 'Cafe',
      tags: null,
      splits: null,
    };
    const clock = Object.fromEntries(fields.map((f) => [f.name, hlc]));
    const stored = form === 'json' ? JSON.stringify(clock) : encodeClock(clock, hlc);
    return [`${form}-${n}`, ...fields.map((f) => values[f.name] ?? null), hlc, stored, hlc.slice(0, 24)];
  });
  return columns.map((_, c) => rows.map((r) => r[c] ?? null));
}

const median = (xs: readonly number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;

async function main(): Promise<void> {
  const target = postgresTarget(adminUrl);
  const central = await target.fresh(new StatementCounter());
  const client = new pg.Client({ connectionString: central.url });
  await client.connect();
  try {
    await client.query(
      `CREATE TABLE ${FORMS.json.table} (LIKE finance_expense INCLUDING ALL);` +
        `ALTER TABLE ${FORMS.json.table} ALTER COLUMN clock TYPE jsonb USING '{}'::jsonb;` +
        `CREATE TABLE ${FORMS.compact.table} (LIKE finance_expense INCLUDING ALL);`,
    );
    const ms: Record<Form, number[]> = { json: [], compact: [] };
    for (let run = 0; run < runs; run++) {
      for (const form of ['json', 'compact'] as const) {
        const { rows } = await client.query<{ 'QUERY PLAN': [{ 'Execution Time': number }] }>(
          insertSql(form),
          batch(form, run * BATCH),
        );
        ms[form].push(rows[0]?.['QUERY PLAN'][0]['Execution Time'] ?? NaN);
      }
    }
    const { rows: sizes } = await client.query<Record<string, string>>(
      `SELECT pg_total_relation_size('${FORMS.json.table}') AS json_bytes, ` +
        `pg_total_relation_size('${FORMS.compact.table}') AS compact_bytes, ` +
        `(SELECT round(avg(pg_column_size(t.*))) FROM ${FORMS.json.table} t) AS json_row, ` +
        `(SELECT round(avg(pg_column_size(t.*))) FROM ${FORMS.compact.table} t) AS compact_row`,
    );
    const s = sizes[0] ?? {};
    for (const form of ['json', 'compact'] as const) {
      const m = median(ms[form]);
      process.stdout.write(
        `${form.padEnd(8)} ${m.toFixed(1)} ms per ${BATCH} rows (${Math.round((BATCH * 1000) / m)} rows/s server ` +
          `time), ${s[`${form}_row`]} bytes per row, ${s[`${form}_bytes`]} bytes for ${runs * BATCH} rows ` +
          `with indexes\n`,
      );
    }
  } finally {
    await client.end();
    await central.dispose();
    await target.close();
  }
}

await main();
