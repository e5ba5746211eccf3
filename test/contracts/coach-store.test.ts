import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SessionState } from '../../src/core/practice/session.js';
import type { NewAnswer } from '../../src/core/store.js';
import { type Packed, unpack } from '../../src/infra/sql/packed.js';
import { backends, type Stores } from './backends.js';

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

describe.each(backends())('CoachStore contract on $name', (backend) => {
  let db: Stores;
  let store: Stores['coachStore'];

  beforeEach(async () => {
    db = await backend.open();
    store = db.coachStore;
  });

  afterEach(async () => {
    await db.close();
  });

  describe('users', () => {
    it('defaults to sde2 and public for someone never saved', async () => {
      expect(await store.getUser(T, U)).toEqual({ teamId: T, userId: U, level: 'sde2', privacy: 'public' });
    });

    it('remembers who opened their App Home, through settings changes, until they are forgotten', async () => {
      expect(await store.homeOpened(T, U)).toBe(false);
      await store.markHomeOpened(T, U, 1_000);
      expect(await store.homeOpened(T, U)).toBe(true);
      expect(await store.homeOpened(T, OTHER)).toBe(false);
      expect(await store.homeOpened('T0002', U)).toBe(false);
      // Opening the Home changes no setting, and saving settings keeps the mark.
      expect(await store.getUser(T, U)).toEqual({ teamId: T, userId: U, level: 'sde2', privacy: 'public' });
      await store.saveUser({ teamId: T, userId: U, level: 'senior', privacy: 'public' }, 2_000);
      await store.markHomeOpened(T, U, 3_000);
      expect(await store.homeOpened(T, U)).toBe(true);
      expect((await store.getUser(T, U)).level).toBe('senior');
      expect((await store.forgetUser(T, U)).settings).toBe(1);
      expect(await store.homeOpened(T, U)).toBe(false);
    });

    it('saves and overwrites settings per (team, user)', async () => {
      await store.saveUser({ teamId: T, userId: U, level: 'senior', privacy: 'ephemeral' }, 1_000);
      await store.saveUser({ teamId: T, userId: U, level: 'principal', privacy: 'ephemeral' }, 2_000);
      expect(await store.getUser(T, U)).toEqual({
        teamId: T,
        userId: U,
        level: 'principal',
        privacy: 'ephemeral',
      });
      expect((await store.getUser(T, OTHER)).level).toBe('sde2');
      expect((await store.getUser('T0002', U)).level).toBe('sde2');
      if (db.sql) {
        const row = await db.sql.get<{ created_at: number; updated_at: number }>(
          'SELECT created_at, updated_at FROM users',
        );
        expect([Number(row?.created_at), Number(row?.updated_at)]).toEqual([1_000, 2_000]);
      }
    });

    it.skipIf(backend.name === 'memory')('rejects a level the schema does not know', async () => {
      await expect(
        store.saveUser({ teamId: T, userId: U, level: 'intern' as 'sde1', privacy: 'public' }, 1),
      ).rejects.toThrow(/CHECK|check constraint/);
    });
  });

  describe('answers', () => {
    it('inserts and reads back every field', async () => {
      const report = { score: 61, verdict: 'lean_hire' } as unknown as NonNullable<NewAnswer['report']>;
      const { record, inserted } = await store.insertAnswer(answer({ report, replyTs: '1700000000.000200' }));
      expect(inserted).toBe(true);
      expect(record).toEqual({
        ...answer(),
        id: record.id,
        report,
        replyTs: '1700000000.000200',
        edited: false,
        updatedAt: 1_000,
      });
      expect(await store.getAnswer(record.id)).toEqual(record);
      expect(await store.findAnswerByMessage('C0001', '1700000000.000100')).toEqual(record);
    });

    it('is idempotent on (channel, message ts): the second insert returns the first row', async () => {
      const first = await store.insertAnswer(answer());
      const second = await store.insertAnswer(answer({ text: 'a redelivered copy', createdAt: 5_000 }));
      expect(second.inserted).toBe(false);
      expect(second.record.id).toBe(first.record.id);
      expect(second.record.text).toBe(first.record.text);
      expect(await store.listAnswers(T, U)).toHaveLength(1);
    });

    it('keeps terminal answers without a message id as separate rows', async () => {
      const a = await store.insertAnswer(
        answer({ source: 'terminal', channelId: null, messageTs: null, threadTs: null }),
      );
      const b = await store.insertAnswer(
        answer({ source: 'terminal', channelId: null, messageTs: null, threadTs: null }),
      );
      expect([a.inserted, b.inserted]).toEqual([true, true]);
      expect(a.record.id).not.toBe(b.record.id);
      expect(await store.listAnswers(T, U)).toHaveLength(2);
    });

    it('updates only the fields in the patch', async () => {
      const { record } = await store.insertAnswer(answer());
      await store.updateAnswer(
        record.id,
        { text: 'edited text', score: 80, verdict: 'hire', edited: true, replyTs: '9.9' },
        7_000,
      );
      expect(await store.getAnswer(record.id)).toMatchObject({
        text: 'edited text',
        score: 80,
        verdict: 'hire',
        edited: true,
        replyTs: '9.9',
        questionId: 'ownership-q1',
        createdAt: 1_000,
        updatedAt: 7_000,
      });
      await store.updateAnswer(record.id, { edited: false }, 8_000);
      expect(await store.getAnswer(record.id)).toMatchObject({
        text: 'edited text',
        edited: false,
        updatedAt: 8_000,
      });
    });

    it('deletes an answer', async () => {
      const { record } = await store.insertAnswer(answer());
      await store.deleteAnswer(record.id);
      expect(await store.getAnswer(record.id)).toBeNull();
      expect(await store.findAnswerByMessage('C0001', '1700000000.000100')).toBeNull();
    });

    it('lists one person’s answers oldest first', async () => {
      await store.insertAnswer(answer({ messageTs: '3', createdAt: 3_000, text: 'third' }));
      await store.insertAnswer(answer({ messageTs: '1', createdAt: 1_000, text: 'first' }));
      await store.insertAnswer(
        answer({ messageTs: '2', createdAt: 2_000, text: 'other person', userId: OTHER }),
      );
      expect((await store.listAnswers(T, U)).map((a) => a.text)).toEqual(['first', 'third']);
      expect(await store.getAnswer(12345)).toBeNull();
    });
  });

  describe('sessions', () => {
    it('gives a conversation its own copy before the answer it points at changes or goes (a reused id shows nothing of anyone else)', async () => {
      const first = { score: 70, verdict: 'hire', dimensions: [] } as unknown as NewAnswer['report'];
      const second = { score: 40, verdict: 'no_hire', dimensions: [] } as unknown as NewAnswer['report'];
      const { record } = await store.insertAnswer(answer({ text: 'first words', report: first }));
      const item = session().items[0]!;
      const pointing = (id: string, text: string, report: NewAnswer['report']) =>
        session({ id, items: [{ ...item, answer: text, report, answeredAt: 1_500, answerId: record.id }] });
      await store.saveSession(pointing('S1', 'first words', first));

      // A change the conversation must not follow: it keeps the words it had.
      await store.updateAnswer(record.id, { text: 'second words', report: second, score: 40 }, 2_000);
      expect((await store.getSession('S1'))?.items[0]).toMatchObject({
        answer: 'first words',
        report: first,
      });
      // A conversation saved with the new words points at the row again.
      await store.saveSession(pointing('S2', 'second words', second));
      expect((await store.getSession('S2'))?.items[0]).toMatchObject({
        answer: 'second words',
        report: second,
      });

      // The row goes; SQLite gives its id to the next row, here someone else's answer.
      await store.deleteAnswer(record.id);
      await store.insertAnswer(answer({ userId: OTHER, messageTs: '9', text: 'not yours', report: second }));
      for (const id of ['S1', 'S2'])
        expect(JSON.stringify(await store.getSession(id))).not.toContain('not yours');
      expect((await store.getSession('S2'))?.items[0]).toMatchObject({
        answer: 'second words',
        report: second,
      });
      const exported = (await store.exportUser(T, U)) as { sessions: Array<{ state: unknown }> };
      expect(JSON.stringify(exported.sessions)).not.toContain('not yours');
    });

    it('reads back an item kept by reference to its stored answer, in getSession, findActiveSession and exports', async () => {
      const report = { score: 61, verdict: 'lean_hire', dimensions: [] } as unknown as NewAnswer['report'];
      const { record } = await store.insertAnswer(answer({ text: 'the stored words', report }));
      const base = session();
      const s = session({
        items: [
          { ...base.items[0]!, answer: 'the stored words', report, answeredAt: 1_500, answerId: record.id },
        ],
      });
      await store.saveSession(s);
      expect(await store.getSession('S1')).toEqual(s);
      expect(await store.findActiveSession(T, U)).toEqual(s);
      const exported = (await store.exportUser(T, U)) as { sessions: Array<{ state: unknown }> };
      expect(exported.sessions.map((x) => x.state)).toEqual([s]);
      if (db.sql) {
        // Kept once: the conversation row holds the reference, not a second copy of the words.
        // Read as stored (SQLite keeps a deflated BLOB, which would never contain the words however stored).
        const row = await db.sql.get<{ state_json: Packed }>('SELECT state_json FROM conversations');
        const stored = JSON.stringify(unpack(row!.state_json));
        expect(stored).toContain('"answerId"');
        expect(stored).not.toContain('the stored words');
      }
    });

    it('saves, reads back and overwrites a session by id', async () => {
      const s = session();
      await store.saveSession(s);
      expect(await store.getSession('S1')).toEqual(s);
      const next = session({ stage: 'awaiting_probe', updatedAt: 2_000, seen: ['m1'] });
      await store.saveSession(next);
      expect(await store.getSession('S1')).toEqual(next);
      if (db.sql)
        expect(Number((await db.sql.get<{ n: number }>('SELECT COUNT(*) AS n FROM conversations'))?.n)).toBe(
          1,
        );
      expect(await store.getSession('nope')).toBeNull();
    });

    it('finds the latest active session, optionally of some modes', async () => {
      await store.saveSession(session({ id: 'old-practice', updatedAt: 100 }));
      await store.saveSession(session({ id: 'mock', mode: 'mock', updatedAt: 300 }));
      await store.saveSession(session({ id: 'new-practice', updatedAt: 200 }));
      await store.saveSession(
        session({ id: 'done-practice', status: 'done', stage: 'done', updatedAt: 400 }),
      );
      await store.saveSession(session({ id: 'someone-else', userId: OTHER, updatedAt: 500 }));
      expect((await store.findActiveSession(T, U))?.id).toBe('mock');
      expect((await store.findActiveSession(T, U, ['practice']))?.id).toBe('new-practice');
      expect((await store.findActiveSession(T, U, ['practice', 'mock']))?.id).toBe('mock');
      expect(await store.findActiveSession(T, U, ['walkthrough'])).toBeNull();
      expect(await store.findActiveSession('T0002', U)).toBeNull();
    });

    it('stops finding a session once it is finished or deleted', async () => {
      await store.saveSession(session());
      await store.saveSession(session({ status: 'abandoned', stage: 'done', updatedAt: 2_000 }));
      expect(await store.findActiveSession(T, U)).toBeNull();
      await store.deleteSession('S1');
      expect(await store.getSession('S1')).toBeNull();
    });
  });

  describe('stories', () => {
    it('adds, lists in order, gets, updates and deletes', async () => {
      const a = await store.addStory(T, U, story('Webhooks'), 1_000);
      const b = await store.addStory(T, U, story('Migration', ['deliver-results', 'ownership'], 82), 2_000);
      expect(a).toEqual({
        id: a.id,
        ...story('Webhooks'),
        answerId: null,
        createdAt: 1_000,
        updatedAt: 1_000,
      });
      expect((await store.listStories(T, U)).map((s) => s.title)).toEqual(['Webhooks', 'Migration']);
      expect((await store.getStory(T, U, b.id))?.principles).toEqual(['deliver-results', 'ownership']);

      const updated = await store.updateStory(T, U, a.id, { title: 'Lost webhooks', bestScore: 88 }, 3_000);
      expect(updated).toMatchObject({
        title: 'Lost webhooks',
        bestScore: 88,
        principles: ['ownership'],
        updatedAt: 3_000,
      });
      expect(updated?.text).toBe(a.text);

      expect(await store.deleteStory(T, U, a.id)).toBe(true);
      expect(await store.deleteStory(T, U, a.id)).toBe(false);
      expect((await store.listStories(T, U)).map((s) => s.id)).toEqual([b.id]);
    });

    it('keeps stories private to (team, user): others cannot get, update or delete them', async () => {
      const mine = await store.addStory(T, U, story('Mine'), 1_000);
      for (const [team, user] of [
        [T, OTHER],
        ['T0002', U],
      ] as const) {
        expect(await store.getStory(team, user, mine.id)).toBeNull();
        expect(await store.updateStory(team, user, mine.id, { title: 'stolen' }, 2_000)).toBeNull();
        expect(await store.deleteStory(team, user, mine.id)).toBe(false);
        expect(await store.listStories(team, user)).toEqual([]);
      }
      expect(await store.getStory(T, U, mine.id)).toEqual(mine);
    });

    it('links a story to its answer and survives the answer being deleted', async () => {
      const { record } = await store.insertAnswer(answer());
      const s = await store.addStory(T, U, story('From an answer'), 1_000, record.id);
      const linked = async () =>
        (
          await db.sql?.get<{ answer_id: number | null }>('SELECT answer_id FROM stories WHERE id = ?', [
            s.id,
          ])
        )?.answer_id;
      if (db.sql) expect(Number(await linked())).toBe(record.id);
      await store.deleteAnswer(record.id);
      if (db.sql) expect(await linked()).toBeNull();
      expect((await store.getStory(T, U, s.id))?.title).toBe('From an answer');
    });
  });

  /** Fills the store with one person's data in every table the store writes. */
  async function fillFor(team: string, user: string, marker: string) {
    await store.saveUser({ teamId: team, userId: user, level: 'senior', privacy: 'ephemeral' }, 1_000);
    const first = await store.insertAnswer(
      answer({ teamId: team, userId: user, messageTs: `${marker}.1`, text: `${marker} answer one` }),
    );
    await store.insertAnswer(
      answer({
        teamId: team,
        userId: user,
        source: 'terminal',
        channelId: null,
        messageTs: null,
        text: `${marker} answer two`,
      }),
    );
    await store.addStory(team, user, story(`${marker} story`), 1_000, first.record.id);
    await store.saveSession(session({ id: `${marker}-s1`, teamId: team, userId: user }));
    await store.saveSession(
      session({
        id: `${marker}-s2`,
        teamId: team,
        userId: user,
        mode: 'mock',
        status: 'done',
        stage: 'done',
      }),
    );
    // A reply still owed to Slack quotes the answer, so it is data about the person too.
    await db.ledger.outboxAdd({
      key: `${marker}-reply`,
      teamId: team,
      userId: user,
      channelId: 'C0001',
      threadTs: null,
      payload: { text: `${marker} answer one` },
      createdAt: 1_000,
    });
  }

  /** Columns of a table (SQLite or PostgreSQL). */
  async function columnsOf(table: string): Promise<string[]> {
    if (!db.sql) return [];
    if (db.sql.dialect === 'sqlite')
      return (await db.sql.all<{ name: string }>(`PRAGMA table_info(${table})`)).map((c) => c.name);
    return (
      await db.sql.all<{ name: string }>(
        'SELECT column_name AS name FROM information_schema.columns WHERE table_name = ? AND table_schema = current_schema()',
        [table],
      )
    ).map((c) => c.name);
  }

  /** Rows anywhere in the database whose text mentions a value (the twin: everything the port can read). */
  async function rowsMentioning(value: string): Promise<string[]> {
    if (!db.sql) {
      const everything = JSON.stringify([
        await store.exportUser(T, U),
        await store.exportUser(T, OTHER),
        await store.exportUser('T0002', U),
      ]);
      return everything.includes(value) ? ['some store'] : [];
    }
    const found: string[] = [];
    for (const table of await db.tables()) {
      const where = (await columnsOf(table)).map((c) => `CAST(${c} AS TEXT) LIKE ?`);
      const row = await db.sql.get<{ n: number }>(
        `SELECT COUNT(*) AS n FROM ${table} WHERE ${where.join(' OR ')}`,
        where.map(() => `%${value}%`),
      );
      if (Number(row?.n)) found.push(`${table}: ${row?.n}`);
    }
    return found;
  }

  describe('exportUser and forgetUser', () => {
    it('exports everything about one person as plain JSON', async () => {
      await fillFor(T, U, 'alpha');
      await fillFor(T, OTHER, 'beta');
      const exported = await store.exportUser(T, U);
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

    it('deletes every row about the person in every table, returns the counts and spares everyone else', async () => {
      await fillFor(T, U, 'alpha');
      await fillFor(T, OTHER, 'beta');
      await fillFor('T0002', U, 'gamma');
      expect((await rowsMentioning('alpha')).length).toBeGreaterThan(0);

      expect(await store.forgetUser(T, U)).toEqual({ answers: 2, stories: 1, sessions: 2, settings: 1 });

      if (db.sql) {
        const checked: string[] = [];
        for (const table of await db.tables()) {
          const columns = await columnsOf(table);
          if (!columns.includes('user_id') || !columns.includes('team_id')) continue;
          checked.push(table);
          const row = await db.sql.get<{ n: number }>(
            `SELECT COUNT(*) AS n FROM ${table} WHERE team_id = ? AND user_id = ?`,
            [T, U],
          );
          expect(Number(row?.n), table).toBe(0);
        }
        expect(checked).toEqual(
          expect.arrayContaining(['answers', 'conversations', 'outbox', 'stories', 'users']),
        );
      }
      expect(await rowsMentioning('alpha')).toEqual([]);
      expect(await store.exportUser(T, U)).toMatchObject({
        answers: [],
        stories: [],
        sessions: [],
        settings: { level: 'sde2' },
      });

      for (const [team, user, marker] of [
        [T, OTHER, 'beta'],
        ['T0002', U, 'gamma'],
      ] as const) {
        expect((await store.getUser(team, user)).level).toBe('senior');
        expect((await store.listAnswers(team, user)).map((a) => a.text).sort()).toEqual([
          `${marker} answer one`,
          `${marker} answer two`,
        ]);
        expect(await store.listStories(team, user)).toHaveLength(1);
        expect(await store.getSession(`${marker}-s1`)).not.toBeNull();
        expect(await store.getSession(`${marker}-s2`)).not.toBeNull();
        expect(await db.ledger.outboxGet(`${marker}-reply`)).not.toBeNull();
      }
    });

    it('returns zero counts for someone it knows nothing about', async () => {
      await fillFor(T, OTHER, 'beta');
      expect(await store.forgetUser(T, U)).toEqual({ answers: 0, stories: 0, sessions: 0, settings: 0 });
      expect(await store.listAnswers(T, OTHER)).toHaveLength(2);
    });
  });
});
