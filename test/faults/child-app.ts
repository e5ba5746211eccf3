/**
 * The real app in its own process, for the crash scenario: built from the environment like `npm start`
 * (DATABASE_PATH, SLACK_API_URL, SLACK_BOT_TOKEN, SLACK_APP_TOKEN, ...), killed with SIGKILL by the test.
 *
 * With WAIT_FOR_GO=1 it loads its code and content first, says `warm` over IPC, and only opens the
 * database and connects when told `go`: the test warms the next process while this one runs, so 50
 * restarts take seconds, not minutes. Everything that matters for a restart (opening the database,
 * recovering the outbox and pending prompts, connecting) happens after `go`.
 */
import { coach } from '../../src/bin/loaded.js';
import { buildSlack, type SlackRuntime } from '../../src/bin/slack.js';
import { readConfig } from '../../src/infra/config.js';

coach();

let runtime: SlackRuntime | null = null;

async function go(): Promise<void> {
  const config = readConfig(process.env);
  runtime = await buildSlack(config, {
    schedulerIntervalMs: Number(process.env.SCHEDULER_INTERVAL_MS ?? 20_000),
    retryConfig: { retries: 0 },
    clientPingTimeout: Number(process.env.CLIENT_PING_TIMEOUT_MS ?? 5000),
    ...(process.env.LEASE_MS ? { leaseMs: Number(process.env.LEASE_MS) } : {}),
  });
  await runtime.slack.start();
  process.send?.({ type: 'ready' });
}

function fail(error: unknown): void {
  process.stderr.write(`child-app failed: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(3);
}

process.once('SIGTERM', () => {
  void (runtime ? runtime.stop() : Promise.resolve()).then(
    () => process.exit(0),
    () => process.exit(4),
  );
});

if (process.env.WAIT_FOR_GO === '1') {
  process.on('message', (message) => {
    if (message === 'go') go().catch(fail);
  });
  process.send?.({ type: 'warm' });
} else {
  go().catch(fail);
}
