#!/usr/bin/env node
// Runs the compiled CLI in dist/ (built by `npm install` through the `prepare` script, or `npm run build`).
import { existsSync } from 'node:fs';

// A reader that stops early (`star-coach questions | head`) closes the pipe: end quietly, not with EPIPE.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error) => {
    if (error.code === 'EPIPE') process.exit(0);
    throw error;
  });
}

const cli = new URL('../dist/bin/cli.js', import.meta.url);
if (!existsSync(cli)) {
  process.stderr.write('star-coach is not built yet: run `npm install` (or `npm run build`) first.\n');
  process.exit(1);
}
const { main } = await import(cli.href);
process.exitCode = await main(process.argv.slice(2));
