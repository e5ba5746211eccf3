import { startPostgres } from './postgres-server.js';

/**
 * Gives the PostgreSQL suites a database: TEST_DATABASE_URL when set (CI starts one server for both runs),
 * else a throwaway server started here and stopped when the run ends. Without the server binaries those
 * suites are skipped, unless REQUIRE_POSTGRES=1 (CI), where that is an error.
 */
export default async function setup(): Promise<(() => void) | undefined> {
  if (process.env.TEST_DATABASE_URL) return undefined;
  let server: Awaited<ReturnType<typeof startPostgres>> = null;
  try {
    server = await startPostgres();
  } catch (error) {
    // Binaries present but no way to run them here (e.g. root without a `postgres` account).
    if (process.env.REQUIRE_POSTGRES === '1') throw error;
    console.warn(
      `could not start PostgreSQL (${error instanceof Error ? error.message.split('\n')[0] : error})`,
    );
  }
  if (!server) {
    if (process.env.REQUIRE_POSTGRES === '1')
      throw new Error('REQUIRE_POSTGRES=1 but initdb/pg_ctl are not installed');
    console.warn('PostgreSQL server binaries not found: the PostgreSQL suites are skipped');
    return undefined;
  }
  process.env.TEST_DATABASE_URL = server.url;
  process.env.TEST_POSTGRES_DIR = server.dir;
  return () => server.stop();
}
