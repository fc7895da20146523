/**
 * The developer portal end to end, in headless Chromium against the real gateway and subgraphs serving the
 * built portal: an admin onboards a partner and invites a developer; the developer accepts the invitation,
 * creates a key and copies it; the key works through the gateway, its usage shows in the console, and once
 * revoked it is refused. Every page visited is saved as a screenshot in test/screenshots/ (gitignored).
 */
import fs from 'node:fs';
import path from 'node:path';
import { type Browser, type BrowserContext, type Page } from 'playwright-core';
import { previousMonth } from '@meridian/billing';
import { pdfText } from './support/pdf-text';
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
const DEVELOPER = {
  name: 'Dana Developer',
  email: 'dana@portal-test.example',
  password: 'Harbour-Lantern-42',
};

const describeWithBrowser = describeIfChromium('test/portal.test.ts');

const UNLABELLED_CONTROLS = unlabelledControls();

describeWithBrowser('the developer portal in a browser', () => {
  let stack: TestStack;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  /** What the pages logged as errors, quoted when a step fails. */
  const browserErrors: string[] = [];
  let shot = 0;

  /** Saves what the page shows now, and checks that every control on it has a label. */
  const visit = async (page: Page, name: string) => {
    shot += 1;
    // Scrolled to the top, so the sticky navbar does not land in the middle of a full-page picture.
    await page.evaluate('window.scrollTo(0, 0)');
    await page.screenshot({
      path: path.join(SCREENSHOTS, `${String(shot).padStart(2, '0')}-${name}.png`),
      fullPage: true,
    });
    expect(await page.evaluate<string[]>(UNLABELLED_CONTROLS)).toEqual([]);
  };

  const newPage = async (viewport = DESKTOP) => {
    const context = await browser.newContext({ viewport, baseURL: stack.urls.gateway });
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: stack.urls.gateway });
    contexts.push(context);
    const page = await context.newPage();
    page.setDefaultTimeout(STEP_MS);
    page.on('pageerror', (error) => browserErrors.push(`${page.url()}: ${error.message}`));
    page.on('console', (message) => {
      if (message.type() === 'error') browserErrors.push(`${page.url()}: ${message.text()}`);
    });
    return page;
  };

  const signIn = async (page: Page, email: string, password: string) => {
    await page.goto('/console');
    await page.getByLabel('Email', { exact: true }).fill(email);
    await page.getByLabel('Password', { exact: true }).fill(password);
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await page.getByText('Signed in as').waitFor();
  };

  /** A partner on the Pro plan and its developer, who has accepted the invitation, set up through the API. */
  const partnerWithDeveloper = async (name: string, developer: { email: string; password: string }) => {
    const adminSession = await apiSignIn(stack.graphqlUrl);
    const { createPartner } = await query<{ createPartner: { id: string } }>(
      stack.graphqlUrl,
      'mutation ($name: String!) { createPartner(name: $name, planId: "plan_pro") { id } }',
      { name },
      adminSession,
    );
    const { inviteUser } = await query<{ inviteUser: { token: string } }>(
      stack.graphqlUrl,
      'mutation ($p: ID!, $e: String!) { inviteUser(partnerId: $p, email: $e, role: DEVELOPER) { token } }',
      { p: createPartner.id, e: developer.email },
      adminSession,
    );
    await query(
      stack.graphqlUrl,
      'mutation ($t: String!, $pw: String!) { acceptInvitation(token: $t, name: "Sam", password: $pw) { accessToken } }',
      { t: inviteUser.token, pw: developer.password },
      {},
    );
    return { partnerId: createPartner.id, developerSession: await apiSignIn(stack.graphqlUrl, developer) };
  };

  beforeAll(async () => {
    requirePortalBuild();
    fs.rmSync(SCREENSHOTS, { recursive: true, force: true });
    fs.mkdirSync(SCREENSHOTS, { recursive: true });
    // Usage ships to billing every 100 ms, so the console can show it at once; no anonymous access.
    stack = await startTestStack({ env: { METERING_INTERVAL_MS: '100', ANONYMOUS_SCOPES: '' } });
    browser = await launchChromium();
  });
  afterEach(async () => {
    // A failed step leaves each page as it was, and what the browser complained of.
    let index = 0;
    for (const context of contexts) {
      for (const page of context.pages()) {
        index += 1;
        await page.screenshot({ path: path.join(SCREENSHOTS, `last-${index}.png`), fullPage: true });
      }
    }
    if (browserErrors.length > 0) console.log(`browser errors:\n${browserErrors.join('\n')}`);
  });
  afterAll(async () => {
    for (const context of contexts) await context.close();
    await browser?.close();
  });

  it('takes a partner from onboarding to a working key, its usage, and its revocation', async () => {
    // The business team onboards a partner and invites its developer.
    const admin = await newPage();
    await signIn(admin, DEVELOPMENT_ADMIN.email, DEVELOPMENT_ADMIN.password);
    await visit(admin, 'console-admin');
    await admin.goto('/admin/onboard');
    await admin.getByLabel('Organisation name').fill('Portal Test Sports');
    await admin.getByLabel('Plan').selectOption('plan_pro');
    await admin
      .getByLabel('Customer', { exact: true })
      .selectOption({ label: 'Northlight Sports Media (broadcasting)' });
    await admin.getByLabel('Developers to invite').fill(DEVELOPER.email);
    await visit(admin, 'admin-onboard-form');
    await admin.getByRole('button', { name: 'Onboard partner' }).click();
    const link = (await admin.getByTestId('invitation-link').textContent())!.trim();
    expect(link).toMatch(new RegExp(`^${stack.urls.gateway}/console/accept\\?token=.+`));
    await visit(admin, 'admin-onboarded');
    await admin.goto('/admin');
    const row = admin.locator('tr', { hasText: 'Portal Test Sports' });
    await row.getByText('Active').waitFor();
    expect(await row.locator('td[data-label="Customer"]').textContent()).toBe('Northlight Sports Media');
    expect(await row.locator('td[data-label="Plan"]').textContent()).toBe('Pro');
    await visit(admin, 'admin-partners');

    // The revenue dashboards: target, weekly revenue, top customers a page at a time, a question.
    await admin.goto('/admin/dashboards');
    await admin.getByText('Rows 1–5 of 10').waitFor();
    await admin
      .getByRole('heading', { name: 'Shop revenue against target, last 30 days of orders' })
      .waitFor();
    await admin.locator('.recharts-bar-rectangle').first().waitFor();
    await admin.getByRole('button', { name: 'Next' }).click();
    await admin.getByText('Rows 6–10 of 10').waitFor();
    await admin.getByLabel('Metric').selectOption('SUM');
    await admin.getByLabel('Field', { exact: true }).selectOption('order.total');
    await admin.getByLabel('Group by').selectOption('order.createdAt');
    await admin.getByLabel('Time bucket').selectOption('YEAR');
    await admin.getByRole('button', { name: 'Ask' }).click();
    const question = admin.getByRole('table', { name: 'Sum of order total by order date (year)' });
    await question.waitFor();
    // The page keeps its access token in memory only: the same question is asked with a session of its own.
    const session = await apiSignIn(stack.graphqlUrl);
    const expected = await post<{ summarize: { rows: { group: string[] }[] } }>(
      stack.graphqlUrl,
      {
        query:
          '{ summarize(metric: SUM, field: "order.total", groupBy: [{ field: "order.createdAt", bucket: YEAR }]) { rows { group } } }',
      },
      session,
    );
    const years = expected.body.data!.summarize.rows.map((row) => row.group[0]);
    expect(years.length).toBeGreaterThan(0);
    expect(await question.locator('tbody tr td:first-child').allTextContents()).toEqual(years);
    await visit(admin, 'admin-dashboards');

    // The developer accepts the invitation in their own browser and lands on their keys.
    const developer = await newPage();
    await developer.goto(link);
    await developer.getByLabel('Your name').fill(DEVELOPER.name);
    await developer.getByLabel('Password', { exact: true }).fill(DEVELOPER.password);
    await developer.getByLabel('Password again', { exact: true }).fill(DEVELOPER.password);
    await visit(developer, 'accept-invitation');
    await developer.getByRole('button', { name: 'Accept the invitation' }).click();
    await developer.waitForURL('**/console/keys');
    await developer.getByText(`Signed in as ${DEVELOPER.name}`).waitFor();
    await developer.getByRole('heading', { name: 'Create a key' }).waitFor();
    await visit(developer, 'keys-empty');

    // A key, shown once, copied with the button.
    await developer.getByLabel('Name', { exact: true }).fill('e2e backend');
    await developer.getByRole('button', { name: 'Create key' }).click();
    const secret = (await developer.getByTestId('new-secret').textContent())!.trim();
    expect(secret).toMatch(/^mer_test_/);
    await developer.getByRole('button', { name: 'Copy the secret of e2e backend' }).click();
    await developer.getByText('Copied').waitFor();
    expect(await developer.evaluate<string>('navigator.clipboard.readText()')).toBe(secret);
    await visit(developer, 'keys-created');

    // The key works through the gateway.
    const call = () =>
      post(stack.graphqlUrl, { query: 'query PortalTest { teams { name } }' }, { 'x-api-key': secret });
    for (let i = 0; i < 3; i += 1) {
      const answer = await call();
      expect(answer.status).toBe(200);
      expect(answer.body.errors).toBeUndefined();
      expect((answer.body.data as { teams: unknown[] }).teams.length).toBeGreaterThan(0);
    }

    // The calls show in the console's usage once metering has shipped them (every 100 ms here).
    await developer.goto('/console/usage');
    const total = developer.getByTestId('usage-total');
    await total.waitFor();
    const started = Date.now();
    while (!/^[3-9]\d* requests|^\d{2,} requests/.test((await total.textContent()) ?? '')) {
      expect(Date.now() - started).toBeLessThan(STEP_MS);
      await developer.getByRole('button', { name: 'Refresh' }).click();
      await developer.waitForTimeout(250);
    }
    await developer.getByLabel('Split by').selectOption('KEY');
    await developer
      .locator('tr', { hasText: 'e2e backend' })
      .getByText('3', { exact: true })
      .first()
      .waitFor();
    await developer.locator('.recharts-bar-rectangle').first().waitFor();
    await visit(developer, 'usage');

    // The explorer runs queries with the developer's session: no key involved.
    // GraphiQL takes clicks only once its editors hold the query and it has read the schema.
    const schemaRead = developer.waitForResponse(
      (response) =>
        response.url().endsWith('/graphql') && /IntrospectionQuery/.test(response.request().postData() ?? ''),
    );
    await developer.goto('/console/explorer');
    await developer.locator('.graphiql-container').waitFor();
    // GraphiQL's own stylesheet, linked by this page alone, is in force.
    await expect(
      developer.evaluate<string>("getComputedStyle(document.querySelector('.graphiql-container')).display"),
    ).resolves.toBe('flex');
    await schemaRead;
    await developer.locator('.graphiql-query-editor').getByText('FirstLook').waitFor();
    await developer.getByRole('button', { name: /^Execute query/ }).click();
    await developer.locator('.graphiql-response').getByText('"teams"').waitFor();
    await developer.locator('.graphiql-response').getByText('"e2e backend"').waitFor();
    await visit(developer, 'explorer');

    // Revoked after a confirmation, it is refused.
    await developer.goto('/console/keys');
    await developer.getByRole('button', { name: 'Revoke e2e backend' }).click();
    await developer.getByRole('dialog').getByText('This cannot be undone').waitFor();
    await visit(developer, 'keys-revoke-confirm');
    await developer.getByRole('button', { name: 'Revoke key' }).click();
    await developer
      .locator('tr', { hasText: 'e2e backend' })
      .getByText(/^Revoked/)
      .waitFor();
    await visit(developer, 'keys-revoked');
    const revokedAt = Date.now();
    let refused = await call();
    while (refused.status === 200 && Date.now() - revokedAt < 2_000) refused = await call();
    expect(refused.status).toBe(401);
    expect(refused.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');

    // The same pages on a phone.
    const phone = await newPage(PHONE);
    await signIn(phone, DEVELOPER.email, DEVELOPER.password);
    await visit(phone, 'phone-console');
    await phone.goto('/console/keys');
    await phone.locator('tr', { hasText: 'e2e backend' }).waitFor();
    await visit(phone, 'phone-keys');

    // Signing out ends the session, in this tab and after a reload.
    await developer.getByRole('button', { name: 'Sign out' }).click();
    await developer.getByRole('heading', { name: 'Sign in' }).waitFor();
    await developer.reload();
    await developer.getByRole('heading', { name: 'Sign in' }).waitFor();
  }, 240_000);

  it("tells a suspended partner's developer why its keys fail, and takes the key buttons away until reactivation", async () => {
    const developerLogin = { email: 'sam@suspended.example', password: 'Orchard-Compass-31' };
    const { developerSession } = await partnerWithDeveloper('Suspense Analytics', developerLogin);
    const { createApiKey } = await query<{ createApiKey: { secret: string } }>(
      stack.graphqlUrl,
      'mutation { createApiKey(name: "nightly export", scopes: ["matches:read"]) { secret } }',
      {},
      developerSession,
    );
    const call = () =>
      post(stack.graphqlUrl, { query: '{ teams { name } }' }, { 'x-api-key': createApiKey.secret });
    expect((await call()).status).toBe(200);

    // The business team suspends the partner in the admin pages.
    const admin = await newPage();
    await signIn(admin, DEVELOPMENT_ADMIN.email, DEVELOPMENT_ADMIN.password);
    // Suspending happens on the partner's page, with a reason.
    await admin.goto('/admin');
    await admin.getByRole('link', { name: 'Suspense Analytics', exact: true }).click();
    await admin.getByRole('button', { name: 'Suspend…' }).click();
    await admin.getByLabel('Reason (required, kept in the history)').fill('Security review of the export');
    await admin.getByRole('dialog').getByRole('button', { name: 'Suspend' }).click();
    await admin
      .getByTestId('partner-status')
      .getByText(/^Suspended/)
      .waitFor();

    // The key is refused, and the developer's keys page says why and offers no new secrets.
    const suspendedAt = Date.now();
    let refused = await call();
    while (refused.status === 200 && Date.now() - suspendedAt < 2_000) refused = await call();
    expect(refused.status).toBe(403);
    expect(refused.body.errors?.[0]?.extensions?.code).toBe('PARTNER_SUSPENDED');
    const developer = await newPage();
    await signIn(developer, developerLogin.email, developerLogin.password);
    // The overview, where signing in lands, says so first.
    await developer.getByRole('heading', { name: /^Suspense Analytics is suspended since / }).waitFor();
    await developer.goto('/console/keys');
    await developer.getByRole('heading', { name: /^Suspense Analytics is suspended since / }).waitFor();
    const row = developer.locator('tr', { hasText: 'nightly export' });
    await row.getByText('Refused: partner suspended').waitFor();
    expect(await developer.getByRole('button', { name: 'Create key' }).count()).toBe(0);
    expect(await row.getByRole('button', { name: 'Roll nightly export' }).count()).toBe(0);
    expect(await row.getByRole('button', { name: 'Revoke nightly export' }).count()).toBe(1);
    await visit(developer, 'keys-suspended');

    // Reactivated, the same page offers keys again.
    await admin.getByRole('button', { name: 'Reactivate…' }).click();
    await admin.getByLabel('Reason (required, kept in the history)').fill('Review passed');
    await admin.getByRole('dialog').getByRole('button', { name: 'Reactivate' }).click();
    await admin.getByTestId('partner-status').getByText('Active').waitFor();
    await developer.reload();
    await developer.getByRole('button', { name: 'Create key' }).waitFor();
    await row.getByRole('button', { name: 'Roll nightly export' }).waitFor();
    expect(await developer.getByRole('heading', { name: /is suspended since/ }).count()).toBe(0);
  }, 120_000);

  it('lets the business team prepare, issue and settle an invoice that the partner sees once issued', async () => {
    const developerLogin = { email: 'kim@invoiced.example', password: 'Meadow-Ledger-58' };
    const { partnerId, developerSession } = await partnerWithDeveloper('Invoiced Media', developerLogin);
    // Every issued invoice names its buyer: the partner's billing profile (test/portal-invoices.test.ts
    // enters one in the page).
    await query(
      stack.graphqlUrl,
      'mutation ($p: ID, $i: BillingProfileInput!) { setBillingProfile(partnerId: $p, input: $i) { partnerId } }',
      {
        p: partnerId,
        i: {
          name: 'Invoiced Media Ltd',
          addressLines: ['1 Print Street'],
          country: 'GB',
          email: 'ap@invoiced.example',
        },
      },
      await apiSignIn(stack.graphqlUrl),
    );
    // A few operations this month, with the developer's session, so the draft has usage to count.
    for (let i = 0; i < 3; i += 1) await query(stack.graphqlUrl, '{ teams { name } }', {}, developerSession);
    const month = new Date().toISOString().slice(0, 7);

    // The business team prepares this month's draft, on its own invoices page (the console's sends it there).
    const admin = await newPage();
    await signIn(admin, DEVELOPMENT_ADMIN.email, DEVELOPMENT_ADMIN.password);
    await admin.goto('/console/invoices');
    await admin.waitForURL(/\/admin\/invoices$/);
    // Before choosing a partner: every partner's drafts waiting to be issued, with the month just ended's
    // that billing prepared for the demo partners at start.
    const lastMonth = previousMonth(new Date());
    await admin.getByRole('heading', { name: 'Drafts to issue' }).waitFor();
    await admin.locator('td[data-label="Month"]', { hasText: lastMonth }).first().waitFor();
    await visit(admin, 'invoices-to-issue');
    // A partner's invoices in the partner console.
    await admin.goto(`/console/invoices?partner=${partnerId}`);
    await admin.getByRole('heading', { name: 'Invoices of Invoiced Media' }).waitFor();
    const partners = admin.getByLabel('Partner', { exact: true });
    await admin.getByText('No invoices yet.').waitFor();
    await admin.getByLabel('Month').selectOption(month);
    await admin.getByRole('button', { name: 'Prepare draft' }).click();
    const draftRow = admin.locator('tr', { hasText: month });
    await draftRow.getByText('Draft (only Meridian sees it)').waitFor();
    const total = (await draftRow.locator('td[data-label="Total"]').textContent())!;
    expect(total).toMatch(/^€\d[\d,]*\.\d\d$/);
    await admin.getByText(`The ${month} draft comes to ${total}.`).waitFor();
    await visit(admin, 'invoices-draft');

    // The partner's developer does not see the draft.
    const developer = await newPage();
    await signIn(developer, developerLogin.email, developerLogin.password);
    await developer.goto('/console/invoices');
    await developer.getByText('No invoices yet.').waitFor();

    // Issued from the drafts of every partner (this month has not ended: only with a reason), it shows in
    // the developer's console, and opens as the printable page.
    await admin.getByRole('button', { name: 'Show no partner' }).click();
    const issue = admin.getByRole('button', { name: `Issue the ${month} draft of Invoiced Media` });
    await issue.click();
    await admin
      .getByRole('dialog')
      .getByLabel('Why issue it now? (kept on the invoice)')
      .fill('Test of the portal');
    await admin.getByRole('dialog').getByRole('button', { name: 'Issue early' }).click();
    await admin.getByText(/^Issued MER-\d{4}-\d{4} to Invoiced Media, due /).waitFor();
    await issue.waitFor({ state: 'detached' });
    await partners.fill('Invoiced');
    await admin.getByRole('option', { name: /^Invoiced Media/ }).click();
    await draftRow.getByText('Issued, awaiting payment').waitFor();
    await developer.reload();
    const row = developer.locator('tr', { hasText: month });
    await row.getByText('Issued, awaiting payment').waitFor();
    expect(await row.locator('td[data-label="Total"]').textContent()).toBe(total);
    expect(await row.getByRole('button', { name: /^Issue|^Mark paid/ }).count()).toBe(0);
    await row.getByRole('button', { name: /^View invoice MER-\d{4}-\d{4} of Invoiced Media$/ }).click();
    const invoice = developer.frameLocator('iframe[title^="Invoice "]');
    await invoice.getByText('Invoiced Media').waitFor();
    await invoice.locator('tr.total').getByText(total).waitFor();
    await visit(developer, 'invoice-viewed');
    const [download] = await Promise.all([
      developer.waitForEvent('download'),
      developer.getByRole('dialog').getByRole('button', { name: 'Download PDF' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^MER-\d{4}-\d{4}\.pdf$/);
    const saved = fs.readFileSync((await download.path())!);
    expect(saved.subarray(0, 5).toString()).toBe('%PDF-');
    expect(await pdfText(saved)).toContain('Invoiced Media Ltd');
    await developer.getByRole('dialog').getByRole('button', { name: 'Close' }).click();

    // Payment recorded by the business team shows on the partner's side. Here a colleague records it while
    // this dialog is open: confirming then says why it fails, in the dialog, and changes nothing.
    await draftRow
      .getByRole('button', { name: /^Record a payment of invoice MER-\d{4}-\d{4} of Invoiced Media$/ })
      .click();
    const dialog = admin.getByRole('dialog');
    await query(
      stack.graphqlUrl,
      'mutation ($id: ID!) { markInvoicePaid(id: $id) { id } }',
      { id: await draftRow.getAttribute('data-invoice-id') },
      await apiSignIn(stack.graphqlUrl),
    );
    await dialog.getByLabel('Bank reference').fill('BACS-77');
    await dialog.getByRole('button', { name: 'Record payment' }).click();
    await dialog.getByText(/is paid, not issued/).waitFor();
    await dialog.getByText('BAD_USER_INPUT').waitFor();
    await visit(admin, 'invoice-paid-meanwhile');
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await admin.reload();
    await draftRow.getByText('Paid', { exact: true }).waitFor();
    await developer.reload();
    await row.getByText('Paid', { exact: true }).waitFor();
    await visit(developer, 'invoices-paid');
    // The chosen partner stays chosen in the partner console and from tab to tab there.
    await admin.getByRole('link', { name: 'Partner console', exact: true }).click();
    await admin.waitForURL(new RegExp(`/console\\?partner=${partnerId}$`));
    await admin.getByRole('link', { name: 'Usage', exact: true }).click();
    await admin.waitForURL(new RegExp(`/console/usage\\?partner=${partnerId}$`));
    // The address changes before the usage page renders, and its picker names the choice once the list of
    // partners has loaded.
    await admin.getByRole('heading', { level: 1, name: 'Usage' }).waitFor();
    await admin.getByText(`Showing Invoiced Media (${partnerId}).`).waitFor();
    expect(await partners.inputValue()).toBe('Invoiced Media');
    const phone = await newPage(PHONE);
    await signIn(phone, developerLogin.email, developerLogin.password);
    await phone.goto('/console/invoices');
    await phone.locator('tr', { hasText: month }).getByText('Paid', { exact: true }).waitFor();
    await visit(phone, 'phone-invoices');
  }, 120_000);
});
