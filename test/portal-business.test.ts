/**
 * The business team's dashboards in headless Chromium, at 1280 and 390 px, on a platform with the demo
 * history (months of partner usage and issued invoices): Meridian's own figures as the store holds them
 * (read here with SQL), periods named by their dates and the one in progress marked; then the question
 * builder: values picked with their counts, matched whatever the case, no matching orders said so, an error
 * in place of the answer, the filter in the title, a question saved and reopened, and the answer downloaded
 * as CSV. Screenshots go to test/screenshots/ (gitignored).
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { type Browser, type BrowserContext, type Page } from 'playwright-core';
import { DEVELOPMENT_ADMIN, startTestStack, type TestStack } from './support/platform';
import {
  describeIfChromium,
  DESKTOP,
  launchChromium,
  PHONE,
  requirePortalBuild,
  STEP_MS,
  unlabelledControls,
} from './support/browser';

const SCREENSHOTS = path.resolve(__dirname, 'screenshots');

const describeWithBrowser = describeIfChromium('test/portal-business.test.ts');

const UNLABELLED_CONTROLS = unlabelledControls();

const euros = (cents: number) =>
  new Intl.NumberFormat('en-GB', { style: 'currency', currency: 'EUR', maximumFractionDigits: 0 }).format(
    cents / 100,
  );
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const dayMonth = (at: Date) => `${at.getUTCDate()} ${MONTHS[at.getUTCMonth()]}`;

describeWithBrowser('the business dashboards in a browser', () => {
  let stack: TestStack;
  let browser: Browser;
  let db: Database.Database;
  const contexts: BrowserContext[] = [];
  const browserErrors: string[] = [];

  const visit = async (page: Page, name: string) => {
    await page.evaluate('window.scrollTo(0, 0)');
    await page.screenshot({ path: path.join(SCREENSHOTS, `business-${name}.png`), fullPage: true });
    expect(await page.evaluate<string[]>(UNLABELLED_CONTROLS)).toEqual([]);
  };

  const signedIn = async (viewport: { width: number; height: number }) => {
    const context = await browser.newContext({
      viewport,
      baseURL: stack.urls.gateway,
      acceptDownloads: true,
    });
    contexts.push(context);
    const page = await context.newPage();
    page.setDefaultTimeout(STEP_MS);
    page.on('pageerror', (error) => browserErrors.push(`${page.url()}: ${error.message}`));
    await page.goto('/console');
    await page.getByLabel('Email', { exact: true }).fill(DEVELOPMENT_ADMIN.email);
    await page.getByLabel('Password', { exact: true }).fill(DEVELOPMENT_ADMIN.password);
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await page.getByText('Signed in as').waitFor();
    await page.goto('/admin/dashboards');
    await page.getByTestId('business-revenue').waitFor();
    return page;
  };

  beforeAll(async () => {
    requirePortalBuild();
    fs.mkdirSync(SCREENSHOTS, { recursive: true });
    stack = await startTestStack({ env: { DEMO_HISTORY: 'on' } });
    browser = await launchChromium();
    db = new Database(path.join(stack.dataDir, 'billing.sqlite'), { readonly: true });
  });

  afterAll(async () => {
    db?.close();
    for (const context of contexts) await context.close();
    await browser?.close();
    await stack?.close();
  });

  afterEach(() => {
    expect(browserErrors).toEqual([]);
  });

  it("shows Meridian's own figures as the store holds them, periods by their dates, the current one marked", async () => {
    const page = await signedIn(DESKTOP);
    const now = new Date();
    const today = new Date(Math.floor(now.getTime() / 86_400_000) * 86_400_000);
    const windowStart = new Date(today.getTime() - 29 * 86_400_000);
    const revenue = db
      .prepare(
        `select coalesce(sum(subtotal_cents), 0) as cents, count(*) as invoices from invoice
         where status in ('issued', 'paid') and currency = 'EUR' and issued_at >= ?`,
      )
      .get(windowStart.toISOString()) as { cents: number; invoices: number };
    const mrr = db
      .prepare(
        `select coalesce(sum(p.monthly_price_cents), 0) as cents from partner pa join plan p on p.id = pa.plan_id
         where pa.suspended_at is null`,
      )
      .get() as { cents: number };
    expect(revenue.invoices).toBeGreaterThan(0);

    expect(await page.getByTestId('business-currency').textContent()).toContain('Amounts in EUR');
    expect(await page.getByTestId('business-revenue').textContent()).toContain(euros(revenue.cents));
    const window = (await page.getByTestId('business-window').textContent())!;
    expect(window).toContain(
      `${dayMonth(windowStart)} – ${dayMonth(today)} ${today.getUTCFullYear()} so far`,
    );
    expect(window).toContain(`${revenue.invoices} invoices issued`);
    expect(await page.getByTestId('business-mrr').textContent()).toBe(euros(mrr.cents));

    // The week in progress: hatched in the chart, "so far" in its note and in the table.
    expect(await page.getByTestId('partial-note').first().textContent()).toContain('so far');
    await page.getByText('Weekly revenue as a table').click();
    const lastWeek = page.locator('tr[data-partial="true"]');
    expect(await lastWeek.count()).toBe(1);
    expect(await lastWeek.locator('td').first().textContent()).toMatch(/^\d{1,2} \w{3} \d{4} \(.* so far\)$/);

    // Partners past 80 % of this month's quota, as the rollups add them up.
    const monthStart = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1)).toISOString();
    const near = db
      .prepare(
        `select pa.name as name from usage_rollup u join partner pa on pa.id = u.partner_id
         join plan pl on pl.id = pa.plan_id
         where u.granularity = 'day' and u.subgraph = '*' and u.bucket >= ? and pa.suspended_at is null
         group by pa.id, pa.name, pl.monthly_quota having sum(u.billed) * 100 >= pl.monthly_quota * 80`,
      )
      .all(monthStart) as { name: string }[];
    expect(near.length).toBeGreaterThan(0);
    const watched = await page
      .getByTestId('quota-watch')
      .locator('tbody tr td:first-child')
      .allTextContents();
    expect(watched.map((text) => text.replace(/ \(.*\)$/, ''))).toEqual(near.map((row) => row.name));
    const growth = await page
      .getByTestId('partner-growth')
      .locator('tbody tr td:first-child')
      .allTextContents();
    expect(growth.at(-1)).toMatch(/so far\)$/);

    // The sample shop below: its own dates and currency.
    expect(await page.getByTestId('shop-window').textContent()).toMatch(
      /^\d{1,2}( \w{3})?( \d{4})? ?[–-] ?\d{1,2} \w{3} \d{4}: the sample’s last 30 days of orders, in US\$$/,
    );
    await visit(page, 'desktop');
  });

  it('asks questions with picked values, whatever their case; says when nothing matches; replaces an answer by an error; saves, reopens and downloads', async () => {
    const page = await signedIn(DESKTOP);
    const widgets = (
      db
        .prepare(
          "select count(*) as n from shop_order o join shop_product p on p.id = o.product_id where p.category = 'Widget'",
        )
        .get() as { n: number }
    ).n;
    expect(widgets).toBeGreaterThan(0);

    await page.getByLabel('Metric').selectOption('COUNT');
    await page.getByLabel('Group by').selectOption('order.createdAt');
    await page.getByLabel('Time bucket').selectOption('YEAR');
    await page.getByLabel('Filter on').selectOption('product.category');
    const picker = page.getByLabel('Pick a value (orders)');
    const label = `Widget (${new Intl.NumberFormat('en-GB').format(widgets)})`;
    await picker.locator('option', { hasText: label }).waitFor({ state: 'attached' });
    await picker.selectOption({ label });
    expect(await page.getByLabel('Value', { exact: true }).inputValue()).toBe('Widget');

    // Typed in lower case: the same orders.
    await page.getByLabel('Value', { exact: true }).fill('widget');
    await page.getByRole('button', { name: 'Ask' }).click();
    const title = 'Count of orders by order date (year) — product category is widget';
    const table = page.getByRole('table', { name: title });
    await table.waitFor();
    await page.getByRole('figure', { name: title }).waitFor();
    const counts = await table.locator('tbody tr td:last-child').allTextContents();
    expect(counts.reduce((sum, text) => sum + Number(text.replace(/,/g, '')), 0)).toBe(widgets);

    // Downloaded as CSV: the same years and counts.
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Download CSV' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/\.csv$/);
    const csv = fs
      .readFileSync((await download.path())!, 'utf8')
      .trimEnd()
      .split('\r\n');
    expect(csv[0]).toBe('order.createdAt:year,COUNT');
    expect(csv.slice(1).reduce((sum, line) => sum + Number(line.split(',')[1]), 0)).toBe(widgets);
    const years = await table.locator('tbody tr td:first-child').allTextContents();
    expect(csv.slice(1).map((line) => line.split(',')[0])).toEqual(years);

    // Saved, then reopened after a reload.
    await page.getByLabel('Save this question as').fill('Widget orders by year');
    await page.getByRole('button', { name: 'Save question' }).click();
    await page.getByText('Saved “Widget orders by year”.').waitFor();

    // Nothing matches: said in words, no empty chart.
    await page.getByLabel('Value', { exact: true }).fill('no such category');
    await page.getByRole('button', { name: 'Ask' }).click();
    await page.getByTestId('no-orders').waitFor();
    expect(await page.getByTestId('no-orders').textContent()).toContain('No matching orders');
    expect(await page.getByRole('table', { name: /Count of orders/ }).count()).toBe(0);
    await visit(page, 'question-empty');

    // A good answer, then a refused question: the error alone, the old answer gone.
    await page.getByLabel('Value', { exact: true }).fill('WIDGET');
    await page.getByRole('button', { name: 'Ask' }).click();
    await page.getByRole('table', { name: /product category is WIDGET/ }).waitFor();
    await page.getByLabel('Filter on').selectOption('order.total');
    await page.getByLabel('Value', { exact: true }).fill('lots');
    await page.getByRole('button', { name: 'Ask' }).click();
    const alert = page.getByRole('alert');
    await alert.waitFor();
    expect(await alert.textContent()).toContain('BAD_USER_INPUT');
    expect(await page.getByRole('table', { name: /Count of orders/ }).count()).toBe(0);
    expect(await page.getByRole('figure', { name: /Count of orders/ }).count()).toBe(0);
    await visit(page, 'question-error');

    await page.reload();
    await page.getByLabel('Saved questions').waitFor();
    expect(await page.getByLabel('Saved questions').locator('option').allTextContents()).toEqual([
      'Widget orders by year',
    ]);
    await page.getByRole('button', { name: 'Open' }).click();
    await page.getByRole('table', { name: title }).waitFor();
    expect(await page.getByLabel('Value', { exact: true }).inputValue()).toBe('widget');
    await visit(page, 'question-saved');
  });

  it('fits a phone: the figures, the dates and the partial week, without sideways scrolling', async () => {
    const page = await signedIn(PHONE);
    expect(await page.getByTestId('business-window').textContent()).toContain('so far');
    await page.getByTestId('partial-note').first().waitFor();
    await page.locator('.recharts-bar-rectangle').first().waitFor();
    expect(await page.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(
      PHONE.width,
    );
    await visit(page, 'phone');
  });
});
