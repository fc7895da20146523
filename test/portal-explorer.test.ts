/**
 * The console's explorer in headless Chromium, at desktop and phone widths, against the real gateway serving
 * the built portal: the schema is read (the docs pane works), an operation runs as the session, a narrow key
 * chosen in the picker is refused exactly where the key is refused with curl (and the request really carries
 * that key), a subscription streams events into the result pane, a share link opens the same operation, and
 * `/graphql` opened in a browser lands on the explorer. Screenshots go to test/screenshots/explorer-*.png.
 */
import fs from 'node:fs';
import path from 'node:path';
import { type Browser, type BrowserContext, type Page } from 'playwright-core';
import { post, query, signIn as apiSignIn, startTestStack, type TestStack } from './support/platform';
import { describeIfChromium, DESKTOP, launchChromium, PHONE, requirePortalBuild } from './support/browser';

const SCREENSHOTS = path.resolve(__dirname, 'screenshots');
const DEVELOPER = { email: 'erin@explorer-test.example', password: 'Compass-Meadow-77' };
/** How long the UI may take for one step: a click that calls the gateway, a page load. */
const STEP_MS = 20_000;
const TEAMS = '{ teams { name } }';

const describeWithBrowser = describeIfChromium('test/portal-explorer.test.ts');

describeWithBrowser('the explorer in a browser', () => {
  let stack: TestStack;
  let browser: Browser;
  let narrowKey: string;
  const contexts: BrowserContext[] = [];
  const browserErrors: string[] = [];

  const screenshot = (page: Page, name: string) =>
    page.screenshot({ path: path.join(SCREENSHOTS, `explorer-${name}.png`), fullPage: true });

  const newPage = async (viewport = DESKTOP) => {
    const context = await browser.newContext({ viewport, baseURL: stack.urls.gateway });
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: stack.urls.gateway });
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

  /** Opens the explorer (a share link's address, say) and waits until GraphiQL has the schema. */
  const openExplorer = async (page: Page, address = '/console/explorer') => {
    const schemaRead = page.waitForResponse(
      (response) =>
        response.url().endsWith('/graphql') && /IntrospectionQuery/.test(response.request().postData() ?? ''),
    );
    await page.goto(address);
    await page.locator('.graphiql-container').waitFor();
    expect((await schemaRead).status()).toBe(200);
  };

  const responseText = (page: Page) => page.locator('.graphiql-response').innerText();
  const run = (page: Page) => page.getByRole('button', { name: /^Execute query/ }).click();
  /**
   * Runs the query in the editor until the result pane shows `text`: GraphiQL ignores a run it is asked for
   * while it is still taking in the schema it was just given, and says nothing.
   */
  const runUntil = async (page: Page, text: string) => {
    const shown = page.locator('.graphiql-response').getByText(text);
    for (let attempt = 1; ; attempt += 1) {
      await run(page);
      try {
        await shown.waitFor({ timeout: STEP_MS / 4 });
        return;
      } catch (error) {
        if (attempt === 4) throw error;
      }
    }
  };

  /**
   * Runs the subscription in the editor until GraphiQL says it is running (its button turns to Stop): like a
   * query, a run asked for while GraphiQL is still taking in the schema is ignored without a word. Clicking
   * again once it runs would stop it, so this waits for the button rather than for a first event.
   */
  const startSubscription = async (page: Page) => {
    const stop = page.getByRole('button', { name: /^Stop query/ });
    for (let attempt = 1; ; attempt += 1) {
      await run(page);
      try {
        await stop.waitFor({ timeout: STEP_MS / 4 });
        return;
      } catch (error) {
        if (attempt === 4) throw error;
      }
    }
  };

  beforeAll(async () => {
    requirePortalBuild();
    fs.mkdirSync(SCREENSHOTS, { recursive: true });
    stack = await startTestStack({ env: { ANONYMOUS_SCOPES: '' } });
    const admin = await apiSignIn(stack.graphqlUrl);
    const { createPartner } = await query<{ createPartner: { id: string } }>(
      stack.graphqlUrl,
      'mutation { createPartner(name: "Explorer Test Airways", planId: "plan_pro") { id } }',
      {},
      admin,
    );
    const { inviteUser } = await query<{ inviteUser: { token: string } }>(
      stack.graphqlUrl,
      'mutation ($p: ID!, $e: String!) { inviteUser(partnerId: $p, email: $e, role: DEVELOPER) { token } }',
      { p: createPartner.id, e: DEVELOPER.email },
      admin,
    );
    await query(
      stack.graphqlUrl,
      'mutation ($t: String!, $pw: String!) { acceptInvitation(token: $t, name: "Erin", password: $pw) { accessToken } }',
      { t: inviteUser.token, pw: DEVELOPER.password },
      {},
    );
    // A key that reads telemetry only: matches are out of its reach.
    const { createApiKey } = await query<{ createApiKey: { secret: string } }>(
      stack.graphqlUrl,
      'mutation ($p: ID!) { createApiKey(partnerId: $p, name: "telemetry only", scopes: ["telemetry:read"]) { secret } }',
      { p: createPartner.id },
      admin,
    );
    narrowKey = createApiKey.secret;
    browser = await launchChromium();
  });
  afterEach(async () => {
    let index = 0;
    for (const context of contexts) {
      for (const page of context.pages()) {
        index += 1;
        await page.screenshot({ path: path.join(SCREENSHOTS, `explorer-last-${index}.png`), fullPage: true });
      }
    }
    if (browserErrors.length > 0) console.log(`browser errors:\n${browserErrors.join('\n')}`);
  });
  afterAll(async () => {
    for (const context of contexts) await context.close();
    await browser?.close();
  });

  it('sends /graphql opened in a browser to the explorer, and leaves API calls alone', async () => {
    const page = await newPage();
    await page.goto('/graphql');
    expect(new URL(page.url()).pathname).toBe('/console/explorer');
    // The site's navbar links to it.
    await page.goto('/');
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Explorer' }).click();
    await page.waitForURL(/\/console\/explorer$/);
    const api = await fetch(`${stack.graphqlUrl}?query=${encodeURIComponent(TEAMS)}`, {
      headers: { accept: 'application/json', 'x-api-key': narrowKey },
      redirect: 'manual',
    });
    // Answered as an API call, not redirected: FORBIDDEN for this key, as for curl.
    expect(api.status).toBe(403);
    expect(
      ((await api.json()) as { errors: { extensions: { code: string } }[] }).errors[0]?.extensions.code,
    ).toBe('FORBIDDEN');
  });

  it('reads the schema, runs as the session, and refuses a narrow key where curl with it is refused', async () => {
    const page = await newPage();
    await signIn(page);
    await openExplorer(page, `/console/explorer?query=${encodeURIComponent(TEAMS)}`);
    expect(await page.getByRole('alert').count()).toBe(0);
    // The docs pane shows the schema's root types.
    await page.getByRole('button', { name: /Show Documentation Explorer/ }).click();
    await page.locator('.graphiql-doc-explorer').getByText('Query', { exact: true }).first().waitFor();
    await page.locator('.graphiql-doc-explorer').getByText('Subscription', { exact: true }).first().waitFor();

    await runUntil(page, '"teams"');
    await screenshot(page, 'desktop-session');

    // The narrow key, picked and pasted: the request carries it and not the session.
    const narrowChoice = page.getByLabel('Run as').locator('option', { hasText: 'telemetry only' });
    await page.getByLabel('Run as').selectOption((await narrowChoice.getAttribute('value'))!);
    await page.getByLabel('Key secret').fill(narrowKey);
    const sent = page.waitForRequest(
      (request) => request.url().endsWith('/graphql') && request.method() === 'POST',
    );
    await run(page);
    const headers = (await sent).headers();
    expect(headers['x-api-key']).toBe(narrowKey);
    expect(headers.authorization).toBeUndefined();
    await page.locator('.graphiql-response').getByText('"FORBIDDEN"').waitFor();
    const curl = await post(stack.graphqlUrl, { query: TEAMS }, { 'x-api-key': narrowKey });
    expect(curl.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(await responseText(page)).toContain(curl.body.errors![0]!.message);
    await screenshot(page, 'desktop-narrow-key');

    // Back to the session, with the key typed into GraphiQL's Headers tab instead: the typed key is sent.
    await page.getByLabel('Run as').selectOption('session');
    await page.getByRole('button', { name: 'Headers' }).click();
    await page.locator('.graphiql-editor-tool .graphiql-editor:visible').click();
    await page.keyboard.insertText(JSON.stringify({ 'x-api-key': narrowKey }));
    const typed = page.waitForRequest(
      (request) => request.url().endsWith('/graphql') && request.method() === 'POST',
    );
    await run(page);
    const typedHeaders = (await typed).headers();
    expect(typedHeaders['x-api-key']).toBe(narrowKey);
    expect(typedHeaders.authorization).toBeUndefined();
    await page.locator('.graphiql-response').getByText('"FORBIDDEN"').waitFor();
  });

  it('streams a subscription from the examples into the result pane, and shares it as a link', async () => {
    const page = await newPage();
    await signIn(page);
    await openExplorer(page);
    await page.getByLabel('Example').selectOption({ label: 'LiveFrames' });
    await page.locator('.graphiql-query-editor').getByText('LiveFrames').waitFor();
    await startSubscription(page);
    const frameNumber = async () => Number(/"frame": (\d+)/.exec(await responseText(page))?.[1] ?? NaN);
    await page
      .locator('.graphiql-response')
      .getByText('"matchFrames"')
      .waitFor()
      .catch(async (error: Error) => {
        // What the pane shows instead (an error, or nothing) says why no frame came.
        throw new Error(
          `${error.message}\nthe result pane shows: ${(await responseText(page)).slice(0, 500)}`,
        );
      });
    const first = await frameNumber();
    expect(first).toEqual(expect.any(Number));
    // Later events replace it as they arrive.
    await page.waitForFunction(
      `(() => { const m = /"frame":\\s*(\\d+)/.exec(document.querySelector('.graphiql-response')?.textContent ?? ''); return m !== null && Number(m[1]) > ${first}; })()`,
      undefined,
      { timeout: STEP_MS },
    );
    await screenshot(page, 'desktop-subscription');
    // The same button stops it.
    await page.getByRole('button', { name: /^Stop query/ }).click();

    await page.getByRole('button', { name: 'Share link' }).click();
    const link = await page.getByLabel('Link to this operation').inputValue();
    const shared = new URL(link);
    expect(shared.origin + shared.pathname).toBe(`${stack.urls.gateway}/console/explorer`);
    expect(shared.searchParams.get('query')).toContain('subscription LiveFrames');
    expect(JSON.parse(shared.searchParams.get('variables') ?? '{}')).toEqual({ matchId: 'match_0001' });

    const other = await newPage();
    await signIn(other);
    await openExplorer(other, `${shared.pathname}${shared.search}`);
    await other.locator('.graphiql-query-editor').getByText('LiveFrames').waitFor();
    await other.getByRole('button', { name: 'Variables' }).waitFor();
    await other.locator('.graphiql-editor-tool').getByText('match_0001').waitFor();
    // A browser opening /graphql with an operation lands on the explorer with it.
    await other.goto(`/graphql?${shared.searchParams.toString()}`);
    expect(new URL(other.url()).pathname).toBe('/console/explorer');
    await other.locator('.graphiql-query-editor').getByText('LiveFrames').waitFor();
  });

  it('keeps the response pane usable on a phone', async () => {
    const page = await newPage(PHONE);
    await signIn(page);
    await openExplorer(page, `/console/explorer?query=${encodeURIComponent(TEAMS)}`);
    await runUntil(page, '"teams"');
    const pane = await page.locator('.graphiql-response').boundingBox();
    expect(pane!.width).toBeGreaterThan(PHONE.width * 0.6);
    expect(pane!.height).toBeGreaterThan(200);
    const editor = await page.locator('.graphiql-query-editor').boundingBox();
    expect(editor!.width).toBeGreaterThan(PHONE.width * 0.6);
    // Nothing wider than the screen.
    expect(await page.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(
      PHONE.width,
    );
    await screenshot(page, 'phone');
  });
});
