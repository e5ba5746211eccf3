import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The project folder (the one with our package.json), found from wherever this code runs: the TypeScript
 * in src/, or the bundle in dist/. Content, migrations and the parse cache live at fixed places under it.
 */
function findRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const pkg = join(dir, 'package.json');
    if (existsSync(pkg) && (JSON.parse(readFileSync(pkg, 'utf8')) as { name?: string }).name === 'star-coach')
      return dir;
    const up = dirname(dir);
    if (up === dir)
      throw new Error('star-coach: cannot find the project folder (package.json) above this file');
    dir = up;
  }
}

export const PROJECT_ROOT = findRoot();
export const PACKAGE_JSON = join(PROJECT_ROOT, 'package.json');
