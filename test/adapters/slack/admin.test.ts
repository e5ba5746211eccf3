import { WebClient } from '@slack/web-api';
import { describe, expect, it } from 'vitest';
import { isAdmin, type SlackContext } from '../../../src/adapters/slack/context.js';
import { silentLogger } from '../../../src/core/ports.js';
import { SLACK_TEST_URL, useHttpMock } from '../../helpers/http-mock.js';

const client = () => new WebClient('xoxb-test', { slackApiUrl: SLACK_TEST_URL, retryConfig: { retries: 0 } });

function ctx(now = { t: 0 }, adminUserIds: string[] = []): SlackContext {
  return {
    adminUserIds,
    adminCache: new Map(),
    clock: () => now.t,
    logger: silentLogger,
  } as unknown as SlackContext;
}

describe('isAdmin', () => {
  const slack = useHttpMock();

  it('trusts ADMIN_USER_IDS without asking Slack', async () => {
    expect(await isAdmin(ctx(undefined, ['UBOSS']), client(), 'UBOSS')).toBe(true);
  });

  it('accepts workspace admins and owners and refuses everyone else', async () => {
    slack()
      .post('/api/users.info', /user=UADM/)
      .reply(200, { ok: true, user: { id: 'UADM', is_admin: true } });
    slack()
      .post('/api/users.info', /user=UOWN/)
      .reply(200, { ok: true, user: { id: 'UOWN', is_owner: true } });
    slack()
      .post('/api/users.info', /user=UJOE/)
      .reply(200, { ok: true, user: { id: 'UJOE', is_admin: false, is_owner: false } });
    const c = ctx();
    expect(await isAdmin(c, client(), 'UADM')).toBe(true);
    expect(await isAdmin(c, client(), 'UOWN')).toBe(true);
    expect(await isAdmin(c, client(), 'UJOE')).toBe(false);
  });

  it('caches the answer for a few minutes, then asks again', async () => {
    const now = { t: 1_000 };
    const c = ctx(now);
    slack()
      .post('/api/users.info')
      .reply(200, { ok: true, user: { id: 'UADM', is_admin: true } });
    expect(await isAdmin(c, client(), 'UADM')).toBe(true);
    expect(await isAdmin(c, client(), 'UADM')).toBe(true);
    now.t += 11 * 60_000;
    slack()
      .post('/api/users.info')
      .reply(200, { ok: true, user: { id: 'UADM', is_admin: false } });
    expect(await isAdmin(c, client(), 'UADM')).toBe(false);
  });

  it('treats a failed lookup as not an admin', async () => {
    slack().post('/api/users.info').reply(200, { ok: false, error: 'user_not_found' });
    expect(await isAdmin(ctx(), client(), 'UGONE')).toBe(false);
  });
});
