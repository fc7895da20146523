/**
 * The request log and honest usage in the console, in headless Chromium against the real platform, on a
 * desktop and a phone: browsing the console spends none of the partner's quota; a request made with a key
 * (as curl would) shows in the Requests page and is found by the id its response echoed; the usage charts
 * draw the plan's limits. Screenshots go to test/screenshots/requests/ (gitignored).
 */
import fs from 'node:fs';
import path from 'node:path';
import { type Browser, type BrowserContext, type Page } from 'playwright-core';
import { post, query, signIn as apiSignIn, startTestStack, type TestStack } from './support/platform';
import {
  describeIfChromium,
  DESKTOP,
  launchChromium,
  PHONE,
  requirePortalBuild,
  STEP_MS,
  unlabelledControls,
} from './support/browser';

const SCREENSHOTS = path.resolve(__dirname, 'screenshots', 'requests');
const DEVELOPER = { email: 'ria@requests-test.example', password: 'Copper-Kettle-93' };

const describeWithBrowser = describeIfChromium('test/portal-requests.test.ts');

const UNLABELLED_CONTROLS = unlabelledControls();

describeWithBrowser('the request log and honest usage in the console', () => {
  let stack: TestStack;
  let browser: Browser;
  let admin: Record<string, string>;
  const contexts: BrowserContext[] = [];
  const browserErrors: string[] = [];

  const visit = async (page: Page, name: string) => {
    await page.evaluate('window.scrollTo(0, 0)');
    await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage: true });
    expect(await page.evaluate<string[]>(UNLABELLED_CONTROLS)).toEqual([]);
  };

  const newPage = async (viewport: { width: number; height: number }) => {
    const context = await browser.newContext({ viewport, baseURL: stack.urls.gateway });
    contexts.push(context);
    const page = await context.newPage();
    page.setDefaultTimeout(STEP_MS);
    page.on('pageerror', (error) => browserErrors.push(`${page.url()}: ${error.message}`));
    return page;
  };

  const signIn = async (page: Page) => {
    await page.goto('/console');
    await page.getByLabel('Email', { exact: true }).fill(DEVELOPER.email);
    await page.getByLabel('Password', { exact: true }).fill(DEVELOPER.password);
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await page.getByText('Signed in as').waitFor();
  };

  /** The partner's quota and request log as the business team reads them (its calls are no partner's). */
  const quotaUsed = async (partnerId: string) =>
    (
      await query<{ quota: { used: number } }>(
        stack.graphqlUrl,
        'query ($p: ID!) { quota(partnerId: $p) { used } }',
        { p: partnerId },
        admin,
      )
    ).quota.used;
  const loggedPortalCalls = async (partnerId: string) =>
    (
      await query<{ requestLog: unknown[] }>(
        stack.graphqlUrl,
        'query ($p: ID!) { requestLog(partnerId: $p, keyId: "anonymous", limit: 200) { requestId } }',
        { p: partnerId },
        admin,
      )
    ).requestLog.length;

  /** Resolves once `count()` reaches `atLeast` (metering ships every 100 ms here). */
  const reach = async (count: () => Promise<number>, atLeast: number) => {
    const started = Date.now();
    let value = await count();
    while (value < atLeast && Date.now() - started < STEP_MS) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      value = await count();
    }
    return value;
  };

  /** Searches the Requests page for one request id; resolves to its row. */
  const findRequest = async (page: Page, requestId: string) => {
    await page.getByLabel('Request id').fill(requestId);
    await page.getByRole('button', { name: 'Search' }).click();
    const rows = page.getByRole('table', { name: 'Request log' }).locator('tbody tr');
    const row = rows.filter({ hasText: requestId });
    // The whole log may be on the page before the search answers: wait for the others to go.
    await rows.nth(1).waitFor({ state: 'detached' });
    await row.waitFor();
    expect(await rows.count()).toBe(1);
    return row;
  };

  beforeAll(async () => {
    requirePortalBuild();
    fs.rmSync(SCREENSHOTS, { recursive: true, force: true });
    fs.mkdirSync(SCREENSHOTS, { recursive: true });
    stack = await startTestStack({ env: { METERING_INTERVAL_MS: '100', ANONYMOUS_SCOPES: '' } });
    browser = await launchChromium();
    admin = await apiSignIn(stack.graphqlUrl);
  });
  afterEach(() => {
    if (browserErrors.length > 0) console.log(`browser errors:\n${browserErrors.join('\n')}`);
  });
  afterAll(async () => {
    for (const context of contexts) await context.close();
    await browser?.close();
  });

  it('finds a key request by its id, draws the limits, and spends no quota on browsing the console', async () => {
    const { createPartner } = await query<{ createPartner: { id: string } }>(
      stack.graphqlUrl,
      'mutation { createPartner(name: "Request Log Media", planId: "plan_pro") { id } }',
      {},
      admin,
    );
    const partnerId = createPartner.id;
    const { inviteUser } = await query<{ inviteUser: { token: string } }>(
      stack.graphqlUrl,
      'mutation ($p: ID!, $e: String!) { inviteUser(partnerId: $p, email: $e, role: DEVELOPER) { token } }',
      { p: partnerId, e: DEVELOPER.email },
      admin,
    );
    await query(
      stack.graphqlUrl,
      'mutation ($t: String!, $pw: String!) { acceptInvitation(token: $t, name: "Ria Requests", password: $pw) { accessToken } }',
      { t: inviteUser.token, pw: DEVELOPER.password },
      {},
    );

    // The developer browses the console and creates a key there.
    const desktop = await newPage(DESKTOP);
    await signIn(desktop);
    await desktop.goto('/console/keys');
    await desktop.getByLabel('Name', { exact: true }).fill('curl');
    await desktop.getByRole('button', { name: 'Create key' }).click();
    const secret = (await desktop.getByTestId('new-secret').textContent())!.trim();
    await desktop.goto('/console/usage');
    await desktop.getByTestId('usage-total').waitFor();
    await desktop.goto('/console/requests');
    await desktop.getByRole('heading', { level: 1, name: 'Requests' }).waitFor();

    // Every console call is in the log, and none of them spent quota.
    const portalCalls = await reach(() => loggedPortalCalls(partnerId), 4);
    expect(portalCalls).toBeGreaterThanOrEqual(4);
    expect(await quotaUsed(partnerId)).toBe(0);

    // A request with the key, as curl would send it; its answer echoes the id to search for.
    const answer = await post(
      stack.graphqlUrl,
      { query: 'query CurlCheck { teams { name } }' },
      { 'x-api-key': secret },
    );
    expect(answer.status).toBe(200);
    const requestId = answer.headers.get('x-request-id')!;
    expect(requestId).toBeTruthy();
    expect(await reach(() => quotaUsed(partnerId), 1)).toBe(1);

    const row = await findRequest(desktop, requestId);
    expect(await row.locator('td[data-label="Operation"]').textContent()).toBe('CurlCheck');
    expect(await row.locator('td[data-label="Key"]').textContent()).toBe('curl');
    expect(await row.locator('td[data-label="Status"]').textContent()).toBe('200');
    expect(await row.locator('td[data-label="Billed"]').textContent()).toBe('Yes');
    await visit(desktop, 'desktop-requests-found');
    // Filtering by the portal's own calls shows them, unbilled.
    await desktop.getByLabel('Request id').fill('');
    await desktop.getByRole('button', { name: 'Search' }).click();
    await desktop.getByLabel('Key').selectOption({ label: 'Portal (no key)' });
    const portalRows = desktop.getByRole('table', { name: 'Request log' }).locator('tbody tr');
    await desktop.locator(`tr[data-request-id="${requestId}"]`).waitFor({ state: 'detached' });
    await portalRows.first().waitFor();
    expect(new Set(await portalRows.locator('td[data-label="Billed"]').allTextContents())).toEqual(
      new Set(['No']),
    );
    await visit(desktop, 'desktop-requests-portal');
    // Another id finds nothing.
    await desktop.getByLabel('Key').selectOption({ label: 'Every key' });
    await desktop.getByLabel('Request id').fill('no-such-request');
    await desktop.getByRole('button', { name: 'Search' }).click();
    await desktop.getByText('No request no-such-request in your log.').waitFor();

    // The usage charts draw the plan's rate limits and quota.
    await desktop.goto('/console/usage');
    await desktop.locator('.recharts-bar-rectangle').first().waitFor();
    const limitLines = desktop.locator('.recharts-reference-line-line');
    // A horizontal line has no height, which Playwright counts as hidden: wait for it to be drawn.
    await limitLines.first().waitFor({ state: 'attached' });
    expect(await limitLines.count()).toBe(3);
    // Per hour: 600 requests a minute, the quota of the month, 20,000 cost points a minute.
    const drawnAt = await Promise.all([0, 1, 2].map((i) => limitLines.nth(i).getAttribute('y')));
    expect(drawnAt).toEqual([String(600 * 60), String(1_000_000), String(20_000 * 60)]);
    expect(await desktop.getByTestId('chart-limit').allTextContents()).toEqual([
      ' (dashed line: rate limit, 600/min)',
      ' (dashed line: monthly quota, 1,000,000)',
      ' (dashed line: cost limit, 20,000/min)',
    ]);
    await visit(desktop, 'desktop-usage-limits');
    // Without the limits, the charts scale to the usage itself.
    await desktop.getByLabel("Draw the plan's limits").uncheck();
    await limitLines.first().waitFor({ state: 'detached' });
    expect(await desktop.getByTestId('chart-limit').count()).toBe(0);
    await visit(desktop, 'desktop-usage-without-limits');

    // The same on a phone.
    const phone = await newPage(PHONE);
    await signIn(phone);
    await phone.goto('/console/requests');
    const phoneRow = await findRequest(phone, requestId);
    expect(await phoneRow.locator('td[data-label="Operation"]').textContent()).toBe('CurlCheck');
    await visit(phone, 'phone-requests-found');
    await phone.goto('/console/usage');
    await phone.locator('.recharts-reference-line-line').first().waitFor({ state: 'attached' });
    await visit(phone, 'phone-usage-limits');

    // All that browsing, on two devices, still spent nothing: the quota holds the one key call.
    const browsed = await reach(() => loggedPortalCalls(partnerId), portalCalls + 4);
    expect(browsed).toBeGreaterThan(portalCalls);
    expect(await quotaUsed(partnerId)).toBe(1);
    expect(browserErrors).toEqual([]);
  }, 180_000);
});
