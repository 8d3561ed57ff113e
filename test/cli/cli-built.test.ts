import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureWebBuilt, ROOT } from '../support/browser.js';

/**
 * The command line as an installed pfm runs it: bin/pfm.js on the bundle in dist/pfm/ (the build's last
 * step), with the server and the drivers in chunks and packages loaded on demand. Built here when missing or
 * older than the sources.
 */

const BIN = join(ROOT, 'bin', 'pfm.js');
const BUNDLE = join(ROOT, 'dist', 'pfm', 'run.js');

function newest(path: string): number {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(stat.mtimeMs, ...readdirSync(path).map((name) => newest(join(path, name))));
}

function ensureBuilt(): void {
  if (existsSync(BUNDLE) && statSync(BUNDLE).mtimeMs >= newest(join(ROOT, 'src'))) return;
  execFileSync(
    process.execPath,
    [join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.build.json'],
    {
      cwd: ROOT,
      stdio: 'pipe',
    },
  );
  execFileSync(process.execPath, [join(ROOT, 'tools', 'bundle-cli.mjs')], { cwd: ROOT, stdio: 'pipe' });
}

let dir: string;
beforeAll(() => {
  ensureBuilt();
  ensureWebBuilt();
  dir = mkdtempSync(join(tmpdir(), 'pfm-built-'));
}, 180_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const pfm = (...args: string[]) =>
  execFileSync(process.execPath, [BIN, '--data', join(dir, 'device'), ...args], {
    cwd: dir,
    encoding: 'utf8',
    env: { ...process.env, PFM_DATA: undefined, PFM_CENTRAL: undefined },
  });

describe('the built command line (bin/pfm.js)', { timeout: 120_000 }, () => {
  it('knows its version, keeps data, and syncs with the default central file beside it', () => {
    const { version } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string };
    expect(pfm('--version').trim()).toBe(version);
    pfm('user', 'add', 'ann', '--currency', 'EUR');
    expect(pfm('user', 'list')).toMatch(/^ann\s+EUR/m);
    expect(pfm('sync', '--user', 'ann')).toMatch(/^Sync Success: pushed 14,/m);
    expect(existsSync(join(dir, 'pfm-central.db'))).toBe(true);
  });

  it('serves the web app from its own package folder', async () => {
    const child = spawn(process.execPath, [BIN, '--data', join(dir, 'device'), 'serve', '--port', '0'], {
      cwd: dir,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    try {
      const url = await new Promise<string>((resolve, reject) => {
        let out = '';
        child.stdout.on('data', (c: Buffer) => {
          out += c.toString('utf8');
          const m = /http:\/\/[^\s/]+:\d+\//.exec(out);
          if (m) resolve(m[0]);
        });
        child.stderr.on('data', (c: Buffer) => (out += c.toString('utf8')));
        child.once('exit', (code) => reject(new Error(`pfm serve exited with ${code}: ${out}`)));
      });
      const page = await fetch(url);
      expect(page.status).toBe(200);
      expect(await page.text()).toMatch(/<div id="root">/);
    } finally {
      child.kill('SIGTERM');
    }
  });
});
