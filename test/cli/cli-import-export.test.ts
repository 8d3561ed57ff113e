import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cliOn, runCli, tempDataDir } from '../support/cli-runner.js';

const FIXTURES = 'test/fixtures/statements';
let data: { dir: string; dispose: () => void };
let other: { dir: string; dispose: () => void };
beforeEach(async () => {
  data = tempDataDir();
  other = tempDataDir();
  await pfm('user', 'add', 'ann', '--currency', 'EUR');
});
afterEach(() => {
  data.dispose();
  other.dispose();
});

const { pfm, pfmJson } = cliOn(() => data.dir);
const expenses = async <T = { id: string; date: string; note: string }>(...filters: string[]) =>
  (await pfmJson<{ items: T[] }>('expense', 'list', '--user', 'ann', '--limit', '500', ...filters)).items;
const expenseCount = async () => (await expenses()).length;

describe('pfm import', () => {
  it('imports a statement, says how it read it, and adds nothing on a second import', async () => {
    const first = await pfm('import', join(FIXTURES, 'de-sparkasse-latin1.csv'), '--user', 'ann');
    expect(first.code).toBe(0);
    expect(first.stdout).toContain('";"-separated, header on line 4, dates day-first, decimal ","');
    expect(first.stdout).toContain('amount="Betrag (EUR)"');
    expect(first.stdout).toContain('Imported 5 new rows; 0 already imported');
    const second = await pfm('import', join(FIXTURES, 'de-sparkasse-latin1.csv'), '--user', 'ann');
    expect(second.stdout).toContain(
      'This file was imported before, at 2026-11-20T12:00:00.000Z (5 added then)',
    );
    expect(second.stdout).toContain('Imported 0 new rows; 5 already imported');
    const history = await pfmJson<{ fileName: string; added: number; fingerprint: string }[]>(
      'imports',
      '--user',
      'ann',
    );
    expect(history.map((b) => [b.fileName, b.added])).toEqual([['de-sparkasse-latin1.csv', 5]]);
    expect(history[0]?.fingerprint).toMatch(/^[0-9a-f]{64}$/);
    expect(await expenseCount()).toBe(4);
  });

  it('adds only the new lines of an overlapping statement (JSON report)', async () => {
    await pfm('import', join(FIXTURES, 'overlap-september.csv'), '--user', 'ann');
    const r = await pfmJson<{ added: number; duplicates: number; lines?: unknown }>(
      'import',
      join(FIXTURES, 'overlap-october.csv'),
      '--user',
      'ann',
    );
    expect(r).toMatchObject({ added: 2, duplicates: 3 });
    expect(r.lines).toBeUndefined();
  });

  it('asks for --date-format when dates could be day-first or month-first, and writes nothing', async () => {
    const r = await pfm('import', join(FIXTURES, 'ambiguous-dates.csv'), '--user', 'ann');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(
      /^pfm: dates like "01\/02\/2026" could be day-first or month-first: .*--date-format dmy/,
    );
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(await expenseCount()).toBe(0);
    const told = await pfm(
      'import',
      join(FIXTURES, 'ambiguous-dates.csv'),
      '--user',
      'ann',
      '--date-format',
      'DD/MM/YYYY',
    );
    expect(told.code).toBe(0);
    const dates = (await expenses()).map((e) => e.date);
    expect(dates.sort()).toEqual(['2026-02-01', '2026-04-03']);
  });

  it('refuses a file with bad lines, naming every one, unless --skip-bad', async () => {
    const r = await pfm('import', join(FIXTURES, 'bad-lines.csv'), '--user', 'ann');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('3 bad lines in bad-lines.csv; nothing was imported');
    expect(r.stderr).toContain('line 3: date "2026-13-01" is not a year-first date like 2026-10-31');
    expect(r.stderr).toContain('line 5: no amount');
    expect(r.stderr).toContain('line 6: amount is zero');
    expect(await expenseCount()).toBe(0);
    const skipped = await pfm('import', join(FIXTURES, 'bad-lines.csv'), '--user', 'ann', '--skip-bad');
    expect(skipped.code).toBe(0);
    expect(skipped.stdout).toContain(
      'skipped line 3: date "2026-13-01" is not a year-first date like 2026-10-31',
    );
    expect(skipped.stdout).toContain('Imported 3 new rows; 0 already imported; 3 bad lines skipped');
  });

  it('previews with --dry-run, writing nothing', async () => {
    const r = await pfm('import', join(FIXTURES, 'nl-ing.csv'), '--user', 'ann', '--dry-run');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/2026-10-02 +expense +-12\.49 +Uncategorized +Albert Heijn 1403/);
    expect(r.stdout).toContain('Would import 3 new rows');
    expect(await expenseCount()).toBe(0);
  });

  it('refuses bad flags and missing files with exit 2', async () => {
    const cases: [string[], RegExp][] = [
      [['--date-format', 'sometimes'], /date format "sometimes" is not known/],
      [['--decimal', ';'], /decimal must be "\." or ","/],
      [['--format', 'xls'], /format must be csv or ofx/],
      [['--amount-column', 'Saldo'], /no header row with a date and an amount column/],
    ];
    for (const [flags, message] of cases) {
      const r = await pfm('import', join(FIXTURES, 'overlap-september.csv'), '--user', 'ann', ...flags);
      expect(r.code, flags.join(' ')).toBe(2);
      expect(r.stderr).toMatch(message);
    }
    const missing = await pfm('import', join(FIXTURES, 'nope.csv'), '--user', 'ann');
    expect(missing).toMatchObject({ code: 2, stderr: `pfm: no file ${join(FIXTURES, 'nope.csv')}\n` });
    expect(await expenseCount()).toBe(0);
  });

  it('files lines by rules managed with pfm rule', async () => {
    const added = await pfm('rule', 'add', '--user', 'ann', '--contains', 'rewe', '--category', 'Food');
    expect(added.stdout).toMatch(/contains "rewe" -> expense Food/);
    const ambiguous = await pfm('rule', 'add', '--user', 'ann', '--contains', 'x', '--category', 'Nope');
    expect(ambiguous.code).toBe(2);
    expect((await pfm('rule', 'delete', 'no-such-rule', '--user', 'ann')).code).toBe(2);
    expect(await pfmJson<unknown[]>('rule', 'list', '--user', 'ann')).toHaveLength(1);
    await pfm('import', join(FIXTURES, 'de-sparkasse-latin1.csv'), '--user', 'ann');
    const food = await expenses('--category', 'Food');
    expect(food.map((e) => e.note)).toEqual(['REWE Markt Köln']);
  });
});

describe('pfm export and restore', () => {
  it('a JSON backup restored into an empty device exports identically', async () => {
    await pfm('import', join(FIXTURES, 'de-sparkasse-latin1.csv'), '--user', 'ann');
    await pfm('rule', 'add', '--user', 'ann', '--contains', 'rewe', '--category', 'Food');
    await pfm('budget', 'set', '--user', 'ann', '--category', 'Food', '--month', '2026-10', '--limit', '300');
    const goal = await pfmJson<{ id: string }>(
      'goal',
      'add',
      '--user',
      'ann',
      '--name',
      'Bike',
      '--target',
      '900',
    );
    await pfm('goal', 'contribute', goal.id, '--amount', '50');
    const list = await expenses();
    await pfm('expense', 'delete', list[0]?.id ?? '');

    const first = join(data.dir, 'backup.json');
    expect((await pfm('export', '--user', 'ann', '--format', 'json', '--out', first)).code).toBe(0);
    const restored = await runCli(['--data', other.dir, 'restore', first]);
    expect(restored).toMatchObject({ code: 0, stderr: '' });
    const second = join(other.dir, 'backup.json');
    expect(
      (await runCli(['--data', other.dir, 'export', '--user', 'ann', '--format', 'json', '--out', second]))
        .code,
    ).toBe(0);
    expect(readFileSync(second, 'utf8')).toBe(readFileSync(first, 'utf8'));

    const backup = JSON.parse(readFileSync(first, 'utf8')) as {
      tables: { expense: { values: { deleted: number } }[] };
      importRules: unknown[];
    };
    expect(backup.tables.expense.filter((e) => e.values.deleted === 1)).toHaveLength(1);
    expect(backup.importRules).toHaveLength(1);
    // The restored device knows the imported rows: importing the statement there adds nothing.
    const again = await runCli([
      '--data',
      other.dir,
      'import',
      join(FIXTURES, 'de-sparkasse-latin1.csv'),
      '--user',
      'ann',
    ]);
    expect(again.stdout).toContain('Imported 0 new rows; 5 already imported');
  });

  it('refuses to restore into a device that holds data, or a file that is not a backup', async () => {
    await pfm('import', join(FIXTURES, 'overlap-september.csv'), '--user', 'ann');
    const file = join(data.dir, 'backup.json');
    await pfm('export', '--user', 'ann', '--format', 'json', '--out', file);
    const busy = await pfm('restore', file);
    expect(busy.code).toBe(2);
    expect(busy.stderr).toMatch(/this device already holds data \(user ann\)/);

    writeFileSync(join(other.dir, 'bad.json'), '{"format":"something else"}');
    const bad = await runCli(['--data', other.dir, 'restore', join(other.dir, 'bad.json')]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/the file is not a pfm backup/);
    const tampered = JSON.parse(readFileSync(file, 'utf8')) as {
      tables: { category: { values: { kind: string } }[] };
    };
    const first = tampered.tables.category[0];
    if (first) first.values.kind = 'gift';
    writeFileSync(join(other.dir, 'tampered.json'), JSON.stringify(tampered));
    const rejected = await runCli(['--data', other.dir, 'restore', join(other.dir, 'tampered.json')]);
    expect(rejected.code).toBe(2);
    expect(rejected.stderr).toMatch(/kind must be expense or income/);
    const orphaned = JSON.parse(readFileSync(file, 'utf8')) as {
      tables: { category: unknown[] };
      importRules: unknown[];
    };
    orphaned.tables.category = [];
    writeFileSync(join(other.dir, 'orphaned.json'), JSON.stringify(orphaned));
    const inconsistent = await runCli(['--data', other.dir, 'restore', join(other.dir, 'orphaned.json')]);
    expect(inconsistent.code).toBe(2);
    expect(inconsistent.stderr).toMatch(/the backup is not consistent: .*nothing was restored/);
    expect((await runCli(['--data', other.dir, '--json', 'user', 'list'])).stdout.trim()).toBe('[]');
  });

  it('exports expenses and income as CSV that pfm import reads back', async () => {
    await pfm('import', join(FIXTURES, 'fr-banque.csv'), '--user', 'ann');
    const r = await pfm('export', '--user', 'ann', '--format', 'csv');
    const lines = r.stdout.trimEnd().split('\r\n');
    expect(lines[0]).toBe('Date,Type,Category,Amount,Currency,Method or source,Description,Id');
    expect(lines.slice(1).map((l) => l.split(',').slice(0, 5).join(','))).toEqual([
      '2026-10-03,expense,Uncategorized,-23.40,EUR',
      '2026-10-05,income,Uncategorized,2450.00,EUR',
      '2026-10-21,expense,Uncategorized,-1104.12,EUR',
      '2026-10-30,expense,Uncategorized,-7.50,EUR',
    ]);
    const file = join(other.dir, 'export.csv');
    writeFileSync(file, r.stdout);
    await runCli(['--data', other.dir, 'user', 'add', 'ann', '--currency', 'EUR']);
    const back = await runCli(['--data', other.dir, 'import', file, '--user', 'ann']);
    expect(back.stdout).toContain('Imported 4 new rows');
  });
});
