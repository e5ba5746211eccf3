import { execFile, execFileSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';

/**
 * A throwaway PostgreSQL server for the tests: a fresh cluster in a temp folder, listening on 127.0.0.1 only,
 * with fsync off (nothing in it outlives the run). Used by `.ci/run` (once for both suites) and, when
 * TEST_DATABASE_URL is not set, by the vitest global setup. Where the server binaries are missing the
 * PostgreSQL suites are skipped (or fail, with REQUIRE_POSTGRES=1 as CI sets).
 */

const USER = 'star';

/** initdb, pg_ctl: on PATH, or in Debian's versioned folder. */
function binary(name: string): string | null {
  for (const dir of (process.env.PATH ?? '').split(':'))
    if (dir && existsSync(join(dir, name))) return join(dir, name);
  const debian = '/usr/lib/postgresql';
  if (existsSync(debian)) {
    for (const version of readdirSync(debian).sort().reverse()) {
      const path = join(debian, version, 'bin', name);
      if (existsSync(path)) return path;
    }
  }
  return null;
}

/** PostgreSQL refuses to run as root: there, the server runs as the `postgres` account Debian creates. */
function asServerUser(file: string, args: string[], dir: string): void {
  const root = process.getuid?.() === 0;
  if (root) {
    const ids = execFileSync('id', ['-u', 'postgres']).toString().trim();
    const gid = execFileSync('id', ['-g', 'postgres']).toString().trim();
    chownSync(dir, Number(ids), Number(gid));
    execFileSync('runuser', ['-u', 'postgres', '--', file, ...args], { stdio: 'pipe' });
  } else {
    execFileSync(file, args, { stdio: 'pipe' });
  }
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

export interface PostgresServer {
  url: string;
  dir: string;
  stop(): void;
}

/** Starts a server; null when the binaries are not installed. */
export async function startPostgres(): Promise<PostgresServer | null> {
  const initdb = binary('initdb');
  const pgCtl = binary('pg_ctl');
  if (!initdb || !pgCtl) return null;
  const dir = mkdtempSync(join(tmpdir(), 'star-pg-'));
  const data = join(dir, 'data');
  const port = await freePort();
  asServerUser(initdb, ['-D', data, '-U', USER, '-A', 'trust', '--no-sync', '-E', 'UTF8', '--locale=C'], dir);
  const options = `-c listen_addresses=127.0.0.1 -p ${port} -c unix_socket_directories=${dir} -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300`;
  asServerUser(pgCtl, ['-D', data, '-o', options, '-l', join(dir, 'server.log'), '-w', 'start'], dir);
  const stop = () => {
    try {
      asServerUser(pgCtl, ['-D', data, '-m', 'immediate', '-w', 'stop'], dir);
    } catch {
      // Already stopped.
    }
    rmSync(dir, { recursive: true, force: true });
  };
  return { url: `postgres://${USER}@127.0.0.1:${port}/postgres`, dir, stop };
}

/**
 * Stops and restarts a running server (the fault suite's "PostgreSQL restarted mid-run"). Asynchronous, so the
 * test's fake Slack keeps serving while the database is away.
 */
export async function restartPostgres(dir: string, mode: 'fast' | 'immediate' = 'immediate'): Promise<void> {
  const pgCtl = binary('pg_ctl');
  if (!pgCtl) throw new Error('pg_ctl not found');
  const args = ['-D', join(dir, 'data'), '-m', mode, '-l', join(dir, 'server.log'), '-w', 'restart'];
  const [file, argv] =
    process.getuid?.() === 0 ? ['runuser', ['-u', 'postgres', '--', pgCtl, ...args]] : [pgCtl, args];
  await promisify(execFile)(file, argv as string[]);
}

/** Runs statements on the server's default database (creating and dropping databases and schemas). */
export async function adminQuery(url: string, ...statements: string[]): Promise<void> {
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  try {
    for (const statement of statements) await admin.query(statement);
  } finally {
    await admin.end();
  }
}

/** A fresh, empty database on the server (dropped first if a crashed run left it); returns its URL. */
export async function freshDatabase(url: string, name: string): Promise<string> {
  await adminQuery(url, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`, `CREATE DATABASE ${name}`);
  const scoped = new URL(url);
  scoped.pathname = `/${name}`;
  return scoped.toString();
}

export const dropDatabase = (url: string, name: string) =>
  adminQuery(url, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);

// CLI for .ci/run: `start FILE` writes `URL DIR` to FILE and leaves the server running; `stop DIR` stops it.
if (process.argv[1]?.endsWith('postgres-server.ts')) {
  const [command, arg] = process.argv.slice(2);
  if (command === 'start' && arg) {
    const server = await startPostgres();
    if (!server) {
      console.error('PostgreSQL server binaries (initdb, pg_ctl) not found');
      process.exit(1);
    }
    writeFileSync(arg, `${server.url} ${server.dir}\n`);
  } else if (command === 'stop' && arg) {
    const pgCtl = binary('pg_ctl');
    if (pgCtl) {
      try {
        asServerUser(pgCtl, ['-D', join(arg, 'data'), '-m', 'immediate', '-w', 'stop'], arg);
      } catch {
        // Already stopped.
      }
    }
    rmSync(arg, { recursive: true, force: true });
  } else {
    console.error('usage: postgres-server.ts start FILE | stop DIR');
    process.exit(2);
  }
}
