#!/usr/bin/env node
// Runs the TypeScript CLI through tsx, so `npx star-coach` works right after `npm install`.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src/bin/cli.ts');
process.exitCode = await main(process.argv.slice(2));
