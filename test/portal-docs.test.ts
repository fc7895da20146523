/**
 * The built developer portal in a real browser (headless Chromium driven by playwright-core), as a partner
 * meets it: the home page leads to getting started in three steps, the snippets shown are exactly the
 * programs `operations.test.ts` runs, and the generated references hold what the code holds.
 * Needs `npm run build -w @meridian/portal` first (the root `npm test` runs it).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import { freePort } from '@meridian/stack';
import path from 'node:path';
import { errorCodes } from '@meridian/schema';
import { chromium, type Browser, type Page } from 'playwright-core';
import { readOperation, renderSnippet } from '../portal/scripts/src/operations';

const PORTAL_DIR = path.resolve(__dirname, '..', 'portal');
const CHROMIUM = '/usr/bin/chromium';
const haveChromium = fs.existsSync(CHROMIUM);
if (!haveChromium)
  console.log(`${CHROMIUM} is not installed (apt-get install chromium): portal browser tests skipped`);

/** Opens a page and waits until React has hydrated it, so that clicks on tabs and links are handled. */
async function open(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await page.locator('html[data-has-hydrated="true"]').waitFor();
}

/** `docusaurus serve` of the built site; resolves once it listens. */
async function serve(port: number): Promise<ChildProcess> {
  const server = spawn(
    path.join(PORTAL_DIR, '..', 'node_modules', '.bin', 'docusaurus'),
    ['serve', '--port', String(port), '--host', '127.0.0.1', '--no-open'],
    { cwd: PORTAL_DIR, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  await new Promise<void>((resolve, reject) => {
    server.stdout!.on('data', (chunk: Buffer) => {
      if (chunk.toString().includes(`${port}`)) resolve();
    });
    server.once('exit', (code) => reject(new Error(`docusaurus serve exited with ${code}`)));
  });
  return server;
}

(haveChromium ? describe : describe.skip)('the developer portal in a browser', () => {
  let server: ChildProcess;
  let browser: Browser;
  let page: Page;
  let origin: string;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    if (!fs.existsSync(path.join(PORTAL_DIR, 'build', 'index.html'))) {
      throw new Error('portal/build is missing: run npm run build -w @meridian/portal first');
    }
    const port = await freePort();
    origin = `http://127.0.0.1:${port}`;
    server = await serve(port);
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
    });
    page = await browser.newPage();
    page.on('pageerror', (error) => pageErrors.push(error.message));
  });
  afterAll(async () => {
    await browser?.close();
    server?.kill();
  });

  it('leads from the home page to getting started in three steps', async () => {
    await open(page, origin);
    await expect(page.locator('main ol > li h2').allInnerTexts()).resolves.toEqual([
      'Sign in to the console',
      'Create an API key',
      'Send your first query',
    ]);
    await page.getByRole('link', { name: 'Get started in five minutes' }).click();
    await page.waitForURL(`${origin}/docs/getting-started`);
    // The address changes before the new page renders: wait for its heading (this fails on a timeout).
    await page.getByRole('heading', { level: 1, name: 'Getting started in five minutes' }).waitFor();
    await expect(page.locator('h1').allInnerTexts()).resolves.toEqual(['Getting started in five minutes']);
  });

  it("leaves GraphiQL's styles to the explorer page", async () => {
    await open(page, origin);
    const rules = await page.evaluate<string[]>(
      '[...document.styleSheets].flatMap((sheet) => [...sheet.cssRules].map((rule) => rule.cssText))',
    );
    expect(rules.length).toBeGreaterThan(100);
    expect(rules.filter((rule) => rule.includes('.graphiql-'))).toEqual([]);
  });

  it('shows the first query as the curl, JavaScript and Python programs the tests run', async () => {
    await open(page, `${origin}/docs/getting-started`);
    const first = readOperation('getting-started/first-query');
    // One element per line of code: their text, line by line, is what a reader copies.
    const shown = () =>
      page
        .locator('[role="tabpanel"]:not([hidden]) pre code .token-line')
        .evaluateAll((lines) => lines.map((line) => line.textContent).join('\n'));
    for (const [tab, language] of [
      ['curl', 'bash'],
      ['JavaScript', 'js'],
      ['Python', 'python'],
    ] as const) {
      await page.getByRole('tab', { name: tab }).click();
      await page.getByRole('tab', { name: tab, selected: true }).waitFor();
      expect((await shown()).trimEnd()).toBe(renderSnippet(first, language));
    }
  });

  it('lists every code of the error catalog', async () => {
    await open(page, `${origin}/docs/errors`);
    const anchors = await page.locator('h3').evaluateAll((headings) => headings.map((h) => h.id));
    expect(anchors).toEqual(expect.arrayContaining(errorCodes.map((code) => code.toLowerCase())));
  });

  it('has a reference page for each query, saying which scope it needs', async () => {
    await open(page, `${origin}/docs/reference/api/operations/queries/matches`);
    await expect(page.locator('h1').innerText()).resolves.toBe('matches');
    await expect(page.locator('article').innerText()).resolves.toMatch(/Needs the scope matches:read/);
  });

  it('shows the schema changelog with the unreleased changes and the releases', async () => {
    await open(page, `${origin}/docs/reference/changelog`);
    const headings = await page.locator('h2').allInnerTexts();
    expect(headings[0]).toMatch(/^Unreleased/);
    expect(headings).toEqual(expect.arrayContaining([expect.stringMatching(/^0\.1\.0/)]));
  });

  it('ran every page without a script error', () => {
    expect(pageErrors).toEqual([]);
  });
});
