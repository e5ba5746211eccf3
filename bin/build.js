#!/usr/bin/env node
// Builds dist/ from src/ (run by `npm install` through `prepare`, or `npm run build`): one ESM bundle per
// entry point with code split between them, so `star-coach score` loads a few files instead of hundreds of
// modules (Bolt included: 0.18 s to load bundled against 0.26 s as 300 modules). The options are in
// build-options.js, shared with the bench.
import { readdirSync, rmSync } from 'node:fs';
import { build } from 'esbuild';
import { PRODUCT_BUILD } from './build-options.js';

const root = new URL('..', import.meta.url);
rmSync(new URL('dist', root), { recursive: true, force: true });
// The compiled app trusts content it validated before (src/infra/content-files.ts); a new build may validate
// differently, so it starts without that cache.
const cache = new URL('node_modules/.cache/star-coach/', root);
try {
  for (const f of readdirSync(cache))
    if (/^(?:content|validated)-.*\.json$/.test(f)) rmSync(new URL(f, cache));
} catch {
  // No cache yet.
}
await build({
  absWorkingDir: root.pathname,
  entryPoints: { 'bin/cli': 'src/bin/cli.ts' },
  outdir: 'dist',
  splitting: true,
  ...PRODUCT_BUILD,
});
// Validate the content once now and cache it, so the first start after a build or `npm install` does not pay for
// parsing and validating the YAML (about 0.4 s). Invalid content is reported by the app and `content check`.
try {
  const { coach } = await import(new URL('dist/bin/cli.js', root).href);
  coach();
} catch (error) {
  console.warn(`build: content not cached (${error instanceof Error ? error.message : String(error)})`);
}
