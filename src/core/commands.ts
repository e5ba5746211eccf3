import { LEVELS, type Level } from './content/schema.js';
import type { PrincipleLookup } from './lookup/lookup.js';
import { type Notice, notice } from './notice.js';
import {
  MOCK_MAX_QUESTIONS,
  MOCK_QUESTIONS,
  type Mode,
  parseChoice,
  type SessionState,
} from './practice/session.js';

/**
 * What people type, read the same way in Slack (slash commands, DMs) and in the terminal: one parser, so
 * "2" in a quiz is a quiz answer everywhere and "practice ownership senior" starts the same session.
 */

export interface StartRequest {
  mode: Mode;
  principle: string | null;
  level: Level | null;
  /** Mock questions, when given ("mock 3"). */
  count: number | null;
}

export type ParseError = { error: Notice };

const MODE_WORDS: Record<string, Exclude<Mode, 'thread'>> = {
  practice: 'practice',
  practise: 'practice',
  mock: 'mock',
  walkthrough: 'walkthrough',
  learn: 'walkthrough',
};
/** The menu's numbers; only read as a mode when no session is open (in a quiz they are answers). */
const MENU_NUMBERS: Record<string, Exclude<Mode, 'thread'>> = {
  '1': 'practice',
  '2': 'mock',
  '3': 'walkthrough',
};
const FILLER = new Set(['mode', 'for', 'on', 'me', 'a', 'an', 'the', 'please', 'questions', 'question']);

/** Session commands, in every spelling the coach accepts. */
const COMMAND_WORDS: Record<string, 'next' | 'hint' | 'skip' | 'end'> = {
  next: 'next',
  n: 'next',
  continue: 'next',
  hint: 'hint',
  skip: 'skip',
  pass: 'skip',
  end: 'end',
  stop: 'end',
  quit: 'end',
  done: 'end',
};

/** A session command word ("hint", "/skip", "Stop"), or null. */
export function commandWord(text: string): 'next' | 'hint' | 'skip' | 'end' | null {
  const word = text
    .trim()
    .toLowerCase()
    .replace(/^\//, '')
    .replace(/[.!]+$/, '');
  return COMMAND_WORDS[word] ?? null;
}

/** `sde2`, `SDE II`, `sde 2`, `senior`, `Senior SDE` → a level id, else null. */
export function parseLevel(text: string): Level | null {
  const t = text
    .trim()
    .toLowerCase()
    .replace(/[\s_-]+/g, '');
  const aliases: Record<string, Level> = {
    sde1: 'sde1',
    sdei: 'sde1',
    sde2: 'sde2',
    sdeii: 'sde2',
    senior: 'senior',
    seniorsde: 'senior',
    sde3: 'senior',
    sdeiii: 'senior',
    principal: 'principal',
    principalsde: 'principal',
  };
  return aliases[t] ?? ((LEVELS as readonly string[]).includes(t) ? (t as Level) : null);
}

/** `private` / `public` (and their short forms) → the stored privacy, else null. */
export function parsePrivacy(text: string): 'public' | 'ephemeral' | null {
  const value = text.trim().toLowerCase();
  if (value.startsWith('priv') || value === 'ephemeral') return 'ephemeral';
  if (value.startsWith('pub')) return 'public';
  return null;
}

function unknownPrinciple(lookup: PrincipleLookup, text: string): ParseError {
  const match = lookup.find(text);
  const hint =
    match.kind === 'suggestions' && match.suggestions.length
      ? ` Did you mean ${match.suggestions.map((p) => p.name).join(', ')}?`
      : '';
  return { error: notice(`I don't know the principle “{query}”.${hint}`, { query: text }) };
}

/**
 * "[principle] [level] [mode] [2|3]" in any order (`/star practice dive deep senior mock`). The mode defaults
 * to `defaultMode`; a number is the mock's question count.
 */
export function parsePracticeWords(
  lookup: PrincipleLookup,
  text: string,
  defaultMode: Exclude<Mode, 'thread'> = 'practice',
): StartRequest | ParseError {
  const words = text.trim().toLowerCase().split(/\s+/).filter(Boolean);
  let mode: Mode = defaultMode;
  let level: Level | null = null;
  let count: number | null = null;
  const rest: string[] = [];
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!;
    const two = i + 1 < words.length ? parseLevel(`${w}${words[i + 1]}`) : null;
    if (MODE_WORDS[w]) mode = MODE_WORDS[w];
    else if (parseLevel(w)) level = parseLevel(w);
    else if (two && /^(sde|senior|principal)$/.test(w)) {
      level = two;
      i++;
    } else if (/^\d+$/.test(w)) count = Number(w);
    else if (!FILLER.has(w)) rest.push(w);
  }
  if (count !== null && (mode !== 'mock' || count < MOCK_QUESTIONS || count > MOCK_MAX_QUESTIONS)) {
    return {
      error: notice(
        `A mock has ${MOCK_QUESTIONS} or ${MOCK_MAX_QUESTIONS} questions, e.g. \`mock ${MOCK_MAX_QUESTIONS}\`.`,
      ),
    };
  }
  if (!rest.length) return { mode, principle: null, level, count };
  const match = lookup.find(rest.join(' '));
  if (match.kind === 'found') return { mode, principle: match.principle.id, level, count };
  return unknownPrinciple(lookup, rest.join(' '));
}

/**
 * A start request when the text opens with a mode word ("practice ownership", "mock", "walkthrough dive
 * deep"), or with a menu number when `menuNumbers` (no session open). Null when it is not a start request.
 */
export function parseStart(
  lookup: PrincipleLookup,
  text: string,
  options: { menuNumbers: boolean },
): StartRequest | ParseError | null {
  const words = text.trim().toLowerCase().split(/\s+/);
  const first = words[0] ?? '';
  const mode =
    MODE_WORDS[first] ?? (options.menuNumbers && words.length === 1 ? MENU_NUMBERS[first] : undefined);
  if (!mode) return null;
  return parsePracticeWords(lookup, words.slice(1).join(' '), mode);
}

/** What one typed line means inside an open session. */
export type SessionLine =
  | { kind: 'command'; name: 'next' | 'hint' | 'skip' | 'end' }
  | { kind: 'quiz'; choice: number }
  | { kind: 'text' };

/**
 * Reads a line typed while a session is open: commands first; in a quiz an option ("2", "b"); in a
 * walkthrough step anything moves on; otherwise it is an answer.
 */
export function interpretInSession(session: Pick<SessionState, 'mode' | 'stage'>, text: string): SessionLine {
  const command = commandWord(text);
  if (command) return { kind: 'command', name: command };
  if (session.stage === 'quiz') {
    const choice = parseChoice(text);
    return choice === null ? { kind: 'text' } : { kind: 'quiz', choice };
  }
  if (session.mode === 'walkthrough' && session.stage === 'walkthrough_step')
    return { kind: 'command', name: 'next' };
  return { kind: 'text' };
}

/** `/star <subcommand> …` */
export type StarCommand =
  | { kind: 'help' }
  | { kind: 'schedule' }
  | { kind: 'prompt' }
  | { kind: 'pause' }
  | { kind: 'resume' }
  | { kind: 'practice'; args: string; mode: Exclude<Mode, 'thread'> }
  | { kind: 'stories' }
  | { kind: 'story'; args: string }
  | { kind: 'level'; args: string }
  | { kind: 'privacy'; args: string }
  | { kind: 'export' }
  | { kind: 'forget' }
  | { kind: 'unknown'; word: string };

/** Splits `/star` text into its subcommand and arguments. */
export function parseStarCommand(text: string): StarCommand {
  const [sub = 'help', ...rest] = text.trim().split(/\s+/).filter(Boolean);
  const args = rest.join(' ');
  switch (sub.toLowerCase()) {
    case 'help':
    case '?':
      return { kind: 'help' };
    case 'schedule':
      return { kind: 'schedule' };
    case 'prompt':
    case 'question':
      return { kind: 'prompt' };
    case 'pause':
      return { kind: 'pause' };
    case 'resume':
      return { kind: 'resume' };
    case 'practice':
    case 'practise':
      return { kind: 'practice', args, mode: 'practice' };
    case 'mock':
      return { kind: 'practice', args, mode: 'mock' };
    case 'walkthrough':
    case 'learn':
      return { kind: 'practice', args, mode: 'walkthrough' };
    case 'stories':
      return { kind: 'stories' };
    case 'story':
      return { kind: 'story', args };
    case 'level':
      return { kind: 'level', args };
    case 'privacy':
      return { kind: 'privacy', args };
    case 'export':
      return { kind: 'export' };
    case 'forget-me':
    case 'forget':
      return { kind: 'forget' };
    default:
      return { kind: 'unknown', word: sub };
  }
}

/** `/star story <id> title <new title>` or `/star story <id> tag ownership, dive deep`. */
export type StoryEdit =
  | { kind: 'title'; id: number; title: string }
  | { kind: 'tags'; id: number; principles: string[] }
  | ParseError;

export const STORY_EDIT_USAGE =
  'Use `/star story <id> title <new title>` or `/star story <id> tag ownership, dive deep`.';

export function parseStoryEdit(lookup: PrincipleLookup, args: string): StoryEdit {
  const m = /^#?(\d+)\s+(title|rename|tag|tags)\s+(.+)$/i.exec(args.trim());
  if (!m) return { error: notice(STORY_EDIT_USAGE) };
  const id = Number(m[1]);
  if (/^(title|rename)$/i.test(m[2]!)) return { kind: 'title', id, title: m[3]!.trim() };
  const ids: string[] = [];
  for (const part of m[3]!.split(',')) {
    const match = lookup.find(part);
    if (match.kind !== 'found') return unknownPrinciple(lookup, part.trim());
    ids.push(match.principle.id);
  }
  return { kind: 'tags', id, principles: [...new Set(ids)] };
}
