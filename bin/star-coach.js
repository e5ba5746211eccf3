#!/usr/bin/env node
// Runs the TypeScript CLI through tsx, so `npx star-coach` works right after `npm install`.
import { register } from 'tsx/esm/api';

// A reader that stops early (`star-coach questions | head`) closes the pipe: end quietly, not with EPIPE.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error) => {
    if (error.code === 'EPIPE') process.exit(0);
    throw error;
  });
}

register();
const { main } = await import('../src/bin/cli.ts');
process.exitCode = await main(process.argv.slice(2));
