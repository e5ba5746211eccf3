import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/**
 * The executable runs the compiled `dist/` (as installed users run it), so the tests that spawn it build
 * it first: an incremental `tsc` that does nothing when the sources have not changed.
 */
export default function setup(): void {
  const root = fileURLToPath(new URL('..', import.meta.url));
  execFileSync(
    process.execPath,
    [
      fileURLToPath(new URL('../node_modules/typescript/bin/tsc', import.meta.url)),
      '-p',
      'tsconfig.build.json',
    ],
    {
      cwd: root,
      stdio: 'inherit',
    },
  );
}
