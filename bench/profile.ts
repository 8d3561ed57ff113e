/**
 * A single scenario for profiling (`node --cpu-prof --import tsx bench/profile.ts push|pull|noop|incr [ROWS] [sqlite|postgres]`).
 * Prints phase timings; the profile is written by Node.
 */
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LocalStore } from '../src/local/local-store.js';
import { copyDevice, editExpenses, makeTemplate, pfmSync } from './device.js';
import { measure } from './stats.js';
import { StatementCounter, targetsFor } from './stores.js';

async function main(): Promise<void> {
  const [what = 'push', rowsArg = '20000', where = 'postgres', batch] = process.argv.slice(2);
  const rows = Number(rowsArg);
  const work = join(tmpdir(), `pfm-profile-${process.pid}`);
  mkdirSync(work, { recursive: true });
  const [target] = targetsFor(
    where,
    work,
    process.env.PFM_BENCH_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test',
  );
  if (!target) throw new Error(`no target ${where}`);
  const counter = new StatementCounter();
  const options = batch ? { batchSize: Number(batch) } : {};
  try {
    // Made once per size and kept, so that a profile shows the sync alone.
    const template = join(tmpdir(), `pfm-profile-template-${rows}.db`);
    if (!existsSync(template)) makeTemplate(template, rows);
    const central = await target.fresh(counter);
    const local = copyDevice(template, join(work, 'a.db'));
    let t0 = performance.now();
    const cpu0 = process.cpuUsage();
    await pfmSync(local, central.store, options);
    const cpu = process.cpuUsage(cpu0);
    console.log(
      `first push ${rows}: ${(performance.now() - t0).toFixed(0)} ms (this process's CPU ${((cpu.user + cpu.system) / 1000).toFixed(0)} ms), ${counter.reset()} statements`,
    );
    if (what === 'pull') {
      for (let i = 0; i < 3; i++) {
        const fresh = LocalStore.open({ path: join(work, `b${i}.db`) });
        t0 = performance.now();
        await pfmSync(fresh, central.store, options);
        console.log(
          `first pull ${rows}: ${(performance.now() - t0).toFixed(0)} ms, ${counter.reset()} statements`,
        );
        fresh.close();
      }
    }
    if (what === 'noop') {
      const s = await measure(200, 10, () => pfmSync(local, central.store, options));
      console.log(`no-op: median ${s.median.toFixed(2)} ms`);
    }
    if (what === 'incr') {
      const s = await measure(
        30,
        3,
        () => pfmSync(local, central.store, options),
        (i) => editExpenses(local, 100, i),
      );
      console.log(`incremental: median ${s.median.toFixed(2)} ms`);
    }
    local.close();
    await central.dispose();
  } finally {
    await target.close();
    rmSync(work, { recursive: true, force: true });
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
