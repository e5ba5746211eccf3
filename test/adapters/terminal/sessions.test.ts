import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { loadContent } from '../../../src/infra/content-files.js';
import { cliEnv, runCli, SPAWN_TIMEOUT_MS, startCli, withTempDir } from '../../bin/run-cli.js';
import { loadSeeds } from '../../helpers/seeds.js';

const seeds = loadSeeds();
const strong = seeds.strongAnswers[0]!;
/** One answer as typed in the terminal: its lines, then the blank line that ends it. */
const ANSWER = `${[...strong.steps, strong.reflection ?? ''].join('\n')}\n\n`;
/**
 * How many answers to send: the coach asks a varying number of follow-ups (and may re-ask once per
 * follow-up), so the script sends more than enough; extra lines after the session go to the menu.
 */
const answers = (n: number) => ANSWER.repeat(n);

const PRACTICE = ['practice', '--principle', 'ownership', '--level', 'sde2'];
const VERDICT = '(Strong hire|Hire|Lean hire|Lean no hire|No hire)';

function rows<T>(path: string, sql: string): T[] {
  const db = new Database(path, { readonly: true });
  try {
    return db.prepare(sql).all() as T[];
  } finally {
    db.close();
  }
}

/** Fails unless every text occurs in `output`, in this order. */
function expectInOrder(output: string, texts: Array<string | RegExp>) {
  let from = 0;
  for (const text of texts) {
    const rest = output.slice(from);
    const match =
      typeof text === 'string' ? { index: rest.indexOf(text), length: text.length } : text.exec(rest);
    const index = match && 'length' in match && typeof match.length === 'number' ? match.index : -1;
    expect(index, `"${String(text)}" after position ${from} in:\n${output}`).toBeGreaterThanOrEqual(0);
    from += index + 1;
  }
}

describe.concurrent('scripted terminal sessions', { timeout: SPAWN_TIMEOUT_MS }, () => {
  it('practice: question → answer → report and follow-up → probe answers → wrap-up with the verdict', async () => {
    await withTempDir(async (dir) => {
      const db = join(dir, 'coach.db');
      const r = await runCli(PRACTICE, { env: cliEnv(db), input: answers(8) });
      expect(r.stderr).toBe('');
      expect(r.code).toBe(0);
      expectInOrder(r.stdout, [
        /^Ownership \(SDE II, about [\d a-z]+ spoken\)$/m,
        'finish with an empty line',
        new RegExp(`^${VERDICT} — \\d+/100 \\(SDE II, Ownership\\)$`, 'm'),
        /^Follow-up 1: \S/m,
        /^(STRONG|PARTLY THERE|WEAK) — /m,
        new RegExp(
          `^Wrap-up — final verdict: ${VERDICT} \\(\\d+/100, from \\d+ before the follow-ups\\)$`,
          'm',
        ),
        /^Practise next: /m,
      ]);
      const stored = rows<{
        source: string;
        principle_id: string;
        level: string;
        text: string;
        score: number;
      }>(db, 'SELECT source, principle_id, level, text, score FROM answers');
      expect(stored).toEqual([
        {
          source: 'terminal',
          principle_id: 'ownership',
          level: 'sde2',
          text: ANSWER.trimEnd(),
          score: expect.any(Number),
        },
      ]);
      expect(rows(db, 'SELECT kind, status FROM conversations')).toEqual([
        { kind: 'practice', status: 'done' },
      ]);
    });
  });

  it('"practice dive deep" typed in an open session starts over, as in a Slack DM, and keeps the answer', async () => {
    await withTempDir(async (dir) => {
      const db = join(dir, 'coach.db');
      // One answer, the start of a follow-up reply that opens with a mode word, then a start request.
      const input = `${ANSWER}Practice runs with on-call: I rehearsed the rollback twice.\n\npractice dive deep\nquit\n`;
      const r = await runCli(PRACTICE, { env: cliEnv(db), input });
      expect(r.code).toBe(0);
      expectInOrder(r.stdout, [
        /^Ownership \(SDE II, about [\d a-z]+ spoken\)$/m,
        /^Follow-up 1: \S/m,
        /^(STRONG|PARTLY THERE|WEAK) — /m,
        'Closed your unfinished practice session (its answers are saved).',
        /^Dive Deep \(SDE II, about [\d a-z]+ spoken\)$/m,
      ]);
      expect(rows(db, 'SELECT COUNT(*) AS n FROM answers')).toEqual([{ n: 1 }]);
    });
  });

  it('walkthrough: Enter through the steps, answer the quiz, "Walkthrough finished"', async () => {
    const walkthrough = loadContent().walkthroughs.find((w) => w.principle === 'ownership')!;
    const choices = [0, 1, 2];
    const right = walkthrough.quiz.filter((q, i) => q.correct === choices[i]).length;
    await withTempDir(async (dir) => {
      const db = join(dir, 'coach.db');
      const input = `${'\n'.repeat(7)}${choices.map((c) => c + 1).join('\n')}\n`;
      const r = await runCli([...PRACTICE, '--mode', 'walkthrough'], { env: cliEnv(db), input });
      expect(r.stderr).toBe('');
      expect(r.code).toBe(0);
      expectInOrder(r.stdout, [
        `Walkthrough — Ownership: ${walkthrough.title}`,
        /^Situation — target \d+ s$/m,
        /^Task — target/m,
        /^Action — target/m,
        /^Result — target/m,
        /^Reflection — target/m,
        'A weak answer to the same question:',
        `Quiz 1 of ${walkthrough.quiz.length}: `,
        /^(Correct\.|Not quite: )/m,
        `Quiz 3 of ${walkthrough.quiz.length}: `,
        `Walkthrough finished: ${right} of ${walkthrough.quiz.length} quiz answers right.`,
      ]);
      expect(r.stdout).not.toContain('⚠');
      // An option that ends in a full stop is not followed by a second one.
      expect(r.stdout).not.toMatch(/[^.]\.\. /);
      expect(rows(db, 'SELECT kind, status FROM conversations')).toEqual([
        { kind: 'walkthrough', status: 'done' },
      ]);
    });
  });

  it('mock with 2 questions: no scores until the Bar Raiser debrief, which covers both answers', async () => {
    await withTempDir(async (dir) => {
      const db = join(dir, 'coach.db');
      const r = await runCli([...PRACTICE, '--mode', 'mock', '--questions', '2'], {
        env: cliEnv(db),
        input: answers(10),
      });
      expect(r.stderr).toBe('');
      expect(r.code).toBe(0);
      expectInOrder(r.stdout, [
        'Mock interview: 2 questions',
        /^Question 1 of 2 — /m,
        'Noted. Estimated speaking time: about',
        /^Question 2 of 2 — /m,
        new RegExp(`^Bar Raiser debrief — overall: ${VERDICT} \\(\\d+/100\\)$`, 'm'),
        /^ {2}1\. .+: .+\(\d+\), took [\d a-z]+ to answer, about [\d a-z]+ spoken of a [\d a-z]+ budget/m,
        /^ {2}2\. .+: .+\(\d+\), took [\d a-z]+ to answer, about [\d a-z]+ spoken of a [\d a-z]+ budget/m,
      ]);
      const beforeDebrief = r.stdout.slice(0, r.stdout.indexOf('Bar Raiser debrief'));
      expect(beforeDebrief).not.toMatch(/\/100/);
      const principles = rows<{ principle_id: string }>(db, 'SELECT principle_id FROM answers ORDER BY id');
      expect(principles).toHaveLength(2);
      expect(principles[0]!.principle_id).not.toBe(principles[1]!.principle_id);
      expect(rows(db, 'SELECT kind, status FROM conversations')).toEqual([{ kind: 'mock', status: 'done' }]);
    });
  });

  it('resumes after the process is killed mid-session, with the answer kept', async () => {
    await withTempDir(async (dir) => {
      const db = join(dir, 'coach.db');
      const first = startCli(PRACTICE, cliEnv(db));
      first.child.stdin.write(ANSWER);
      await first.waitForStdout('Follow-up 1: ');
      first.child.kill('SIGKILL');
      const killed = await first.finished;
      expect(killed.signal).toBe('SIGKILL');
      const probe = /^Follow-up 1: (.+)$/m.exec(killed.stdout)![1]!;
      expect(rows(db, 'SELECT COUNT(*) AS n FROM answers')).toEqual([{ n: 1 }]);

      const second = await runCli(PRACTICE, { env: cliEnv(db), input: answers(6) });
      expect(second.stderr).toBe('');
      expect(second.code).toBe(0);
      expectInOrder(second.stdout, [
        'Resuming your practice session where you left off.',
        `Follow-up 1: ${probe}`,
        /^(STRONG|PARTLY THERE|WEAK) — /m,
        new RegExp(`^Wrap-up — final verdict: ${VERDICT}`, 'm'),
      ]);
      // The resumed run does not ask a new question first.
      expect(second.stdout.indexOf('Resuming')).toBe(0);
      expect(rows(db, 'SELECT COUNT(*) AS n FROM answers')).toEqual([{ n: 1 }]);
      expect(rows(db, 'SELECT status FROM conversations')).toEqual([{ status: 'done' }]);
    });
  });
});
