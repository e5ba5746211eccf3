import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/**
 * The executable runs the built `dist/` (as installed users run it), so the tests that spawn it build it
 * first from the current sources (under a second).
 */
export default function setup(): void {
  const root = fileURLToPath(new URL('..', import.meta.url));
  execFileSync(process.execPath, ['bin/build.js'], { cwd: root, stdio: 'inherit' });
}
