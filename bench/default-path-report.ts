import type { DefaultPathResult, DefaultPathRow } from './default-path.js';
import { fmtMs, type Summary } from './stats.js';

/** The section's bounds in docs/benchmarks.md: `npm run bench:default` replaces what lies between them. */
export const START = '<!-- default-path:start -->';
export const END = '<!-- default-path:end -->';

const range = (s: Summary, f: (x: number) => string) =>
  s.runs === 1 ? `${f(s.median)} (1 run)` : `${f(s.median)} (${f(s.min)}–${f(s.max)}, n=${s.runs})`;
const mb = (x: number) => `${Math.round(x)} MB`;

function verdict(row: DefaultPathRow): string {
  const time = row.targetMs === undefined ? null : row.ms.median <= row.targetMs;
  // A peak is a peak: the worst run is held to the target.
  const rss = row.targetRssMB === undefined || !row.rssMB ? null : row.rssMB.max <= row.targetRssMB;
  const parts = [time, rss].filter((x): x is boolean => x !== null);
  if (parts.length === 0) return '–';
  return parts.every(Boolean) ? 'met' : '**missed**';
}

function target(row: DefaultPathRow): string {
  const parts: string[] = [];
  if (row.targetMs !== undefined) parts.push(`≤ ${fmtMs(row.targetMs)}`);
  if (row.targetRssMB !== undefined) parts.push(`≤ ${row.targetRssMB} MB`);
  return parts.join(', ') || '–';
}

/** The "Default path" section of docs/benchmarks.md, markers included. */
export function renderDefaultPath(r: DefaultPathResult, command: string): string {
  const head = [
    'measurement',
    'median (min–max)',
    'above `node -e 0`',
    'peak RSS: median (max)',
    'target',
    '',
  ];
  const rows = [
    ['`node -e 0`, same run', range(r.node, fmtMs), '', '', '', ''],
    ...r.rows.map((row) => [
      row.label,
      range(row.ms, fmtMs),
      row.process ? fmtMs(row.ms.median - r.node.median) : '',
      row.rssMB ? `${mb(row.rssMB.median)} (${mb(row.rssMB.max)})` : '',
      target(row),
      verdict(row),
    ]),
  ];
  const table = [head, head.map(() => '---'), ...rows].map((cells) => `| ${cells.join(' | ')} |`).join('\n');
  const m = r.machine;
  return `${START}

## Default path

What someone who installs pfm and runs it with no settings waits for: the built command line (\`bin/pfm.js\`)
as whole processes, with the default data folder and the default central store (\`sqlite:./pfm-central.db\`,
SQLite ${r.sqlite}), on \`pfm demo\` data (${r.demo.users} users, ${r.demo.records.toLocaleString('en-US')} records).
Each run starts from a copy of a device that has never synced and no central file, and runs
\`pfm sync --all\` (first), \`pfm sync --all\` again, \`pfm sync --user alice\` and \`pfm user list\`, with
\`node -e 0\` before and after them in the same folder ("above \`node -e 0\`": the median minus its median).
The web rows start \`pfm serve\` on another such device, log in through the API and time \`POST /api/sync\`
from the request to the end of its event stream (the \`done\` event the web UI's "Sync now" waits for); their
peak RSS is the server's. Peak RSS: ${r.rssMethod}.

- Measured ${r.date} by \`${command}\`, ${r.runs} run${r.runs === 1 ? '' : 's'}, ${r.minutes.toFixed(1)} minutes;
  Node ${m.node}; ${m.cpu}, ${m.cores} cores; load average (1, 5, 15 min) ${m.load.join(', ')} at the start,
  ${m.loadAfter.join(', ')} at the end (the machine is shared: the load is what else was running).

${table}

What limits the command-line rows: Node's own start-up (the \`node -e 0\` row), then a flat profile of the
rest: loading the bundled command line (\`dist/pfm/\`, about 35 ms; it was about 100 modules loaded one by
one before the bundle, 45 ms more), opening the device's and the central store's SQLite files (a few ms
each), commander, and the sync's own statements (about 15 ms for six users with nothing to do). Node 20 has no
compile cache for modules (\`module.enableCompileCache\` arrived in Node 22), so a command cannot start much
faster than \`node -e 0\` plus the code it loads. The web rows run in a server that is already started, with the
central store open: they show the sync itself.

${END}`;
}

/** `doc` with its default-path section replaced by `section` (added after "## Machine" when it has none). */
export function replaceSection(doc: string, section: string): string {
  const start = doc.indexOf(START);
  const end = doc.indexOf(END);
  if (start >= 0 && end > start) return doc.slice(0, start) + section + doc.slice(end + END.length);
  const next = doc.indexOf('\n## ', doc.indexOf('## Machine') + 1);
  if (next < 0) return `${doc.trimEnd()}\n\n${section}\n`;
  return `${doc.slice(0, next)}\n${section}\n${doc.slice(next)}`;
}

/** The section `doc` holds, or '' (so that a run that does not measure the default path keeps it). */
export function existingSection(doc: string): string {
  const start = doc.indexOf(START);
  const end = doc.indexOf(END);
  return start >= 0 && end > start ? doc.slice(start, end + END.length) : '';
}
