import nock from 'nock';
import { afterEach, beforeEach, expect } from 'vitest';

/** The Slack base URL tests intercept with nock (never a real host). */
export const SLACK_TEST_URL = 'http://slack.test/api/';

/**
 * One way to use nock: no real network except loopback (the fake Slack), and a test fails when a
 * request matched no mock or a mock was never used.
 */
export function useHttpMock(): () => nock.Scope {
  beforeEach(() => {
    nock.disableNetConnect();
    nock.enableNetConnect((host) => host.startsWith('127.0.0.1'));
  });
  afterEach(() => {
    const unused = nock.pendingMocks();
    nock.cleanAll();
    nock.enableNetConnect();
    expect(unused, 'mocks that were never called').toEqual([]);
  });
  return () => nock('http://slack.test');
}
