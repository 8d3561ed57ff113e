import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync, rmSync, statSync, writeFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The command line pfm is installed as: it runs the compiled dist/, as users run it. */
export const PFM_BIN = fileURLToPath(new URL('../bin/pfm.js', import.meta.url));

/** One whole process: wall time from spawn to exit, and its peak RSS. */
export interface ProcessSample {
  readonly ms: number;
  readonly rssMB: number;
  readonly stdout: string;
}

const GNU_TIME = '/usr/bin/time';

/**
 * Preloaded when GNU time is missing: reports the process's peak RSS at exit. VmHWM where there is /proc:
 * `resourceUsage().maxRSS` survives fork and exec on Linux and would start at the parent's peak.
 */
const PROBE = `import { readFileSync, writeFileSync } from 'node:fs';
process.on('exit', () => {
  let kb = process.resourceUsage().maxRSS;
  try {
    const m = /VmHWM:\\s+(\\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'));
    if (m) kb = Number(m[1]);
  } catch {}
  writeFileSync(process.env.PFM_BENCH_RSS_FILE, String(kb));
});
`;

/**
 * The environment of a measured process: the defaults, as a new user has them (no PFM_CENTRAL or PFM_DATA),
 * and no NODE_OPTIONS, which under tsx would load the TypeScript loader into every child.
 */
export function cleanEnv(): NodeJS.ProcessEnv {
  const dropped = new Set(['PFM_CENTRAL', 'PFM_DATA', 'PFM_CENTRAL_PASSWORD', 'NODE_OPTIONS']);
  return Object.fromEntries(Object.entries(process.env).filter(([key]) => !dropped.has(key)));
}

/** Refuse a dist/ older than src/: the numbers would be those of an earlier build. */
export function checkBuild(): void {
  const root = fileURLToPath(new URL('..', import.meta.url));
  const entry = join(root, 'dist', 'cli', 'run.js');
  if (!existsSync(entry)) throw new Error('dist/ is missing: run `npm run build` first');
  const built = statSync(entry).mtimeMs;
  const src = join(root, 'src');
  for (const file of readdirSync(src, { recursive: true, encoding: 'utf8' })) {
    if (file.endsWith('.ts') && statSync(join(src, file)).mtimeMs > built)
      throw new Error(`src/${file} is newer than dist/: run \`npm run build\` first`);
  }
}

/** Runs node processes and measures them, the same way for pfm and for the `node -e 0` beside it. */
export class ProcessRunner {
  private n = 0;
  readonly rssMethod: string;
  private readonly probe: string;
  private readonly gnuTime: boolean;

  constructor(private readonly work: string) {
    this.probe = join(work, 'rss-probe.mjs');
    writeFileSync(this.probe, PROBE);
    this.gnuTime = existsSync(GNU_TIME);
    this.rssMethod = this.gnuTime
      ? '`/usr/bin/time -f %M` (the process’s maximum resident set size)'
      : 'the process’s own VmHWM (or `resourceUsage().maxRSS`) at exit, from a preloaded probe';
  }

  /** `node ...args` in `cwd`, to its exit; throws on a non-zero exit. */
  async run(args: readonly string[], cwd: string): Promise<ProcessSample> {
    const rssFile = join(this.work, `rss-${++this.n}.txt`);
    const [cmd, argv] = this.gnuTime
      ? [GNU_TIME, ['-f', '%M', '-o', rssFile, process.execPath, ...args]]
      : [process.execPath, ['--import', this.probe, ...args]];
    const t0 = performance.now();
    const { code, stdout, stderr } = await finished(
      spawn(cmd, argv, { cwd, env: { ...cleanEnv(), PFM_BENCH_RSS_FILE: rssFile } }),
    );
    const ms = performance.now() - t0;
    if (code !== 0) throw new Error(`node ${args.join(' ')} exited with ${code}: ${stderr.trim()}`);
    return { ms, rssMB: readRss(rssFile), stdout };
  }

  /** A long-running `node ...args` (a server) whose peak RSS `stop` reports; it always runs with the probe. */
  start(args: readonly string[], cwd: string): { child: ChildProcess; stop(): Promise<number> } {
    const rssFile = join(this.work, `rss-${++this.n}.txt`);
    const child = spawn(process.execPath, ['--import', this.probe, ...args], {
      cwd,
      env: { ...cleanEnv(), PFM_BENCH_RSS_FILE: rssFile },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const done = finished(child);
    return {
      child,
      async stop() {
        child.kill('SIGTERM');
        const { code, stderr } = await done;
        if (code !== 0) throw new Error(`node ${args.join(' ')} exited with ${code}: ${stderr.trim()}`);
        return readRss(rssFile);
      },
    };
  }
}

function readRss(file: string): number {
  // GNU time writes a "Command exited with..." line first when the status is not 0: the number is last.
  const kb = Number(readFileSync(file, 'utf8').trim().split('\n').pop());
  rmSync(file, { force: true });
  if (!Number.isFinite(kb)) throw new Error(`no peak RSS in ${file}`);
  return kb / 1024;
}

function finished(child: ChildProcess): Promise<{ code: number | null; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}
