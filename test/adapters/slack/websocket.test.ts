import { channel } from 'node:diagnostics_channel';
import { mkdtempSync, rmSync } from 'node:fs';
import type net from 'node:net';
import { type AddressInfo, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { SocketModeClient as SocketModeClientType } from '@slack/socket-mode';
import { build } from 'esbuild';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type WebSocket as ServerSocket, WebSocketServer } from 'ws';
import { PRODUCT_BUILD } from '../../../bin/build-options.js';
import {
  Agent,
  buildConnector,
  CloseEvent,
  ErrorEvent,
  MessageEvent,
  ping,
  WebSocket,
} from '../../../src/adapters/slack/websocket.js';
import { FakeSlack } from '../../helpers/fake-slack.js';

/** Resolves with the first value `on` hands to its callback. */
const once = <T>(on: (resolve: (value: T) => void) => void): Promise<T> =>
  new Promise<T>((resolve) => on(resolve));

describe("the built app's WebSocket (ws behind undici's names)", () => {
  let server: WebSocketServer;
  let url = '';
  const open: WebSocket[] = [];
  beforeAll(async () => {
    server = new WebSocketServer({ port: 0, host: '127.0.0.1' });
    await once<void>((resolve) => server.on('listening', resolve));
    url = `ws://127.0.0.1:${(server.address() as AddressInfo).port}/link`;
  });
  afterEach(() => {
    for (const ws of open.splice(0)) ws.terminate();
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  /** A client connected as Socket Mode connects (with the dispatcher it builds), and the server's end of it. */
  async function connect(): Promise<{ ws: WebSocket; peer: ServerSocket; socket: () => net.Socket | null }> {
    let captured: net.Socket | null = null;
    const base = buildConnector();
    const dispatcher = new Agent({
      connect: (opts, callback) =>
        base(opts, (error, socket) => {
          captured = socket;
          callback(error, socket);
        }),
    });
    const peer = once<ServerSocket>((resolve) => server.once('connection', resolve));
    const ws = new WebSocket(url, { dispatcher });
    open.push(ws);
    await once<void>((resolve) => ws.addEventListener('open', () => resolve()));
    return { ws, peer: await peer, socket: () => captured };
  }

  it('delivers a text frame as a string in an event Socket Mode accepts as a MessageEvent', async () => {
    const { ws, peer } = await connect();
    const got = once<unknown>((resolve) => ws.addEventListener('message', resolve));
    peer.send(JSON.stringify({ envelope_id: 'e1' }));
    const event = (await got) as { data: unknown };
    expect(event instanceof MessageEvent).toBe(true);
    expect(event instanceof ErrorEvent).toBe(false);
    expect(event.data).toBe('{"envelope_id":"e1"}');
    const acked = once<string>((resolve) => peer.once('message', (data) => resolve(String(data))));
    ws.send('{"envelope_id":"e1"}');
    expect(await acked).toBe('{"envelope_id":"e1"}');
  });

  it("tells Socket Mode of the server's pings and of the pongs to its own, on undici's channels", async () => {
    const { ws, peer } = await connect();
    const pings = channel('undici:websocket:ping');
    const pongs = channel('undici:websocket:pong');
    const seen: string[] = [];
    const onPing = (m: unknown) => {
      const { websocket, payload } = m as { websocket: unknown; payload: Buffer };
      if (websocket === ws) seen.push(`ping ${payload.toString()}`);
    };
    const onPong = (m: unknown) => {
      const { websocket, payload } = m as { websocket: unknown; payload: Buffer };
      if (websocket === ws) seen.push(`pong ${payload.toString()}`);
    };
    pings.subscribe(onPing);
    pongs.subscribe(onPong);
    try {
      const answered = once<Buffer>((resolve) => peer.once('pong', resolve));
      peer.ping('from-slack');
      // ws answers the server's ping itself, as undici does.
      expect(String(await answered)).toBe('from-slack');
      const ponged = once<void>((resolve) => ws.once('pong', () => resolve()));
      ping(ws, Buffer.from('from-client'));
      await ponged;
      expect(seen).toEqual(['ping from-slack', 'pong from-client']);
    } finally {
      pings.unsubscribe(onPing);
      pongs.unsubscribe(onPong);
    }
  });

  it('hands its TCP socket to the connect hook, so destroying it ends a stalled connection', async () => {
    const { ws, socket } = await connect();
    expect(socket()).not.toBeNull();
    const closed = once<unknown>((resolve) => ws.addEventListener('close', resolve));
    socket()!.destroy();
    const event = (await closed) as { code: number };
    expect(event instanceof CloseEvent).toBe(true);
    expect(ws.readyState).toBe(WebSocket.CLOSED);
  });

  it('closes with the code asked for, and the peer sees it', async () => {
    const { ws, peer } = await connect();
    const code = once<number>((resolve) => peer.once('close', (c) => resolve(c)));
    ws.close(1000);
    expect(await code).toBe(1000);
  });

  it('reports a refused connection as an ErrorEvent, closing', async () => {
    const ws = new WebSocket('ws://127.0.0.1:1/link', { dispatcher: new Agent() });
    open.push(ws);
    // Socket Mode's error handler reads readyState: CLOSING lets it clean up at once, without a close handshake.
    const [event, state] = await once<[unknown, number]>((resolve) =>
      ws.addEventListener('error', (e) => resolve([e, ws.readyState])),
    );
    expect(event instanceof ErrorEvent).toBe(true);
    expect((event as { message: string }).message).toMatch(/ECONNREFUSED/);
    expect(state).toBe(WebSocket.CLOSING);
  });

  it('gives up on a handshake that stalls, as undici does, instead of waiting forever', async () => {
    // A server that accepts the connection and never answers the upgrade.
    const silent = createServer(() => undefined);
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    try {
      const port = (silent.address() as AddressInfo).port;
      const ws = new WebSocket(`ws://127.0.0.1:${port}/link`, {
        dispatcher: new Agent(),
        handshakeTimeoutMs: 150,
      });
      open.push(ws);
      const event = await once<unknown>((resolve) => ws.addEventListener('error', resolve));
      expect(event instanceof ErrorEvent).toBe(true);
      expect((event as { message: string }).message).toMatch(/timed out/i);
    } finally {
      silent.close();
    }
  });

  it('does not end the process on an error nobody listens to any more (Socket Mode removes its listeners)', async () => {
    const ws = new WebSocket('ws://127.0.0.1:1/link', { dispatcher: new Agent() });
    open.push(ws);
    await once<void>((resolve) => ws.once('close', () => resolve()));
    expect(ws.readyState).toBe(WebSocket.CLOSED);
  });

  it('refuses an undici dispatcher of another kind (a proxy) instead of ignoring it', () => {
    expect(() => new WebSocket(url, { dispatcher: { dispatch: () => true } })).toThrow(
      /custom undici dispatcher/,
    );
  });
});

describe("Bolt's Socket Mode client, built as the app is built", () => {
  let dir = '';
  let SocketModeClient: typeof SocketModeClientType;
  let fake: FakeSlack;
  let client: SocketModeClientType | null = null;
  beforeAll(async () => {
    // Bundled with the product's options: its `require('undici')` gets the stand-in, as in dist/.
    dir = mkdtempSync(join(tmpdir(), 'star-socket-'));
    await build({
      ...PRODUCT_BUILD,
      stdin: {
        contents: "export { SocketModeClient } from '@slack/socket-mode';",
        resolveDir: process.cwd(),
      },
      outfile: join(dir, 'socket.js'),
      sourcemap: false,
      legalComments: 'none',
    });
    ({ SocketModeClient } = (await import(pathToFileURL(join(dir, 'socket.js')).href)) as {
      SocketModeClient: typeof SocketModeClientType;
    });
  });
  afterEach(async () => {
    await client?.disconnect();
    client = null;
    await fake?.close();
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  async function started(): Promise<SocketModeClientType> {
    fake = await FakeSlack.start({ waitTimeoutMs: 5_000 });
    client = new SocketModeClient({
      appToken: 'xapp-test',
      clientOptions: { slackApiUrl: fake.apiUrl },
      // Pings every 50 ms, each to be answered within 50 ms; a missing pong would reconnect.
      clientPingTimeout: 50,
    });
    client.on('slack_event', async ({ ack }: { ack: () => Promise<void> }) => ack());
    await client.start();
    await fake.waitConnected();
    return client;
  }

  it('receives an event, acks it, and stays connected while its pings are answered', async () => {
    await started();
    const ack = await fake.sendEvent({
      type: 'app_mention',
      user: 'U1',
      text: 'hi',
      channel: 'C1',
      ts: '1.1',
    });
    expect(ack.envelope_id).toBeTruthy();
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(fake.connectionsOpened).toBe(1);
  });

  it('reconnects when the connection is dropped and when Slack asks it to', async () => {
    await started();
    fake.dropSocket();
    await fake.waitConnected();
    await expect(
      fake.sendEvent({ type: 'app_mention', user: 'U1', text: 'a', channel: 'C1', ts: '1.2' }),
    ).resolves.toBeTruthy();
    fake.disconnect();
    await expect(
      fake.sendEvent({ type: 'app_mention', user: 'U1', text: 'b', channel: 'C1', ts: '1.3' }),
    ).resolves.toBeTruthy();
    expect(fake.connectionsOpened).toBeGreaterThanOrEqual(3);
  });
});
