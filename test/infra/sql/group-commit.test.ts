import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Sql } from '../../../src/infra/sql/driver.js';
import { groupCommit } from '../../../src/infra/sql/group-commit.js';
import { backends, type Stores } from '../../contracts/backends.js';

/** The database under `stores`, with its transactions counted. */
function counted(sql: Sql): { sql: Sql; transactions: () => number } {
  let n = 0;
  const wrapped: Sql = {
    ...sql,
    transaction: (fn) => {
      if (!sql.inTransaction()) n += 1;
      return sql.transaction(fn);
    },
  };
  return { sql: wrapped, transactions: () => n };
}

describe.each(backends().filter((b) => b.name !== 'memory'))('group commit on $name', (backend) => {
  let stores: Stores;
  beforeEach(async () => {
    stores = await backend.open();
    await stores.sql!.run('CREATE TABLE marks (id INTEGER PRIMARY KEY, at INTEGER NOT NULL)');
  });
  afterEach(() => stores.close());

  const mark = (sql: Sql, id: number) => () =>
    sql
      .run('INSERT INTO marks (id, at) VALUES (?, ?) ON CONFLICT (id) DO NOTHING', [id, id])
      .then(() => undefined);
  const ids = async (sql: Sql) =>
    (await sql.all<{ id: number }>('SELECT id FROM marks ORDER BY id')).map((r) => Number(r.id));

  it('commits the writes of one turn in one transaction, each caller resolving once its write is in', async () => {
    const { sql, transactions } = counted(stores.sql!);
    const write = groupCommit(sql);
    await Promise.all([1, 2, 3, 4, 5].map((id) => write(mark(sql, id))));
    expect(transactions()).toBe(1);
    expect(await ids(stores.sql!)).toEqual([1, 2, 3, 4, 5]);
    // A write queued on a later turn gets its own commit.
    await write(mark(sql, 6));
    expect(transactions()).toBe(2);
  });

  it('keeps the other writes when one of the batch fails, and fails only that caller', async () => {
    const { sql } = counted(stores.sql!);
    const write = groupCommit(sql);
    const bad = () => sql.run('INSERT INTO no_such_table (id) VALUES (1)').then(() => undefined);
    const results = await Promise.allSettled([write(mark(sql, 1)), write(bad), write(mark(sql, 2))]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(await ids(stores.sql!)).toEqual([1, 2]);
  });

  it('joins the transaction it is called in, instead of waiting for it (which would never end)', async () => {
    const sql = stores.sql!;
    const write = groupCommit(sql);
    await sql.transaction(async () => {
      await write(mark(sql, 7));
    });
    expect(await ids(sql)).toEqual([7]);
    // And rolls back with it.
    await expect(
      sql.transaction(async () => {
        await write(mark(sql, 8));
        throw new Error('abandoned');
      }),
    ).rejects.toThrow('abandoned');
    expect(await ids(sql)).toEqual([7]);
    // A turn that queues a write from outside any transaction first, then one from inside: the inner one must
    // not join the outer batch, which waits for the connection the transaction holds.
    const outside = write(mark(sql, 9));
    await sql.transaction(() => write(mark(sql, 10)));
    await outside;
    expect(await ids(sql)).toEqual([7, 9, 10]);
  });

  it('fails the whole batch at once when the database cannot be reached, without trying each write again', async () => {
    const { sql, transactions } = counted({
      ...stores.sql!,
      transaction: () => Promise.reject(new Error('Connection terminated')),
      unavailable: () => true,
    });
    const write = groupCommit(sql);
    const results = await Promise.allSettled([1, 2, 3].map((id) => write(mark(sql, id))));
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected', 'rejected']);
    expect(transactions()).toBe(1);
  });
});
