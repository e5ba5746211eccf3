import { z } from 'zod';
import { CoachError } from '../core/errors.js';

const LOG_LEVELS = ['debug', 'info', 'warn', 'error', 'silent'] as const;

const blankToUndefined = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);
const optionalString = z.preprocess(blankToUndefined, z.string().trim().optional());

const envSchema = z.object({
  SLACK_BOT_TOKEN: z.preprocess(
    blankToUndefined,
    z.string().startsWith('xoxb-', 'must be a bot token starting with "xoxb-"').optional(),
  ),
  SLACK_APP_TOKEN: z.preprocess(
    blankToUndefined,
    z.string().startsWith('xapp-', 'must be an app-level token starting with "xapp-"').optional(),
  ),
  SLACK_SIGNING_SECRET: optionalString,
  SLACK_MODE: z.preprocess(
    blankToUndefined,
    z.enum(['socket', 'http'], { message: 'must be "socket" or "http"' }).default('socket'),
  ),
  SLACK_API_URL: z.preprocess(
    blankToUndefined,
    z.url({ message: 'must be a URL such as http://127.0.0.1:9999/api/' }).optional(),
  ),
  PORT: z.preprocess(
    blankToUndefined,
    z.coerce.number({ message: 'must be a port number' }).int().min(0).max(65535).default(3000),
  ),
  DATABASE_PATH: z.preprocess(blankToUndefined, z.string().default('./data/star-coach.db')),
  DATABASE_URL: z.preprocess(
    blankToUndefined,
    z
      .string()
      .regex(
        /^postgres(?:ql)?:\/\//,
        'must be a PostgreSQL URL such as postgres://user@127.0.0.1:5432/starcoach',
      )
      .optional(),
  ),
  ADMIN_USER_IDS: z.preprocess(blankToUndefined, z.string().default('')),
  LOG_LEVEL: z.preprocess(
    blankToUndefined,
    z.enum(LOG_LEVELS, { message: `must be one of ${LOG_LEVELS.join(', ')}` }).default('info'),
  ),
  PROMPT_GRACE_MINUTES: z.preprocess(
    blankToUndefined,
    z.coerce
      .number({ message: 'must be a number of minutes' })
      .int()
      .min(0)
      .max(24 * 60)
      .default(120),
  ),
});

export type LogLevelName = (typeof LOG_LEVELS)[number];

export interface SlackConfig {
  botToken: string;
  mode: 'socket' | 'http';
  appToken?: string;
  signingSecret?: string;
  port: number;
  apiUrl?: string;
}

export interface Config {
  /** Null when no Slack token is set: the terminal coach runs instead. */
  slack: SlackConfig | null;
  /** The SQLite file (the default: nothing to install). */
  databasePath: string;
  /** PostgreSQL instead of SQLite, for several instances (DATABASE_URL=postgres://…). */
  databaseUrl: string | null;
  adminUserIds: string[];
  logLevel: LogLevelName;
  promptGraceMinutes: number;
}

/** Reads and validates the environment; a bad value gives one line naming the variable. */
export function readConfig(env: Record<string, string | undefined> = process.env): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new CoachError('config_invalid', `${String(issue.path[0])} ${issue.message}`);
  }
  const e = parsed.data;
  const adminUserIds = e.ADMIN_USER_IDS.split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  for (const id of adminUserIds) {
    if (!/^[UW][A-Z0-9]{2,}$/.test(id)) {
      throw new CoachError(
        'config_invalid',
        `ADMIN_USER_IDS must be comma-separated Slack user ids like U012ABCDEF (got "${id}")`,
      );
    }
  }
  let slack: SlackConfig | null = null;
  if (e.SLACK_BOT_TOKEN) {
    slack = { botToken: e.SLACK_BOT_TOKEN, mode: e.SLACK_MODE, port: e.PORT };
    if (e.SLACK_API_URL)
      slack.apiUrl = e.SLACK_API_URL.endsWith('/') ? e.SLACK_API_URL : `${e.SLACK_API_URL}/`;
    if (e.SLACK_MODE === 'http') {
      if (!e.SLACK_SIGNING_SECRET) {
        throw new CoachError(
          'config_invalid',
          'SLACK_SIGNING_SECRET is required when SLACK_MODE=http (Basic Information → App Credentials → Signing Secret)',
        );
      }
      slack.signingSecret = e.SLACK_SIGNING_SECRET;
    } else {
      if (!e.SLACK_APP_TOKEN) {
        throw new CoachError(
          'config_invalid',
          'SLACK_APP_TOKEN is required in socket mode: an app-level token (xapp-…) with connections:write, or set SLACK_MODE=http',
        );
      }
      slack.appToken = e.SLACK_APP_TOKEN;
    }
  } else if (e.SLACK_MODE === 'http' && !e.SLACK_SIGNING_SECRET) {
    throw new CoachError('config_invalid', 'SLACK_SIGNING_SECRET is required when SLACK_MODE=http');
  }
  return {
    slack,
    databasePath: e.DATABASE_PATH,
    databaseUrl: e.DATABASE_URL ?? null,
    adminUserIds,
    logLevel: e.LOG_LEVEL,
    promptGraceMinutes: e.PROMPT_GRACE_MINUTES,
  };
}
