import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cliOn, pfmProcess, tempDataDir } from '../support/cli-runner.js';

const FIXTURES = 'test/fixtures/statements';
const OFX = join(FIXTURES, 'checking-v1.ofx');
let data: { dir: string; dispose: () => void };
beforeEach(async () => {
  data = tempDataDir();
  await pfmJson('user', 'add', 'ann', '--currency', 'USD');
});
afterEach(() => data.dispose());

const { pfm, pfmJson } = cliOn(() => data.dir);

const balances = async () =>
  Object.fromEntries(
    (
      await pfmJson<{ accounts: { name: string; balance: number }[] }>(
        'account',
        'list',
        '--user',
        'ann',
        '--all',
      )
    ).accounts.map((a) => [a.name, a.balance]),
  );

describe('pfm import into accounts', () => {
  it('puts a CSV statement into the first account, or the one --account names', async () => {
    await pfmJson('account', 'add', 'Joint', '--user', 'ann');
    const first = await pfmJson<{ added: number; intoAccount: { name: string } }>(
      'import',
      join(FIXTURES, 'overlap-september.csv'),
      '--user',
      'ann',
    );
    expect(first.intoAccount.name).toBe('Main account');
    const into = await pfm(
      'import',
      join(FIXTURES, 'us-checking-bom.csv'),
      '--user',
      'ann',
      '--account',
      'joint',
    );
    expect(into.code).toBe(0);
    expect(into.stdout).toContain('into account Joint');
    const joint = await pfmJson<{ total: number }>('expense', 'list', '--user', 'ann', '--account', 'joint');
    expect(joint.total).toBeGreaterThan(0);
    const main = await pfmJson<{ items: { accountName: string }[] }>(
      'expense',
      'list',
      '--user',
      'ann',
      '--account',
      'main account',
    );
    expect(main.items.every((e) => e.accountName === 'Main account')).toBe(true);
  });

  it("asks once which account an OFX file's bank account is, then remembers it", async () => {
    await pfmJson('account', 'add', 'Checking', '--user', 'ann');
    const asked = pfmProcess(['--data', data.dir, 'import', OFX, '--user', 'ann']);
    expect(asked.code).toBe(2);
    expect(asked.stderr).toMatch(
      /^pfm: checking-v1\.ofx is from bank account 121000248\/000123456789, .*--account/,
    );
    expect((await balances()).Checking).toBe(0);

    const dry = await pfmJson<{ dryRun: boolean }>(
      'import',
      OFX,
      '--user',
      'ann',
      '--account',
      'checking',
      '--dry-run',
    );
    expect(dry.dryRun).toBe(true);
    // A dry run remembers nothing.
    expect((await pfm('import', OFX, '--user', 'ann')).code).toBe(2);

    const first = await pfmJson<{ added: number }>('import', OFX, '--user', 'ann', '--account', 'checking');
    expect(first.added).toBe(5);
    expect(await balances()).toEqual({ Checking: 149733, 'Main account': 0 });
    const again = await pfmJson<{ added: number; duplicates: number; intoAccount: { name: string } }>(
      'import',
      OFX,
      '--user',
      'ann',
    );
    expect(again).toMatchObject({ added: 0, duplicates: 5, intoAccount: { name: 'Checking' } });
  });

  it('keeps the remembered account of a user renamed before their first sync', async () => {
    await pfmJson('import', OFX, '--user', 'ann');
    await pfmJson('user', 'rename', 'ann', 'anna');
    await pfmJson('account', 'add', 'Other', '--user', 'anna');
    const again = await pfmJson<{ duplicates: number; intoAccount: { name: string } }>(
      'import',
      OFX,
      '--user',
      'anna',
    );
    expect(again).toMatchObject({ duplicates: 5, intoAccount: { name: 'Main account' } });
  });

  it('imports an OFX file into the only account without asking, and refuses an archived one', async () => {
    const r = await pfmJson<{ added: number; intoAccount: { name: string } }>('import', OFX, '--user', 'ann');
    expect(r).toMatchObject({ added: 5, intoAccount: { name: 'Main account' } });
    await pfmJson('account', 'add', 'Old', '--user', 'ann');
    await pfmJson('account', 'archive', 'Old', '--user', 'ann');
    const refused = await pfm(
      'import',
      join(FIXTURES, 'overlap-september.csv'),
      '--user',
      'ann',
      '--account',
      'old',
    );
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/--account: account "Old" is archived/);
  });
});
