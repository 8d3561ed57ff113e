/**
 * `npm run bench:web [-- --quick] [-- --runs N] [-- --no-browser] [-- --no-write]`
 *
 * The web UI's costs: scrypt under each of OWASP's settings, registering and signing in through the API,
 * registering in headless Chromium (when installed), and what the built UI and the dashboard's JSON weigh as
 * sent. Prints the section and replaces it in docs/benchmarks.md, leaving the rest of that file as it is. Builds
 * the web UI first when it is missing or older than its sources.
 */
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { ensureWebBuilt } from '../test/support/browser.js';
import { measureBrowserRegister } from './browser-register.js';
import { replaceMarked } from './doc-section.js';
import { machineInfo } from './machine.js';
import { measurePasswordCost } from './password-cost.js';
import { measureSignIn } from './sign-in-cost.js';
import { builtFileSizes, dashboardAnswerSizes } from './transfer-sizes.js';
import { renderWebSection, WEB_SECTION } from './web-report.js';
import { writeMarkdown } from './write-doc.js';

const log = (text: string) => process.stderr.write(`${new Date().toISOString().slice(11, 19)} ${text}\n`);

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  const value = (flag: string) => {
    const i = argv.indexOf(flag);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const runs = Number(value('--runs') ?? (argv.includes('--quick') ? 3 : 7));
  if (!Number.isInteger(runs) || runs < 1) throw new Error('--runs takes a whole number of at least 1');
  const out = value('--out') ?? fileURLToPath(new URL('../docs/benchmarks.md', import.meta.url));
  const started = Date.now();
  const machine = machineInfo();

  log('building the web UI if needed');
  ensureWebBuilt();
  log('scrypt settings');
  const passwords = await measurePasswordCost(runs);
  log('registering and signing in through the API');
  const signIn = await measureSignIn(runs);
  log('registering in the browser');
  const browser = argv.includes('--no-browser') ? null : await measureBrowserRegister(runs);
  log('transfer sizes');
  const files = builtFileSizes(fileURLToPath(new URL('../web/dist/', import.meta.url)));
  const answers = await dashboardAnswerSizes();

  const section = renderWebSection(
    {
      date: new Date().toISOString().slice(0, 10),
      machine,
      loadAtEnd: loadavg().map((x) => Math.round(x * 100) / 100),
      minutes: (Date.now() - started) / 60_000,
      runs,
      passwords,
      signIn,
      browser,
      files,
      answers,
    },
    `npm run bench:web${argv.length ? ` -- ${argv.join(' ')}` : ''}`,
  );
  process.stdout.write(section + '\n');
  if (!argv.includes('--no-write')) {
    await writeMarkdown(out, replaceMarked(readFileSync(out, 'utf8'), WEB_SECTION, section));
    log(`wrote ${out}`);
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
