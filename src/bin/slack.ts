import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { createSlackApp, type SlackApp } from '../adapters/slack/app.js';
import { encryptedInstallationStore } from '../adapters/slack/installations.js';
import { createChannelService } from '../core/channel/channel.js';
import { createCoach } from '../core/coach.js';
import type { Config } from '../infra/config.js';
import { createLogger } from '../infra/logger.js';
import { openStorage, type Storage } from '../infra/storage.js';
import { coach as loadCoach } from './loaded.js';

export interface SlackRuntime {
  slack: SlackApp;
  storage: Storage;
  stop(): Promise<void>;
}

/**
 * Composition root for Slack: config → database (SQLite file, or PostgreSQL when DATABASE_URL is set) →
 * content → services → Bolt app.
 */
export async function buildSlack(
  config: Config,
  overrides: Partial<Parameters<typeof createSlackApp>[0]> = {},
): Promise<SlackRuntime> {
  if (!config.slack) throw new Error('Slack is not configured');
  const logger = overrides.logger ?? createLogger(config.logLevel);
  const storage = await openStorage(config, { instance: true, logger });
  const { content, rubric } = loadCoach();
  const clock = overrides.clock ?? Date.now;
  const random = overrides.random ?? Math.random;
  const { coachStore, channels, ledger } = storage;
  const coach = createCoach({ content, rubric, store: coachStore, clock, random, logger });
  const channelService = createChannelService({
    coach,
    coachStore,
    channels,
    content,
    clock,
    random,
    logger,
  });
  const slack = createSlackApp({
    slack: config.slack,
    content,
    coach,
    coachStore,
    channels,
    ledger,
    owner: `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`,
    exclusive: storage.exclusive,
    databaseUnavailable: storage.unavailable,
    ...(config.slack.oauth
      ? {
          installationStore: encryptedInstallationStore(
            storage.installations,
            config.slack.oauth.tokenKey,
            clock,
          ),
        }
      : {}),
    channelService,
    logger,
    clock,
    random,
    newId: randomUUID,
    adminUserIds: config.adminUserIds,
    promptGraceMinutes: config.promptGraceMinutes,
    ...overrides,
  });
  return {
    slack,
    storage,
    async stop() {
      await slack.stop();
      await storage.close();
    },
  };
}

/** `npm start` with Slack tokens: runs until SIGINT/SIGTERM. */
export async function startSlack(config: Config): Promise<void> {
  // Listening from the first moment: a SIGTERM while connecting (a deploy rolling on) stops the app cleanly
  // once it is up, instead of killing it half-started.
  const signalled = new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  const runtime = await buildSlack(config);
  await runtime.slack.start();
  const logger = createLogger(config.logLevel);
  logger.info(
    { mode: config.slack?.mode, database: config.databaseUrl ? 'postgres' : config.databasePath },
    'STAR Coach is running',
  );
  await signalled;
  await runtime.stop().catch((error: unknown) => {
    logger.error({ error: error instanceof Error ? error.message : String(error) }, 'stopping failed');
  });
}
