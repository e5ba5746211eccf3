import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { renderJudgement, renderReport } from '../adapters/terminal/render.js';
import { judgeProbeAnswer } from '../core/coaching/probe-judge.js';
import { type Content, countContent } from '../core/content/content.js';
import { LEVELS, type Level } from '../core/content/schema.js';
import { isCoachError } from '../core/errors.js';
import { principleIdOf } from '../core/lookup/lookup.js';
import { loadContent } from '../infra/content-files.js';
import { PACKAGE_JSON } from '../infra/paths.js';
import { defaultIo, type Io, readInput, UsageError } from './io.js';
import { coach } from './loaded.js';

export type { Io } from './io.js';
export { coach } from './loaded.js';

const HELP = `star-coach — practise Amazon Leadership Principle (STAR) answers

Usage: star-coach <command> [options]     (star-coach <command> --help for one command)

Commands:
  start                       Start the Slack app when tokens are set, else the terminal coach
  practice                    Practise in the terminal (--principle P --level L --mode practice|walkthrough|mock)
  score [FILE]                Score a STAR answer from FILE or stdin (--question ID or "text", --principle P, --level, --json)
  probe [FILE]                Judge an answer to a follow-up probe (--question ID --probe ID | --text "probe", --json)
  questions                   List question ids, and with --probes their follow-up ids (--principle P)
  lookup <principle>          What a principle means, what interviewers listen for, sample questions
  reframe <principle>         How to retell a story for a principle (--story ID for one of your stories)
  stories                     List your story bank and the 16-principle coverage
  content check               Validate all coaching content (--json prints the counts)
  backup <file>               Copy the database to <file> with SQLite's online backup
  restore <file>              Replace the database with a backup (stop the app first)

Options:
  -h, --help                  Show this help
  -v, --version               Print the version

Environment: see .env.sample (SLACK_BOT_TOKEN, SLACK_APP_TOKEN, DATABASE_PATH, …).`;

/** `star-coach <command> --help`. */
export const COMMAND_HELP: Record<string, string> = {
  start: `Usage: star-coach start

Starts the Slack app when SLACK_BOT_TOKEN is set (see README), else the terminal coach.`,
  practice: `Usage: star-coach practice [--principle P] [--level L] [--mode M] [--questions N] [--question ID] [--new]

Practise in the terminal. An answer is the lines you type up to an empty line; "hint", "skip" and "end"
work in a session (a skipped follow-up costs no points). It also reads a pipe.

  --principle P   a principle, by id or name ("dive deep", "backbone")
  --level L       sde1, sde2, senior or principal (default: your saved level, else sde2)
  --mode M        practice (default), walkthrough or mock
  --questions N   questions in a mock: 2 (default) or 3
  --question ID   one question (ids: star-coach questions)
  --new           start fresh even if a session is unfinished`,
  score: `Usage: star-coach score [--question ID | --principle P] [--level L] [--json] [FILE]

Scores a STAR answer from FILE, or from stdin. Question ids: star-coach questions.`,
  probe: `Usage: star-coach probe (--question ID --probe ID | --text "the follow-up") [--json] [FILE]

Judges an answer to a follow-up from FILE, or from stdin. Ids: star-coach questions --probes.`,
  questions: `Usage: star-coach questions [--principle P] [--probes] [--json]

Lists question ids (for score --question and practice --question); --probes adds each question's
follow-up ids (for probe --probe).`,
  lookup: `Usage: star-coach lookup [principle]

What a principle means, what interviewers listen for and sample questions; the 16 principles without an
argument. Exits 1 when nothing matches.`,
  reframe: `Usage: star-coach reframe <principle> [--story ID]

How to retell a story for a principle, applied to one of your saved stories with --story.`,
  stories: `Usage: star-coach stories

Your story bank and its coverage of the 16 principles.`,
  content: `Usage: star-coach content check [--json]

Validates all coaching content and prints the counts.`,
  backup: `Usage: star-coach backup <file>

Copies the database to <file> with SQLite's online backup.`,
  restore: `Usage: star-coach restore <file>

Replaces the database with a backup. Stop the app first.`,
};

function parseLevel(value: string | undefined): Level {
  if (value === undefined) return 'sde2';
  if ((LEVELS as readonly string[]).includes(value)) return value as Level;
  throw new UsageError(`--level must be one of ${LEVELS.join(', ')} (got "${value}")`);
}

function version(): string {
  const pkg = JSON.parse(readFileSync(PACKAGE_JSON, 'utf8')) as {
    version: string;
  };
  return pkg.version;
}

/** Entry of `star-coach`; returns the exit code. */
export async function main(argv: string[], io: Io = defaultIo): Promise<number> {
  const out = (s: string) => io.stdout.write(`${s}\n`);
  const err = (s: string) => io.stderr.write(`${s}\n`);
  const [command, ...rest] = argv;
  if (command && COMMAND_HELP[command] && (rest.includes('--help') || rest.includes('-h'))) {
    out(COMMAND_HELP[command]);
    return 0;
  }
  try {
    switch (command) {
      case undefined:
      case '-h':
      case '--help':
      case 'help':
        out(HELP);
        return 0;
      case '-v':
      case '--version':
        out(version());
        return 0;
      case 'content':
        return contentCommand(rest, out, err);
      case 'score':
        return await scoreCommand(rest, io, out, err);
      case 'probe':
        return await probeCommand(rest, io, out, err);
      case 'questions':
        return questionsCommand(rest, out);
      default: {
        const extra = await import('./commands.js');
        const run = extra.COMMANDS[command];
        if (!run) {
          err(`Unknown command "${command}". Run star-coach --help to see the commands.`);
          return 2;
        }
        return await run(rest, io);
      }
    }
  } catch (error) {
    if (error instanceof UsageError) {
      err(`${error.message} (see star-coach ${command && COMMAND_HELP[command] ? `${command} ` : ''}--help)`);
      return 2;
    }
    if (error instanceof TypeError && 'code' in error && String(error.code).startsWith('ERR_PARSE_ARGS')) {
      err(`star-coach ${command}: ${parseArgsProblem(error)} (star-coach ${command} --help)`);
      return 2;
    }
    if (isCoachError(error)) {
      err(error.message);
      return error.code === 'content_invalid' || error.code === 'database_too_new' ? 1 : 2;
    }
    throw error;
  }
}

/** parseArgs' multi-line message, as one short line. */
function parseArgsProblem(error: TypeError & { code?: unknown }): string {
  const option = /'([^']+)'/.exec(error.message)?.[1];
  switch (error.code) {
    case 'ERR_PARSE_ARGS_UNKNOWN_OPTION':
      return `unknown option ${option ?? ''}`.trim();
    case 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE':
      return `${option ?? 'an option'} needs a value`;
    case 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL':
      return `unexpected argument ${option ?? ''}`.trim();
    default:
      return error.message.split('\n')[0]!;
  }
}

function contentCommand(args: string[], out: (s: string) => void, err: (s: string) => void): number {
  const { values, positionals } = parseArgs({
    args,
    options: { json: { type: 'boolean' } },
    allowPositionals: true,
  });
  if (positionals[0] !== 'check') throw new UsageError('usage: star-coach content check [--json]');
  try {
    const started = performance.now();
    const counts = countContent(loadContent(undefined, { trustCache: false }));
    const ms = Math.round(performance.now() - started);
    out(
      values.json
        ? JSON.stringify(counts)
        : `Content OK: ${counts.principles} principles, ${counts.questions} questions, ${counts.probes} probes, ${counts.walkthroughs} walkthroughs, ${counts.quiz} quiz questions (loaded in ${ms} ms).`,
    );
    return 0;
  } catch (error) {
    if (isCoachError(error, 'content_invalid')) {
      err(`Content check failed: ${error.message}`);
      return 1;
    }
    throw error;
  }
}

async function scoreCommand(
  args: string[],
  io: Io,
  out: (s: string) => void,
  err: (s: string) => void,
): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    options: {
      question: { type: 'string' },
      principle: { type: 'string' },
      level: { type: 'string' },
      json: { type: 'boolean' },
    },
    allowPositionals: true,
  });
  if (values.question && values.principle) throw new UsageError('Give --question or --principle, not both.');
  const level = parseLevel(values.level);
  const { content, rubric } = coach();
  const principle = values.principle ? resolvePrincipleId(content, values.principle) : null;
  const text = await readInput(positionals[0], io);
  if (!text.trim()) {
    err('The answer is empty. Pass a file or pipe the answer on stdin, e.g. star-coach score answer.txt');
    return 2;
  }
  const report = rubric.scoreAnswer(text, { level, question: values.question ?? null, principle });
  if (values.json) {
    const { status, message, score, verdict, dimensions, flags, sections, coaching, probe } = report;
    out(
      JSON.stringify({
        score,
        verdict,
        level: report.level,
        principle: report.principle,
        dimensions,
        flags,
        sections,
        coaching,
        probe,
        status,
        message,
        totalSeconds: report.totalSeconds,
        targetSeconds: report.targetSeconds,
      }),
    );
  } else {
    out(renderReport(report, content));
  }
  return 0;
}

/** `questions [--principle P] [--probes] [--json]`: the ids score, practice and probe take. */
function questionsCommand(args: string[], out: (s: string) => void): number {
  const { values } = parseArgs({
    args,
    options: { principle: { type: 'string' }, probes: { type: 'boolean' }, json: { type: 'boolean' } },
  });
  const { content } = coach();
  const principle = values.principle ? resolvePrincipleId(content, values.principle) : null;
  const questions = content.questions.filter((q) => !principle || q.principle === principle);
  if (values.json) {
    out(
      JSON.stringify(
        questions.map((q) => ({
          id: q.id,
          principle: q.principle,
          levels: q.levels,
          text: q.text,
          ...(values.probes ? { probes: q.probes.map((p) => ({ id: p.id, text: p.text })) } : {}),
        })),
      ),
    );
    return 0;
  }
  const lines: string[] = [];
  for (const p of content.principles) {
    const mine = questions.filter((q) => q.principle === p.id);
    if (!mine.length) continue;
    lines.push(`${p.name} (${p.id})`);
    for (const q of mine) {
      lines.push(`  ${q.id}  ${q.text}`);
      if (values.probes) for (const probe of q.probes) lines.push(`      ${probe.id}  ${probe.text}`);
    }
  }
  out(lines.join('\n'));
  return 0;
}

/** Accepts an id, a name or an alias ("dive deep", "backbone"). */
function resolvePrincipleId(content: Content, text: string): string {
  const id = principleIdOf(content, text);
  if (id) return id;
  throw new UsageError(`Unknown principle "${text}". Run star-coach lookup to list the 16 principles.`);
}

async function probeCommand(
  args: string[],
  io: Io,
  out: (s: string) => void,
  err: (s: string) => void,
): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    options: {
      question: { type: 'string' },
      probe: { type: 'string' },
      text: { type: 'string' },
      json: { type: 'boolean' },
    },
    allowPositionals: true,
  });
  const { content, rubric } = coach();
  let probe: Parameters<typeof judgeProbeAnswer>[2];
  if (values.probe) {
    const found = content.probeById.get(values.probe);
    if (!found) throw new UsageError(`No probe with id "${values.probe}".`);
    if (values.question && found.owner !== values.question) {
      throw new UsageError(`Probe "${values.probe}" does not belong to question "${values.question}".`);
    }
    probe = found;
  } else if (values.text) {
    probe = { text: values.text };
  } else {
    throw new UsageError('Give --probe ID (with --question ID) or --text "the probe question".');
  }
  const answer = await readInput(positionals[0], io);
  if (!answer.trim()) {
    err('The probe answer is empty. Pass a file or pipe the answer on stdin.');
    return 2;
  }
  const judgement = judgeProbeAnswer(rubric, answer, probe);
  if (values.json) {
    const { label, flags, feedback, reask } = judgement;
    out(JSON.stringify({ label, flags, feedback, reask }));
  } else {
    out(renderJudgement(judgement));
  }
  return 0;
}
