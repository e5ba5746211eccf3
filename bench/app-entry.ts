/**
 * What the end-to-end, burst and fan-out phases run: the app as `npm start` runs it. run.ts bundles this entry
 * with the product's esbuild options (bin/build-options.js) and loads the bundle, so the phases measure the
 * compiled code, not the TypeScript transpiled on the fly by tsx.
 */
export { buildSlack } from '../src/bin/slack.js';
export { silentLogger } from '../src/core/ports.js';
export { readConfig } from '../src/infra/config.js';
