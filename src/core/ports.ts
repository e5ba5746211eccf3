/** What the core needs from the outside world. Adapters and infra implement these. */

export interface Logger {
  debug(fields: Record<string, unknown>, message: string): void;
  info(fields: Record<string, unknown>, message: string): void;
  warn(fields: Record<string, unknown>, message: string): void;
  error(fields: Record<string, unknown>, message: string): void;
}

/** Milliseconds since the epoch; injected so tests control time. */
export type Clock = () => number;

/** A number in [0, 1); injected so tests control choices. */
export type Random = () => number;

export const silentLogger: Logger = {
  debug() {},
  info() {},
  warn() {},
  error() {},
};
