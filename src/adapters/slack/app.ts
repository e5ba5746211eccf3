import {
  App,
  type Logger as BoltLogger,
  LogLevel,
  type Receiver,
  type ReceiverEvent,
  SocketModeReceiver,
} from '@slack/bolt';
import { WebClient, type WebClientOptions } from '@slack/web-api';
import type { ChannelService } from '../../core/channel/channel.js';
import type { ChannelStore } from '../../core/channel/ports.js';
import type { Coach } from '../../core/coach.js';
import type { Content } from '../../core/content/content.js';
import { COMMANDS, VIEWS } from '../../core/ids.js';
import type { Clock, Logger, Random } from '../../core/ports.js';
import type { CoachStore } from '../../core/store.js';
import type { CoreDeps, ReplyQueue } from '../../core/usecases/types.js';
import type { SlackConfig } from '../../infra/config.js';
import type { SlackContext } from './context.js';
import { createDelivery } from './delivery.js';
import { renderParts } from './effects.js';
import { register as registerActions } from './listeners/actions/index.js';
import { register as registerCommands } from './listeners/commands/index.js';
import { register as registerEvents } from './listeners/events/index.js';
import { register as registerViews } from './listeners/views/index.js';
import { createScheduler } from './scheduler.js';

export interface SlackAppDeps {
  slack: SlackConfig;
  content: Content;
  coach: Coach;
  coachStore: CoachStore;
  channels: ChannelStore;
  channelService: ChannelService;
  logger: Logger;
  clock: Clock;
  random: Random;
  newId: () => string;
  adminUserIds: string[];
  promptGraceMinutes: number;
  /** Tests: a receiver of their own, or faster Socket Mode reconnects and no HTTP retries. */
  receiver?: Receiver;
  clientPingTimeout?: number;
  retryConfig?: WebClientOptions['retryConfig'];
  /** Scheduler tick interval; 0 leaves the timer off (tests call tick()). */
  schedulerIntervalMs?: number;
}

/** The commands, events and actions the app registers; the manifest must list exactly these. */
export const REGISTERED = {
  commands: Object.values(COMMANDS),
  events: ['message', 'member_joined_channel', 'app_home_opened', 'app_uninstalled', 'tokens_revoked'],
  views: Object.values(VIEWS),
};

/** Bolt's logger interface over ours; level changes are Bolt's concern only. */
function boltLogger(logger: Logger, level: LogLevel): BoltLogger {
  let current = level;
  const fmt = (args: unknown[]) =>
    args
      .map((a) => (a instanceof Error ? a.message : typeof a === 'string' ? a : JSON.stringify(a)))
      .join(' ');
  return {
    debug: (...a) => logger.debug({ source: 'bolt' }, fmt(a)),
    info: (...a) => logger.info({ source: 'bolt' }, fmt(a)),
    warn: (...a) => logger.warn({ source: 'bolt' }, fmt(a)),
    error: (...a) => logger.error({ source: 'bolt' }, fmt(a)),
    setLevel: (l) => {
      current = l;
    },
    getLevel: () => current,
    setName: () => undefined,
  };
}

/**
 * @slack/socket-mode reads `payload.event.type` of an `events_api` envelope unguarded, so a malformed
 * envelope rejects unhandled and takes the process down. Such an envelope is logged and dropped (not
 * acked: Slack retries it a few times, then gives up); every other message is handled as before.
 */
function guardSocketMessages(receiver: SocketModeReceiver, logger: Logger): void {
  const client = receiver.client as unknown as {
    removeAllListeners(event: string): void;
    on(event: string, fn: (data: string | ArrayBuffer, isBinary: boolean) => void): void;
    onWebSocketMessage(data: string | ArrayBuffer, isBinary: boolean): Promise<void>;
  };
  client.removeAllListeners('ws_message');
  client.on('ws_message', (data, isBinary) => {
    client.onWebSocketMessage(data, isBinary).catch((error: unknown) => {
      logger.warn(
        { error: error instanceof Error ? error.message : String(error) },
        'malformed Socket Mode message dropped',
      );
    });
  });
}

/**
 * Bolt acks an Events API event before its listeners run (and they may wait their turn), and Slack never
 * redelivers an acked event: a crash in between would lose a person's answer. So a message event is kept in
 * the inbox (one synchronous write, before the ack) until its listeners have run; a restart replays the rest.
 */
function keepUntilHandled(app: App, channels: ChannelStore, clock: Clock): void {
  const processEvent = app.processEvent.bind(app);
  app.processEvent = async (event: ReceiverEvent) => {
    const body = event.body as {
      type?: unknown;
      event_id?: unknown;
      team_id?: unknown;
      event?: { type?: unknown };
    } | null;
    const eventId =
      body?.type === 'event_callback' && body.event?.type === 'message' && typeof body.event_id === 'string'
        ? body.event_id
        : null;
    if (eventId)
      channels.inboxAdd(eventId, typeof body?.team_id === 'string' ? body.team_id : null, body, clock());
    try {
      await processEvent(event);
    } finally {
      if (eventId) channels.inboxDone(eventId);
    }
  };
}

/** Handles the events a crash left in the inbox (the usual dedupe makes a second handling a no-op). */
async function replayInbox(app: App, channels: ChannelStore, logger: Logger): Promise<void> {
  const pending = channels.inboxPending();
  if (pending.length) logger.warn({ events: pending.length }, 'handling events received before a restart');
  for (const { eventId, body } of pending) {
    try {
      await app.processEvent({
        body: body as ReceiverEvent['body'],
        ack: async () => undefined,
        retryNum: 1,
        retryReason: 'restart',
      });
    } catch (error) {
      logger.error(
        { eventId, error: error instanceof Error ? error.message : String(error) },
        'replayed event failed',
      );
      channels.inboxDone(eventId);
    }
  }
}

/** Builds the Bolt app with every listener, the outbox and the scheduler. Socket Mode unless configured for HTTP. */
export function createSlackApp(deps: SlackAppDeps) {
  const { slack, logger } = deps;
  const startedAt = deps.clock();
  const clientOptions: WebClientOptions = {
    ...(slack.apiUrl ? { slackApiUrl: slack.apiUrl } : {}),
    ...(deps.retryConfig ? { retryConfig: deps.retryConfig } : {}),
  };
  const level = LogLevel.WARN;
  const bolt = boltLogger(logger, level);
  let receiver = deps.receiver;
  if (!receiver && slack.mode === 'socket') {
    receiver = new SocketModeReceiver({
      appToken: slack.appToken!,
      logger: bolt,
      logLevel: level,
      ...(deps.clientPingTimeout ? { clientPingTimeout: deps.clientPingTimeout } : {}),
      installerOptions: { clientOptions: { ...clientOptions } },
    });
    guardSocketMessages(receiver as SocketModeReceiver, logger);
  }
  const app = new App({
    token: slack.botToken,
    logger: bolt,
    logLevel: level,
    clientOptions,
    ...(receiver ? { receiver } : { signingSecret: slack.signingSecret! }),
  });
  keepUntilHandled(app, deps.channels, deps.clock);
  // Scheduled posts must not wait out a long rate limit: the scheduler retries and skips when too late.
  const schedulerClient = new WebClient(slack.botToken, {
    ...clientOptions,
    rejectRateLimitedCalls: true,
    logger: bolt,
  });
  const delivery = createDelivery({
    client: app.client,
    channels: deps.channels,
    logger,
    clock: deps.clock,
    startedAt,
  });
  const scheduler = createScheduler({
    client: schedulerClient,
    channelService: deps.channelService,
    channels: deps.channels,
    content: deps.content,
    clock: deps.clock,
    logger,
    graceMs: deps.promptGraceMinutes * 60_000,
    startedAt,
  });
  // The core queues plain replies; they are rendered to Block Kit here, inside its transaction.
  const replies: ReplyQueue = {
    queue: (m) => delivery.enqueue(m.key, m.teamId, m.userId, m.target, renderParts(deps.content, m.parts)),
  };
  const core: CoreDeps = {
    content: deps.content,
    coach: deps.coach,
    coachStore: deps.coachStore,
    channels: deps.channels,
    channelService: deps.channelService,
    replies,
    clock: deps.clock,
    newId: deps.newId,
    logger,
  };
  const ctx: SlackContext = {
    core,
    content: deps.content,
    delivery,
    scheduler,
    logger,
    clock: deps.clock,
    adminUserIds: deps.adminUserIds,
    adminCache: new Map(),
  };

  app.use(async ({ body, context, next }) => {
    const started = deps.clock();
    await next();
    const b = body as { event_id?: string; type?: string; event?: { type?: string } };
    logger.info(
      {
        eventId: b.event_id ?? null,
        type: b.event?.type ?? b.type ?? null,
        retry: context.retryNum ?? 0,
        retryReason: context.retryReason ?? null,
        ms: deps.clock() - started,
      },
      'handled',
    );
  });
  registerEvents(app, ctx);
  registerCommands(app, ctx);
  registerActions(app, ctx);
  registerViews(app, ctx);
  app.error(async (error) => {
    logger.error(
      { code: (error as { code?: string }).code ?? null, error: error.message },
      'listener failed',
    );
  });

  let recoverTimer: NodeJS.Timeout | null = null;
  return {
    app,
    ctx,
    core,
    delivery,
    scheduler,
    /**
     * Settles prompt claims a crash left pending, starts the transport, handles events a crash left in the
     * inbox, resends pending messages, and starts the scheduler.
     */
    async start(port?: number) {
      await scheduler.recoverClaims();
      const server = await (slack.mode === 'http' && !deps.receiver
        ? app.start(port ?? slack.port)
        : app.start());
      await replayInbox(app, deps.channels, logger);
      await delivery.recover();
      const interval = deps.schedulerIntervalMs ?? 20_000;
      if (interval > 0) {
        scheduler.start(interval);
        recoverTimer = setInterval(() => void delivery.recover(), Math.max(interval, 15_000));
        recoverTimer.unref();
      }
      return server;
    },
    async stop() {
      if (recoverTimer) clearInterval(recoverTimer);
      await scheduler.stop();
      await app.stop();
    },
  };
}

export type SlackApp = ReturnType<typeof createSlackApp>;
