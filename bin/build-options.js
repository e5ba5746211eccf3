// The esbuild options of the product build, shared with the bench (which measures scoring on code compiled the
// same way). Packages with native code or worker threads of their own (better-sqlite3, pino) stay in node_modules.
export const PRODUCT_BUILD = {
  bundle: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  sourcemap: true,
  external: ['better-sqlite3', 'pino', 'pino-*'],
  // Bundled CommonJS that calls require() for a kept-outside package needs a real require.
  banner: {
    js: "import { createRequire as __starRequire } from 'node:module'; const require = __starRequire(import.meta.url);",
  },
  logLevel: 'warning',
};
