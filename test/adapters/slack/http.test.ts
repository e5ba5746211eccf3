import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ErrorCode, WebClient } from '@slack/web-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { slackFetch } from '../../../src/adapters/slack/http.js';

/** A loopback Web API: each test sets how it answers; it records what it was sent. */
let server: Server;
let base = '';
let answer: (req: IncomingMessage, body: string, res: ServerResponse) => void = () => undefined;
const seen: Array<{ url: string; type: string; body: string }> = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (d: Buffer) => {
      body += d.toString('utf8');
    });
    req.on('end', () => {
      seen.push({ url: req.url ?? '', type: String(req.headers['content-type']), body });
      answer(req, body, res);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const json = (res: ServerResponse, status: number, value: unknown, headers: Record<string, string> = {}) => {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
  res.end(JSON.stringify(value));
};

describe("the Web API client over Node's http client", () => {
  it('posts the form body and reads the result with its header metadata', async () => {
    answer = (_req, _body, res) =>
      json(res, 200, { ok: true, ts: '1.2' }, { 'x-oauth-scopes': 'chat:write, im:history' });
    const client = new WebClient('xoxb-test', { slackApiUrl: base, fetch: slackFetch() });
    const res = await client.chat.postMessage({ channel: 'C1', text: 'héllo 🚀', blocks: [] });
    expect(res.ts).toBe('1.2');
    expect(res.response_metadata?.scopes).toEqual(['chat:write', 'im:history']);
    const sent = seen.at(-1)!;
    expect(sent.url).toBe('/api/chat.postMessage');
    expect(sent.type).toBe('application/x-www-form-urlencoded');
    expect(new URLSearchParams(sent.body).get('text')).toBe('héllo 🚀');
  });

  it('reports a Slack error, a rate limit with its Retry-After, and an HTTP error as the client expects', async () => {
    const client = new WebClient('xoxb-test', {
      slackApiUrl: base,
      fetch: slackFetch(),
      retryConfig: { retries: 0 },
      rejectRateLimitedCalls: true,
    });
    answer = (_req, _body, res) => json(res, 200, { ok: false, error: 'channel_not_found' });
    await expect(client.chat.postMessage({ channel: 'C404', text: 'x' })).rejects.toMatchObject({
      code: ErrorCode.PlatformError,
      data: { error: 'channel_not_found' },
    });
    answer = (_req, _body, res) =>
      json(res, 429, { ok: false, error: 'ratelimited' }, { 'retry-after': '7' });
    await expect(client.chat.postMessage({ channel: 'C1', text: 'x' })).rejects.toMatchObject({
      code: ErrorCode.RateLimitedError,
      retryAfter: 7,
    });
    answer = (_req, _body, res) => {
      res.writeHead(503, { 'content-type': 'text/plain' });
      res.end('busy');
    };
    await expect(client.chat.postMessage({ channel: 'C1', text: 'x' })).rejects.toMatchObject({
      code: ErrorCode.HTTPError,
      statusCode: 503,
    });
  });

  it('fails a call that hears nothing back within its timeout (the Web API client then retries it)', async () => {
    answer = () => undefined;
    const started = Date.now();
    await expect(
      slackFetch({ timeoutMs: 200 })(`${base}chat.postMessage`, { method: 'POST', body: 'a=1' }),
    ).rejects.toThrow(/no response from Slack within 200 ms/);
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it('does not follow a redirect', async () => {
    answer = (_req, _body, res) => {
      res.writeHead(302, { location: `${base}elsewhere` });
      res.end();
    };
    const res = await slackFetch()(`${base}auth.test`, { method: 'POST', body: 'a=1' });
    expect(res.status).toBe(302);
    expect(res.headers.get('Location')).toBe(`${base}elsewhere`);
    expect(seen.at(-1)!.url).toBe('/api/auth.test');
  });

  it('sends a multipart body (a file upload) through the global fetch', async () => {
    answer = (_req, _body, res) => json(res, 200, { ok: true });
    const form = new FormData();
    form.append('file', new Blob(['line one\n']), 'export.json');
    const res = await slackFetch()(`${base}upload`, { method: 'POST', body: form });
    expect(await res.json()).toEqual({ ok: true });
    expect(seen.at(-1)!.type).toMatch(/^multipart\/form-data; boundary=/);
    expect(seen.at(-1)!.body).toContain('line one');
  });
});
