import { describe, expect, it } from 'vitest';
import { createLogger, maskSecrets } from '../../src/infra/logger.js';

const BOT = 'xoxb-123-abc';
const APP = 'xapp-1-A0B1-99-ffee';
const SECRET = 'signing-secret-8f3a';
const ANSWER = 'I escalated it to the Platform team';

function capture(level: Parameters<typeof createLogger>[0] = 'debug') {
  const lines: string[] = [];
  const logger = createLogger(level, { write: (line: string) => void lines.push(line) });
  const output = () => lines.join('');
  const records = () => lines.map((l) => JSON.parse(l) as Record<string, unknown>);
  return { logger, output, records };
}

function expectNoSecrets(output: string) {
  expect(output).not.toContain('123-abc');
  expect(output).not.toContain('A0B1-99-ffee');
  expect(output).not.toContain(SECRET);
  expect(output).not.toContain(ANSWER);
}

describe('createLogger', () => {
  it('writes one JSON line per call with a text level, message and fields', () => {
    const { logger, records } = capture();
    logger.info({ team: 'T1', ms: 12 }, 'answer scored');
    expect(records()).toEqual([
      expect.objectContaining({ level: 'info', msg: 'answer scored', team: 'T1', ms: 12 }),
    ]);
  });

  it('drops lines below its level', () => {
    const { logger, records } = capture('warn');
    logger.info({}, 'quiet');
    logger.debug({}, 'quieter');
    logger.warn({}, 'loud');
    expect(records().map((r) => r.msg)).toEqual(['loud']);
  });

  it('redacts token, botToken, appToken, signingSecret and text fields, top level and one level down', () => {
    const { logger, output, records } = capture();
    logger.info({ token: BOT, botToken: BOT, appToken: APP, signingSecret: SECRET, text: ANSWER }, 'top');
    logger.warn(
      { slack: { token: BOT, botToken: BOT, appToken: APP, signingSecret: SECRET }, event: { text: ANSWER } },
      'nested',
    );
    expectNoSecrets(output());
    const [top, nested] = records();
    expect(top).toMatchObject({
      token: '[redacted]',
      botToken: '[redacted]',
      appToken: '[redacted]',
      text: '[redacted]',
    });
    expect(nested).toMatchObject({ slack: { token: '[redacted]' }, event: { text: '[redacted]' } });
  });

  it('masks a token inside an Error message and stack, keeping the rest of the message', () => {
    const { logger, output, records } = capture();
    logger.error({ err: new Error(`An API error occurred: invalid_auth for ${BOT}`) }, 'slack call failed');
    expectNoSecrets(output());
    const err = records()[0]!.err as { message: string; stack: string };
    expect(err.message).toContain('An API error occurred: invalid_auth');
    expect(err.stack).toContain('invalid_auth');
  });

  it('masks a token in an Error logged bare through pino (where pino copies the message into msg)', () => {
    const { logger, output } = capture();
    logger.pino.error(new Error(`token ${BOT} revoked`));
    logger.pino.error(new Error(`token ${BOT} revoked`), 'with a message');
    expect(output()).toContain('revoked');
    expectNoSecrets(output());
  });

  it('masks tokens in an error cause, in an error property and in the message string', () => {
    const { logger, output } = capture();
    const withCause = new Error('request failed', { cause: new Error(`bad ${APP}`) });
    const withData = Object.assign(new Error('platform error'), {
      data: { ok: false, headers: { Authorization: `Bearer ${BOT}` } },
    });
    logger.error({ err: withCause }, 'cause');
    logger.error({ err: withData }, 'data');
    logger.warn({}, `retrying with ${BOT}\n${APP}`);
    expect(output()).toContain('platform error');
    expectNoSecrets(output());
  });

  it('masks a token in any field', () => {
    const { logger, output } = capture();
    logger.info({ url: `https://slack.com/api/auth.test?token=${BOT}`, list: [`line\n${APP}`] }, 'fields');
    expect(output()).toContain('https://slack.com/api/auth.test?token=xoxb-');
    expectNoSecrets(output());
  });
});

describe('maskSecrets', () => {
  it.each([
    [`Bearer ${BOT}`, 'Bearer xoxb-…[redacted]'],
    [`app=${APP}.`, 'app=xapp-…[redacted].'],
    ['user xoxp-1-2-3, rotated xoxe.xoxb-1-2', 'user xoxp-…[redacted], rotated xoxe.xoxb-…[redacted]'],
    ['no secrets here', 'no secrets here'],
  ])('%s → %s', (input, expected) => {
    expect(maskSecrets(input)).toBe(expected);
  });
});
