import { randomUUID } from 'node:crypto';
import { createSlackApp, type SlackApp } from '../adapters/slack/app.js';
import { createChannelService } from '../core/channel/channel.js';
import { createCoach } from '../core/coach.js';
import type { Config } from '../infra/config.js';
import { createLogger } from '../infra/logger.js';
import { createSqliteChannelStore } from '../infra/sqlite/channel-store.js';
import { createSqliteCoachStore } from '../infra/sqlite/coach-store.js';
import { type Db, openDatabase } from '../infra/sqlite/database.js';
import { coach as loadCoach } from './loaded.js';

export interface SlackRuntime {
  slack: SlackApp;
  db: Db;
  stop(): Promise<void>;
}

/** Composition root for Slack: config → database → content → services → Bolt app. */
export function buildSlack(
  config: Config,
  overrides: Partial<Parameters<typeof createSlackApp>[0]> = {},
): SlackRuntime {
  if (!config.slack) throw new Error('Slack is not configured');
  const logger = overrides.logger ?? createLogger(config.logLevel);
  const db = openDatabase(config.databasePath);
  const { content, rubric } = loadCoach();
  const clock = overrides.clock ?? Date.now;
  const random = overrides.random ?? Math.random;
  const coachStore = createSqliteCoachStore(db);
  const channels = createSqliteChannelStore(db);
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
    db,
    async stop() {
      await slack.stop();
      db.close();
    },
  };
}

/** `npm start` with Slack tokens: runs until SIGINT/SIGTERM. */
export async function startSlack(config: Config): Promise<void> {
  const runtime = buildSlack(config);
  await runtime.slack.start();
  const logger = createLogger(config.logLevel);
  logger.info({ mode: config.slack?.mode, database: config.databasePath }, 'STAR Coach is running');
  await new Promise<void>((resolve) => {
    const stop = () => {
      void runtime.stop().finally(resolve);
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
}
