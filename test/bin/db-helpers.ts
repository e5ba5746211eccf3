import Database from 'better-sqlite3';
import { createSqlCoachStore } from '../../src/infra/sql/coach-store.js';
import { sqliteSql } from '../../src/infra/sql/sqlite.js';
import { openDatabase } from '../../src/infra/sqlite/database.js';

/** A database with a few terminal answers, written through the real store. */
export async function seedDatabase(path: string, texts: string[]): Promise<void> {
  const db = openDatabase(path);
  const store = createSqlCoachStore(sqliteSql(db));
  for (const [i, text] of texts.entries()) {
    await store.insertAnswer({
      teamId: 'local',
      userId: 'me',
      source: 'terminal',
      channelId: null,
      messageTs: null,
      threadTs: null,
      questionId: 'own-outside-scope',
      principleId: 'ownership',
      level: 'sde2',
      text,
      score: 50 + i,
      verdict: 'lean_hire',
      report: null,
      createdAt: 1_000 + i,
    });
  }
  db.close();
}

export function answerTexts(path: string): string[] {
  const db = new Database(path, { readonly: true });
  try {
    return db.prepare('SELECT text FROM answers ORDER BY id').pluck().all() as string[];
  } finally {
    db.close();
  }
}

export function integrity(path: string): unknown {
  const db = new Database(path, { readonly: true });
  try {
    return db.pragma('integrity_check', { simple: true });
  } finally {
    db.close();
  }
}
