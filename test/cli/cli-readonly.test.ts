import { chmodSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pfmProcess } from '../support/cli-runner.js';

// A data folder this process cannot write. Root writes through any mode bits, so as root (CI) the commands
// run as the unprivileged user 65534 ("nobody"), for whom a root-owned 0555 folder really is read-only.
const asRoot = process.getuid?.() === 0;
const as = asRoot ? { uid: 65534, gid: 65534 } : {};

describe('a read-only data folder (real processes)', { timeout: 120_000 }, () => {
  let root: string;
  let data: string;
  beforeAll(() => {
    root = mkdtempSync(join(tmpdir(), 'pfm-readonly-'));
    chmodSync(root, 0o755); // readable by the other user
    data = join(root, 'device');
    const made = pfmProcess(['--data', data, 'user', 'add', 'Sam', '--currency', 'EUR']);
    expect(made.code, made.stderr).toBe(0);
    expect(
      pfmProcess([
        '--data',
        data,
        'expense',
        'add',
        '--user',
        'Sam',
        '--amount',
        '12.50',
        '--category',
        'Food',
        '--date',
        '2026-11-02',
      ]).code,
    ).toBe(0);
    chmodSync(data, 0o555);
    mkdirSync(join(root, 'locked'), { mode: 0o555 });
  });
  afterAll(() => {
    chmodSync(data, 0o755);
    rmSync(root, { recursive: true, force: true });
  });

  it('reads work: user list, expense list and reports', () => {
    const users = pfmProcess(['--data', data, 'user', 'list'], as);
    expect(users.stderr).toBe('');
    expect(users.code).toBe(0);
    expect(users.stdout).toContain('Sam');
    const expenses = pfmProcess(['--data', data, '--json', 'expense', 'list', '--user', 'Sam'], as);
    expect(expenses.code, expenses.stderr).toBe(0);
    expect(expenses.stdout).toContain('1250');
    const report = pfmProcess(
      ['--data', data, 'report', 'monthly', '--user', 'Sam', '--month', '2026-11'],
      as,
    );
    expect(report.code, report.stderr).toBe(0);
    expect(report.stdout).toContain('12.50');
  });

  it('a write fails with one line saying the folder is read-only, exit 1', () => {
    const r = pfmProcess(['--data', data, 'user', 'add', 'Bob'], as);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^pfm: cannot write the device database: its folder is read-only .*\n$/);
  });

  it('a database that cannot be created names the path and the reason, exit 1', () => {
    const path = join(root, 'locked', 'device', 'pfm.db');
    const r = pfmProcess(['--data', join(root, 'locked', 'device'), 'user', 'list'], as);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(
      `pfm: cannot open the device database ${path}: the folder ${join(root, 'locked')} is read-only (permission denied)\n`,
    );
  });
});
