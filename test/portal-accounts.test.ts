/**
 * Keys and accounts in the portal, in headless Chromium at a desktop's and a phone's width: a key's secret
 * (created or rolled) in a dialog that holds the focus, inside the viewport wherever the page was scrolled;
 * Cancel first in the revoke question; a test key with one read scope preselected; scopes changed after
 * creation; a session that survives a new tab and a reload; a request for access approved by the business
 * team, its invitation followed from the outbox; a password reset through the outbox. Screenshots go to
 * test/screenshots/accounts/ (gitignored).
 */
import fs from 'node:fs';
import path from 'node:path';
import { type Browser, type BrowserContext, type Page } from 'playwright-core';
import { freePort } from '@meridian/stack';
import {
  DEVELOPMENT_ADMIN,
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

const SCREENSHOTS = path.resolve(__dirname, 'screenshots', 'accounts');
const WIDTHS = [
  ['desktop', DESKTOP],
  ['phone', PHONE],
] as const;

const describeWithBrowser = describeIfChromium('test/portal-accounts.test.ts');

const UNLABELLED_CONTROLS = unlabelledControls();
/** Whether the focused element is inside an open modal dialog. */
const FOCUS_IN_DIALOG = `Boolean(document.activeElement && document.activeElement.closest('dialog[open]'))`;

describeWithBrowser('keys and accounts in the portal', () => {
  let stack: TestStack;
  let browser: Browser;
  let admin: Record<string, string>;
  const contexts: BrowserContext[] = [];
  const browserErrors: string[] = [];

  /** Saves the viewport as the user sees it, and checks the page has one h1 and labelled controls. */
  const visit = async (page: Page, name: string) => {
    await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`) });
    expect(await page.locator('main h1').count()).toBe(1);
    expect(await page.evaluate<string[]>(UNLABELLED_CONTROLS)).toEqual([]);
  };

  const newContext = async (viewport: { width: number; height: number }) => {
    const context = await browser.newContext({ viewport, baseURL: stack.urls.gateway });
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: stack.urls.gateway });
    contexts.push(context);
    return context;
  };
  const newPage = async (context: BrowserContext) => {
    const page = await context.newPage();
    page.setDefaultTimeout(STEP_MS);
    page.on('pageerror', (error) => browserErrors.push(`${page.url()}: ${error.message}`));
    return page;
  };

  const signIn = async (page: Page, email: string, password: string) => {
    await page.goto('/console');
    await page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
    await page.getByLabel('Email', { exact: true }).fill(email);
    await page.getByLabel('Password', { exact: true }).fill(password);
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await page.getByText('Signed in as').waitFor();
  };

  /** A partner on the Pro plan with a developer who accepted the invitation, set up through the API. */
  const partnerWithDeveloper = async (name: string, email: string, password: string) => {
    const { createPartner } = await query<{ createPartner: { id: string } }>(
      stack.graphqlUrl,
      'mutation ($n: String!) { createPartner(name: $n, planId: "plan_pro") { id } }',
      { n: name },
      admin,
    );
    const { inviteUser } = await query<{ inviteUser: { token: string } }>(
      stack.graphqlUrl,
      'mutation ($p: ID!, $e: String!) { inviteUser(partnerId: $p, email: $e, role: DEVELOPER) { token } }',
      { p: createPartner.id, e: email },
      admin,
    );
    await query(
      stack.graphqlUrl,
      'mutation ($t: String!, $pw: String!) { acceptInvitation(token: $t, name: "Kim", password: $pw) { expiresAt } }',
      { t: inviteUser.token, pw: password },
      {},
    );
    return createPartner.id;
  };

  /** The link in the newest outbox message to `email`, as the admin's outbox page shows it. */
  const linkFromOutbox = async (adminPage: Page, email: string, subject: RegExp, name: string) => {
    await adminPage.goto('/admin/outbox');
    const message = adminPage
      .getByRole('listitem')
      .filter({ hasText: `To ${email}` })
      .filter({ hasText: subject });
    const deadline = Date.now() + STEP_MS;
    while ((await message.count()) === 0) {
      expect(Date.now()).toBeLessThan(deadline);
      await adminPage.getByRole('button', { name: 'Refresh' }).click();
      await adminPage.waitForTimeout(200);
    }
    await visit(adminPage, name);
    const href = await message.first().getByRole('link').getAttribute('href');
    const url = new URL(href!);
    // PORTAL_URL is this gateway: the link leads back into the portal under test.
    expect(url.origin).toBe(stack.urls.gateway);
    return `${url.pathname}${url.search}`;
  };

  /** Whether `locator`'s box lies wholly inside the viewport. */
  const inViewport = async (page: Page, locator: ReturnType<Page['locator']>) => {
    const box = (await locator.boundingBox())!;
    const { width, height } = page.viewportSize()!;
    return box.x >= 0 && box.y >= 0 && box.x + box.width <= width && box.y + box.height <= height;
  };

  beforeAll(async () => {
    requirePortalBuild();
    fs.rmSync(SCREENSHOTS, { recursive: true, force: true });
    fs.mkdirSync(SCREENSHOTS, { recursive: true });
    const port = await freePort();
    stack = await startTestStack({
      ports: { gateway: port },
      env: {
        ANONYMOUS_SCOPES: '',
        PORTAL_URL: `http://127.0.0.1:${port}`,
        LOGIN_ATTEMPTS_PER_MINUTE: '10000',
      },
    });
    admin = await apiSignIn(stack.graphqlUrl, DEVELOPMENT_ADMIN);
    browser = await launchChromium();
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

  describe.each(WIDTHS)('on a %s', (width, viewport) => {
    it('shows a new or rolled secret in a focused dialog in view, asks Cancel first, and edits scopes', async () => {
      const developer = { email: `keys-${width}@portal-accounts.example`, password: 'Orbit-Lantern-2026!' };
      const partnerId = await partnerWithDeveloper(`Keys ${width}`, developer.email, developer.password);
      const page = await newPage(await newContext(viewport));
      await signIn(page, developer.email, developer.password);
      await page.goto('/console/keys');
      await page.getByRole('heading', { name: 'Create a key' }).waitFor();

      // A test key with the fewest scopes is what the form starts with, each scope saying what it allows.
      expect(await page.getByLabel('Environment').inputValue()).toBe('TEST');
      // Run in the page, hence strings (the tests compile without the DOM's types).
      const checked = await page.evaluate<string[]>(
        `[...document.querySelectorAll('form fieldset input[type="checkbox"]')].filter((box) => box.checked).map((box) => box.id)`,
      );
      expect(checked).toEqual(['new-key-scope-matches:read']);
      const descriptions = await page.evaluate<string[]>(
        `[...document.querySelectorAll('form fieldset input[type="checkbox"]')]
          .map((box) => (document.getElementById(box.getAttribute('aria-describedby')) || {}).textContent || '')`,
      );
      expect(descriptions.length).toBeGreaterThanOrEqual(4);
      for (const description of descriptions) expect(description.trim().length).toBeGreaterThan(10);
      await visit(page, `${width}-keys-form`);

      // Created: the secret opens in a modal dialog, in view and focused, and the focus stays inside.
      await page.getByLabel('Name', { exact: true }).fill('scoreboard');
      await page.getByRole('button', { name: 'Create key' }).click();
      const dialog = page.getByRole('dialog', { name: 'The secret of “scoreboard”' });
      await dialog.waitFor();
      const secret = dialog.getByTestId('new-secret');
      const created = await secret.textContent();
      expect(created).toMatch(/^mer_test_/);
      expect(await inViewport(page, secret)).toBe(true);
      expect(await page.evaluate<boolean>(FOCUS_IN_DIALOG)).toBe(true);
      for (let i = 0; i < 5; i += 1) {
        await page.keyboard.press(i % 2 ? 'Shift+Tab' : 'Tab');
        await page.keyboard.press('Tab');
        expect(await page.evaluate<boolean>(FOCUS_IN_DIALOG)).toBe(true);
      }
      await page.keyboard.press('Escape');
      expect(await dialog.isVisible()).toBe(true);
      await dialog.getByRole('button', { name: 'Copy the secret of scoreboard' }).click();
      await dialog.getByText('Copied').waitFor();
      await visit(page, `${width}-keys-created-dialog`);
      await dialog.getByRole('button', { name: 'I have stored it' }).click();
      await dialog.waitFor({ state: 'hidden' });

      // Rolled from the bottom of a scrolled page: the new secret is in view, and so is when the old one stops.
      const row = page.locator('tr', { hasText: 'scoreboard' });
      await row.getByRole('button', { name: 'Roll scoreboard' }).scrollIntoViewIfNeeded();
      await row.getByRole('button', { name: 'Roll scoreboard' }).click();
      await page.getByLabel('Grace period').selectOption({ label: '1 hour' });
      await page.getByRole('button', { name: 'Roll key' }).click();
      const rolled = page.getByRole('dialog', { name: 'The new secret of “scoreboard”' });
      await rolled.waitFor();
      const newSecret = rolled.getByTestId('new-secret');
      expect(await newSecret.textContent()).toMatch(/^mer_test_/);
      expect(await newSecret.textContent()).not.toBe(created);
      expect(await inViewport(page, newSecret)).toBe(true);
      expect(await page.evaluate<boolean>(FOCUS_IN_DIALOG)).toBe(true);
      await rolled.getByText(/The old secret keeps working until/).waitFor();
      await visit(page, `${width}-keys-rolled-dialog`);
      await rolled.getByRole('button', { name: 'I have stored it' }).click();
      await rolled.waitFor({ state: 'hidden' });
      await row
        .getByTestId('grace-end')
        .getByText(/^Old secret works until /)
        .waitFor();

      // Revoking asks first, with Cancel focused; cancelled, the key stays.
      await row.getByRole('button', { name: 'Revoke scoreboard' }).click();
      const question = page.getByRole('dialog', { name: 'Revoke “scoreboard”?' });
      await question.waitFor();
      expect(await page.evaluate<string>('document.activeElement.textContent')).toBe('Cancel');
      await visit(page, `${width}-keys-revoke-question`);
      await page.keyboard.press('Enter');
      await question.waitFor({ state: 'hidden' });
      expect(await row.getByText('Active').count()).toBe(1);

      // Scopes changed after creation, within the plan.
      await row.getByRole('button', { name: 'Edit the scopes of scoreboard' }).click();
      const editor = page.getByRole('dialog', { name: 'Scopes of “scoreboard”' });
      await editor.getByLabel('billing:read').check();
      await visit(page, `${width}-keys-scopes-dialog`);
      await editor.getByRole('button', { name: 'Save scopes' }).click();
      await editor.waitFor({ state: 'hidden' });
      await row.locator('td[data-label="Scopes"]').getByText('billing:read, matches:read').waitFor();
      const { apiKeys } = await query<{ apiKeys: { name: string; scopes: string[] }[] }>(
        stack.graphqlUrl,
        'query ($p: ID!) { apiKeys(partnerId: $p) { name scopes } }',
        { p: partnerId },
        admin,
      );
      expect(apiKeys).toEqual([{ name: 'scoreboard', scopes: ['billing:read', 'matches:read'] }]);
      await visit(page, `${width}-keys-after`);
    }, 120_000);

    it('keeps the session in a new tab and after a reload, without tokens in reach of scripts', async () => {
      const developer = { email: `tabs-${width}@portal-accounts.example`, password: 'Copper-Meadow-2026!' };
      await partnerWithDeveloper(`Tabs ${width}`, developer.email, developer.password);
      const context = await newContext(viewport);
      const first = await newPage(context);
      await signIn(first, developer.email, developer.password);
      const second = await newPage(context);
      await second.goto('/console/keys');
      await second.getByText(`Signed in as`).waitFor();
      await second.getByRole('heading', { level: 1, name: 'API keys' }).waitFor();
      await visit(second, `${width}-new-tab`);
      await first.reload();
      await first.getByText('Signed in as').waitFor();
      expect(await first.evaluate<string>('document.cookie')).not.toContain('meridian_refresh');
      expect(await first.evaluate<number>('sessionStorage.length + localStorage.length')).toBe(0);

      await first.getByRole('button', { name: 'Sign out' }).click();
      await first.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
      await second.reload();
      await second.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
      await visit(second, `${width}-signed-out`);
    }, 60_000);

    it('takes a request for access through approval and the outbox to a first sign-in', async () => {
      const organisation = `Requested Sports ${width}`;
      const requester = {
        email: `request-${width}@portal-accounts.example`,
        password: 'Harbour-Compass-2026!',
      };
      const page = await newPage(await newContext(viewport));
      await page.goto('/console');
      await page.getByRole('link', { name: 'No account yet? Request access' }).click();
      await page.getByRole('heading', { level: 1, name: 'Request access' }).waitFor();
      await page.getByLabel('Organisation').fill(organisation);
      await page.getByLabel('Your name').fill('Rae Requester');
      await page.getByLabel('Work email').fill(requester.email);
      await page.getByLabel('What you want to build (optional)').fill('A live match centre for our app.');
      await visit(page, `${width}-request-access-form`);
      await page.getByRole('button', { name: 'Request access' }).click();
      await page
        .getByRole('status')
        .getByText(/reviews requests/)
        .waitFor();
      await visit(page, `${width}-request-access-sent`);

      const adminPage = await newPage(await newContext(viewport));
      await signIn(adminPage, DEVELOPMENT_ADMIN.email, DEVELOPMENT_ADMIN.password);
      await adminPage.goto('/admin/requests');
      const row = adminPage.locator('tr', { hasText: organisation });
      await row.getByText('Pending').waitFor();
      await visit(adminPage, `${width}-admin-requests`);
      await row.getByRole('button', { name: `Approve ${organisation}` }).click();
      await adminPage.getByLabel('Plan').selectOption({ label: 'Pro' });
      await adminPage.getByRole('button', { name: 'Approve and invite' }).click();
      await adminPage.getByText(`${requester.email} was invited by email`).waitFor();
      await row.getByText(/^Approved/).waitFor();

      const link = await linkFromOutbox(
        adminPage,
        requester.email,
        /You are invited/,
        `${width}-admin-outbox-invitation`,
      );
      await page.goto(link);
      // Which organisation and which e-mail, before anything is filled in.
      const summary = page.getByTestId('invitation-summary');
      await summary.waitFor();
      expect(await summary.textContent()).toContain(organisation);
      expect(await summary.textContent()).toContain(requester.email);
      await page.getByLabel('Your name').fill('Rae Requester');
      await page.getByLabel('Password', { exact: true }).fill(requester.password);
      await page.getByRole('button', { name: 'Show password', exact: true }).click();
      expect(await page.getByLabel('Password', { exact: true }).getAttribute('type')).toBe('text');
      expect(await page.getByLabel('Password', { exact: true }).inputValue()).toBe(requester.password);
      await page.getByLabel('Password again', { exact: true }).fill(requester.password);
      await visit(page, `${width}-accept-invitation`);
      await page.getByRole('button', { name: 'Accept the invitation' }).click();
      await page.waitForURL('**/console/keys');
      await page.getByText(`Signed in as Rae Requester`).waitFor();
      await page.getByRole('button', { name: 'Sign out' }).click();
      await signIn(page, requester.email, requester.password);

      // The link worked once.
      await page.goto(link);
      await page
        .getByRole('alert')
        .getByText(/already been used/)
        .waitFor();
      await visit(page, `${width}-accept-used`);
    }, 120_000);

    it('resets a forgotten password through the outbox', async () => {
      const developer = { email: `forgot-${width}@portal-accounts.example`, password: 'Granite-River-2026!' };
      const fresh = 'Juniper-Signal-2027!';
      await partnerWithDeveloper(`Forgetful ${width}`, developer.email, developer.password);
      const page = await newPage(await newContext(viewport));
      await page.goto('/console');
      await page.getByRole('link', { name: 'Forgot your password?' }).click();
      await page.getByRole('heading', { level: 1, name: 'Reset your password' }).waitFor();
      await page.getByLabel('Email').fill(developer.email);
      await page.getByRole('button', { name: 'Send me a link' }).click();
      await page
        .getByRole('status')
        .getByText(/a link to choose a new password is on its way/)
        .waitFor();
      await visit(page, `${width}-reset-requested`);

      const adminPage = await newPage(await newContext(viewport));
      await signIn(adminPage, DEVELOPMENT_ADMIN.email, DEVELOPMENT_ADMIN.password);
      const link = await linkFromOutbox(
        adminPage,
        developer.email,
        /Reset your Meridian password/,
        `${width}-admin-outbox-reset`,
      );
      await page.goto(link);
      await page.getByLabel('New password', { exact: true }).fill(fresh);
      await page.getByLabel('New password again', { exact: true }).fill(fresh);
      await visit(page, `${width}-reset-form`);
      await page.getByRole('button', { name: 'Set the new password' }).click();
      await page.waitForURL(/\/console$/);
      await page.getByText('Signed in as').waitFor();
      await page.getByRole('button', { name: 'Sign out' }).click();

      // The old password is refused at the form; the new one signs in.
      await page.getByLabel('Email', { exact: true }).fill(developer.email);
      await page.getByLabel('Password', { exact: true }).fill(developer.password);
      await page.getByRole('button', { name: 'Sign in', exact: true }).click();
      await page
        .getByRole('alert')
        .getByText(/wrong password/)
        .waitFor();
      await visit(page, `${width}-sign-in-refused`);
      await signIn(page, developer.email, fresh);
    }, 120_000);
  });
});
