#!/usr/bin/env node
// `npm install` compiles src/ to dist/ and bundles the command line into dist/pfm/ (the `prepare` script).
import '../dist/pfm/run.js';
