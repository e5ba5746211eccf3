import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// Imports are checked by test/boundary.test.ts; this checks the other half of "the core is pure".
const CORE = fileURLToPath(new URL('../../src/core', import.meta.url));
const files = readdirSync(CORE, { recursive: true, encoding: 'utf8' })
  .filter((f) => f.endsWith('.ts'))
  .map((f) => join(CORE, f));
const code = (file: string) =>
  readFileSync(file, 'utf8')
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/(^|[^:'"`])\/\/.*$/gm, '$1');

describe('core purity', () => {
  it('finds the core sources', () => {
    expect(files.map((f) => relative(CORE, f))).toContain(join('practice', 'session.ts'));
  });

  it.each(files.map((f) => [relative(CORE, f), f]))(
    '%s reads no environment, clock or randomness itself',
    (_name, file) => {
      expect(code(file)).not.toMatch(
        /process\.(env|argv|exit|stdout|stderr)|Date\.now\(|new Date\(\)|Math\.random\(|performance\.now\(/,
      );
    },
  );
});
