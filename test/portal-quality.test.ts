/**
 * The portal's quality as a user meets it, in headless Chromium against the real gateway serving the built
 * portal: search finds pages offline, reference pages carry an example that opens in the explorer, every
 * page type passes axe-core (no serious or critical violation) at desktop and phone widths in light and dark
 * mode, phone touch targets are at least 44 px, answers are compressed and cached as they should be, and the
 * production build holds no development credentials. Prints the bytes each page type transfers with and
 * without compression. Screenshots go to test/screenshots-quality/ (gitignored).
 * Needs `npm run build -w @meridian/portal` first (the root `npm test` runs it).
 */
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { DEVELOPMENT_ADMIN_PASSWORD } from '@meridian/billing';
import { buildSchema, parse, validate } from 'graphql';
import { chromium, type Browser, type Page } from 'playwright-core';
import { DEVELOPMENT_ADMIN, post, query, startTestStack, type TestStack } from './support/platform';

const CHROMIUM = '/usr/bin/chromium';
const PORTAL_BUILD = path.resolve(__dirname, '..', 'portal', 'build');
const SCREENSHOTS = path.resolve(__dirname, 'screenshots-quality');
const AXE = require.resolve('axe-core/axe.min.js');
const WIDTHS = { desktop: { width: 1280, height: 900 }, phone: { width: 390, height: 844 } } as const;
const COLOUR_MODES = ['light', 'dark'] as const;
/** The smallest touch target on a phone (WCAG 2.5.5, and the platforms' own guidelines). */
const MIN_TOUCH_PX = 44;
/** How long one step may take: a page load, a click that calls the gateway (the machine may be busy). */
const STEP_MS = 30_000;

type Signed = 'none' | 'developer' | 'admin';

/** One page of each type a user meets; add a page here and every check below covers it. */
const PAGES: readonly { name: string; path: string; as: Signed; ready: string }[] = [
  { name: 'home', path: '/', as: 'none', ready: 'h1' },
  { name: 'guide', path: '/docs/guides/matches', as: 'none', ready: 'article h1' },
  { name: 'reference', path: '/docs/reference/api/types/objects/match', as: 'none', ready: 'article h1' },
  { name: 'sign-in', path: '/console', as: 'none', ready: 'main form' },
  { name: 'accept', path: '/console/accept?token=not-a-real-token', as: 'none', ready: 'main h1' },
  { name: 'keys', path: '/console/keys', as: 'developer', ready: 'main h2' },
  { name: 'usage', path: '/console/usage', as: 'developer', ready: 'main h1' },
  { name: 'invoices', path: '/console/invoices', as: 'developer', ready: 'main h1' },
  { name: 'explorer', path: '/console/explorer', as: 'developer', ready: '.graphiql-container' },
  { name: 'requests', path: '/console/requests', as: 'developer', ready: 'main h1' },
  { name: 'request-access', path: '/console/request-access', as: 'none', ready: 'main form' },
  { name: 'reset', path: '/console/reset', as: 'none', ready: 'main form' },
  { name: 'admin-partners', path: '/admin', as: 'admin', ready: 'main table' },
  { name: 'admin-onboard', path: '/admin/onboard', as: 'admin', ready: 'main form' },
  {
    name: 'admin-partner',
    path: '/admin/partner?partner=par_demo',
    as: 'admin',
    // The last section, drawn once the partner has loaded (a table, or a sentence while the log is empty).
    ready: 'h3#audit',
  },
  { name: 'admin-dashboards', path: '/admin/dashboards', as: 'admin', ready: '.recharts-surface' },
  { name: 'admin-requests', path: '/admin/requests', as: 'admin', ready: 'main h1' },
  { name: 'admin-outbox', path: '/admin/outbox', as: 'admin', ready: 'main h1' },
];

/** The page types whose weight is reported. */
const WEIGHED = ['home', 'guide', 'reference', 'explorer'];

const SIGNED_IN_SESSION = `mutation ($email: String!, $password: String!) {
  login(email: $email, password: $password) { accessToken refreshToken expiresAt }
}`;

/** Serious and critical axe violations of the page, one line each. Runs in the page. */
const AXE_VIOLATIONS = `axe.run(document, { resultTypes: ['violations'] }).then((results) =>
  results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .flatMap((v) => v.nodes.map((node) => v.id + ' ' + node.target.join(' ') + ': ' +
      (node.failureSummary || '').split('\\n').slice(1, 2).join('').trim())))`;

/**
 * Controls a finger has to hit (buttons, fields, navigation and menu links) that are visible and smaller than
 * the minimum; links inside running text are exempt, as WCAG allows. A checkbox or radio counts with the
 * label around it. Runs in the page.
 */
const SMALL_TARGETS = `(() => {
  const min = ${MIN_TOUCH_PX} - 0.5;
  const targets = document.querySelectorAll('button, select, textarea, input:not([type=hidden]), [role=button], ' +
    '[role=tab], .navbar a, .menu__link, .pagination-nav__link, .breadcrumbs a, [class*=tabs] a, .table-of-contents a');
  const small = [];
  for (const element of targets) {
    const target = ['checkbox', 'radio'].includes(element.type) && element.closest('label') ? element.closest('label') : element;
    const box = target.getBoundingClientRect();
    const style = getComputedStyle(target);
    if (box.width === 0 || box.height === 0 || style.visibility === 'hidden') continue;
    if (target.closest('[hidden], .navbar-sidebar:not(.navbar-sidebar--show *)')) continue;
    // An editor's own textarea only carries its keystrokes: the finger's target is the editor around it.
    if (target.tagName === 'TEXTAREA' && target.closest('.CodeMirror')) continue;
    if (box.height < min || box.width < min) {
      small.push(target.tagName.toLowerCase() + (target.className ? '.' + String(target.className).split(' ')[0] : '') +
        ' "' + (target.textContent || target.getAttribute('aria-label') || '').trim().slice(0, 30) + '" ' +
        Math.round(box.width) + 'x' + Math.round(box.height));
    }
  }
  return small;
})()`;

/** The body of one GET, as sent (not decoded), with its headers. */
function get(
  url: string,
  headers: Record<string, string>,
): Promise<{ status: number; headers: http.IncomingHttpHeaders; bytes: number; body: Buffer }> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { headers }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => {
          const body = Buffer.concat(chunks);
          resolve({ status: res.statusCode ?? 0, headers: res.headers, bytes: body.length, body });
        });
        res.on('error', reject);
      })
      .on('error', reject);
  });
}

/** A POST of a GraphQL request, the body as sent. */
function postRaw(
  url: string,
  body: unknown,
  headers: Record<string, string>,
): Promise<{ headers: http.IncomingHttpHeaders; bytes: number }> {
  const payload = JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const req = http.request(
      url,
      { method: 'POST', headers: { 'content-type': 'application/json', ...headers } },
      (res) => {
        let bytes = 0;
        res.on('data', (chunk: Buffer) => (bytes += chunk.length));
        res.on('end', () => resolve({ headers: res.headers, bytes }));
      },
    );
    req.on('error', reject);
    req.end(payload);
  });
}

function filesUnder(dir: string): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.join(entry.parentPath, entry.name));
}

const haveChromium = fs.existsSync(CHROMIUM);
if (!haveChromium) console.log(`test/portal-quality.test.ts skipped: no Chromium at ${CHROMIUM}`);

(haveChromium ? describe : describe.skip)('the portal: search, reference, accessibility, speed', () => {
  let stack: TestStack;
  let browser: Browser;
  const sessions: Partial<Record<Signed, string>> = {};
  const accounts: Partial<Record<Signed, { email: string; password: string }>> = {};

  /** Signs in as the portal's page does, so the browser holds the refresh cookie a new tab signs in with. */
  const signInCookie = async (account: { email: string; password: string }) => {
    const answer = await fetch(stack.graphqlUrl, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-meridian-session': 'cookie',
        origin: stack.urls.gateway,
      },
      body: JSON.stringify({ query: SIGNED_IN_SESSION, variables: account }),
    });
    const value = /meridian_refresh=([^;]*)/.exec(answer.headers.get('set-cookie') ?? '')?.[1];
    if (!value) throw new Error(`${account.email} got no session cookie (${answer.status})`);
    return {
      name: 'meridian_refresh',
      value,
      domain: new URL(stack.urls.gateway).hostname,
      path: '/auth',
      httpOnly: true,
      sameSite: 'Strict' as const,
    };
  };

  /** A page at this size and colour mode, signed in as asked (the session the console keeps in the tab). */
  const openPage = async (
    target: (typeof PAGES)[number],
    viewport: { width: number; height: number },
    colourMode: (typeof COLOUR_MODES)[number],
  ): Promise<Page> => {
    const context = await browser.newContext({
      viewport,
      colorScheme: colourMode,
      baseURL: stack.urls.gateway,
    });
    const account = accounts[target.as];
    if (account) await context.addCookies([await signInCookie(account)]);
    // Docusaurus keeps the chosen colour mode in localStorage.
    await context.addInitScript(`localStorage.setItem('theme', ${JSON.stringify(colourMode)});`);
    const page = await context.newPage();
    page.setDefaultTimeout(STEP_MS);
    try {
      await page.goto(target.path);
      await page.locator('html[data-has-hydrated="true"]').waitFor();
      await page.locator(target.ready).first().waitFor();
      await expect(page.locator('html').getAttribute('data-theme')).resolves.toBe(colourMode);
      return page;
    } catch (error) {
      await page.screenshot({ path: path.join(SCREENSHOTS, `failed-${target.name}.png`) });
      await context.close();
      throw error;
    }
  };

  const sessionOf = async (email: string, password: string): Promise<string> => {
    const { login } = await query<{
      login: { accessToken: string; refreshToken: string; expiresAt: string };
    }>(stack.graphqlUrl, SIGNED_IN_SESSION, { email, password }, {});
    const { me } = await query<{ me: unknown }>(
      stack.graphqlUrl,
      '{ me { id email name role partner { id name } } }',
      {},
      { authorization: `Bearer ${login.accessToken}` },
    );
    return JSON.stringify({ ...login, user: me });
  };

  beforeAll(async () => {
    if (!fs.existsSync(path.join(PORTAL_BUILD, 'index.html'))) {
      throw new Error('the portal is not built: run npm run build -w @meridian/portal first');
    }
    fs.rmSync(SCREENSHOTS, { recursive: true, force: true });
    fs.mkdirSync(SCREENSHOTS, { recursive: true });
    // Every signed-in page below signs in afresh, as a new browser would.
    stack = await startTestStack({ env: { ANONYMOUS_SCOPES: '', LOGIN_ATTEMPTS_PER_MINUTE: '1000' } });
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
    });
    accounts.admin = DEVELOPMENT_ADMIN;
    sessions.admin = await sessionOf(DEVELOPMENT_ADMIN.email, DEVELOPMENT_ADMIN.password);
    // A developer of a partner on the Pro plan, for the console pages.
    const admin = { authorization: `Bearer ${JSON.parse(sessions.admin).accessToken}` };
    const { createPartner } = await query<{ createPartner: { id: string } }>(
      stack.graphqlUrl,
      'mutation { createPartner(name: "Quality Test Media", planId: "plan_pro") { id } }',
      {},
      admin,
    );
    const { inviteUser } = await query<{ inviteUser: { token: string } }>(
      stack.graphqlUrl,
      'mutation ($p: ID!) { inviteUser(partnerId: $p, email: "quality@portal-test.example", role: DEVELOPER) { token } }',
      { p: createPartner.id },
      admin,
    );
    const password = 'Harbour-Compass-73';
    await query(
      stack.graphqlUrl,
      'mutation ($t: String!, $pw: String!) { acceptInvitation(token: $t, name: "Quinn", password: $pw) { accessToken } }',
      { t: inviteUser.token, pw: password },
      {},
    );
    accounts.developer = { email: 'quality@portal-test.example', password };
  }, 300_000);
  afterAll(async () => {
    await browser?.close();
  });

  it('finds a guide by a word in it, offline, from the search box', async () => {
    const page = await openPage(PAGES[0]!, WIDTHS.desktop, 'light');
    try {
      // Nothing but the portal itself answers: the index ships with the site.
      await page.route(/^https?:\/\/(?!127\.0\.0\.1)/, (route) => route.abort());
      await page.locator('input[aria-label="Search"]').click();
      await page.keyboard.type('MRB1');
      const result = page.getByRole('option').filter({ hasText: 'Sending readings' }).first();
      await result.waitFor();
      await page.screenshot({ path: path.join(SCREENSHOTS, 'search.png') });
      await result.click();
      await page.waitForURL(/\/docs\/guides\/telemetry-ingest/);
      await page.getByRole('heading', { level: 1, name: 'Sending readings' }).waitFor();
      await expect(page.locator('article').innerText()).resolves.toContain('MRB1');
    } finally {
      await page.context().close();
    }
  });

  it('shows an example on a reference page that opens, and runs, in the explorer', async () => {
    const page = await openPage(PAGES[2]!, WIDTHS.desktop, 'light');
    await page.getByRole('heading', { level: 2, name: 'Example' }).waitFor();
    // The join to billing says which scope it needs.
    await expect(page.locator('article').innerText()).resolves.toMatch(
      /broadcaster[\s\S]*Returns Customer, which needs the scope billing:read/,
    );
    const link = page.getByRole('link', { name: 'Open in the explorer' });
    const href = (await link.getAttribute('href'))!;
    expect(href).toMatch(/^\/console\/explorer\?query=[^&]+&variables=[^&]+$/);
    const params = new URL(href, stack.urls.gateway).searchParams;
    const example = { query: params.get('query')!, variables: JSON.parse(params.get('variables')!) };
    // The example is the one the page shows, valid against the schema clients download, and it runs.
    await expect(page.locator('article pre').allInnerTexts()).resolves.toContainEqual(
      expect.stringContaining(example.query.split('\n')[1]!.trim()),
    );
    const schema = buildSchema((await get(`${stack.urls.gateway}/schema.graphql`, {})).body.toString());
    expect(validate(schema, parse(example.query))).toEqual([]);
    const admin = { authorization: `Bearer ${JSON.parse(sessions.admin!).accessToken}` };
    const answer = await post(stack.graphqlUrl, example, admin);
    expect(answer.body.errors).toBeUndefined();
    expect(answer.body.data).toBeDefined();
    // The explorer opens in a tab of its own, so the reader keeps their place in the reference.
    const [explorer] = await Promise.all([page.context().waitForEvent('page'), link.click()]);
    await explorer.waitForLoadState();
    const opened = new URL(explorer.url());
    expect(opened.pathname).toBe('/console/explorer');
    expect(opened.searchParams.get('query')).toBe(example.query);
    expect(JSON.parse(opened.searchParams.get('variables')!)).toEqual(example.variables);
    await explorer.locator('html[data-has-hydrated="true"]').waitFor();
    await explorer.locator('main').first().waitFor();
    await page.context().close();
  });

  it('lists the operations after the reference overview, and the built-in directives last', async () => {
    const page = await openPage(
      { name: 'api', path: '/docs/reference/api/api-reference', as: 'none', ready: 'article h1' },
      WIDTHS.desktop,
      'light',
    );
    const next = await page.locator('.pagination-nav__link--next').getAttribute('href');
    expect(next).not.toMatch(/directive/);
    // The operations open on the queries; the built-in directives come after the subscriptions.
    const operations = page.locator('.menu__link--sublist', { hasText: 'Operations' }).first();
    await operations.click();
    const categories = await page.locator('.menu__link--sublist').allInnerTexts();
    expect(categories.indexOf('Queries')).toBeGreaterThan(categories.indexOf('Operations'));
    expect(categories.indexOf('Queries')).toBeLessThan(categories.indexOf('Built-in directives'));
    await page.context().close();
  });

  const axeCases = PAGES.flatMap((target) =>
    COLOUR_MODES.map((mode) => [target.name, mode, target] as const),
  );
  // One load per page and colour mode: the page is checked at desktop width, then narrowed to a phone's.
  it.each(axeCases)(
    'has no serious or critical axe violation at either width: %s, %s',
    async (name, mode, target) => {
      const page = await openPage(target, WIDTHS.desktop, mode);
      try {
        await page.addScriptTag({ path: AXE });
        const found: Record<string, { violations: string[]; small: string[] }> = {};
        for (const [width, viewport] of Object.entries(WIDTHS)) {
          await page.setViewportSize(viewport);
          // Layout follows the width at once; React's own width-dependent parts (the phone menu) on resize.
          await page.evaluate(
            'new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 100)))',
          );
          await page.screenshot({
            path: path.join(SCREENSHOTS, `${name}-${width}-${mode}.png`),
            fullPage: true,
          });
          found[width] = {
            violations: await page.evaluate<string[]>(AXE_VIOLATIONS),
            small: width === 'phone' ? await page.evaluate<string[]>(SMALL_TARGETS) : [],
          };
        }
        const none = { violations: [], small: [] };
        expect({ page: name, ...found }).toEqual({ page: name, desktop: none, phone: none });
      } finally {
        await page.context().close();
      }
    },
  );

  it('compresses pages, bundles and query answers, and caches hashed bundles for good', async () => {
    const home = await get(`${stack.urls.gateway}/`, { accept: 'text/html', 'accept-encoding': 'br, gzip' });
    expect(home.headers['content-encoding']).toBe('br');
    expect(home.headers['cache-control']).toBe('no-cache');
    expect(home.headers.etag).toBeDefined();
    expect(home.headers.vary).toMatch(/accept-encoding/i);
    const html = (await get(`${stack.urls.gateway}/`, { accept: 'text/html' })).body.toString();
    const bundle = /<script src="(\/assets\/js\/main\.[0-9a-f]+\.js)"/.exec(html)?.[1];
    expect(bundle).toBeDefined();
    const gzipped = await get(`${stack.urls.gateway}${bundle}`, { 'accept-encoding': 'gzip' });
    expect(gzipped.headers['content-encoding']).toBe('gzip');
    expect(gzipped.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    const plain = await get(`${stack.urls.gateway}${bundle}`, {});
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(gzipped.bytes).toBeLessThan(plain.bytes / 2);

    const admin = { authorization: `Bearer ${JSON.parse(sessions.admin!).accessToken}` };
    const matches = { query: '{ matches { id kickoff venue homeTeam { name } awayTeam { name } } }' };
    const compressed = await postRaw(stack.graphqlUrl, matches, { ...admin, 'accept-encoding': 'br' });
    const identity = await postRaw(stack.graphqlUrl, matches, admin);
    expect(compressed.headers['content-encoding']).toBe('br');
    expect(compressed.bytes).toBeLessThan(identity.bytes / 2);
    // An answer that may carry a secret is never compressed.
    const login = await postRaw(
      stack.graphqlUrl,
      { query: SIGNED_IN_SESSION, variables: DEVELOPMENT_ADMIN },
      { 'accept-encoding': 'br, gzip' },
    );
    expect(login.headers['content-encoding']).toBeUndefined();
    expect(login.headers['cache-control']).toBe('no-store, no-transform');
  });

  it('weighs less over the wire compressed, page by page', async () => {
    const rows: string[] = [];
    for (const name of WEIGHED) {
      const target = PAGES.find((candidate) => candidate.name === name)!;
      const page = await openPage(target, WIDTHS.desktop, 'light');
      await page.waitForLoadState('networkidle');
      const urls = await page.evaluate<string[]>(
        `[location.href, ...performance.getEntriesByType('resource').map((entry) => entry.name)]
          .filter((url) => url.startsWith(location.origin) && !url.includes('/graphql'))`,
      );
      let before = 0;
      let after = 0;
      for (const url of new Set(urls)) {
        before += (await get(url, { accept: 'text/html,*/*' })).bytes;
        after += (await get(url, { accept: 'text/html,*/*', 'accept-encoding': 'br, gzip' })).bytes;
      }
      rows.push(
        `${name.padEnd(10)} ${(before / 1024).toFixed(0).padStart(6)} kB → ${(after / 1024).toFixed(0).padStart(5)} kB`,
      );
      expect(after).toBeLessThan(before / 2);
      await page.context().close();
    }
    console.log(`bytes transferred per page type, uncompressed → compressed:\n${rows.join('\n')}`);
  });

  it('holds no development password in the production build', () => {
    const holding = filesUnder(PORTAL_BUILD).filter((file) =>
      fs.readFileSync(file).includes(DEVELOPMENT_ADMIN_PASSWORD),
    );
    expect(holding).toEqual([]);
  });
});
