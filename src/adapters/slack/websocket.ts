import { channel } from 'node:diagnostics_channel';
import type { ClientRequestArgs } from 'node:http';
import net from 'node:net';
import tls from 'node:tls';
import WS from 'ws';

/**
 * The WebSocket that Bolt's Socket Mode client gets in the built app, in place of undici's (see the stand-ins in
 * bin/build-options.js). It is the `ws` package behind the few names @slack/socket-mode takes from undici.
 *
 * Why: undici's WebSocket opens its connection with undici's own HTTP client, whose parser is WebAssembly.
 * Compiling it (and V8 optimising it in the background) cost 15-18 MB of resident memory at start, and undici's
 * frame handling allocates about 75 KB per event. `ws` upgrades through Node's own HTTP parser and reads frames
 * with little garbage.
 *
 * What @slack/socket-mode (3.x, SlackWebSocket.js) relies on, and how each is kept:
 * - `new WebSocket(url, { dispatcher })` with the dispatcher it builds from `Agent` and `buildConnector`. Its
 *   connect hook captures the TCP socket so that `cleanup()` can destroy a stalled connection. Here the socket
 *   `ws` opens is handed to that hook.
 * - `addEventListener` / `removeEventListener` for open, error, message and close, each event checked with
 *   `instanceof` against this module's `ErrorEvent`, `MessageEvent` and `CloseEvent`. `ws` does not export its
 *   event classes, so these recognise its events by type. A text frame's `data` is a string, as with undici.
 * - `readyState` and the static `CONNECTING`, `OPEN`, `CLOSING`, `CLOSED` (same numbers), `send`, `close(code)`.
 * - `ping(websocket, payload)`, and the `undici:websocket:ping` / `undici:websocket:pong` diagnostics channels
 *   ({ websocket, payload }) that tell it the server is alive and answered its pings. `ws` answers pings itself.
 */

const pingChannel = channel('undici:websocket:ping');
const pongChannel = channel('undici:websocket:pong');

type Connect = (
  options: { socket: net.Socket },
  callback: (error: Error | null, socket: net.Socket | null) => void,
) => void;

/** undici's `buildConnector`: here a connector that takes the socket `ws` has already opened. */
export function buildConnector(): Connect {
  return (options, callback) => callback(null, options.socket);
}

/** undici's `Agent`, as Socket Mode builds it: only its `connect` hook is used (to capture the socket). */
export class Agent {
  readonly connect: Connect | undefined;
  constructor(options: { connect?: Connect } = {}) {
    this.connect = options.connect;
  }
}

/** How long opening the connection (TCP, TLS, the upgrade) may take: undici's connector gives up after 10 s. */
const HANDSHAKE_TIMEOUT_MS = 10_000;

export class WebSocket extends WS {
  constructor(url: string | URL, options: { dispatcher?: unknown; handshakeTimeoutMs?: number } = {}) {
    const dispatcher = options.dispatcher;
    if (dispatcher !== undefined && !(dispatcher instanceof Agent)) {
      // A dispatcher of undici's own (a proxy, say) cannot drive `ws`; say so rather than ignore it.
      throw new TypeError(
        'This build of the Socket Mode client does not support a custom undici dispatcher.',
      );
    }
    super(url, {
      // Socket Mode frames are small JSON; compression would only add zlib buffers.
      perMessageDeflate: false,
      // Without it a handshake that stalls (a network blip during a reconnect) would wait forever: Socket Mode
      // starts its own ping checks only once the connection is open.
      handshakeTimeout: options.handshakeTimeoutMs ?? HANDSHAKE_TIMEOUT_MS,
      // The socket is opened here so that the dispatcher's connect hook sees it, as it would with undici.
      createConnection: (connectOptions: ClientRequestArgs) => {
        const socket = connectTo(/^(wss|https):/.test(String(url)), connectOptions);
        dispatcher?.connect?.({ socket }, () => undefined);
        return socket;
      },
    });
    // `ws` is an EventEmitter, where an 'error' nobody listens to ends the process; undici's EventTarget drops it.
    // Socket Mode removes its listener on cleanup, and a late error (a close while connecting) may follow.
    this.on('error', () => undefined);
    this.on('ping', (payload: Buffer) => {
      if (pingChannel.hasSubscribers) pingChannel.publish({ websocket: this, payload });
    });
    this.on('pong', (payload: Buffer) => {
      if (pongChannel.hasSubscribers) pongChannel.publish({ websocket: this, payload });
    });
  }
}

/** undici's `ping(websocket, payload)`. */
export function ping(websocket: WebSocket, payload?: Buffer): void {
  websocket.ping(payload);
}

/** What `ws` itself would open (its own functions are not exported): TCP, or TLS named for the host. */
function connectTo(secure: boolean, options: ClientRequestArgs & { servername?: string }): net.Socket {
  if (!secure) return net.connect({ ...options, path: options.socketPath } as net.NetConnectOpts);
  const host = options.host ?? '';
  const servername = options.servername ?? (net.isIP(host) ? '' : host);
  return tls.connect({ ...options, path: undefined, servername } as tls.ConnectionOptions);
}

/** An `instanceof` target matching `ws`'s events of one type. */
function eventOfType(type: string): { [Symbol.hasInstance](value: unknown): boolean } {
  return {
    [Symbol.hasInstance]: (value: unknown) =>
      typeof value === 'object' && value !== null && (value as { type?: unknown }).type === type,
  };
}

export const ErrorEvent = eventOfType('error');
export const MessageEvent = eventOfType('message');
export const CloseEvent = eventOfType('close');
