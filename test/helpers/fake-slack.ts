/**
 * A local fake Slack for tests: Web API + Socket Mode + response_url + file uploads, on loopback only.
 *
 * One `node:http` server on 127.0.0.1 (port 0) answers:
 * - `POST /api/<method>`: Web API calls (form-urlencoded, JSON or multipart bodies), recorded in order;
 * - `GET|POST /link`: WebSocket upgrade that speaks Socket Mode (hello, envelopes, acks, disconnect);
 * - `POST /upload/<fileId>`: the upload step of `files.uploadV2`;
 * - `POST /response/<id>`: `response_url` posts (slash commands, block actions);
 * - `GET /files/<fileId>`: the bytes of an uploaded file.
 *
 * Usage (start the fake BEFORE `new App(...)`: the App constructor calls auth.test at once):
 *
 *   const fake = await startFakeSlack();
 *   const clientOptions = { slackApiUrl: fake.apiUrl, retryConfig: { retries: 0 } };
 *   const app = new App({ token: 'xoxb-test', socketMode: true, logLevel: LogLevel.ERROR, clientOptions,
 *     receiver: new SocketModeReceiver({ appToken: 'xapp-1-test', clientPingTimeout: 300, logLevel: LogLevel.ERROR,
 *       installerOptions: { clientOptions } }) });
 *   await app.start(); await fake.waitConnected();
 *   ...
 *   await app.stop(); await fake.close();   // close() first waits for the client's close handshake
 */
import { createHmac, randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type RawData, type WebSocket, WebSocketServer } from 'ws';
import { blockKitProblems, viewProblems } from './block-kit.js';

// ---------------------------------------------------------------------------------------------------------
// Types
// ---------------------------------------------------------------------------------------------------------

export type SlackArgs = Record<string, unknown>;

/** One Web API call as the fake received it. */
export interface RecordedCall {
  method: string;
  /** Parsed arguments without `token`; `blocks`, `attachments`, `view`, `files`, `metadata` are JSON-parsed. */
  args: SlackArgs;
  /** Bearer token from the Authorization header, else the `token` body field. */
  token: string | undefined;
  /** `Date.now()` when the request arrived. */
  at: number;
  /**
   * HTTP status the fake answered with. Filled in once answered: nextCall may resolve before that; to wait
   * for the answer, pass the predicate `(c) => c.status !== undefined`.
   */
  status?: number;
  /** Body the fake answered with (filled in once answered). */
  response?: unknown;
}

/** A raw HTTP answer, for 429s, 500s, odd content types. Recognised by a numeric `status` and no `ok`. */
export interface RawResponse {
  status: number;
  headers?: Record<string, string>;
  /** string/Buffer are sent as is; anything else as JSON; undefined as an empty body. */
  body?: unknown;
}

export type HandlerResult = Record<string, unknown> | RawResponse;
export type Handler = (args: SlackArgs, call: RecordedCall) => HandlerResult | Promise<HandlerResult>;

/** What the app sent back over the socket for an envelope. */
export interface AckMessage {
  envelope_id: string;
  payload?: Record<string, unknown>;
}

/** A JSON (or form) body posted to a fake `response_url`. */
export interface ResponseUrlPost {
  id: string;
  url: string;
  body: Record<string, unknown>;
  at: number;
}

export interface UploadedFile {
  id: string;
  filename: string;
  /** `length` declared to files.getUploadURLExternal. */
  declaredLength: number;
  /** The file's bytes (the file part of a multipart upload, else the raw body). */
  content: Buffer;
  /** The raw bytes of the upload request body. */
  raw: Buffer;
  contentType: string | undefined;
  uploaded: boolean;
  completed: boolean;
  title?: string;
  channelId?: string;
  threadTs?: string;
  initialComment?: string;
}

export interface FakeSlackOptions {
  teamId?: string;
  botUserId?: string;
  botId?: string;
  appId?: string;
  /** Users reported with `is_admin: true` by users.info. */
  admins?: Iterable<string>;
  /** Users reported with `is_owner: true` (and `is_admin: true`) by users.info. */
  owners?: Iterable<string>;
  /** How long sendEvent / sendSlashCommand / sendInteractive wait for the ack. Default 3000 (Slack's 3 s). */
  ackTimeoutMs?: number;
  /** Default timeout of nextCall / waitForCalls / waitConnected / ... Default 3000. */
  waitTimeoutMs?: number;
  /** How long close() waits for open sockets to close on their own before terminating them. Default 1000. */
  closeGraceMs?: number;
  /**
   * Refuse Block Kit that Slack refuses (limits, an action_id repeated in a block, a block_id repeated in a
   * message or view, initial options that are not options; see block-kit.ts): `invalid_blocks` for
   * messages and response URLs, `invalid_arguments` for views, `invalid_command_response` for a slash
   * command's ack. Default true.
   */
  validateBlocks?: boolean;
  /**
   * With several app connections open (several instances), spread envelopes over them in turn, as Slack does
   * over up to 10 connections. Default false: the newest connection gets everything.
   */
  spread?: boolean;
}

export interface EventOptions {
  /** Deliver over this open connection (an index into the live ones, modulo their number). */
  via?: number;
  eventId?: string;
  retryAttempt?: number;
  retryReason?: string;
  teamId?: string;
  eventTime?: number;
}

export interface EventCallbackOptions extends EventOptions {
  appId?: string;
  botUserId?: string;
}

export const FAKE_TEAM_ID = 'T0TEST';
export const FAKE_BOT_USER_ID = 'U0BOT';
export const FAKE_BOT_ID = 'B0BOT';
export const FAKE_APP_ID = 'A0TEST';

// ---------------------------------------------------------------------------------------------------------
// Standalone helpers
// ---------------------------------------------------------------------------------------------------------

/** Headers for a request signed like Slack does (v0, HMAC-SHA256 of `v0:<ts>:<body>`). */
export function signSlackRequest(
  secret: string,
  body: string,
  timestamp: number = Math.floor(Date.now() / 1000),
): { 'x-slack-request-timestamp': string; 'x-slack-signature': string } {
  const ts = String(timestamp);
  const signature = createHmac('sha256', secret).update(`v0:${ts}:${body}`).digest('hex');
  return { 'x-slack-request-timestamp': ts, 'x-slack-signature': `v0=${signature}` };
}

let eventSeq = 0;

/** The outer `event_callback` body Slack sends for an Events API event (HTTP body / Socket Mode payload). */
export function buildEventCallback(event: Record<string, unknown>, opts: EventCallbackOptions = {}) {
  eventSeq += 1;
  const teamId = opts.teamId ?? FAKE_TEAM_ID;
  const eventTime = opts.eventTime ?? Math.floor(Date.now() / 1000);
  return {
    token: 'fake-verification-token',
    team_id: teamId,
    api_app_id: opts.appId ?? FAKE_APP_ID,
    event: { event_ts: `${eventTime}.${String(eventSeq).padStart(6, '0')}`, ...event },
    type: 'event_callback',
    event_id: opts.eventId ?? `Ev${String(eventSeq).padStart(8, '0')}`,
    event_time: eventTime,
    authorizations: [
      {
        enterprise_id: null,
        team_id: teamId,
        user_id: opts.botUserId ?? FAKE_BOT_USER_ID,
        is_bot: true,
        is_enterprise_install: false,
      },
    ],
    is_ext_shared_channel: false,
    event_context: `4-fake-${eventSeq}`,
  };
}

const JSON_FIELDS = ['blocks', 'attachments', 'view', 'files', 'metadata'];

function isRawResponse(value: unknown): value is RawResponse {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { status?: unknown }).status === 'number' &&
    !('ok' in value)
  );
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

interface ParsedBody {
  fields: SlackArgs;
  /** File parts of a multipart body, in order. */
  fileParts: { name: string; filename: string | undefined; data: Buffer }[];
}

async function parseBody(contentType: string | undefined, raw: Buffer): Promise<ParsedBody> {
  const ct = (contentType ?? '').toLowerCase();
  const fields: SlackArgs = {};
  const fileParts: ParsedBody['fileParts'] = [];
  if (raw.length === 0) return { fields, fileParts };
  if (ct.startsWith('application/json')) {
    const parsed: unknown = JSON.parse(raw.toString('utf8'));
    if (typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)) {
      Object.assign(fields, parsed);
    }
  } else if (ct.startsWith('multipart/form-data')) {
    const form = await new Response(new Uint8Array(raw), {
      headers: { 'content-type': contentType ?? '' },
    }).formData();
    for (const [name, value] of form.entries()) {
      if (typeof value === 'string') fields[name] = value;
      else {
        const data = Buffer.from(await value.arrayBuffer());
        fields[name] = data;
        fileParts.push({ name, filename: (value as { name?: string }).name, data });
      }
    }
  } else {
    for (const [key, value] of new URLSearchParams(raw.toString('utf8'))) fields[key] = value;
  }
  for (const key of JSON_FIELDS) {
    const value = fields[key];
    if (typeof value === 'string' && /^\s*[[{]/.test(value)) {
      try {
        fields[key] = JSON.parse(value);
      } catch {
        // leave malformed JSON as a string: the test can assert on it
      }
    }
  }
  return { fields, fileParts };
}

function str(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

interface Watcher {
  probe: () => boolean;
  reject: (err: Error) => void;
  timer: NodeJS.Timeout;
}

interface Override {
  remaining: number;
  respond: () => HandlerResult;
}

// ---------------------------------------------------------------------------------------------------------
// The fake
// ---------------------------------------------------------------------------------------------------------

export class FakeSlack {
  readonly teamId: string;
  readonly botUserId: string;
  readonly botId: string;
  readonly appId: string;
  /** Users reported as admins by users.info (mutable). */
  readonly admins: Set<string>;
  /** Users reported as owners (and admins) by users.info (mutable). */
  readonly owners: Set<string>;
  /** Every Web API call, in arrival order. */
  readonly calls: RecordedCall[] = [];
  /** Every body posted to a fake response_url, in arrival order. */
  readonly responses: ResponseUrlPost[] = [];
  /** Every ack received over the socket, in arrival order. */
  readonly acks: AckMessage[] = [];
  /** Uploads by file id. */
  readonly uploads = new Map<string, UploadedFile>();
  /** Everything refused for its Block Kit: where, and Slack's error with the problems. */
  readonly refused: Array<{ where: string; error: string; problems: string[] }> = [];

  private readonly server: Server;
  private readonly wss: WebSocketServer;
  private readonly options: Required<
    Pick<FakeSlackOptions, 'ackTimeoutMs' | 'waitTimeoutMs' | 'closeGraceMs'>
  > & {
    validateBlocks: boolean;
    spread: boolean;
  };
  private readonly handlers = new Map<string, Handler>();
  private readonly overrides = new Map<string, Override[]>();
  private readonly userFields = new Map<string, Record<string, unknown>>();
  private readonly sockets = new Set<WebSocket>();
  private readonly draining = new WeakSet<WebSocket>();
  private readonly consumed = new WeakSet<object>();
  private readonly acksById = new Map<string, AckMessage>();
  private readonly watchers = new Set<Watcher>();
  private tsSeq = 0;
  private idSeq = 0;
  private opened = 0;
  private port = 0;
  private closing: Promise<void> | undefined;

  private constructor(opts: FakeSlackOptions) {
    this.teamId = opts.teamId ?? FAKE_TEAM_ID;
    this.botUserId = opts.botUserId ?? FAKE_BOT_USER_ID;
    this.botId = opts.botId ?? FAKE_BOT_ID;
    this.appId = opts.appId ?? FAKE_APP_ID;
    this.admins = new Set(opts.admins ?? []);
    this.owners = new Set(opts.owners ?? []);
    this.options = {
      ackTimeoutMs: opts.ackTimeoutMs ?? 3000,
      waitTimeoutMs: opts.waitTimeoutMs ?? 3000,
      closeGraceMs: opts.closeGraceMs ?? 1000,
      validateBlocks: opts.validateBlocks ?? true,
      spread: opts.spread ?? false,
    };
    this.server = createServer((req, res) => {
      this.onRequest(req, res).catch((err: unknown) => {
        if (!res.headersSent) res.writeHead(500, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ ok: false, error: 'fake_slack_internal_error', detail: String(err) }));
      });
    });
    this.wss = new WebSocketServer({ server: this.server, path: '/link' });
    this.wss.on('connection', (ws) => this.onConnection(ws));
    this.installDefaultHandlers();
  }

  /** Start a fake on 127.0.0.1 with an OS-assigned port. */
  static async start(opts: FakeSlackOptions = {}): Promise<FakeSlack> {
    const fake = new FakeSlack(opts);
    await new Promise<void>((resolve, reject) => {
      fake.server.once('error', reject);
      fake.server.listen(0, '127.0.0.1', () => {
        fake.server.off('error', reject);
        resolve();
      });
    });
    fake.port = (fake.server.address() as AddressInfo).port;
    return fake;
  }

  /** `http://127.0.0.1:PORT` */
  get baseUrl(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** `http://127.0.0.1:PORT/api/` (for `clientOptions.slackApiUrl`). */
  get apiUrl(): string {
    return `${this.baseUrl}/api/`;
  }

  /** `ws://127.0.0.1:PORT/link` (what apps.connections.open returns). */
  get socketUrl(): string {
    return `ws://127.0.0.1:${this.port}/link`;
  }

  /** Open server-side sockets (including ones told to disconnect that have not closed yet). */
  get connections(): number {
    return this.sockets.size;
  }

  /** Sockets accepted since start (counts reconnects). */
  get connectionsOpened(): number {
    return this.opened;
  }

  /** A new increasing, unique message ts: 1700000000.000100, 1700000000.000200, ... */
  nextTs(): string {
    this.tsSeq += 1;
    const micros = this.tsSeq * 100;
    return `${1_700_000_000 + Math.floor(micros / 1_000_000)}.${String(micros % 1_000_000).padStart(6, '0')}`;
  }

  // ---- handler configuration ------------------------------------------------------------------------------

  /** Replace the handler of `method` (returns a JSON body, or `{ status, headers?, body? }` for a raw answer). */
  setHandler(method: string, fn: Handler): void {
    this.handlers.set(method, fn);
  }

  /** Restore the default handler of `method` (or remove a custom one). */
  resetHandler(method: string): void {
    this.handlers.delete(method);
    this.installDefaultHandlers(method);
  }

  /** The next `count` calls of `method` get HTTP 429 with `Retry-After: retryAfterSeconds`. */
  rateLimit(method: string, count = 1, retryAfterSeconds = 1): void {
    this.pushOverride(method, count, () => ({
      status: 429,
      headers: { 'retry-after': String(retryAfterSeconds) },
      body: { ok: false, error: 'ratelimited' },
    }));
  }

  /** Calls of `method` answer `{ ok: false, error }`: the next `count` ones, or all of them until clearFailures. */
  failWith(method: string, error: string, count = Number.POSITIVE_INFINITY): void {
    this.pushOverride(method, count, () => ({ ok: false, error }));
  }

  /** Drop pending rateLimit / failWith entries (for one method, or all). */
  clearFailures(method?: string): void {
    if (method === undefined) this.overrides.clear();
    else this.overrides.delete(method);
  }

  /** Extra / overriding fields for users.info of `userId` (e.g. `{ tz: 'Asia/Tokyo', tz_offset: 32400 }`). */
  setUser(userId: string, fields: Record<string, unknown>): void {
    this.userFields.set(userId, { ...this.userFields.get(userId), ...fields });
  }

  // ---- inspecting calls -----------------------------------------------------------------------------------

  /** All recorded calls of `method`, in order (consumed or not). */
  callsOf(method: string): RecordedCall[] {
    return this.calls.filter((c) => c.method === method);
  }

  /**
   * The first recorded call of `method` matching `predicate` not yet returned by nextCall, or the next one to
   * arrive. Rejects after `timeoutMs`.
   */
  nextCall(
    method: string,
    predicate: (call: RecordedCall) => boolean = () => true,
    timeoutMs = this.options.waitTimeoutMs,
  ): Promise<RecordedCall> {
    return this.waitFor(
      () => {
        const call = this.calls.find((c) => c.method === method && !this.consumed.has(c) && predicate(c));
        if (call) this.consumed.add(call);
        return call;
      },
      timeoutMs,
      () =>
        `a ${method} call (recorded ${method} calls: ${JSON.stringify(this.callsOf(method).map((c) => c.args))})`,
    );
  }

  /** Resolves with all calls of `method` once there are at least `n`. */
  waitForCalls(method: string, n: number, timeoutMs = this.options.waitTimeoutMs): Promise<RecordedCall[]> {
    return this.waitFor(
      () => {
        const calls = this.callsOf(method);
        return calls.length >= n ? calls : undefined;
      },
      timeoutMs,
      () => `${n} ${method} calls (got ${this.callsOf(method).length})`,
    );
  }

  /** Like nextCall, for bodies posted to a response_url. */
  nextResponse(
    predicate: (post: ResponseUrlPost) => boolean = () => true,
    timeoutMs = this.options.waitTimeoutMs,
  ): Promise<ResponseUrlPost> {
    return this.waitFor(
      () => {
        const post = this.responses.find((r) => !this.consumed.has(r) && predicate(r));
        if (post) this.consumed.add(post);
        return post;
      },
      timeoutMs,
      () => `a response_url post (got ${this.responses.length})`,
    );
  }

  /** The upload with this file id (its bytes are in `.content`). */
  uploadedFile(fileId: string): UploadedFile | undefined {
    return this.uploads.get(fileId);
  }

  // ---- Socket Mode ----------------------------------------------------------------------------------------

  /** Resolves once a usable socket (connected, not told to disconnect) is open. */
  waitConnected(timeoutMs = this.options.waitTimeoutMs): Promise<number> {
    return this.waitFor(
      () => (this.liveSocket() ? this.sockets.size : undefined),
      timeoutMs,
      () => 'a Socket Mode connection',
    );
  }

  /** Resolves (with 0) once every server-side socket has emitted `close`. */
  waitDisconnected(timeoutMs = this.options.waitTimeoutMs): Promise<0> {
    return this.waitFor(
      () => (this.sockets.size === 0 ? 0 : undefined),
      timeoutMs,
      () => `all sockets to close (${this.sockets.size} open)`,
    );
  }

  /** Send `{type:'disconnect', reason}` on every open socket; the client then reconnects by itself. */
  disconnect(reason = 'refresh_requested'): void {
    for (const ws of this.sockets) {
      this.draining.add(ws);
      ws.send(JSON.stringify({ type: 'disconnect', reason, debug_info: { host: 'fake-slack' } }));
    }
  }

  /** Terminate every socket abruptly (no close frame), like a network drop. */
  dropSocket(): void {
    for (const ws of this.sockets) {
      this.draining.add(ws);
      ws.terminate();
    }
  }

  /** Send an `events_api` envelope; resolves with the app's ack. */
  sendEvent(event: Record<string, unknown>, opts: EventOptions = {}): Promise<AckMessage> {
    const payload = buildEventCallback(event, { ...opts, teamId: opts.teamId ?? this.teamId, ...this.ids() });
    return this.sendEnvelope(
      'events_api',
      payload,
      {
        accepts_response_payload: false,
        retry_attempt: opts.retryAttempt ?? 0,
        retry_reason: opts.retryReason ?? '',
      },
      opts.via,
    );
  }

  /**
   * Send a `slash_commands` envelope. Missing fields get defaults (user U0USER, channel C0TEST, command /star,
   * a response_url on this fake). Resolves with the ack, whose `payload` is the command's immediate response.
   */
  async sendSlashCommand(payload: Record<string, unknown>): Promise<AckMessage> {
    const id = this.newId('R');
    const full = {
      token: 'fake-verification-token',
      team_id: this.teamId,
      team_domain: 'fake',
      channel_id: 'C0TEST',
      channel_name: 'general',
      user_id: 'U0USER',
      user_name: 'user',
      command: '/star',
      text: '',
      api_app_id: this.appId,
      is_enterprise_install: 'false',
      response_url: `${this.baseUrl}/response/${id}`,
      trigger_id: this.newId('trig.'),
      ...payload,
    };
    const ack = await this.sendEnvelope('slash_commands', full, { accepts_response_payload: true });
    const problems = this.options.validateBlocks ? blockKitProblems(ack.payload?.blocks, 'message') : [];
    if (problems.length) {
      // What the person sees: "/star failed with the error "invalid_command_response"".
      this.refused.push({
        where: `ack of ${String(full.command)}`,
        error: 'invalid_command_response',
        problems,
      });
      throw new Error(`invalid_command_response: ${problems.join('; ')}`);
    }
    return ack;
  }

  /**
   * Send an `interactive` envelope (block_actions, view_submission, shortcut, ...). Adds team, api_app_id,
   * token and trigger_id when missing, and a response_url for block_actions carrying a `channel`.
   */
  sendInteractive(payload: Record<string, unknown>): Promise<AckMessage> {
    const full: Record<string, unknown> = {
      team: { id: this.teamId, domain: 'fake' },
      api_app_id: this.appId,
      token: 'fake-verification-token',
      trigger_id: this.newId('trig.'),
      is_enterprise_install: false,
      enterprise: null,
      ...payload,
    };
    if (full.type === 'block_actions' && full.channel !== undefined && full.response_url === undefined) {
      full.response_url = `${this.baseUrl}/response/${this.newId('R')}`;
    }
    const accepts = full.type === 'view_submission' || full.type === 'block_suggestion';
    return this.sendEnvelope('interactive', full, { accepts_response_payload: accepts });
  }

  /** Send any envelope type with `payload`; resolves with the ack. Waits for a connection first. */
  async sendEnvelope(
    type: string,
    payload: Record<string, unknown>,
    extra: Record<string, unknown> = {},
    via?: number,
  ): Promise<AckMessage> {
    await this.waitConnected();
    const ws = this.liveSocket(via);
    if (!ws) throw new Error('FakeSlack: no Socket Mode connection');
    const envelope_id = randomUUID();
    const ack = this.waitFor(
      () => this.acksById.get(envelope_id),
      this.options.ackTimeoutMs,
      () => `the ack of ${type} envelope ${envelope_id}`,
    );
    ws.send(JSON.stringify({ envelope_id, type, payload, ...extra }));
    return ack;
  }

  // ---- shutdown -------------------------------------------------------------------------------------------

  /**
   * Close everything. Waits up to `closeGraceMs` for sockets to close on their own (after `app.stop()`, the
   * client's close handshake is still in flight), then terminates the rest and closes the server.
   * Stop the app first: a still-running client would try to reconnect to a closed port.
   */
  close(): Promise<void> {
    this.closing ??= this.doClose();
    return this.closing;
  }

  private async doClose(): Promise<void> {
    if (this.sockets.size > 0) {
      await this.waitDisconnected(this.options.closeGraceMs).catch(() => undefined);
    }
    for (const ws of this.sockets) ws.terminate();
    for (const w of [...this.watchers]) {
      clearTimeout(w.timer);
      w.reject(new Error('FakeSlack: closed while waiting'));
    }
    this.watchers.clear();
    await new Promise<void>((resolve) => this.wss.close(() => resolve()));
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  // ---- internals ------------------------------------------------------------------------------------------

  private ids() {
    return { appId: this.appId, botUserId: this.botUserId };
  }

  private newId(prefix: string): string {
    this.idSeq += 1;
    return `${prefix}${String(this.idSeq).padStart(6, '0')}`;
  }

  private liveSocket(via?: number): WebSocket | undefined {
    const live = [...this.sockets].filter((ws) => ws.readyState === ws.OPEN && !this.draining.has(ws));
    if (!live.length) return undefined;
    if (via !== undefined) return live[via % live.length];
    if (this.options.spread) return live[this.turn++ % live.length];
    return live[live.length - 1];
  }

  /** The next connection in turn when spreading. */
  private turn = 0;

  private pushOverride(method: string, count: number, respond: () => HandlerResult): void {
    if (count <= 0) return;
    const list = this.overrides.get(method) ?? [];
    list.push({ remaining: count, respond });
    this.overrides.set(method, list);
  }

  private takeOverride(method: string): HandlerResult | undefined {
    const list = this.overrides.get(method);
    const first = list?.[0];
    if (!list || !first) return undefined;
    first.remaining -= 1;
    if (first.remaining <= 0) list.shift();
    return first.respond();
  }

  /** Resolve when `probe` returns something other than undefined (checked now and on every change). */
  private waitFor<T>(probe: () => T | undefined, timeoutMs: number, what: () => string): Promise<T> {
    const now = probe();
    if (now !== undefined) return Promise.resolve(now);
    const promise = new Promise<T>((resolve, reject) => {
      const watcher: Watcher = {
        probe: () => {
          const value = probe();
          if (value === undefined) return false;
          clearTimeout(watcher.timer);
          resolve(value);
          return true;
        },
        reject,
        timer: setTimeout(() => {
          this.watchers.delete(watcher);
          reject(new Error(`FakeSlack: timed out after ${timeoutMs} ms waiting for ${what()}`));
        }, timeoutMs),
      };
      this.watchers.add(watcher);
    });
    // A caller that never awaits (e.g. an assertion failed first) must not cause an unhandled rejection.
    promise.catch(() => undefined);
    return promise;
  }

  private notify(): void {
    for (const w of [...this.watchers]) {
      if (this.watchers.has(w) && w.probe()) this.watchers.delete(w);
    }
  }

  private onConnection(ws: WebSocket): void {
    this.sockets.add(ws);
    this.opened += 1;
    ws.on('message', (data: RawData) => {
      let msg: unknown;
      try {
        msg = JSON.parse(data.toString());
      } catch {
        return;
      }
      const envelopeId = (msg as { envelope_id?: unknown }).envelope_id;
      if (typeof envelopeId === 'string') {
        const ack = msg as AckMessage;
        this.acks.push(ack);
        this.acksById.set(envelopeId, ack);
        this.notify();
      }
    });
    ws.on('error', () => undefined);
    ws.on('close', () => {
      this.sockets.delete(ws);
      this.notify();
    });
    ws.send(JSON.stringify({ type: 'hello', num_connections: 1, connection_info: { app_id: this.appId } }));
    this.notify();
  }

  private async onRequest(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', this.baseUrl);
    const raw = await readBody(req);
    const path = url.pathname;
    if (path.startsWith('/api/')) {
      await this.handleApi(decodeURIComponent(path.slice('/api/'.length)), req, url, raw, res);
      return;
    }
    const upload = /^\/upload\/([^/]+)$/.exec(path);
    if (upload?.[1] && req.method === 'POST') {
      await this.handleUpload(upload[1], req, raw, res);
      return;
    }
    const response = /^\/response\/([^/]+)$/.exec(path);
    if (response?.[1] && req.method === 'POST') {
      const { fields } = await parseBody(req.headers['content-type'], raw);
      // Legacy form posts wrap the JSON in a `payload` field.
      const body = typeof fields.payload === 'string' ? (JSON.parse(fields.payload) as SlackArgs) : fields;
      const problems = this.options.validateBlocks ? blockKitProblems(body.blocks, 'message') : [];
      if (problems.length) {
        // Slack refuses the whole response; the person sees nothing.
        this.refused.push({ where: `response_url ${path}`, error: 'invalid_blocks', problems });
        this.notify();
        send(res, 400, { ok: false, error: 'invalid_blocks', response_metadata: { messages: problems } });
        return;
      }
      this.responses.push({ id: response[1], url: `${this.baseUrl}${path}`, body, at: Date.now() });
      this.notify();
      send(res, 200, { ok: true });
      return;
    }
    const file = /^\/files\/([^/]+)$/.exec(path);
    const stored = file?.[1] ? this.uploads.get(file[1]) : undefined;
    if (stored && req.method === 'GET') {
      res.writeHead(200, { 'content-type': 'application/octet-stream' });
      res.end(stored.content);
      return;
    }
    send(res, 404, { ok: false, error: 'not_found' });
  }

  private async handleApi(
    method: string,
    req: IncomingMessage,
    url: URL,
    raw: Buffer,
    res: ServerResponse,
  ): Promise<void> {
    const { fields } = await parseBody(req.headers['content-type'], raw);
    for (const [k, v] of url.searchParams) fields[k] ??= v;
    const auth = req.headers.authorization;
    let token = auth?.startsWith('Bearer ') ? auth.slice('Bearer '.length) : undefined;
    if (typeof fields.token === 'string') token ??= fields.token;
    delete fields.token;
    const call: RecordedCall = { method, args: fields, token, at: Date.now() };
    this.calls.push(call);
    this.notify();

    let result: HandlerResult | undefined = this.takeOverride(method);
    if (result === undefined) {
      const handler = this.handlers.get(method);
      result = handler ? await handler(fields, call) : { ok: false, error: 'unknown_method' };
    }
    if (isRawResponse(result)) {
      call.status = result.status;
      call.response = result.body;
      const body = result.body;
      const isBytes = typeof body === 'string' || Buffer.isBuffer(body);
      const headers: Record<string, string> = isBytes ? {} : { 'content-type': 'application/json' };
      res.writeHead(result.status, { ...headers, ...result.headers });
      res.end(body === undefined ? '' : isBytes ? body : JSON.stringify(body));
    } else {
      call.status = 200;
      call.response = result;
      send(res, 200, result);
    }
    // Waiters see the call on arrival and again once answered (predicate `(c) => c.status !== undefined`).
    this.notify();
  }

  private async handleUpload(
    id: string,
    req: IncomingMessage,
    raw: Buffer,
    res: ServerResponse,
  ): Promise<void> {
    const upload = this.uploads.get(id);
    if (!upload) {
      res.writeHead(404, { 'content-type': 'text/plain' });
      res.end('unknown upload id');
      return;
    }
    const contentType = req.headers['content-type'];
    let content = raw;
    if ((contentType ?? '').toLowerCase().startsWith('multipart/form-data')) {
      const { fields, fileParts } = await parseBody(contentType, raw);
      const first = fileParts[0]?.data ?? Object.values(fields).find((v) => typeof v === 'string');
      content = Buffer.isBuffer(first) ? first : Buffer.from(String(first ?? ''), 'utf8');
    }
    Object.assign(upload, { raw, content, contentType, uploaded: true });
    this.notify();
    res.writeHead(200, { 'content-type': 'text/plain' });
    res.end(`OK - ${content.length}`);
  }

  private installDefaultHandlers(only?: string): void {
    const defaults: Record<string, Handler> = {
      'auth.test': () => ({
        ok: true,
        url: 'https://fake.slack.com/',
        team: 'Fake Team',
        user: 'star-coach',
        team_id: this.teamId,
        user_id: this.botUserId,
        bot_id: this.botId,
        is_enterprise_install: false,
      }),
      'apps.connections.open': (_args, call) =>
        call.token?.startsWith('xapp-')
          ? { ok: true, url: this.socketUrl }
          : { ok: false, error: 'not_allowed_token_type' },
      'chat.postMessage': (args) => {
        const err = this.messageError(args);
        if (err) return err;
        const ts = this.nextTs();
        const message = this.botMessage(args, ts);
        this.channelMessages.push({ ...message, channel: String(args.channel) });
        return { ok: true, channel: args.channel, ts, message };
      },
      'conversations.history': (args) => ({
        ok: true,
        has_more: false,
        messages: this.channelMessages
          // `oldest` is ignored: fake ts values are not wall-clock times.
          .filter((m) => m.channel === args.channel && !m.thread_ts)
          .reverse(),
      }),
      'conversations.replies': (args) => ({
        ok: true,
        has_more: false,
        messages: this.channelMessages.filter(
          (m) => m.channel === args.channel && (m.ts === args.ts || m.thread_ts === args.ts),
        ),
      }),
      'chat.update': (args) => {
        if (!str(args.ts)) return { ok: false, error: 'message_not_found' };
        const err = this.messageError(args);
        if (err) return err;
        return { ok: true, channel: args.channel, ts: args.ts, text: args.text ?? '' };
      },
      'chat.delete': (args) => {
        this.channelMessages = this.channelMessages.filter(
          (m) => !(m.channel === args.channel && m.ts === args.ts),
        );
        return { ok: true, channel: args.channel, ts: args.ts };
      },
      'chat.postEphemeral': (args) => {
        if (!str(args.user)) return { ok: false, error: 'user_not_in_channel' };
        const err = this.messageError(args);
        if (err) return err;
        return { ok: true, message_ts: this.nextTs() };
      },
      'views.open': (args) => this.viewResponse(args, this.newId('V')),
      'views.publish': (args) => this.viewResponse(args, this.newId('V')),
      'views.update': (args) => this.viewResponse(args, str(args.view_id) ?? this.newId('V')),
      'conversations.open': (args) => {
        const user = str(args.users)?.split(',')[0]?.trim();
        if (str(args.channel)) return { ok: true, channel: { id: args.channel } };
        if (!user) return { ok: false, error: 'users_list_not_supplied' };
        return { ok: true, channel: { id: `D${user}` } };
      },
      'users.info': (args) => {
        const id = str(args.user);
        if (!id) return { ok: false, error: 'user_not_found' };
        const isOwner = this.owners.has(id);
        return {
          ok: true,
          user: {
            id,
            team_id: this.teamId,
            name: id.toLowerCase(),
            real_name: `User ${id}`,
            deleted: false,
            is_bot: false,
            tz: 'Europe/Berlin',
            tz_label: 'Central European Time',
            tz_offset: 3600,
            is_admin: isOwner || this.admins.has(id),
            is_owner: isOwner,
            is_primary_owner: false,
            profile: { real_name: `User ${id}`, display_name: id.toLowerCase() },
            ...this.userFields.get(id),
          },
        };
      },
      'files.getUploadURLExternal': (args) => {
        const filename = str(args.filename);
        const length = Number(args.length);
        if (!filename) return { ok: false, error: 'invalid_arguments' };
        if (!Number.isFinite(length) || length <= 0) return { ok: false, error: 'invalid_arguments' };
        const id = this.newId('F');
        this.uploads.set(id, {
          id,
          filename,
          declaredLength: length,
          content: Buffer.alloc(0),
          raw: Buffer.alloc(0),
          contentType: undefined,
          uploaded: false,
          completed: false,
        });
        return { ok: true, upload_url: `${this.baseUrl}/upload/${id}`, file_id: id };
      },
      'files.completeUploadExternal': (args) => {
        const files = Array.isArray(args.files) ? (args.files as { id?: unknown; title?: unknown }[]) : [];
        if (files.length === 0) return { ok: false, error: 'invalid_arguments' };
        const out: Record<string, unknown>[] = [];
        for (const f of files) {
          const upload = typeof f.id === 'string' ? this.uploads.get(f.id) : undefined;
          if (!upload?.uploaded) return { ok: false, error: 'file_not_found' };
          upload.completed = true;
          upload.title = str(f.title) ?? upload.filename;
          upload.channelId = str(args.channel_id);
          upload.threadTs = str(args.thread_ts);
          upload.initialComment = str(args.initial_comment);
          out.push({
            id: upload.id,
            name: upload.filename,
            title: upload.title,
            size: upload.content.length,
            user: this.botUserId,
            url_private: `${this.baseUrl}/files/${upload.id}`,
            channels: upload.channelId ? [upload.channelId] : [],
          });
        }
        return { ok: true, files: out };
      },
    };
    for (const [method, handler] of Object.entries(defaults)) {
      if (only === undefined || only === method) this.handlers.set(method, handler);
    }
  }

  private messageError(args: SlackArgs): HandlerResult | undefined {
    if (!str(args.channel)) return { ok: false, error: 'channel_not_found' };
    if (!str(args.text) && args.blocks === undefined && args.attachments === undefined) {
      return { ok: false, error: 'no_text' };
    }
    const problems = this.options.validateBlocks ? blockKitProblems(args.blocks, 'message') : [];
    if (!problems.length) return undefined;
    this.refused.push({ where: `message in ${String(args.channel)}`, error: 'invalid_blocks', problems });
    return { ok: false, error: 'invalid_blocks', errors: problems };
  }

  /** Bot messages posted so far (deleted ones removed), for conversations.history / replies. */
  channelMessages: Array<Record<string, unknown> & { channel: string; ts?: unknown; thread_ts?: unknown }> =
    [];

  private botMessage(args: SlackArgs, ts: string): Record<string, unknown> {
    const message: Record<string, unknown> = {
      type: 'message',
      text: args.text ?? '',
      user: this.botUserId,
      bot_id: this.botId,
      app_id: this.appId,
      team: this.teamId,
      ts,
    };
    if (args.thread_ts !== undefined) message.thread_ts = args.thread_ts;
    if (args.blocks !== undefined) message.blocks = args.blocks;
    if (args.metadata !== undefined) message.metadata = args.metadata;
    return message;
  }

  private viewResponse(args: SlackArgs, id: string): HandlerResult {
    const view = args.view;
    if (typeof view !== 'object' || view === null) return { ok: false, error: 'invalid_arguments' };
    const problems = this.options.validateBlocks ? viewProblems(view) : [];
    if (problems.length) {
      this.refused.push({
        where: `view ${String((view as { type?: unknown }).type)}`,
        error: 'invalid_arguments',
        problems,
      });
      return { ok: false, error: 'invalid_arguments', response_metadata: { messages: problems } };
    }
    return {
      ok: true,
      view: { ...view, id, team_id: this.teamId, app_id: this.appId, hash: `${Date.now()}.${id}` },
    };
  }
}

function send(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}

/** Start a fake Slack on 127.0.0.1 (port 0). */
export function startFakeSlack(opts: FakeSlackOptions = {}): Promise<FakeSlack> {
  return FakeSlack.start(opts);
}
