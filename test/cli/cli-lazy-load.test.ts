import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/**
 * A command that needs neither a server nor a central store loads neither: `pfm user list` should start as
 * fast as Node and SQLite allow. Real processes, with a resolve hook (test/support/module-log.mjs) that
 * writes down every module imported.
 */

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const TSX = pathToFileURL(join(ROOT, 'node_modules', 'tsx', 'dist', 'loader.mjs')).href;
const MODULE_LOG = pathToFileURL(join(ROOT, 'test', 'support', 'module-log.mjs')).href;
const ENTRY = join(ROOT, 'src', 'cli', 'run.ts');

/** What a command that keeps to this device must never load. */
const HEAVY = [
  { name: 'fastify', pattern: /\/node_modules\/fastify\// },
  { name: 'pg', pattern: /\/node_modules\/pg\// },
  { name: 'oracledb', pattern: /\/node_modules\/oracledb\// },
  { name: 'the server code', pattern: /\/src\/server\// },
];

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'pfm-lazy-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let runs = 0;
/** Run `pfm args` and return the URLs of the modules it imported. */
function modulesLoadedBy(args: readonly string[]): string[] {
  const log = join(dir, `modules-${++runs}.txt`);
  const result = spawnSync(
    process.execPath,
    ['--import', TSX, '--import', MODULE_LOG, ENTRY, '--data', join(dir, 'data'), ...args],
    {
      cwd: dir,
      encoding: 'utf8',
      env: {
        ...process.env,
        PFM_DATA: undefined,
        PFM_CENTRAL: undefined,
        PFM_CENTRAL_PASSWORD: undefined,
        PFM_TEST_MODULE_LOG: log,
      },
    },
  );
  expect(result.status, result.stderr).toBe(0);
  expect(existsSync(log), 'the module log was written').toBe(true);
  return readFileSync(log, 'utf8').split('\n').filter(Boolean);
}

function heavyIn(urls: readonly string[]): string[] {
  return HEAVY.filter((h) => urls.some((u) => h.pattern.test(u))).map((h) => h.name);
}

describe('the CLI loads what a command uses', { timeout: 60_000 }, () => {
  it('pfm user list loads no server, no central store driver', () => {
    const urls = modulesLoadedBy(['user', 'list']);
    // The hook sees what it should: the command's own modules and its packages.
    expect(urls.some((u) => u.endsWith('/src/cli/commands/user-commands.ts'))).toBe(true);
    expect(urls.some((u) => /\/node_modules\/commander\//.test(u))).toBe(true);
    expect(urls.some((u) => /\/node_modules\/better-sqlite3\//.test(u))).toBe(true);
    expect(heavyIn(urls)).toEqual([]);
    // Nor the input schemas: zod alone takes about a tenth of a second to load, and listing reads no input.
    expect(urls.filter((u) => /\/node_modules\/zod\/|\/src\/domain\/schemas\.ts$/.test(u))).toEqual([]);
  });

  it('neither do --version, --help, sync log and a report from this device', () => {
    for (const args of [
      ['--version'],
      ['--help'],
      ['sync', '--help'],
      ['user', 'add', 'alice'],
      ['sync', 'log', '--user', 'alice'],
      ['report', 'monthly', '--user', 'alice', '--month', '2026-10'],
    ]) {
      expect(heavyIn(modulesLoadedBy(args)), args.join(' ')).toEqual([]);
    }
  });

  it('pfm serve --help describes the server without loading it', () => {
    const urls = modulesLoadedBy(['serve', '--help']);
    expect(heavyIn(urls)).toEqual([]);
  });
});
