import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

/** The project root: the CLI runs from here, as `npx star-coach` would. */
export const ROOT = resolve(import.meta.dirname, '../..');
export const BIN = join(ROOT, 'bin', 'star-coach.js');

/**
 * Longest a child may run before the helper kills it and fails the test: a guard against a hung
 * child, not a speed check, so it is far above the usual second or two (a busy machine is slow).
 */
const CHILD_LIMIT_MS = 100_000;
/** Test timeout for tests that spawn the CLI; above CHILD_LIMIT_MS so the kill is what reports a hang. */
export const SPAWN_TIMEOUT_MS = 120_000;

export interface RunResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * The child's environment: the parent's minus every variable the app reads, then blanks for the Slack
 * ones so a developer's `.env` cannot turn a test into a Slack connection (the environment wins over it).
 */
export function cliEnv(databasePath: string, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (!/^(SLACK_|DATABASE_PATH$|LOG_LEVEL$|PORT$|ADMIN_USER_IDS$|PROMPT_GRACE_MINUTES$)/.test(key))
      env[key] = value;
  }
  return {
    ...env,
    SLACK_BOT_TOKEN: '',
    SLACK_APP_TOKEN: '',
    SLACK_SIGNING_SECRET: '',
    SLACK_MODE: '',
    SLACK_API_URL: '',
    DATABASE_PATH: databasePath,
    ...extra,
  };
}

/** Starts `node bin/star-coach.js …`; the caller writes stdin and waits with `finished`. */
export function startCli(args: string[], env: NodeJS.ProcessEnv) {
  const child = spawn(process.execPath, [BIN, ...args], { cwd: ROOT, env }) as ChildProcessWithoutNullStreams;
  let stdout = '';
  let stderr = '';
  const listeners = new Set<() => void>();
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    stdout += chunk;
    for (const l of listeners) l();
  });
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
    stderr += chunk;
  });
  // A child that exits before reading all of stdin must not crash the test with EPIPE.
  child.stdin.on('error', () => {});
  const limit = setTimeout(() => child.kill('SIGKILL'), CHILD_LIMIT_MS);
  const finished = new Promise<RunResult & { signal: NodeJS.Signals | null }>((resolveRun, reject) => {
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(limit);
      resolveRun({ code, signal, stdout, stderr });
    });
  });
  return {
    child,
    finished,
    stdout: () => stdout,
    stderr: () => stderr,
    /** Resolves once stdout contains the text (fails if the child exits first). */
    waitForStdout(text: string): Promise<void> {
      return new Promise((resolveWait, reject) => {
        const check = () => {
          if (stdout.includes(text)) {
            listeners.delete(check);
            resolveWait();
          }
        };
        listeners.add(check);
        check();
        void finished.then(() => {
          if (!stdout.includes(text))
            reject(new Error(`CLI exited before printing "${text}".\n${stdout}\n${stderr}`));
        });
      });
    },
  };
}

/** Runs the CLI to the end with the given stdin (closed afterwards) and returns its exit code and output. */
export async function runCli(
  args: string[],
  options: { env: NodeJS.ProcessEnv; input?: string },
): Promise<RunResult> {
  const run = startCli(args, options.env);
  run.child.stdin.end(options.input ?? '');
  const result = await run.finished;
  if (result.signal)
    throw new Error(`star-coach ${args.join(' ')} was killed (${result.signal}).\n${result.stderr}`);
  return result;
}

/** A fresh temporary folder for one test, removed afterwards even when the test fails. */
export async function withTempDir<T>(fn: (dir: string) => Promise<T>): Promise<T> {
  const dir = mkdtempSync(join(tmpdir(), 'star-coach-cli-'));
  try {
    return await fn(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
