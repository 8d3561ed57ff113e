#!/usr/bin/env node
// `npm install` compiles src/ to dist/ (the `prepare` script); this runs the compiled command.
import '../dist/cli/run.js';
