/**
 * The business team's partner pages in headless Chromium, at a desktop's width and a phone's: onboarding
 * that fails on one bad address leaves nothing behind (neither in the partners table nor in the API), and
 * succeeds once corrected; a name already taken is flagged with a link to that partner; the partner's page
 * invites, resends and revokes invitations and suspends with a reason that the history and the audit log
 * show; the partners table searches, sorts and filters; the Admin section has its own tab bar, which fits
 * a phone in one row. Screenshots go to test/screenshots/ (gitignored).
 */
import fs from 'node:fs';
import path from 'node:path';
import { type Browser, type BrowserContext, type Page } from 'playwright-core';
import {
  DEVELOPMENT_ADMIN,
  post,
  query,
  signIn as apiSignIn,
  startTestStack,
  type TestStack,
} from './support/platform';
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
const WIDTHS = [
  ['desktop', DESKTOP],
  ['phone', PHONE],
] as const;

const describeWithBrowser = describeIfChromium('test/portal-partners.test.ts');

const UNLABELLED_CONTROLS = unlabelledControls();

/** The distinct tops of the tabs of a tab bar, and whether the bar scrolls sideways. */
const tabRows = (label: string) => `(() => {
  const bar = document.querySelector('nav[aria-label="${label}"] ul');
  const tops = [...bar.querySelectorAll('li')].map((li) => li.offsetTop);
  return { rows: new Set(tops).size, tabs: tops.length, scrolls: bar.scrollWidth > bar.clientWidth,
    overflowX: getComputedStyle(bar).overflowX };
})()`;

describeWithBrowser("the business team's partner pages in a browser", () => {
  let stack: TestStack;
  let browser: Browser;
  let admin: Record<string, string>;
  const contexts: BrowserContext[] = [];
  const browserErrors: string[] = [];

  const visit = async (page: Page, name: string) => {
    await page.evaluate('window.scrollTo(0, 0)');
    await page.screenshot({ path: path.join(SCREENSHOTS, `partners-${name}.png`), fullPage: true });
    expect(await page.evaluate<string[]>(UNLABELLED_CONTROLS)).toEqual([]);
  };

  const adminPage = async (viewport: { width: number; height: number }) => {
    const context = await browser.newContext({ viewport, baseURL: stack.urls.gateway });
    contexts.push(context);
    const page = await context.newPage();
    page.setDefaultTimeout(STEP_MS);
    page.on('pageerror', (error) => browserErrors.push(`${page.url()}: ${error.message}`));
    await page.goto('/admin');
    await page.getByLabel('Email', { exact: true }).fill(DEVELOPMENT_ADMIN.email);
    await page.getByLabel('Password', { exact: true }).fill(DEVELOPMENT_ADMIN.password);
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await page.getByText('Signed in as').waitFor();
    return page;
  };

  const partnersNamed = async (name: string) =>
    (
      await query<{ partners: { id: string; name: string }[] }>(
        stack.graphqlUrl,
        '{ partners { id name } }',
        {},
        admin,
      )
    ).partners.filter((partner) => partner.name === name);
  const counts = async () => {
    const answer = await query<{ partners: unknown[]; outbox: unknown[] }>(
      stack.graphqlUrl,
      '{ partners { id } outbox(limit: 200) { id } }',
      {},
      admin,
    );
    return { partners: answer.partners.length, outbox: answer.outbox.length };
  };
  const accept = (token: string) =>
    post(stack.graphqlUrl, {
      query:
        'mutation ($t: String!) { acceptInvitation(token: $t, name: "Dev", password: "Partner-Pages-2026") { expiresAt } }',
      variables: { t: token },
    });
  const tokenOf = (link: string) => decodeURIComponent(new URL(link).searchParams.get('token')!);

  beforeAll(async () => {
    requirePortalBuild();
    fs.mkdirSync(SCREENSHOTS, { recursive: true });
    stack = await startTestStack({ env: { ANONYMOUS_SCOPES: '' } });
    admin = await apiSignIn(stack.graphqlUrl);
    browser = await launchChromium();
  });
  afterEach(async () => {
    // The pages as the test left them: the last one shows where a failed step stopped.
    let index = 0;
    for (const context of contexts) {
      for (const page of context.pages()) {
        index += 1;
        await page.screenshot({ path: path.join(SCREENSHOTS, `partners-last-${index}.png`), fullPage: true });
      }
    }
    if (browserErrors.length > 0) console.log(`browser errors:\n${browserErrors.splice(0).join('\n')}`);
  });
  afterAll(async () => {
    for (const context of contexts) await context.close();
    await browser?.close();
  });

  it.each(WIDTHS)(
    'onboards all or nothing, then looks after the partner, on a %s',
    async (width, viewport) => {
      const name = `Atomic Onboarding ${width}`;
      const page = await adminPage(viewport);
      const before = await counts();

      // One bad address among good ones: refused, naming it, and nothing is made.
      await page.goto('/admin/onboard');
      await page.getByLabel('Organisation name').fill(name);
      await page.getByLabel('Plan').selectOption('plan_pro');
      await page
        .getByLabel('Developers to invite')
        .fill(`ada@${width}.example\nnot-an-email\ngrace@${width}.example`);
      await page.getByRole('button', { name: 'Onboard partner' }).click();
      const alert = page.getByRole('alert').filter({ hasText: 'not-an-email' });
      await alert.getByText('BAD_USER_INPUT').waitFor();
      await visit(page, `${width}-onboard-refused`);
      expect(await counts()).toEqual(before);
      expect(await partnersNamed(name)).toEqual([]);
      await page.goto('/admin');
      await page.locator('main').getByLabel('Search', { exact: true }).fill(name);
      await page.getByText(/^0 of \d+ partners$/).waitFor();

      // Corrected, it goes through once: one partner, two invitations e-mailed.
      await page.goto('/admin/onboard');
      await page.getByLabel('Organisation name').fill(name);
      await page.getByLabel('Plan').selectOption('plan_pro');
      await page.getByLabel('Developers to invite').fill(`ada@${width}.example\ngrace@${width}.example`);
      await page.getByRole('button', { name: 'Onboard partner' }).click();
      await page.getByRole('heading', { name: `${name} is on the Pro plan` }).waitFor();
      const links = (await page.getByTestId('invitation-link').allTextContents()).map((link) => link.trim());
      expect(links).toHaveLength(2);
      expect(await partnersNamed(name)).toHaveLength(1);
      expect(await counts()).toEqual({ partners: before.partners + 1, outbox: before.outbox + 2 });
      await visit(page, `${width}-onboarded`);

      // The same name again: a warning linking to the partner, and nothing made unless asked for.
      await page.getByLabel('Organisation name').fill(name.toUpperCase());
      await page.getByRole('button', { name: 'Onboard partner' }).click();
      const warning = page.getByRole('alert').filter({ hasText: 'exists already' });
      await warning.getByRole('link', { name }).waitFor();
      await visit(page, `${width}-onboard-duplicate`);
      await warning.getByRole('button', { name: 'Cancel' }).click();
      expect(await partnersNamed(name)).toHaveLength(1);

      // The partner's page, reached from the partners table.
      await page.goto('/admin');
      await page.locator('main').getByLabel('Search', { exact: true }).fill(name);
      await page.getByRole('link', { name, exact: true }).click();
      await page.getByRole('heading', { level: 2, name }).waitFor();
      const invitations = page.getByTestId('invitations');
      await invitations.locator(`tr[data-invitation="ada@${width}.example"]`).waitFor();

      // Invite another developer, then resend Ada's (her first link dies) and revoke the new one.
      await page.getByRole('textbox', { name: 'Invite a developer' }).fill(`linus@${width}.example`);
      await page.getByRole('button', { name: 'Send invitation' }).click();
      await invitations.locator(`tr[data-invitation="linus@${width}.example"]`).waitFor();
      const adaLink = links[0]!;
      await page.getByRole('button', { name: `Resend the invitation of ada@${width}.example` }).click();
      await page
        .getByRole('status')
        .filter({ hasText: `ada@${width}.example` })
        .waitFor();
      const resentLink = (await page.getByTestId('invitation-link').textContent())!.trim();
      expect(resentLink).not.toBe(adaLink);
      expect((await accept(tokenOf(adaLink))).body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
      await page.getByRole('button', { name: `Revoke the invitation of linus@${width}.example` }).click();
      await page.getByRole('dialog').getByRole('button', { name: 'Revoke' }).click();
      await invitations
        .locator(`tr[data-invitation="linus@${width}.example"]`)
        .waitFor({ state: 'detached' });
      expect((await accept(tokenOf(resentLink))).body.errors).toBeUndefined();

      // Suspending asks for a reason, which the history and the audit log keep.
      await page.getByRole('button', { name: 'Suspend…' }).click();
      const dialog = page.getByRole('dialog');
      await dialog.getByRole('button', { name: 'Suspend' }).click();
      await dialog.getByText('BAD_USER_INPUT').waitFor();
      await dialog.getByLabel('Reason (required, kept in the history)').fill('Invoice 2026-10 unpaid');
      await dialog.getByRole('button', { name: 'Suspend' }).click();
      await page
        .getByTestId('partner-status')
        .getByText(/^Suspended since/)
        .waitFor();
      await page
        .getByTestId('status-history')
        .getByText(/Invoice 2026-10 unpaid/)
        .waitFor();
      const log = page.getByTestId('audit-log');
      await log
        .locator('tr[data-action="partner.suspended"]', { hasText: 'Invoice 2026-10 unpaid' })
        .waitFor();
      for (const action of [
        'partner.onboarded',
        'invitation.sent',
        'invitation.resent',
        'invitation.revoked',
      ]) {
        await log.locator(`tr[data-action="${action}"]`).first().waitFor();
      }
      await visit(page, `${width}-partner-page`);
    },
    120_000,
  );

  it.each(WIDTHS)('searches, sorts and filters the partners table, on a %s', async (width, viewport) => {
    const page = await adminPage(viewport);
    await page.goto('/admin');
    const names = () => page.locator('td[data-label="Partner"] a').allTextContents();
    await page.locator('td[data-label="Partner"] a').first().waitFor();
    const all = await names();
    expect(all).toEqual([...all].sort((a, b) => a.localeCompare(b)));
    // Every partner's operations this month arrive, ten partners to a query.
    const usage = page.locator('td[data-label="Operations this month"]');
    await page.waitForFunction(
      `[...document.querySelectorAll('td[data-label="Operations this month"]')].every((cell) => /^[\\d,]+ of [\\d,]+$/.test(cell.textContent))`,
    );
    expect(await usage.count()).toBe(all.length);

    await page.getByLabel('Status').selectOption('SUSPENDED');
    await page.getByText(/^\d+ of \d+ partners$/).waitFor();
    const suspended = await names();
    expect(suspended.length).toBeGreaterThan(0);
    for (const row of await page.locator('td[data-label="Status"]').allTextContents())
      expect(row).toMatch(/^Suspended/);

    await page.getByLabel('Status').selectOption('ALL');
    await page.getByLabel('Sort by').selectOption('created');
    const newest = (await names())[0];
    const created = (
      await query<{ partners: { name: string; createdAt: string }[] }>(
        stack.graphqlUrl,
        '{ partners { name createdAt } }',
        {},
        admin,
      )
    ).partners.sort((a, b) => b.createdAt.localeCompare(a.createdAt));
    expect(newest).toBe(created[0]!.name);

    await page.locator('main').getByLabel('Search', { exact: true }).fill(`onboarding ${width}`);
    expect(await names()).toEqual([`Atomic Onboarding ${width}`]);
    await page
      .getByTestId('pending-requests')
      .getByText(/pending/)
      .waitFor();
    await visit(page, `${width}-partners-table`);
  });

  it.each(WIDTHS)('gives the Admin section its own tab bar, in one row, on a %s', async (width, viewport) => {
    const page = await adminPage(viewport);
    await page.goto('/admin');
    await page.locator('nav[aria-label="Admin"]').waitFor();
    expect(await page.locator('nav[aria-label="Console"]').count()).toBe(0);
    const adminTabs = await page.evaluate<{
      rows: number;
      tabs: number;
      scrolls: boolean;
      overflowX: string;
    }>(tabRows('Admin'));
    expect(adminTabs).toMatchObject({ rows: 1, tabs: 6 });
    if (width === 'phone') expect(adminTabs.overflowX).toBe('auto');
    for (const tab of ['Partners', 'Onboard', 'Access requests', 'Dashboards', 'Invoices', 'Outbox']) {
      await page.locator('nav[aria-label="Admin"]').getByRole('link', { name: tab, exact: true }).waitFor();
    }
    await visit(page, `${width}-admin-tabs`);

    // A partner chosen once, in the searchable picker, is still chosen after a visit to the Admin section.
    await page.getByRole('link', { name: 'Partner console' }).click();
    await page.locator('nav[aria-label="Console"]').waitFor();
    const picker = page.getByRole('combobox', { name: 'Partner' });
    // Opened empty, it lists every partner; typing narrows the list.
    await picker.click();
    await page.getByRole('option', { name: /^Meridian Demo/ }).waitFor();
    await picker.fill(`onboarding ${width}`);
    await page.getByRole('option', { name: new RegExp(`^Atomic Onboarding ${width}`) }).waitFor();
    await picker.press('ArrowDown');
    await picker.press('Enter');
    await page.waitForURL(/\?partner=par_/);
    const chosen = new URL(page.url()).searchParams.get('partner');
    expect(await page.evaluate<{ rows: number }>(tabRows('Console'))).toMatchObject({ rows: 1 });
    await visit(page, `${width}-console-picker`);
    await page
      .locator('nav[aria-label="Sections"]')
      .getByRole('link', { name: 'Admin', exact: true })
      .click();
    await page.locator('nav[aria-label="Admin"]').waitFor();
    await page.getByRole('link', { name: 'Partner console' }).click();
    await page.waitForURL(new RegExp(`/console\\?partner=${chosen}$`));
    await page.locator('nav[aria-label="Console"]').getByRole('link', { name: 'Usage', exact: true }).click();
    await page.waitForURL(new RegExp(`/console/usage\\?partner=${chosen}$`));
    await page.getByText(`Showing Atomic Onboarding ${width} (${chosen}).`).waitFor();
  });
});
