import {
  App,
  type Logger as BoltLogger,
  type InstallationStore,
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
import { slackFetch } from './http.js';
import type { DeliveryLedger } from './ledger.js';
import { listenerTable } from './listener-table.js';
import { register as registerActions } from './listeners/actions/index.js';
import { register as registerCommands } from './listeners/commands/index.js';
import { register as registerEvents } from './listeners/events/index.js';
import { register as registerViews } from './listeners/views/index.js';
import { createScheduler } from './scheduler.js';
import { nextTurn } from './turns.js';

export interface SlackAppDeps {
  slack: SlackConfig;
  content: Content;
  coach: Coach;
  coachStore: CoachStore;
  channels: ChannelStore;
  /** Inbox, event dedupe, outbox and leases (shared by every instance on the database). */
  ledger: DeliveryLedger;
  /** This instance's name as lease owner (unique per process). */
  owner: string;
  /**
   * True when this is the only instance (SQLite: one process per file, by lock): claims left by a previous
   * process are taken over at start instead of waiting for them to lapse.
   */
  exclusive: boolean;
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
  /** How long a claim on an event or a message lasts without renewal (default 20 s; renewed every third of it). */
  leaseMs?: number;
  /** Whether an error means the database could not be reached (the event is then handled again later). */
  databaseUnavailable?: (error: unknown) => boolean;
  /** Installed workspaces, when they install through OAuth ("Add to Slack"); else the one bot token. */
  installationStore?: InstallationStore;
}

/** The bot scopes the app asks for (the manifest lists the same; see test/manifest.test.ts). */
export const BOT_SCOPES = [
  'channels:history',
  'channels:read',
  'chat:write',
  'commands',
  'files:write',
  'groups:history',
  'groups:read',
  'im:history',
  'im:write',
  'users:read',
];

/**
 * The Web API client for a workspace: the one client in single-workspace mode; with OAuth, a client on the
 * workspace's own bot token (from its installation). The installation is read (and decrypted) at most once a
 * minute per workspace, not on every send; a reinstall with a new token is picked up within that minute.
 */
function workspaceClients(
  fixed: WebClient,
  store: InstallationStore | undefined,
  make: (token: string) => WebClient,
): (teamId: string) => Promise<WebClient> {
  if (!store) return async () => fixed;
  const byTeam = new Map<string, { token: string; client: WebClient; until: number }>();
  return async (teamId) => {
    const known = byTeam.get(teamId);
    if (known && known.until > Date.now()) return known.client;
    const installation = await store.fetchInstallation({
      teamId,
      isEnterpriseInstall: false,
      enterpriseId: undefined,
    });
    const token = installation.bot?.token;
    if (!token) throw new Error(`no bot token for ${teamId}`);
    const client = known?.token === token ? known.client : make(token);
    byTeam.set(teamId, { token, client, until: Date.now() + 60_000 });
    return client;
  };
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

/** Bolt's ack of an event acknowledged already (by the inbox wrapper, or long ago: a taken-over one). */
const acked = async (): Promise<void> => undefined;

/** How an event is handled once this instance holds it: the listeners run, then the event is marked done. */
type HandleHeld = (eventId: string, teamId: string | null, event: ReceiverEvent) => Promise<void>;

/**
 * Bolt acks an Events API event before its listeners run (and they may wait their turn), and Slack never
 * redelivers an acked event: a crash in between would lose a person's answer. So an event is claimed in the
 * inbox (a unique insert, before the ack) and kept there until its listeners have run. Of two instances that
 * receive the same event only one claims it; the other acks and moves on. A handler that dies leaves its
 * claim to lapse, and another instance takes the event over (see `sweep`).
 */
function keepUntilHandled(
  app: App,
  logger: Logger,
  ledger: DeliveryLedger,
  clock: Clock,
  owner: string,
  leaseMs: number,
  unavailable: (error: unknown) => boolean,
): HandleHeld {
  const processEvent = app.processEvent.bind(app);
  const handleHeld: HandleHeld = async (eventId, teamId, event) => {
    let again = false;
    try {
      await processEvent(event);
    } catch (error) {
      // The database went away mid-handling (a restart): the event stays in the inbox, given back so the next
      // sweep (here or in another instance) handles it again once the database is back.
      again = unavailable(error);
      if (again) await ledger.inboxRelease(eventId, owner).catch(() => undefined);
      throw error;
    } finally {
      if (!again) {
        // An uninstall deletes the workspace's rows; its own event id is kept for dedupe, without the team.
        const type = (event.body as { event?: { type?: unknown } } | null)?.event?.type;
        const removal = type === 'app_uninstalled' || type === 'tokens_revoked';
        await ledger.inboxDone(eventId, removal ? null : teamId, clock());
      }
    }
  };
  app.processEvent = async (event: ReceiverEvent) => {
    const body = event.body as {
      type?: unknown;
      event_id?: unknown;
      team_id?: unknown;
      event?: { type?: unknown };
    } | null;
    const eventId =
      body?.type === 'event_callback' && typeof body.event_id === 'string' ? body.event_id : null;
    if (!eventId) return processEvent(event);
    const teamId = typeof body?.team_id === 'string' ? body.team_id : null;
    const claim = await ledger.inboxClaim(eventId, teamId, body, owner, clock(), leaseMs);
    // Acknowledged here rather than by Bolt (which acks an event before its listeners): held in the inbox, the
    // event is safe, or handled already, or being handled (here or by another instance). An ack that cannot go
    // out (the socket dropped meanwhile) changes nothing for an event we hold: Slack sends it again, finds it
    // ours, and we handle it here now, instead of leaving it claimed and unhandled while our lease stays alive.
    try {
      await event.ack();
    } catch (error) {
      if (claim !== 'claimed') throw error;
      logger.warn({ eventId, error: error instanceof Error ? error.message : String(error) }, 'ack failed');
    }
    if (claim !== 'claimed') return;
    // One event per loop turn (scoring and SQLite are CPU work), so a burst cannot hold back the acks of the
    // envelopes behind it. Waiting here, before Bolt builds its listener arguments, a queued event holds only
    // its body: under a burst less of it lives long enough for V8 to promote.
    await nextTurn();
    await handleHeld(eventId, teamId, { ...event, ack: acked });
  };
  return handleHeld;
}

/**
 * Takes over events whose handler's claim lapsed (a crash; with several instances, a dead one) and handles
 * them. `takeAll`: this is the only instance (SQLite, one process by lock), so every claim left is a dead one.
 */
async function sweep(
  ledger: DeliveryLedger,
  handleHeld: HandleHeld,
  logger: Logger,
  clock: Clock,
  owner: string,
  leaseMs: number,
  takeAll = false,
): Promise<void> {
  const BATCH = 200;
  for (;;) {
    const taken = await ledger.inboxTakeOver(owner, clock(), leaseMs, BATCH, takeAll);
    if (taken.length) logger.warn({ events: taken.length }, 'handling events whose first handler stopped');
    await handleTaken(taken, handleHeld, logger);
    if (taken.length < BATCH) return;
  }
}

async function handleTaken(
  taken: Array<{ eventId: string; body: unknown }>,
  handleHeld: HandleHeld,
  logger: Logger,
): Promise<void> {
  for (const { eventId, body } of taken) {
    const teamId = (body as { team_id?: unknown } | null)?.team_id;
    try {
      // Taken-over events take turns with live ones, as in `keepUntilHandled`.
      await nextTurn();
      await handleHeld(eventId, typeof teamId === 'string' ? teamId : null, {
        body: body as ReceiverEvent['body'],
        ack: acked,
        retryNum: 1,
        retryReason: 'restart',
      });
    } catch (error) {
      logger.error(
        { eventId, error: error instanceof Error ? error.message : String(error) },
        'taken-over event failed',
      );
    }
  }
}

/** Builds the Bolt app with every listener, the outbox and the scheduler. Socket Mode unless configured for HTTP. */
export function createSlackApp(deps: SlackAppDeps) {
  const { slack, logger } = deps;
  const leaseMs = deps.leaseMs ?? 20_000;
  const owner = deps.owner;
  const clientOptions: WebClientOptions = {
    fetch: slackFetch(),
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
  const oauth = slack.oauth && deps.installationStore ? slack.oauth : null;
  const app = new App({
    ...(oauth
      ? {
          clientId: oauth.clientId,
          clientSecret: oauth.clientSecret,
          stateSecret: oauth.stateSecret,
          scopes: BOT_SCOPES,
          installationStore: deps.installationStore!,
          installerOptions: {
            directInstall: true,
            stateVerification: true,
            clientOptions,
            ...(oauth.authorizeUrl ? { authorizationUrl: oauth.authorizeUrl } : {}),
          },
        }
      : { token: slack.botToken ?? undefined }),
    logger: bolt,
    logLevel: level,
    clientOptions,
    ...(receiver ? { receiver } : { signingSecret: slack.signingSecret! }),
  });
  const unavailable = deps.databaseUnavailable ?? (() => false);
  const handleHeld = keepUntilHandled(app, logger, deps.ledger, deps.clock, owner, leaseMs, unavailable);
  // Scheduled posts must not wait out a long rate limit: the scheduler retries and skips when too late.
  const schedulerOptions = { ...clientOptions, rejectRateLimitedCalls: true, logger: bolt };
  const schedulerClient = new WebClient(slack.botToken ?? undefined, schedulerOptions);
  const installations = oauth ? deps.installationStore : undefined;
  const delivery = createDelivery({
    clientFor: workspaceClients(
      app.client,
      installations,
      (token) => new WebClient(token, { ...clientOptions, logger: bolt }),
    ),
    ledger: deps.ledger,
    logger,
    clock: deps.clock,
    owner,
    leaseMs,
  });
  const scheduler = createScheduler({
    clientFor: workspaceClients(
      schedulerClient,
      installations,
      (token) => new WebClient(token, schedulerOptions),
    ),
    channelService: deps.channelService,
    channels: deps.channels,
    content: deps.content,
    clock: deps.clock,
    logger,
    graceMs: deps.promptGraceMinutes * 60_000,
    ledger: deps.ledger,
    owner,
    // Retaken every pass: it must outlast the interval; a dead holder's passes resume elsewhere after it.
    leaseMs: Math.max(leaseMs, (deps.schedulerIntervalMs ?? 20_000) * 1.5),
  });
  // The core queues plain replies; they are rendered to Block Kit here, inside its transaction.
  const replies: ReplyQueue = {
    queue: (m) => delivery.enqueue(m.key, m.teamId, m.userId, m.target, renderParts(deps.content, m.parts)),
    has: async (key) => (await deps.ledger.outboxGet(key)) !== null,
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
  const table = listenerTable();
  registerEvents(table.listeners, ctx);
  registerCommands(table.listeners, ctx);
  registerActions(table.listeners, ctx);
  registerViews(table.listeners, ctx);
  table.install(app);
  app.error(async (error) => {
    const cause = (error as { original?: unknown }).original ?? error;
    logger.error(
      { code: (error as { code?: string }).code ?? null, error: error.message },
      'listener failed',
    );
    // Out to processEvent, so the event is kept for another try rather than marked handled.
    if (unavailable(cause)) throw error;
  });

  const timers: NodeJS.Timeout[] = [];
  const every = (ms: number, fn: () => Promise<unknown>) => {
    const timer = setInterval(() => {
      fn().catch((error: unknown) =>
        logger.warn(
          { error: error instanceof Error ? error.message : String(error) },
          'background task failed',
        ),
      );
    }, ms);
    timer.unref();
    timers.push(timer);
  };
  return {
    app,
    ctx,
    core,
    delivery,
    scheduler,
    /** This instance's work: events it holds, lapsed ones it takes over, messages still owed. */
    sweep: () => sweep(deps.ledger, handleHeld, logger, deps.clock, owner, leaseMs),
    /**
     * Settles prompt claims a crash left pending, starts the transport and the scheduler, handles events a crash
     * left in the inbox, and resends pending messages. With several instances, each renews the claims
     * it holds and takes over those of an instance that stopped renewing them.
     */
    async start(port?: number) {
      // The only instance on this database: any lease left was held by a process that is gone.
      if (deps.exclusive) await deps.ledger.releaseLeases(null);
      await scheduler.recoverClaims();
      const server = await (slack.mode === 'http' && !deps.receiver
        ? app.start(port ?? slack.port)
        : app.start());
      const interval = deps.schedulerIntervalMs ?? 20_000;
      // The daily questions do not wait for a backlog a crash left in the inbox (taken-over events take turns
      // with live ones, so after a busy crash the sweep below can take a while).
      if (interval > 0) scheduler.start(interval);
      await sweep(deps.ledger, handleHeld, logger, deps.clock, owner, leaseMs, deps.exclusive);
      await delivery.recover(deps.exclusive);
      every(Math.max(1000, Math.floor(leaseMs / 3)), () => deps.ledger.renew(owner, deps.clock(), leaseMs));
      if (interval > 0) {
        every(Math.min(5_000, leaseMs / 4), () =>
          sweep(deps.ledger, handleHeld, logger, deps.clock, owner, leaseMs),
        );
        every(Math.max(interval, 15_000), () => delivery.recover());
      }
      return server;
    },
    async stop() {
      for (const timer of timers.splice(0)) clearInterval(timer);
      await scheduler.stop();
      await app.stop();
      await deps.ledger
        .releaseLeases(owner)
        .catch((error: unknown) => logger.warn({ error: String(error) }, 'could not release leases'));
    },
  };
}

export type SlackApp = ReturnType<typeof createSlackApp>;
