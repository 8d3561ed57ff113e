// Bundles the compiled command line (dist/cli/run.js) into dist/pfm/: a few files instead of about a hundred
// modules, because Node resolves, reads and links each ES module one by one, and for a short command such as
// `pfm user list` that was a third of its time. Commands load their heavy parts (the server, the drivers) on
// demand; those stay separate chunks, loaded only when used. Drivers with native code or optional parts stay
// outside the bundle, as packages.
import { build } from 'esbuild';

await build({
  entryPoints: ['dist/cli/run.js'],
  outdir: 'dist/pfm',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  external: ['better-sqlite3', 'pg', 'pg-native', 'oracledb', 'fastify', '@fastify/*', 'light-my-request'],
  // Bundled CommonJS packages (commander, cli-progress) call require() for Node's own modules.
  banner: {
    js: "import { createRequire as pfmCreateRequire } from 'node:module';\nconst require = pfmCreateRequire(import.meta.url);",
  },
  legalComments: 'none',
  logLevel: 'warning',
});
