import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DeliveryLedger } from '../../src/adapters/slack/ledger.js';
import type { ChannelStore } from '../../src/core/channel/ports.js';
import type { CoachStore } from '../../src/core/store.js';
import { openPostgres } from '../../src/infra/postgres/database.js';
import { createSqlChannelStore } from '../../src/infra/sql/channel-store.js';
import { createSqlCoachStore } from '../../src/infra/sql/coach-store.js';
import type { Sql } from '../../src/infra/sql/driver.js';
import { createSqlLedger } from '../../src/infra/sql/ledger-store.js';
import { postgresSql } from '../../src/infra/sql/postgres.js';
import { sqliteSql } from '../../src/infra/sql/sqlite.js';
import { openDatabase } from '../../src/infra/sqlite/database.js';
import { createMemoryChannels, createMemoryLedger } from '../helpers/memory-channels.js';
import { createMemoryStore } from '../helpers/memory-store.js';
import { adminQuery } from '../postgres-server.js';

/** Every store on one database, as the app opens them. */
export interface Stores {
  coachStore: CoachStore;
  channels: ChannelStore;
  ledger: DeliveryLedger;
  /** The database underneath, for checks below the port (null for the in-memory twin). */
  sql: Sql | null;
  /** Tables of the database (empty for the twin). */
  tables(): Promise<string[]>;
  /** Another connection to the same database, as a second instance would open it (the twin: the same stores). */
  another(): Promise<Stores>;
  close(): Promise<void>;
}

export interface Backend {
  name: 'memory' | 'sqlite' | 'postgres';
  open(): Promise<Stores>;
}

const sqlStores = (sql: Sql, extra: Pick<Stores, 'tables' | 'another' | 'close'>): Stores => ({
  coachStore: createSqlCoachStore(sql),
  channels: createSqlChannelStore(sql),
  ledger: createSqlLedger(sql),
  sql,
  ...extra,
});

const memory: Backend = {
  name: 'memory',
  async open() {
    const coachStore = createMemoryStore();
    const stores: Stores = {
      coachStore,
      channels: createMemoryChannels(() => coachStore.allAnswers()),
      ledger: createMemoryLedger(),
      sql: null,
      tables: async () => [],
      another: async () => ({ ...stores, close: async () => undefined }),
      close: async () => undefined,
    };
    return stores;
  },
};

const sqlite: Backend = {
  name: 'sqlite',
  async open() {
    const dir = mkdtempSync(join(tmpdir(), 'star-contract-'));
    const path = join(dir, 'contract.db');
    const connect = (): Stores => {
      const sql = sqliteSql(openDatabase(path));
      return sqlStores(sql, {
        tables: async () =>
          (await sql.all<{ name: string }>("SELECT name FROM sqlite_master WHERE type = 'table'")).map(
            (r) => r.name,
          ),
        another: async () => connect(),
        close: () => sql.close(),
      });
    };
    const first = connect();
    return {
      ...first,
      async close() {
        await first.close();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  },
};

let schemas = 0;

/** A fresh schema per open (the server's tables stay apart between tests), dropped on close. */
const postgres = (url: string): Backend => ({
  name: 'postgres',
  async open() {
    const schema = `contract_${process.pid}_${++schemas}`;
    await adminQuery(url, `CREATE SCHEMA ${schema}`);
    const scoped = new URL(url);
    scoped.searchParams.set('options', `-c search_path=${schema}`);
    const connect = async (): Promise<Stores> => {
      const sql = postgresSql(await openPostgres(scoped.toString()));
      return sqlStores(sql, {
        tables: async () =>
          (
            await sql.all<{ name: string }>(
              'SELECT table_name AS name FROM information_schema.tables WHERE table_schema = ?',
              [schema],
            )
          ).map((r) => r.name),
        another: () => connect(),
        close: () => sql.close(),
      });
    };
    const first = await connect();
    return {
      ...first,
      async close() {
        await first.close();
        await adminQuery(url, `DROP SCHEMA ${schema} CASCADE`);
      },
    };
  },
});

/**
 * The backends each contract suite runs on: the in-memory twin, SQLite, and PostgreSQL when the test run has
 * a server (TEST_DATABASE_URL, set by the global setup or CI).
 */
export function backends(): Backend[] {
  const url = process.env.TEST_DATABASE_URL;
  return url ? [memory, sqlite, postgres(url)] : [memory, sqlite];
}

/** Whether the PostgreSQL rows run (CI requires them; see test/postgres-setup.ts). */
export const hasPostgres = () => Boolean(process.env.TEST_DATABASE_URL);
