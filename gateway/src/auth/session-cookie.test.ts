/**
 * The session cookie's refresh route against a real HTTP server standing in for billing: the tokens billing
 * answers with are parsed against the contract before the browser is given any of them.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { BILLING_ROUTES, type SessionTokensAnswer } from '@meridian/contracts';
import express from 'express';
import { sessionCookieRoutes } from './session-cookie';

const listen = async (server: http.Server): Promise<string> => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
};

describe("the session cookie's refresh route", () => {
  /** What the stand-in billing answers to the next refresh. */
  let answer: unknown;
  let billing: http.Server;
  let gateway: http.Server;
  let gatewayUrl: string;

  beforeAll(async () => {
    billing = http.createServer((req, res) => {
      req.resume();
      req.on('end', () => {
        if (req.url !== BILLING_ROUTES.sessionRefresh) return void res.writeHead(404).end();
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(answer));
      });
    });
    const app = express();
    sessionCookieRoutes(app, { billingUrl: await listen(billing), internalToken: 'token', timeoutMs: 2_000 });
    gateway = http.createServer(app);
    gatewayUrl = await listen(gateway);
  });
  afterAll(async () => {
    await new Promise((resolve) => gateway.close(resolve));
    await new Promise((resolve) => billing.close(resolve));
  });

  const refresh = () =>
    fetch(`${gatewayUrl}/auth/refresh`, {
      method: 'POST',
      headers: { origin: gatewayUrl, cookie: 'meridian_refresh=old-token' },
    });

  it('gives the access token to the page and the new refresh token to the cookie alone', async () => {
    const tokens: SessionTokensAnswer = {
      accessToken: 'access',
      refreshToken: 'next-refresh',
      expiresAt: '2026-12-05T12:00:00.000Z',
    };
    answer = tokens;
    const response = await refresh();
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ accessToken: 'access', expiresAt: tokens.expiresAt });
    expect(response.headers.get('set-cookie')).toMatch(/^meridian_refresh=next-refresh;.*HttpOnly/i);
  });

  it.each([
    ['no refresh token', { accessToken: 'access', expiresAt: '2026-12-05T12:00:00.000Z' }],
    ['an expiry that is not a time', { accessToken: 'a', refreshToken: 'r', expiresAt: 'soon' }],
    ['an empty access token', { accessToken: '', refreshToken: 'r', expiresAt: '2026-12-05T12:00:00.000Z' }],
    ['an HTML page', '<html>Bad gateway</html>'],
  ])('answers 502 naming billing, and sets no cookie, when billing answers %s', async (_, body) => {
    answer = body;
    const response = await refresh();
    expect(response.status).toBe(502);
    expect(response.headers.get('set-cookie')).toBeNull();
    const { errors } = (await response.json()) as { errors: { extensions: Record<string, unknown> }[] };
    expect(errors[0]?.extensions).toMatchObject({ code: 'DOWNSTREAM_SERVICE_ERROR', serviceName: 'billing' });
  });
});
