import { readFile } from 'node:fs/promises';

// The esbuild options of the product build, shared with the bench (which measures scoring on code compiled the
// same way). Packages with native code or worker threads of their own (better-sqlite3, pino) stay in node_modules.

/**
 * Modules of our own that stand in for a package's index in the bundle. Each is CommonJS, so a name the app
 * imports and a stand-in lacks is `undefined`, which the tests that spawn the built app would show.
 */
const STAND_INS = {
  // Bolt's index also loads ExpressReceiver (Express, body-parser, iconv-lite, mime-db: about 35 ms at start),
  // which neither Socket Mode nor HTTP mode (Bolt's own HTTPReceiver, loaded by App) uses. The app takes these
  // three names from Bolt at run time (the rest are types).
  bolt: `
const app = require('@slack/bolt/dist/App.js');
module.exports = {
  App: app.default,
  LogLevel: app.LogLevel,
  SocketModeReceiver: require('@slack/bolt/dist/receivers/SocketModeReceiver.js').default,
};`,
  // Bolt's Socket Mode client takes eight names from undici. Its WebSocket here is the `ws` package behind
  // undici's names (src/adapters/slack/websocket.ts says why and how), so undici is not loaded at all. fetch
  // (used only with a proxy dispatcher, which that WebSocket refuses) loads undici from node_modules if called.
  undici: `
module.exports = {
  ...require('./src/adapters/slack/websocket.ts'),
  fetch: (input, init) => require('undici').fetch(input, init),
};`,
};

/** @type {import('esbuild').Plugin} */
const standIns = {
  name: 'stand-ins',
  setup(build) {
    const root = new URL('..', import.meta.url).pathname;
    build.onResolve({ filter: /^(?:@slack\/bolt|undici)$/ }, (args) => {
      // A stand-in's own require('undici') stays a require() of the package in node_modules.
      if (args.namespace === 'stand-in') return { path: args.path, external: true };
      if (args.path === '@slack/bolt' && args.importer.startsWith(`${root}src/`))
        return { path: 'bolt', namespace: 'stand-in' };
      if (args.path === 'undici' && /[\\/]node_modules[\\/]@slack[\\/]socket-mode[\\/]/.test(args.importer))
        return { path: 'undici', namespace: 'stand-in' };
      return undefined;
    });
    build.onLoad({ filter: /.*/, namespace: 'stand-in' }, (args) => ({
      contents: STAND_INS[args.path],
      loader: 'js',
      resolveDir: root,
    }));
  },
};

/**
 * Our sources with every non-ASCII character written as a \u escape (same meaning in strings, templates,
 * regular expressions and comments). esbuild escapes strings itself but not regular expressions, and one curly
 * quote in a regular expression makes V8 keep that chunk's whole source text at two bytes a character (3 MB
 * instead of 1.5 MB for the Slack chunk).
 * @type {import('esbuild').Plugin}
 */
const asciiSources = {
  name: 'ascii-sources',
  setup(build) {
    build.onLoad({ filter: /[\\/]src[\\/].*\.ts$/ }, async (args) => ({
      contents: (await readFile(args.path, 'utf8')).replace(/(\\*)([^\0-\x7f])/g, (_m, slashes, c) => {
        // An escaped character (`\’`) means the character itself: the escape takes the backslash's place.
        const kept = slashes.length % 2 ? slashes.slice(1) : slashes;
        return `${kept}\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;
      }),
      loader: 'ts',
    }));
  },
};

export const PRODUCT_BUILD = {
  bundle: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  sourcemap: true,
  // Smaller source is less to read, parse and keep in memory at start (V8 holds every module's source text).
  // Names stay as written, so stack traces still name the functions.
  minifyWhitespace: true,
  minifySyntax: true,
  // Licence comments go to a .LEGAL.txt file beside each chunk (one with a name like Wärting would make the
  // whole chunk two-byte text, as below).
  legalComments: 'linked',
  external: ['better-sqlite3', 'pino', 'pino-*'],
  plugins: [standIns, asciiSources],
  // Bundled CommonJS that calls require() for a kept-outside package needs a real require.
  banner: {
    js: "import { createRequire as __starRequire } from 'node:module'; const require = __starRequire(import.meta.url);",
  },
  logLevel: 'warning',
};
