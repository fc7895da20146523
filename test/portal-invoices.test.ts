/**
 * Invoices in the portal, in headless Chromium against the real stack: the business team keeps a partner's
 * billing profile, issues the month just ended (it gets its number and due date), is stopped from issuing
 * the current month unless it gives a reason (shown on the invoice), records a partial and then a full
 * payment, and downloads the PDF, whose text this test reads. The partner's developer sees its invoices in
 * the console, read only, with due dates and the PDF; on a phone too. Screenshots go to
 * test/screenshots/invoices/ (gitignored).
 */
import fs from 'node:fs';
import path from 'node:path';
import { type Browser, type BrowserContext, type Download, type Page } from 'playwright-core';
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

const SCREENSHOTS = path.resolve(__dirname, 'screenshots', 'invoices');
const DEVELOPER = { email: 'lee@ledgerline.example', password: 'Ledger-Lantern-77' };
const PARTNER = 'Ledgerline Media';

const describeWithBrowser = describeIfChromium('test/portal-invoices.test.ts');

const UNLABELLED_CONTROLS = unlabelledControls(
  'main input, main select, main textarea, main button, dialog input, dialog textarea',
);

describeWithBrowser('invoices in the portal', () => {
  let stack: TestStack;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  const browserErrors: string[] = [];
  let partnerId: string;

  const visit = async (page: Page, name: string) => {
    await page.evaluate('window.scrollTo(0, 0)');
    await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage: true });
    expect(await page.evaluate<string[]>(UNLABELLED_CONTROLS)).toEqual([]);
  };

  const newPage = async (viewport = DESKTOP) => {
    const context = await browser.newContext({
      viewport,
      baseURL: stack.urls.gateway,
      acceptDownloads: true,
    });
    contexts.push(context);
    const page = await context.newPage();
    page.setDefaultTimeout(STEP_MS);
    page.on('pageerror', (error) => browserErrors.push(`${page.url()}: ${error.message}`));
    return page;
  };

  const signIn = async (page: Page, email: string, password: string) => {
    await page.goto('/console');
    await page.getByLabel('Email', { exact: true }).fill(email);
    await page.getByLabel('Password', { exact: true }).fill(password);
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await page.getByText('Signed in as').waitFor();
  };

  /** Saves the download and returns its name and the text of the PDF. */
  const pdfOf = async (download: Download) => {
    const file = (await download.path())!;
    const bytes = fs.readFileSync(file);
    expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
    return { name: download.suggestedFilename(), text: await pdfText(bytes) };
  };

  beforeAll(async () => {
    requirePortalBuild();
    fs.rmSync(SCREENSHOTS, { recursive: true, force: true });
    fs.mkdirSync(SCREENSHOTS, { recursive: true });
    stack = await startTestStack({ env: { ANONYMOUS_SCOPES: '' } });
    browser = await launchChromium();
    const admin = await apiSignIn(stack.graphqlUrl);
    const { createPartner } = await query<{ createPartner: { id: string } }>(
      stack.graphqlUrl,
      'mutation ($name: String!) { createPartner(name: $name, planId: "plan_pro") { id } }',
      { name: PARTNER },
      admin,
    );
    partnerId = createPartner.id;
    const { inviteUser } = await query<{ inviteUser: { token: string } }>(
      stack.graphqlUrl,
      'mutation ($p: ID!, $e: String!) { inviteUser(partnerId: $p, email: $e, role: DEVELOPER) { token } }',
      { p: partnerId, e: DEVELOPER.email },
      admin,
    );
    await query(
      stack.graphqlUrl,
      'mutation ($t: String!, $pw: String!) { acceptInvitation(token: $t, name: "Lee", password: $pw) { accessToken } }',
      { t: inviteUser.token, pw: DEVELOPER.password },
      {},
    );
  });
  afterEach(async () => {
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

  it('lets the business team issue a past month, refuse the current one without a reason, and take payments', async () => {
    const lastMonth = previousMonth(new Date());
    const thisMonth = new Date().toISOString().slice(0, 7);
    const admin = await newPage();
    await signIn(admin, DEVELOPMENT_ADMIN.email, DEVELOPMENT_ADMIN.password);

    // The console's invoices page sends an admin to the business team's page, keeping the partner.
    await admin.goto(`/console/invoices?partner=${partnerId}`);
    await admin.waitForURL(new RegExp(`/admin/invoices\\?partner=${partnerId}$`));
    await admin.getByText(/No billing profile yet/).waitFor();

    // The billing profile, entered once.
    await admin.getByLabel('Legal name').fill('Ledgerline Media Ltd');
    await admin.getByLabel('Address (one line each)').fill('4 Press Yard\nManchester M1 2AB');
    await admin.getByLabel('Country code').fill('GB');
    await admin.getByLabel('VAT id').fill('GB 246 8101 21');
    await admin.getByLabel('Billing e-mail').fill('finance@ledgerline.example');
    await admin.getByRole('button', { name: 'Save billing profile' }).click();
    await admin.getByText(/^Saved\./).waitFor();

    // Last month: prepared, then issued with its number and due date.
    await admin.getByLabel('Month', { exact: true }).selectOption(lastMonth);
    await admin.getByRole('button', { name: 'Prepare draft' }).click();
    const pastRow = admin.locator('tr', { hasText: lastMonth });
    await pastRow.getByText('Month ended').waitFor();
    await visit(admin, 'admin-draft');
    await pastRow.getByRole('button', { name: `Issue the ${lastMonth} draft of ${PARTNER}` }).click();
    await admin.getByRole('dialog').getByRole('button', { name: 'Issue invoice' }).click();
    const issued = admin.getByText(/^Issued MER-\d{4}-\d{4} to Ledgerline Media, due \d{4}-\d{2}-\d{2}\.$/);
    await issued.waitFor();
    const [, number, dueOn] = /^Issued (\S+) to .*, due (\S+)\.$/.exec((await issued.textContent())!)!;
    await pastRow.locator('td[data-label="Number"]', { hasText: number! }).waitFor();
    await pastRow.locator('td[data-label="Due date"]', { hasText: dueOn! }).waitFor();

    // This month: the dialog says it has not ended and wants a reason; billing refuses it without one too.
    await admin.getByLabel('Month', { exact: true }).selectOption(thisMonth);
    await admin.getByRole('button', { name: 'Prepare draft' }).click();
    const currentRow = admin.locator('tr', { hasText: thisMonth });
    await currentRow.getByText('Month not over yet').waitFor();
    const draftId = (await currentRow.getAttribute('data-invoice-id'))!;
    const refused = await post(
      stack.graphqlUrl,
      { query: 'mutation ($id: ID!) { issueInvoice(id: $id) { id } }', variables: { id: draftId } },
      await apiSignIn(stack.graphqlUrl),
    );
    expect(refused.body.errors?.[0]?.extensions?.code).toBe('PERIOD_NOT_ENDED');
    await currentRow.getByRole('button', { name: `Issue the ${thisMonth} draft of ${PARTNER}` }).click();
    const dialog = admin.getByRole('dialog', { name: `Issue the ${thisMonth} draft of ${PARTNER}?` });
    await dialog.getByText(`${thisMonth} has not ended`).waitFor();
    await dialog.getByRole('button', { name: 'Issue early' }).click();
    await dialog.getByText('Give the reason for issuing before the month has ended.').waitFor();
    await visit(admin, 'admin-issue-early-refused');
    await dialog
      .getByLabel('Why issue it now? (kept on the invoice)')
      .fill('Contract ends mid-month; agreed with finance');
    await dialog.getByRole('button', { name: 'Issue early' }).click();
    await currentRow
      .getByTestId('issue-override')
      .getByText(
        /Issued before the month ended by Meridian admin on .*: Contract ends mid-month; agreed with finance/,
      )
      .waitFor();

    // Payments: part of it, then the rest.
    await pastRow
      .getByRole('button', { name: `Record a payment of invoice ${number} of ${PARTNER}` })
      .click();
    const payment = admin.getByRole('dialog', {
      name: `Record a payment of invoice ${number} of ${PARTNER}`,
    });
    const total = (await pastRow.locator('td[data-label="Total"]').textContent())!;
    await payment.getByLabel(/^Amount received/).fill('10.00');
    await payment.getByLabel('Bank reference').fill('BACS-0001');
    await visit(admin, 'admin-payment');
    await payment.getByRole('button', { name: 'Record payment' }).click();
    await admin.getByText(new RegExp(`^Recorded €10\\.00: .* of ${number} still due\\.$`)).waitFor();
    await pastRow.getByText('Partly paid').waitFor();
    // Too much is refused, in the dialog.
    await pastRow
      .getByRole('button', { name: `Record a payment of invoice ${number} of ${PARTNER}` })
      .click();
    await payment.getByLabel(/^Amount received/).fill('99999.00');
    await payment.getByLabel('Bank reference').fill('BACS-TOO-MUCH');
    await payment.getByRole('button', { name: 'Record payment' }).click();
    await payment.getByText('BAD_USER_INPUT').waitFor();
    // The amount the dialog offers is what is still due.
    await payment.getByRole('button', { name: 'Cancel' }).click();
    await pastRow
      .getByRole('button', { name: `Record a payment of invoice ${number} of ${PARTNER}` })
      .click();
    await payment.getByLabel('Bank reference').fill('BACS-0002');
    await payment.getByRole('button', { name: 'Record payment' }).click();
    await admin.getByText(`${number} is paid.`, { exact: false }).waitFor();
    await pastRow.getByText('Paid', { exact: true }).waitFor();
    await visit(admin, 'admin-partner-invoices');

    // The PDF, named by its number, says what the invoice says.
    const [download] = await Promise.all([
      admin.waitForEvent('download'),
      pastRow.getByRole('button', { name: `Download the PDF of invoice ${number} of ${PARTNER}` }).click(),
    ]);
    const pdf = await pdfOf(download);
    expect(pdf.name).toBe(`${number}.pdf`);
    for (const fact of [
      `Invoice ${number}`,
      'VAT id GB123456789',
      'VAT id GB246810121',
      'Ledgerline Media Ltd',
      '4 Press Yard',
      dueOn!,
      total,
      'BACS-0001',
      'BACS-0002',
      'Paid in full.',
    ]) {
      expect(pdf.text).toContain(fact);
    }

    // Every partner's lists, without a partner chosen.
    await admin.getByRole('button', { name: 'Show no partner' }).click();
    await admin.getByRole('heading', { name: 'Drafts to issue' }).waitFor();
    await admin.getByRole('heading', { name: 'Awaiting payment' }).waitFor();
    await admin.locator('tr', { hasText: number! }).first().waitFor();
    await visit(admin, 'admin-all-invoices');

    const phone = await newPage(PHONE);
    await signIn(phone, DEVELOPMENT_ADMIN.email, DEVELOPMENT_ADMIN.password);
    await phone.goto(`/admin/invoices?partner=${partnerId}`);
    await phone.locator('tr', { hasText: number! }).getByText('Paid', { exact: true }).waitFor();
    await visit(phone, 'admin-phone');
  }, 180_000);

  it("shows the partner's developer its invoices, read only, with due dates and the PDF", async () => {
    for (const [viewport, name] of [
      [DESKTOP, 'partner-console'],
      [PHONE, 'partner-console-phone'],
    ] as const) {
      const developer = await newPage(viewport);
      await signIn(developer, DEVELOPER.email, DEVELOPER.password);
      await developer.goto('/console/invoices');
      await developer.getByRole('heading', { name: `Invoices of ${PARTNER}` }).waitFor();
      const rows = developer.locator('tbody tr');
      await rows.first().waitFor();
      // Two issued months; no drafts, no admin buttons.
      expect(await rows.count()).toBe(2);
      expect(await developer.getByRole('button', { name: /^Issue|^Record a payment/ }).count()).toBe(0);
      const first = rows.first();
      const number = (await first.locator('td[data-label="Number"]').textContent())!;
      expect(number).toMatch(/^MER-\d{4}-\d{4}$/);
      expect(await first.locator('td[data-label="Due date"]').textContent()).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      // The override reason is the business team's note.
      expect(await developer.getByText(/Issued before the month ended/).count()).toBe(0);
      await visit(developer, name);
      const [download] = await Promise.all([
        developer.waitForEvent('download'),
        first.getByRole('button', { name: `Download the PDF of invoice ${number} of ${PARTNER}` }).click(),
      ]);
      const pdf = await pdfOf(download);
      expect(pdf.name).toBe(`${number}.pdf`);
      expect(pdf.text).toContain(`Invoice ${number}`);
      expect(pdf.text).toContain('VAT id GB246810121');
    }
  }, 120_000);
});
