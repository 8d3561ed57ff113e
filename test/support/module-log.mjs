// Loaded with `node --import` into a pfm process under test: appends the URL of every module the process
// imports to the file PFM_TEST_MODULE_LOG, one a line (what the CLI's lazy-load test reads).
import { register } from 'node:module';
import process from 'node:process';

const file = process.env.PFM_TEST_MODULE_LOG;
if (file) register('./module-log-hooks.mjs', import.meta.url, { data: { file } });
