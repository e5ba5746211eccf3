/**
 * The burst phase's floor: a bare Bolt app that only replies "ok" in the thread, spawned like `star-coach start`
 * with the same environment, so the same 500-answer burst shows what Bolt, Socket Mode and the Web API client
 * cost on their own on this machine. Its reply carries the outbox key the bench matches replies by.
 */
import bolt from '@slack/bolt';

const { App, LogLevel } = bolt;
const app = new App({
  token: process.env.SLACK_BOT_TOKEN,
  appToken: process.env.SLACK_APP_TOKEN,
  socketMode: true,
  logLevel: LogLevel.ERROR,
  clientOptions: { slackApiUrl: process.env.SLACK_API_URL, retryConfig: { retries: 0 } },
});
app.event('message', async ({ event, client }) => {
  await client.chat.postMessage({
    channel: event.channel,
    thread_ts: event.thread_ts ?? event.ts,
    text: 'ok',
    metadata: { event_type: 'bench_reply', event_payload: { key: `reply:${event.channel}:${event.ts}` } },
  });
});
await app.start();
process.once('SIGTERM', () => {
  app.stop().finally(() => process.exit(0));
});
