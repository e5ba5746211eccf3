import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough, Writable } from 'node:stream';
import Database from 'better-sqlite3';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { coach, type Io, main } from '../../src/bin/cli.js';
import { loadContent } from '../../src/infra/content-files.js';
import { readMigrations } from '../../src/infra/sqlite/database.js';
import { loadSeeds, strongText } from '../helpers/seeds.js';
import { answerTexts, integrity, seedDatabase } from './db-helpers.js';

// In-process runs of the CLI entry for the cases the spawned tests do not need a process for.
// main() reads the environment when a command runs, so each test points DATABASE_PATH at its own file.

const seeds = loadSeeds();
const content = loadContent();
const saved = { ...process.env };
let dir: string;

beforeAll(() => {
  // Blanks win over a developer's .env, so nothing here can reach Slack.
  for (const key of [
    'SLACK_BOT_TOKEN',
    'SLACK_APP_TOKEN',
    'SLACK_SIGNING_SECRET',
    'SLACK_MODE',
    'SLACK_API_URL',
    'LOG_LEVEL',
  ]) {
    process.env[key] = '';
  }
});

afterAll(() => {
  for (const key of Object.keys(process.env)) if (!(key in saved)) delete process.env[key];
  Object.assign(process.env, saved);
});

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'star-coach-main-'));
  process.env.DATABASE_PATH = join(dir, 'coach.db');
});

afterEach(() => {
  process.env.SLACK_MODE = '';
  process.env.SLACK_BOT_TOKEN = '';
  rmSync(dir, { recursive: true, force: true });
});

async function run(argv: string[], input = ''): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const sink = (append: (s: string) => void) =>
    new Writable({
      write(chunk, _enc, done) {
        append(String(chunk));
        done();
      },
    });
  const stdin = new PassThrough();
  stdin.end(input);
  const io: Io = { stdin, stdout: sink((s) => (stdout += s)), stderr: sink((s) => (stderr += s)) };
  const code = await main(argv, io);
  return { code, stdout, stderr };
}

const scoreJson = async (argv: string[], input: string) => {
  const r = await run(['score', '--json', ...argv], input);
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  return JSON.parse(r.stdout) as {
    verdict: string;
    flags: Array<{ id: string; quote: string }>;
    principle: string | null;
  };
};

describe('score', () => {
  it.each(seeds.weakAnswers.map((w, i) => [i + 1, w.text]))(
    'weak seed answer %i → lean_no_hire or lower, escalated_not_owned, a vague or unquantified result',
    async (_, text) => {
      const report = await scoreJson([], text);
      expect(['lean_no_hire', 'no_hire']).toContain(report.verdict);
      const ids = report.flags.map((f) => f.id);
      expect(ids).toContain('escalated_not_owned');
      expect(ids.some((id) => id === 'vague_result' || id === 'unquantified_result')).toBe(true);
    },
  );

  it.each(seeds.strongAnswers.map((s, i) => [i + 1, strongText(s)]))(
    'strong seed answer %i (steps joined) → hire or better at sde2',
    async (_, text) => {
      expect(['hire', 'strong_hire']).toContain((await scoreJson(['--level', 'sde2'], text)).verdict);
    },
  );

  it('reads a file and prints a readable report without --json', async () => {
    const file = join(dir, 'answer.txt');
    writeFileSync(file, seeds.weakAnswers[0]!.text);
    const r = await run(['score', file]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^(Lean no hire|No hire) — \d+\/100 \(SDE II\)/);
    expect(r.stdout).toContain('⚑ Escalated, not owned');
  });

  it.each([
    [['--principle', 'pizza'], 'Unknown principle "pizza"'],
    [['--level', 'intern'], '--level must be one of sde1, sde2, senior, principal (got "intern")'],
    [['--principle', 'ownership', '--question', 'x'], 'Give --question or --principle, not both.'],
    [['--colour'], 'star-coach score: unknown option --colour (star-coach score --help)'],
  ])('exits 2 on %j', async (argv, message) => {
    const r = await run(['score', ...argv], seeds.weakAnswers[0]!.text);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(message);
    expect(r.stdout).toBe('');
  });

  it('exits 2 on whitespace-only input', async () => {
    const r = await run(['score'], ' \n\t\n');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^The answer is empty\./);
  });
});

describe('probe', () => {
  const verify = seeds.probes.filter((p) => /verify/i.test(p.probe ?? ''));

  it.each(verify.map((p) => [p.probe!, p.weak, p.strong]))(
    '"%s": weak seed → weak, strong seed → strong',
    async (probe, weak, strong) => {
      const judge = async (answer: string) => {
        const r = await run(['probe', '--text', probe, '--json'], answer);
        expect(r.code).toBe(0);
        return (JSON.parse(r.stdout) as { label: string }).label;
      };
      expect(await judge(weak)).toBe('weak');
      expect(await judge(strong)).toBe('strong');
    },
  );

  it('judges a content probe by id, its strong example → strong', async () => {
    const { content } = coach();
    const question = content.questionsByPrinciple.get('ownership')!.find((q) => q.probes.length)!;
    const probe = content.probeById.get(question.probes[0]!.id)!;
    const r = await run(
      ['probe', '--question', question.id, '--probe', probe.id, '--json'],
      probe.strong.answer,
    );
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ label: 'strong', flags: [] });
  });

  it('refuses a probe of another question, an unknown probe, no probe and an empty answer', async () => {
    const [q1, q2] = coach()
      .content.questionsByPrinciple.get('ownership')!
      .filter((q) => q.probes.length);
    const other = await run(['probe', '--question', q1!.id, '--probe', q2!.probes[0]!.id], 'I did it.');
    expect([other.code, other.stderr]).toEqual([
      2,
      expect.stringContaining(`does not belong to question "${q1!.id}"`),
    ]);
    const unknown = await run(['probe', '--probe', 'no-such-probe'], 'I did it.');
    expect([unknown.code, unknown.stderr]).toEqual([
      2,
      expect.stringContaining('No probe with id "no-such-probe"'),
    ]);
    const none = await run(['probe'], 'I did it.');
    expect([none.code, none.stderr]).toEqual([2, expect.stringContaining('--text "the probe question"')]);
    const empty = await run(['probe', '--text', 'Why?'], '\n');
    expect([empty.code, empty.stderr]).toEqual([2, expect.stringContaining('The probe answer is empty')]);
  });
});

describe('other commands', () => {
  it('with no arguments prints the help', async () => {
    const r = await run([]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^star-coach — /);
  });

  it('an unknown command exits 2 and points at --help', async () => {
    const r = await run(['frobnicate']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('Unknown command "frobnicate". Run star-coach --help to see the commands.\n');
  });

  it('content without "check" is a usage error', async () => {
    const r = await run(['content']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('usage: star-coach content check');
  });

  it('lookup with no name lists the 16 principles', async () => {
    const r = await run(['lookup']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^ {2}16\. \S/m);
  });

  it('reframe of an unknown principle exits 2 with a suggestion, not a stack trace', async () => {
    const r = await run(['reframe', 'pizza']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('I don\'t know "pizza"');
  });

  it('stories on an empty bank lists all 16 principles as gaps', async () => {
    const r = await run(['stories']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('No stories yet.');
    expect(r.stdout.match(/^○ /gm)).toHaveLength(16);
  });

  it.each([
    [['--mode', 'quiz'], '--mode must be practice, walkthrough or mock'],
    [['--level', 'intern'], '--level must be one of'],
    [['--mode', 'mock', '--questions', 'lots'], '--questions must be 2 or 3'],
    [['--mode', 'mock', '--questions', '7'], '--questions must be 2 or 3'],
    [['--principle', 'pizza'], 'Unknown principle "pizza"'],
  ])('practice %j is refused with exit 2', async (argv, message) => {
    const r = await run(['practice', ...argv]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(message);
  });

  it('start in socket mode with a bot token but no app token names SLACK_APP_TOKEN', async () => {
    process.env.SLACK_BOT_TOKEN = 'xoxb-1-2-abc';
    const r = await run(['start']);
    expect(r.code).not.toBe(0);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/^SLACK_APP_TOKEN /);
    expect(r.stderr).not.toContain('xoxb-1-2-abc');
  });

  it('start without tokens answers a lookup typed into the terminal coach', async () => {
    const r = await run(['start'], 'lookup backbone\nquit\n');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Have Backbone; Disagree and Commit');
  });
});

describe('a database newer than the code', () => {
  it.each([
    [['practice', '--principle', 'ownership']],
    [['start']],
    [['reframe', 'ownership']],
    [['stories']],
    [['backup', 'b.db']],
  ])('is refused by %j with exit 1 and a clear message', async (argv) => {
    const tooNew = readMigrations().length + 1;
    const raw = new Database(process.env.DATABASE_PATH!);
    raw.pragma(`user_version = ${tooNew}`);
    raw.close();
    const r = await run(argv.map((a) => (a === 'b.db' ? join(dir, a) : a)));
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`The database is at schema version ${tooNew}`);
    expect(r.stdout).toBe('');
  });
});

describe('backup and restore edge cases', () => {
  const TEXTS = ['first answer', 'second answer'];

  it('restore replaces an existing database with the backup', async () => {
    const backupFile = join(dir, 'backup.db');
    await seedDatabase(backupFile, TEXTS);
    await seedDatabase(process.env.DATABASE_PATH!, ['a newer answer the backup does not have']);
    const r = await run(['restore', backupFile]);
    expect(r.code).toBe(0);
    expect(answerTexts(process.env.DATABASE_PATH!)).toEqual(TEXTS);
    expect(integrity(process.env.DATABASE_PATH!)).toBe('ok');
  });

  it('restore refuses what is not a usable backup, and leaves the live database alone', async () => {
    const live = process.env.DATABASE_PATH!;
    await seedDatabase(live, TEXTS);
    const junk = join(dir, 'junk.db');
    writeFileSync(junk, 'this is not a database, only text that is long enough to fill a header..........');
    const unrelated = join(dir, 'unrelated.db');
    const other = new Database(unrelated);
    other.exec('CREATE TABLE unrelated (x INTEGER)');
    other.close();
    const newer = join(dir, 'newer.db');
    await seedDatabase(newer, ['from the future']);
    const raw = new Database(newer);
    raw.pragma(`user_version = ${readMigrations().length + 1}`);
    raw.close();

    const cases: Array<[string, string]> = [
      [junk, 'is not a SQLite database'],
      [unrelated, 'is not a STAR Coach backup'],
      [newer, `is at schema version ${readMigrations().length + 1}`],
      [join(dir, 'missing.db'), 'the file must exist'],
    ];
    for (const [file, message] of cases) {
      const r = await run(['restore', file]);
      expect(r.code, file).not.toBe(0);
      expect(r.stderr, file).toContain(message);
      expect(r.stderr, file).toContain(file.endsWith('missing.db') ? 'usage' : 'nothing was restored');
      expect(answerTexts(live)).toEqual(TEXTS);
    }
  });

  it('backup without a file, or into a folder that does not exist, fails clearly', async () => {
    await seedDatabase(process.env.DATABASE_PATH!, TEXTS);
    const none = await run(['backup']);
    expect([none.code, none.stderr]).toEqual([2, 'usage: star-coach backup <file>\n']);
    const target = join(dir, 'no-such-folder', 'backup.db');
    const r = await run(['backup', target]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('does not exist');
    expect(existsSync(target)).toBe(false);
  });
});

describe('CLI manners', () => {
  it('says in one line that a file to score is missing, with no stack', async () => {
    const r = await run(['score', join(dir, 'missing.txt')]);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/^Cannot read .*missing\.txt: no such file\. \(see star-coach score --help\)$/m);
    expect(r.stderr).not.toMatch(/ENOENT|at \w+ \(/);
  });

  it.each([
    'practice',
    'score',
    'probe',
    'questions',
    'lookup',
    'reframe',
    'stories',
    'content',
    'backup',
    'restore',
    'start',
  ])('%s --help prints that command’s usage and exits 0', async (command) => {
    const r = await run([command, '--help']);
    expect([r.code, r.stderr]).toEqual([0, '']);
    expect(r.stdout).toMatch(new RegExp(`^Usage: star-coach ${command}`));
  });

  it('names an unknown option in one line', async () => {
    const r = await run(['practice', '--colour', 'red']);
    expect(r.code).toBe(2);
    expect(r.stderr.trim()).toBe('star-coach practice: unknown option --colour (star-coach practice --help)');
  });

  it('lists question ids, and their follow-up ids, for one principle', async () => {
    const r = await run(['questions', '--principle', 'dive deep', '--probes']);
    expect(r.code).toBe(0);
    expect(r.stdout.split('\n')[0]).toBe('Dive Deep (dive-deep)');
    const question = content.questionsByPrinciple.get('dive-deep')![0]!;
    expect(r.stdout).toContain(`  ${question.id}  ${question.text}`);
    expect(r.stdout).toContain(`      ${question.probes[0]!.id}  ${question.probes[0]!.text}`);
    expect(r.stdout).not.toContain('Ownership (ownership)');
    const all = JSON.parse((await run(['questions', '--json'])).stdout) as Array<{ id: string }>;
    expect(all).toHaveLength(content.questions.length);
  });

  it('exits 1 when a lookup finds nothing, 0 when it does', async () => {
    expect((await run(['lookup', 'pizza'])).code).toBe(1);
    expect((await run(['lookup', 'backbone'])).code).toBe(0);
  });
});
