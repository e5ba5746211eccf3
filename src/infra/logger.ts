import pino from 'pino';
import type { Logger } from '../core/ports.js';
import type { LogLevelName } from './config.js';

/** Keys whose values never reach a log line. */
export const REDACTED_KEYS = [
  'token',
  'botToken',
  'appToken',
  'signingSecret',
  'authorization',
  'headers.authorization',
  '*.token',
  '*.botToken',
  '*.appToken',
  '*.signingSecret',
  'text',
  '*.text',
  '*.*.text',
  '*.*.*.text',
];

// No word boundary: inside a JSON line a token can follow an escape such as `\n`.
const SECRET_PATTERN = /(xox[abposr]-[A-Za-z0-9-]+|xapp-[A-Za-z0-9-]+)/g;

/** Masks anything that looks like a Slack token inside a string. */
export function maskSecrets(value: string): string {
  return value.replace(SECRET_PATTERN, (t) => `${t.slice(0, 5)}…[redacted]`);
}

/** Masks every written line, so a token nested anywhere (an error's `data`, a header) never leaks. */
function maskingDestination(destination: pino.DestinationStream): pino.DestinationStream {
  return { write: (line: string) => destination.write(maskSecrets(line)) };
}

export interface AppLogger extends Logger {
  pino: pino.Logger;
}

/** JSON-lines logger with secrets and message text redacted. */
export function createLogger(level: LogLevelName, destination?: pino.DestinationStream): AppLogger {
  const base = pino(
    {
      level,
      redact: { paths: REDACTED_KEYS, censor: '[redacted]' },
      formatters: { level: (label) => ({ level: label }) },
      hooks: {
        logMethod(args, method) {
          // Strings (including error messages) are masked, so a token inside an error never leaks.
          method.apply(
            this,
            args.map((a) => (typeof a === 'string' ? maskSecrets(a) : a)) as Parameters<typeof method>,
          );
        },
      },
      serializers: {
        err: (e: unknown) => {
          const s = pino.stdSerializers.err(e as Error);
          return { ...s, message: maskSecrets(s.message ?? ''), stack: maskSecrets(s.stack ?? '') };
        },
      },
    },
    maskingDestination(destination ?? pino.destination({ dest: 2, sync: true })),
  );
  const wrap =
    (m: 'debug' | 'info' | 'warn' | 'error') =>
    (fields: Record<string, unknown>, message: string): void =>
      base[m](fields, message);
  return { pino: base, debug: wrap('debug'), info: wrap('info'), warn: wrap('warn'), error: wrap('error') };
}
