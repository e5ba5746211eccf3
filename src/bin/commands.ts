import { randomUUID } from 'node:crypto';
import { chmodSync, closeSync, existsSync, mkdirSync, openSync, statSync } from 'node:fs';
import { userInfo } from 'node:os';
import { dirname, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import Database from 'better-sqlite3';
import { lookupText, renderReframe, runShell } from '../adapters/terminal/shell.js';
import { type Coach, createCoach } from '../core/coach.js';
import { parseLevel } from '../core/commands.js';
import { LEVELS } from '../core/content/schema.js';
import { CoachError } from '../core/errors.js';
import { principleIdOf } from '../core/lookup/lookup.js';
import { MOCK_MAX_QUESTIONS, MOCK_QUESTIONS, type Mode } from '../core/practice/session.js';
import { type Config, readConfig } from '../infra/config.js';
import { createLogger } from '../infra/logger.js';
import { openDatabase, readMigrations } from '../infra/sqlite/database.js';
import { openStorage, type Storage } from '../infra/storage.js';
import { type Io, UsageError } from './io.js';
import { coach as loadCoach } from './loaded.js';

/** Reads `.env` when present; the environment always wins over the file. */
export function loadDotEnv(path = '.env'): void {
  if (existsSync(path)) process.loadEnvFile(path);
}

/** Composition root for the local coach: config → database → content → coach. */
export async function openCoach(config: Config): Promise<{ coach: Coach; db: Pick<Storage, 'close'> }> {
  const logger = createLogger(config.logLevel === 'info' ? 'warn' : config.logLevel);
  const storage = await openStorage(config, { logger });
  const { content, rubric } = loadCoach();
  const coach = createCoach({
    content,
    rubric,
    store: storage.coachStore,
    clock: Date.now,
    random: Math.random,
    logger,
  });
  return { coach, db: storage };
}

function knownPrinciple(content: Coach['content'], text: string): string {
  const id = principleIdOf(content, text);
  if (id) return id;
  throw new UsageError(`Unknown principle "${text}". Run star-coach lookup to list the 16 principles.`);
}

function terminalUser(): string {
  try {
    return userInfo().username || 'you';
  } catch {
    return 'you';
  }
}

async function practice(args: string[], io: Io): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      principle: { type: 'string' },
      level: { type: 'string' },
      mode: { type: 'string' },
      question: { type: 'string' },
      questions: { type: 'string' },
      new: { type: 'boolean' },
    },
  });
  loadDotEnv();
  const config = readConfig();
  const { coach, db } = await openCoach(config);
  try {
    const level =
      values.level === undefined
        ? (await coach.settings('local', terminalUser())).level
        : parseLevel(values.level);
    if (!level) throw new CoachError('not_found', `--level must be one of ${LEVELS.join(', ')}`);
    const mode = (values.mode ?? 'practice') as Mode;
    if (!['practice', 'walkthrough', 'mock'].includes(mode))
      throw new CoachError('not_found', '--mode must be practice, walkthrough or mock');
    // A non-number would reach the core as NaN and start a mock with no questions.
    if (
      values.questions !== undefined &&
      !(Number(values.questions) >= MOCK_QUESTIONS && Number(values.questions) <= MOCK_MAX_QUESTIONS)
    )
      throw new CoachError('not_found', `--questions must be ${MOCK_QUESTIONS} or ${MOCK_MAX_QUESTIONS}`);
    const scripted = values.principle || values.mode || values.question || values.level || values.questions;
    await runShell({
      coach,
      input: io.stdin,
      output: io.stdout,
      teamId: 'local',
      userId: terminalUser(),
      fresh: Boolean(values.new),
      newId: randomUUID,
      start: scripted
        ? {
            mode,
            principle: values.principle ? knownPrinciple(coach.content, values.principle) : null,
            level,
            questionId: values.question ?? null,
            count: values.questions ? Number(values.questions) : undefined,
          }
        : undefined,
    });
    return 0;
  } finally {
    await db.close();
  }
}

async function start(args: string[], io: Io): Promise<number> {
  loadDotEnv();
  const config = readConfig();
  if (!config.slack) {
    io.stderr.write(
      'No SLACK_BOT_TOKEN set: starting the terminal coach. To connect Slack, create an app from manifest.yml and put its tokens in .env (see README).\n',
    );
    return practice(args, io);
  }
  const { startSlack } = await import('./slack.js');
  await startSlack(config);
  return 0;
}

async function lookup(args: string[], io: Io): Promise<number> {
  const { coach, db } = await openCoach(readConfigLocal());
  try {
    const { text, found } = await lookupText(coach, args.join(' '), 'local', terminalUser());
    io.stdout.write(`${text}\n`);
    return found ? 0 : 1;
  } finally {
    await db.close();
  }
}

async function reframeCommand(args: string[], io: Io): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    options: { story: { type: 'string' } },
    allowPositionals: true,
  });
  const { coach, db } = await openCoach(readConfigLocal());
  try {
    const arg = values.story ? `${positionals.join(' ')} --story ${values.story}` : positionals.join(' ');
    io.stdout.write(`${await renderReframe(coach, arg, 'local', terminalUser())}\n`);
    return 0;
  } finally {
    await db.close();
  }
}

async function stories(_args: string[], io: Io): Promise<number> {
  const { coach, db } = await openCoach(readConfigLocal());
  try {
    const list = await coach.stories('local', terminalUser());
    const rows = await coach.coverage('local', terminalUser());
    const mark = { covered: '●', weak: '◐', gap: '○' } as const;
    io.stdout.write(
      `${[
        ...(list.length
          ? list.map(
              (s) =>
                `#${s.id} ${s.title} — best ${s.bestScore}, ${s.principles.map((p) => coach.content.principleById.get(p)?.name ?? p).join(', ') || 'untagged'}`,
            )
          : ['No stories yet.']),
        '',
        ...rows.map(
          (r) => `${mark[r.status]} ${r.principle.name}${r.bestScore !== null ? ` (${r.bestScore})` : ''}`,
        ),
      ].join('\n')}\n`,
    );
    return 0;
  } finally {
    await db.close();
  }
}

function readConfigLocal(): Config {
  loadDotEnv();
  return readConfig();
}

/**
 * Takes a database file that is about to be overwritten by SQLite's backup out of WAL mode: the backup cannot
 * write into a WAL database whose page size differs (a 4 KiB database from before 8 KiB pages, or the other
 * way round). The app turns WAL back on when it opens the file. An empty or foreign file is left as it is.
 */
function leaveWal(path: string): void {
  if (path === ':memory:' || !existsSync(path) || statSync(path).size === 0) return;
  try {
    const db = new Database(path);
    try {
      db.pragma('journal_mode = DELETE');
    } finally {
      db.close();
    }
  } catch {
    // Not a database we can open: the backup reports what is wrong with it.
  }
}

async function backup(args: string[], io: Io): Promise<number> {
  const target = args[0];
  if (!target) throw new CoachError('not_found', 'usage: star-coach backup <file>');
  const config = readConfigLocal();
  if (!existsSync(dirname(resolve(target))))
    throw new CoachError('not_found', `The folder of ${target} does not exist; nothing was backed up.`);
  const db = openDatabase(config.databasePath);
  try {
    // The backup holds everyone's answers: owner-only, like the database itself.
    if (!existsSync(target)) closeSync(openSync(target, 'a', 0o600));
    leaveWal(target);
    await db.backup(target);
    chmodSync(target, 0o600);
    io.stdout.write(`Backed up ${config.databasePath} to ${target}.\n`);
    return 0;
  } finally {
    await db.close();
  }
}

async function restore(args: string[], io: Io): Promise<number> {
  const source = args[0];
  if (!source || !existsSync(source))
    throw new CoachError('not_found', 'usage: star-coach restore <backup-file> (the file must exist)');
  const check = new Database(source, { readonly: true, fileMustExist: true });
  try {
    let result: unknown;
    let version: number;
    try {
      result = check.pragma('integrity_check', { simple: true });
      version = check.pragma('user_version', { simple: true }) as number;
    } catch (error) {
      throw new CoachError(
        'not_found',
        `${source} is not a SQLite database (${(error as Error).message}); nothing was restored.`,
        { cause: error },
      );
    }
    if (result !== 'ok')
      throw new CoachError(
        'not_found',
        `The backup ${source} is damaged (${String(result)}); nothing was restored.`,
      );
    // Checked before replacing anything: an empty or too-new file would leave an unusable database behind.
    if (version < 1)
      throw new CoachError(
        'not_found',
        `${source} is not a STAR Coach backup (no schema version); nothing was restored.`,
      );
    const known = readMigrations().length;
    if (version > known) {
      throw new CoachError(
        'database_too_new',
        `The backup ${source} is at schema version ${version}, but this version of STAR Coach only knows ${known}; nothing was restored.`,
      );
    }
  } finally {
    check.close();
  }
  const config = readConfigLocal();
  if (config.databasePath !== ':memory:') {
    mkdirSync(dirname(resolve(config.databasePath)), { recursive: true });
    if (!existsSync(config.databasePath)) closeSync(openSync(config.databasePath, 'a', 0o600));
  }
  // The backup API writes the backup's pages through a normal connection, so the WAL stays consistent.
  leaveWal(config.databasePath);
  const from = new Database(source, { readonly: true });
  try {
    await from.backup(config.databasePath);
  } finally {
    from.close();
  }
  openDatabase(config.databasePath).close();
  io.stdout.write(`Restored ${config.databasePath} from ${source}.\n`);
  return 0;
}

/** Commands that need the database or the Slack app; loaded on demand to keep `score` fast. */
export const COMMANDS: Record<string, (args: string[], io: Io) => Promise<number>> = {
  start,
  practice,
  lookup,
  reframe: reframeCommand,
  stories,
  backup,
  restore,
};
