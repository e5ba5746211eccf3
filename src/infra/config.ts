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
  SLACK_CLIENT_ID: optionalString,
  SLACK_CLIENT_SECRET: optionalString,
  SLACK_STATE_SECRET: optionalString,
  TOKEN_ENCRYPTION_KEY: optionalString,
  SLACK_AUTHORIZE_URL: z.preprocess(blankToUndefined, z.url({ message: 'must be a URL' }).optional()),
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

/** "Add to Slack" for many workspaces: Bolt's installer, installations stored encrypted. */
export interface OAuthConfig {
  clientId: string;
  clientSecret: string;
  stateSecret: string;
  /** AES-256-GCM key for the stored installations (TOKEN_ENCRYPTION_KEY: 32 bytes, hex or base64). */
  tokenKey: Buffer;
  /** Slack's authorize page (tests point it elsewhere). */
  authorizeUrl?: string;
}

export interface SlackConfig {
  /** The single workspace's bot token; null when workspaces install through OAuth. */
  botToken: string | null;
  oauth: OAuthConfig | null;
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
  const oauth = readOAuth(e);
  if (e.SLACK_BOT_TOKEN || oauth) {
    slack = { botToken: e.SLACK_BOT_TOKEN ?? null, oauth, mode: e.SLACK_MODE, port: e.PORT };
    if (e.SLACK_API_URL)
      slack.apiUrl = e.SLACK_API_URL.endsWith('/') ? e.SLACK_API_URL : `${e.SLACK_API_URL}/`;
    if (oauth && e.SLACK_MODE !== 'http') {
      throw new CoachError(
        'config_invalid',
        'SLACK_CLIENT_ID (installs through "Add to Slack") needs SLACK_MODE=http: the install pages are served over HTTP',
      );
    }
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

/** Key material: 32 bytes as 64 hex characters or base64. */
function parseKey(value: string): Buffer | null {
  if (/^[0-9a-fA-F]{64}$/.test(value)) return Buffer.from(value, 'hex');
  const bytes = Buffer.from(value, 'base64');
  return bytes.length === 32 ? bytes : null;
}

/** OAuth settings, all or none; installations are never stored unencrypted. */
function readOAuth(e: z.infer<typeof envSchema>): OAuthConfig | null {
  if (!e.SLACK_CLIENT_ID) return null;
  const missing = (['SLACK_CLIENT_SECRET', 'SLACK_STATE_SECRET', 'SLACK_SIGNING_SECRET'] as const).find(
    (k) => !e[k],
  );
  if (missing)
    throw new CoachError(
      'config_invalid',
      `${missing} is required with SLACK_CLIENT_ID (the "Add to Slack" install flow)`,
    );
  if (!e.TOKEN_ENCRYPTION_KEY) {
    throw new CoachError(
      'config_invalid',
      'TOKEN_ENCRYPTION_KEY is required with SLACK_CLIENT_ID: 32 random bytes, e.g. from `openssl rand -hex 32`, to encrypt stored bot tokens',
    );
  }
  const tokenKey = parseKey(e.TOKEN_ENCRYPTION_KEY);
  if (!tokenKey) {
    throw new CoachError(
      'config_invalid',
      'TOKEN_ENCRYPTION_KEY must be 32 bytes as 64 hex characters or base64 (`openssl rand -hex 32`)',
    );
  }
  return {
    clientId: e.SLACK_CLIENT_ID,
    clientSecret: e.SLACK_CLIENT_SECRET!,
    stateSecret: e.SLACK_STATE_SECRET!,
    tokenKey,
    ...(e.SLACK_AUTHORIZE_URL ? { authorizeUrl: e.SLACK_AUTHORIZE_URL } : {}),
  };
}
