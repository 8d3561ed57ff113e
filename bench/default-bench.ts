/**
 * `npm run bench:default [-- --quick] [-- --runs N] [-- --no-write] [-- --json FILE]`
 *
 * The default-path benchmark alone (bench/default-path.ts): 5 runs (3 with --quick); prints the section and
 * replaces the "Default path" section of docs/benchmarks.md, leaving the rest of that file as it is. Needs
 * a current build (`npm run build`): it measures bin/pfm.js.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { renderDefaultPath, replaceSection } from './default-path-report.js';
import { runDefaultPath } from './default-path.js';
import { writeMarkdown } from './write-doc.js';

const log = (text: string) => process.stderr.write(`${new Date().toISOString().slice(11, 19)} ${text}\n`);

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  const value = (flag: string) => {
    const i = argv.indexOf(flag);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const runs = Number(value('--runs') ?? (argv.includes('--quick') ? 3 : 5));
  if (!Number.isInteger(runs) || runs < 1) throw new Error('--runs takes a whole number of at least 1');
  const out = value('--out') ?? fileURLToPath(new URL('../docs/benchmarks.md', import.meta.url));
  const work = mkdtempSync(join(tmpdir(), 'pfm-bench-default-'));
  try {
    const result = await runDefaultPath(runs, work, log);
    const section = renderDefaultPath(
      result,
      `npm run bench:default${argv.length ? ` -- ${argv.join(' ')}` : ''}`,
    );
    process.stdout.write(section + '\n');
    const json = value('--json');
    if (json) writeFileSync(json, JSON.stringify(result, null, 2) + '\n');
    if (!argv.includes('--no-write')) {
      await writeMarkdown(out, replaceSection(readFileSync(out, 'utf8'), section));
      log(`wrote ${out}`);
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
