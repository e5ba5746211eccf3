import { describe, expect, it } from 'vitest';
import { CoachError } from '../../src/core/errors.js';
import { readConfig } from '../../src/infra/config.js';

const BOT = 'xoxb-1-2-abc';
const APP = 'xapp-1-A1-2-def';

/** The error readConfig throws for an environment (fails the test when it does not throw). */
function configError(env: Record<string, string | undefined>): CoachError {
  try {
    readConfig(env);
  } catch (error) {
    expect(error).toBeInstanceOf(CoachError);
    expect((error as CoachError).code).toBe('config_invalid');
    expect((error as CoachError).message).not.toContain('\n');
    return error as CoachError;
  }
  throw new Error(`readConfig accepted ${JSON.stringify(env)}`);
}

describe('readConfig defaults', () => {
  it('runs without Slack, on the default database, port and log level', () => {
    expect(readConfig({})).toEqual({
      slack: null,
      databasePath: './data/star-coach.db',
      databaseUrl: null,
      adminUserIds: [],
      logLevel: 'info',
      promptGraceMinutes: 120,
    });
  });

  it('treats blank values as unset', () => {
    const config = readConfig({
      SLACK_BOT_TOKEN: '  ',
      SLACK_MODE: '',
      PORT: '',
      LOG_LEVEL: ' ',
      DATABASE_PATH: '',
    });
    expect(config.slack).toBeNull();
    expect(config.databasePath).toBe('./data/star-coach.db');
    expect(config.logLevel).toBe('info');
  });

  it('uses socket mode and port 3000 when a bot and an app token are set', () => {
    expect(readConfig({ SLACK_BOT_TOKEN: BOT, SLACK_APP_TOKEN: APP }).slack).toEqual({
      botToken: BOT,
      oauth: null,
      appToken: APP,
      mode: 'socket',
      port: 3000,
    });
  });

  it('reads DATABASE_PATH, LOG_LEVEL and PORT', () => {
    const config = readConfig({
      SLACK_BOT_TOKEN: BOT,
      SLACK_MODE: 'http',
      SLACK_SIGNING_SECRET: 'shh',
      PORT: '8080',
      DATABASE_PATH: '/tmp/x.db',
      LOG_LEVEL: 'debug',
    });
    expect(config.slack).toEqual({
      botToken: BOT,
      oauth: null,
      mode: 'http',
      signingSecret: 'shh',
      port: 8080,
    });
    expect(config.databasePath).toBe('/tmp/x.db');
    expect(config.logLevel).toBe('debug');
  });
});

describe('readConfig Slack settings', () => {
  it('gives no Slack config without SLACK_BOT_TOKEN, even with other Slack variables', () => {
    expect(readConfig({ SLACK_APP_TOKEN: APP, SLACK_SIGNING_SECRET: 'shh' }).slack).toBeNull();
  });

  it('names SLACK_APP_TOKEN when a bot token comes without an app token in socket mode', () => {
    expect(configError({ SLACK_BOT_TOKEN: BOT }).message).toMatch(/^SLACK_APP_TOKEN /);
    expect(configError({ SLACK_BOT_TOKEN: BOT, SLACK_MODE: 'socket' }).message).toMatch(/^SLACK_APP_TOKEN /);
  });

  it('names SLACK_SIGNING_SECRET in HTTP mode without a signing secret, with or without a bot token', () => {
    expect(configError({ SLACK_BOT_TOKEN: BOT, SLACK_MODE: 'http' }).message).toMatch(
      /^SLACK_SIGNING_SECRET /,
    );
    expect(configError({ SLACK_MODE: 'http' }).message).toMatch(/^SLACK_SIGNING_SECRET /);
  });

  it('does not need an app token in HTTP mode', () => {
    const slack = readConfig({ SLACK_BOT_TOKEN: BOT, SLACK_MODE: 'http', SLACK_SIGNING_SECRET: 'shh' }).slack;
    expect(slack?.appToken).toBeUndefined();
    expect(slack?.signingSecret).toBe('shh');
  });

  it.each([
    ['http://127.0.0.1:9999/api', 'http://127.0.0.1:9999/api/'],
    ['http://127.0.0.1:9999/api/', 'http://127.0.0.1:9999/api/'],
  ])('passes SLACK_API_URL %s on as %s', (url, expected) => {
    const slack = readConfig({ SLACK_BOT_TOKEN: BOT, SLACK_APP_TOKEN: APP, SLACK_API_URL: url }).slack;
    expect(slack?.apiUrl).toBe(expected);
  });

  it('has no apiUrl when SLACK_API_URL is unset', () => {
    expect(readConfig({ SLACK_BOT_TOKEN: BOT, SLACK_APP_TOKEN: APP }).slack).not.toHaveProperty('apiUrl');
  });
});

describe('readConfig rejects bad values with one line naming the variable', () => {
  it.each([
    ['SLACK_MODE', { SLACK_MODE: 'websocket' }],
    ['SLACK_MODE', { SLACK_MODE: 'HTTP' }],
    ['PORT', { PORT: 'eighty' }],
    ['PORT', { PORT: '70000' }],
    ['PORT', { PORT: '80.5' }],
    ['LOG_LEVEL', { LOG_LEVEL: 'verbose' }],
    ['ADMIN_USER_IDS', { ADMIN_USER_IDS: 'alice,bob' }],
    ['ADMIN_USER_IDS', { ADMIN_USER_IDS: 'U012ABC, <@U999>' }],
    ['SLACK_BOT_TOKEN', { SLACK_BOT_TOKEN: 'xapp-1-wrong-kind', SLACK_APP_TOKEN: APP }],
    ['SLACK_APP_TOKEN', { SLACK_BOT_TOKEN: BOT, SLACK_APP_TOKEN: 'xoxb-wrong-kind' }],
    ['SLACK_API_URL', { SLACK_API_URL: 'not a url' }],
    ['PROMPT_GRACE_MINUTES', { PROMPT_GRACE_MINUTES: 'soon' }],
  ])('%s: %j', (name, env) => {
    expect(configError(env).message.startsWith(`${name} `)).toBe(true);
  });

  it('says what SLACK_MODE and LOG_LEVEL should be', () => {
    expect(configError({ SLACK_MODE: 'websocket' }).message).toContain('"socket" or "http"');
    expect(configError({ LOG_LEVEL: 'verbose' }).message).toContain('debug, info, warn, error, silent');
  });

  it('never echoes a token in the message', () => {
    expect(configError({ SLACK_BOT_TOKEN: 'xapp-secret-value', SLACK_APP_TOKEN: APP }).message).not.toContain(
      'secret-value',
    );
  });
});

describe('ADMIN_USER_IDS', () => {
  it('is split on commas, trimmed, and empty entries dropped', () => {
    expect(readConfig({ ADMIN_USER_IDS: ' U012ABCDEF, W0ABC123 ,,U99ZZZ ' }).adminUserIds).toEqual([
      'U012ABCDEF',
      'W0ABC123',
      'U99ZZZ',
    ]);
  });
});
