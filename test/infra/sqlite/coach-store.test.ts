import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SessionState } from '../../../src/core/practice/session.js';
import type { CoachStore, NewAnswer } from '../../../src/core/store.js';
import { createSqliteCoachStore } from '../../../src/infra/sqlite/coach-store.js';
import { type Db, openDatabase } from '../../../src/infra/sqlite/database.js';

let dir: string;
let db: Db;
let store: CoachStore;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'star-coach-store-'));
  db = openDatabase(join(dir, 'coach.db'));
  store = createSqliteCoachStore(db);
});

afterEach(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

const T = 'T0001';
const U = 'U0001';
const OTHER = 'U0002';

function answer(overrides: Partial<NewAnswer> = {}): NewAnswer {
  return {
    teamId: T,
    userId: U,
    source: 'channel',
    channelId: 'C0001',
    messageTs: '1700000000.000100',
    threadTs: '1700000000.000001',
    questionId: 'ownership-q1',
    principleId: 'ownership',
    level: 'sde2',
    text: 'I noticed the webhook drop rate and fixed it.',
    score: 61,
    verdict: 'lean_hire',
    report: null,
    createdAt: 1_000,
    ...overrides,
  };
}

function session(overrides: Partial<SessionState> = {}): SessionState {
  return {
    id: 'S1',
    mode: 'practice',
    teamId: T,
    userId: U,
    level: 'sde2',
    status: 'active',
    stage: 'awaiting_answer',
    items: [
      {
        questionId: 'ownership-q1',
        principle: 'ownership',
        askedAt: 1_000,
        answeredAt: null,
        answer: null,
        report: null,
        probes: [],
      },
    ],
    current: 0,
    walkthroughId: null,
    step: 0,
    quiz: [],
    seen: [],
    createdAt: 1_000,
    updatedAt: 1_000,
    ...overrides,
  };
}

const story = (title: string, principles: string[] = ['ownership'], bestScore = 70) => ({
  title,
  text: `${title}: I fixed the webhook race and measured the drop.`,
  principles,
  bestScore,
});

describe('users', () => {
  it('defaults to sde2 and public for someone never saved', () => {
    expect(store.getUser(T, U)).toEqual({ teamId: T, userId: U, level: 'sde2', privacy: 'public' });
  });

  it('saves and overwrites settings per (team, user)', () => {
    store.saveUser({ teamId: T, userId: U, level: 'senior', privacy: 'ephemeral' }, 1_000);
    store.saveUser({ teamId: T, userId: U, level: 'principal', privacy: 'ephemeral' }, 2_000);
    expect(store.getUser(T, U)).toEqual({ teamId: T, userId: U, level: 'principal', privacy: 'ephemeral' });
    expect(store.getUser(T, OTHER).level).toBe('sde2');
    expect(store.getUser('T0002', U).level).toBe('sde2');
    expect(db.prepare('SELECT created_at, updated_at FROM users').get()).toEqual({
      created_at: 1_000,
      updated_at: 2_000,
    });
  });

  it('rejects a level the schema does not know', () => {
    expect(() =>
      store.saveUser({ teamId: T, userId: U, level: 'intern' as 'sde1', privacy: 'public' }, 1),
    ).toThrow(/CHECK/);
  });
});

describe('answers', () => {
  it('inserts and reads back every field', () => {
    const report = { score: 61, verdict: 'lean_hire' } as unknown as NonNullable<NewAnswer['report']>;
    const { record, inserted } = store.insertAnswer(answer({ report, replyTs: '1700000000.000200' }));
    expect(inserted).toBe(true);
    expect(record).toEqual({
      ...answer(),
      id: record.id,
      report,
      replyTs: '1700000000.000200',
      edited: false,
      updatedAt: 1_000,
    });
    expect(store.getAnswer(record.id)).toEqual(record);
    expect(store.findAnswerByMessage('C0001', '1700000000.000100')).toEqual(record);
  });

  it('is idempotent on (channel, message ts): the second insert returns the first row', () => {
    const first = store.insertAnswer(answer());
    const second = store.insertAnswer(answer({ text: 'a redelivered copy', createdAt: 5_000 }));
    expect(second.inserted).toBe(false);
    expect(second.record.id).toBe(first.record.id);
    expect(second.record.text).toBe(first.record.text);
    expect(db.prepare('SELECT COUNT(*) FROM answers').pluck().get()).toBe(1);
  });

  it('keeps terminal answers without a message id as separate rows', () => {
    const a = store.insertAnswer(
      answer({ source: 'terminal', channelId: null, messageTs: null, threadTs: null }),
    );
    const b = store.insertAnswer(
      answer({ source: 'terminal', channelId: null, messageTs: null, threadTs: null }),
    );
    expect([a.inserted, b.inserted]).toEqual([true, true]);
    expect(a.record.id).not.toBe(b.record.id);
    expect(store.listAnswers(T, U)).toHaveLength(2);
  });

  it('updates only the fields in the patch', () => {
    const { record } = store.insertAnswer(answer());
    store.updateAnswer(
      record.id,
      { text: 'edited text', score: 80, verdict: 'hire', edited: true, replyTs: '9.9' },
      7_000,
    );
    expect(store.getAnswer(record.id)).toMatchObject({
      text: 'edited text',
      score: 80,
      verdict: 'hire',
      edited: true,
      replyTs: '9.9',
      questionId: 'ownership-q1',
      createdAt: 1_000,
      updatedAt: 7_000,
    });
    store.updateAnswer(record.id, { edited: false }, 8_000);
    expect(store.getAnswer(record.id)).toMatchObject({
      text: 'edited text',
      edited: false,
      updatedAt: 8_000,
    });
  });

  it('deletes an answer', () => {
    const { record } = store.insertAnswer(answer());
    store.deleteAnswer(record.id);
    expect(store.getAnswer(record.id)).toBeNull();
    expect(store.findAnswerByMessage('C0001', '1700000000.000100')).toBeNull();
  });

  it('lists one person’s answers oldest first', () => {
    store.insertAnswer(answer({ messageTs: '3', createdAt: 3_000, text: 'third' }));
    store.insertAnswer(answer({ messageTs: '1', createdAt: 1_000, text: 'first' }));
    store.insertAnswer(answer({ messageTs: '2', createdAt: 2_000, text: 'other person', userId: OTHER }));
    expect(store.listAnswers(T, U).map((a) => a.text)).toEqual(['first', 'third']);
    expect(store.getAnswer(12345)).toBeNull();
  });
});

describe('sessions', () => {
  it('saves, reads back and overwrites a session by id', () => {
    const s = session();
    store.saveSession(s);
    expect(store.getSession('S1')).toEqual(s);
    const next = session({ stage: 'awaiting_probe', updatedAt: 2_000, seen: ['m1'] });
    store.saveSession(next);
    expect(store.getSession('S1')).toEqual(next);
    expect(db.prepare('SELECT COUNT(*) FROM conversations').pluck().get()).toBe(1);
    expect(store.getSession('nope')).toBeNull();
  });

  it('finds the latest active session, optionally of some modes', () => {
    store.saveSession(session({ id: 'old-practice', updatedAt: 100 }));
    store.saveSession(session({ id: 'mock', mode: 'mock', updatedAt: 300 }));
    store.saveSession(session({ id: 'new-practice', updatedAt: 200 }));
    store.saveSession(session({ id: 'done-practice', status: 'done', stage: 'done', updatedAt: 400 }));
    store.saveSession(session({ id: 'someone-else', userId: OTHER, updatedAt: 500 }));
    expect(store.findActiveSession(T, U)?.id).toBe('mock');
    expect(store.findActiveSession(T, U, ['practice'])?.id).toBe('new-practice');
    expect(store.findActiveSession(T, U, ['practice', 'mock'])?.id).toBe('mock');
    expect(store.findActiveSession(T, U, ['walkthrough'])).toBeNull();
    expect(store.findActiveSession('T0002', U)).toBeNull();
  });

  it('stops finding a session once it is finished or deleted', () => {
    store.saveSession(session());
    store.saveSession(session({ status: 'abandoned', stage: 'done', updatedAt: 2_000 }));
    expect(store.findActiveSession(T, U)).toBeNull();
    store.deleteSession('S1');
    expect(store.getSession('S1')).toBeNull();
  });
});

describe('stories', () => {
  it('adds, lists in order, gets, updates and deletes', () => {
    const a = store.addStory(T, U, story('Webhooks'), 1_000);
    const b = store.addStory(T, U, story('Migration', ['deliver-results', 'ownership'], 82), 2_000);
    expect(a).toEqual({ id: a.id, ...story('Webhooks'), answerId: null, createdAt: 1_000, updatedAt: 1_000 });
    expect(store.listStories(T, U).map((s) => s.title)).toEqual(['Webhooks', 'Migration']);
    expect(store.getStory(T, U, b.id)?.principles).toEqual(['deliver-results', 'ownership']);

    const updated = store.updateStory(T, U, a.id, { title: 'Lost webhooks', bestScore: 88 }, 3_000);
    expect(updated).toMatchObject({
      title: 'Lost webhooks',
      bestScore: 88,
      principles: ['ownership'],
      updatedAt: 3_000,
    });
    expect(updated?.text).toBe(a.text);

    expect(store.deleteStory(T, U, a.id)).toBe(true);
    expect(store.deleteStory(T, U, a.id)).toBe(false);
    expect(store.listStories(T, U).map((s) => s.id)).toEqual([b.id]);
  });

  it('keeps stories private to (team, user): others cannot get, update or delete them', () => {
    const mine = store.addStory(T, U, story('Mine'), 1_000);
    for (const [team, user] of [
      [T, OTHER],
      ['T0002', U],
    ] as const) {
      expect(store.getStory(team, user, mine.id)).toBeNull();
      expect(store.updateStory(team, user, mine.id, { title: 'stolen' }, 2_000)).toBeNull();
      expect(store.deleteStory(team, user, mine.id)).toBe(false);
      expect(store.listStories(team, user)).toEqual([]);
    }
    expect(store.getStory(T, U, mine.id)).toEqual(mine);
  });

  it('links a story to its answer and survives the answer being deleted', () => {
    const { record } = store.insertAnswer(answer());
    const s = store.addStory(T, U, story('From an answer'), 1_000, record.id);
    expect(db.prepare('SELECT answer_id FROM stories WHERE id = ?').pluck().get(s.id)).toBe(record.id);
    store.deleteAnswer(record.id);
    expect(db.prepare('SELECT answer_id FROM stories WHERE id = ?').pluck().get(s.id)).toBeNull();
    expect(store.getStory(T, U, s.id)?.title).toBe('From an answer');
  });
});

/** Fills the store with one person's data in every table the store writes. */
function fillFor(team: string, user: string, marker: string) {
  store.saveUser({ teamId: team, userId: user, level: 'senior', privacy: 'ephemeral' }, 1_000);
  const first = store.insertAnswer(
    answer({ teamId: team, userId: user, messageTs: `${marker}.1`, text: `${marker} answer one` }),
  );
  store.insertAnswer(
    answer({
      teamId: team,
      userId: user,
      source: 'terminal',
      channelId: null,
      messageTs: null,
      text: `${marker} answer two`,
    }),
  );
  store.addStory(team, user, story(`${marker} story`), 1_000, first.record.id);
  store.saveSession(session({ id: `${marker}-s1`, teamId: team, userId: user }));
  store.saveSession(
    session({ id: `${marker}-s2`, teamId: team, userId: user, mode: 'mock', status: 'done', stage: 'done' }),
  );
  // A reply still owed to Slack quotes the answer, so it is data about the person too.
  db.prepare(
    `INSERT INTO outbox (key, team_id, user_id, channel_id, payload_json, created_at) VALUES (?, ?, ?, 'C0001', ?, 1000)`,
  ).run(`${marker}-reply`, team, user, JSON.stringify({ text: `${marker} answer one` }));
}

/** Rows anywhere in the database whose text mentions a value. */
function rowsMentioning(value: string): string[] {
  const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all() as string[];
  return tables.flatMap((table) => {
    const columns = (db.prepare(`PRAGMA table_info(${table})`).all() as Array<{ name: string }>).map(
      (c) => c.name,
    );
    const where = columns.map((c) => `CAST(${c} AS TEXT) LIKE @like`).join(' OR ');
    const n = db
      .prepare(`SELECT COUNT(*) FROM ${table} WHERE ${where}`)
      .pluck()
      .get({ like: `%${value}%` }) as number;
    return n ? [`${table}: ${n}`] : [];
  });
}

describe('exportUser and forgetUser', () => {
  it('exports everything about one person as plain JSON', () => {
    fillFor(T, U, 'alpha');
    fillFor(T, OTHER, 'beta');
    const exported = store.exportUser(T, U);
    expect(JSON.parse(JSON.stringify(exported))).toEqual(exported);
    expect(exported).toMatchObject({
      exportedFor: { teamId: T, userId: U },
      settings: { level: 'senior', privacy: 'ephemeral' },
    });
    const { answers, stories, sessions } = exported as {
      answers: Array<{ text: string }>;
      stories: Array<{ title: string }>;
      sessions: Array<{ id: string; status: string; state: SessionState }>;
    };
    expect(answers.map((a) => a.text).sort()).toEqual(['alpha answer one', 'alpha answer two']);
    expect(stories.map((s) => s.title)).toEqual(['alpha story']);
    expect(sessions.map((s) => s.id).sort()).toEqual(['alpha-s1', 'alpha-s2']);
    expect(sessions.find((s) => s.id === 'alpha-s1')?.state.items[0]?.questionId).toBe('ownership-q1');
    expect(JSON.stringify(exported)).not.toContain('beta');
  });

  it('deletes every row about the person in every table, returns the counts and spares everyone else', () => {
    fillFor(T, U, 'alpha');
    fillFor(T, OTHER, 'beta');
    fillFor('T0002', U, 'gamma');
    expect(rowsMentioning('alpha').length).toBeGreaterThan(0);

    expect(store.forgetUser(T, U)).toEqual({ answers: 2, stories: 1, sessions: 2, settings: 1 });

    const tables = db
      .prepare("SELECT name FROM sqlite_master WHERE type = 'table'")
      .pluck()
      .all() as string[];
    const checked: string[] = [];
    for (const table of tables) {
      const columns = (db.prepare(`PRAGMA table_info(${table})`).all() as Array<{ name: string }>).map(
        (c) => c.name,
      );
      if (!columns.includes('user_id') || !columns.includes('team_id')) continue;
      checked.push(table);
      expect(
        db.prepare(`SELECT COUNT(*) FROM ${table} WHERE team_id = ? AND user_id = ?`).pluck().get(T, U),
        table,
      ).toBe(0);
    }
    expect(checked).toEqual(
      expect.arrayContaining(['answers', 'conversations', 'outbox', 'stories', 'users']),
    );
    expect(rowsMentioning('alpha')).toEqual([]);
    expect(store.exportUser(T, U)).toMatchObject({
      answers: [],
      stories: [],
      sessions: [],
      settings: { level: 'sde2' },
    });

    for (const [team, user, marker] of [
      [T, OTHER, 'beta'],
      ['T0002', U, 'gamma'],
    ] as const) {
      expect(store.getUser(team, user).level).toBe('senior');
      expect(
        store
          .listAnswers(team, user)
          .map((a) => a.text)
          .sort(),
      ).toEqual([`${marker} answer one`, `${marker} answer two`]);
      expect(store.listStories(team, user)).toHaveLength(1);
      expect(store.getSession(`${marker}-s1`)).not.toBeNull();
      expect(store.getSession(`${marker}-s2`)).not.toBeNull();
      expect(db.prepare('SELECT COUNT(*) FROM outbox WHERE key = ?').pluck().get(`${marker}-reply`)).toBe(1);
    }
  });

  it('returns zero counts for someone it knows nothing about', () => {
    fillFor(T, OTHER, 'beta');
    expect(store.forgetUser(T, U)).toEqual({ answers: 0, stories: 0, sessions: 0, settings: 0 });
    expect(store.listAnswers(T, OTHER)).toHaveLength(2);
  });
});
