import { type APIRequestContext, type Browser, expect, type Page, test } from '@playwright/test';
import { ADMIN } from '../env';
import { nav, navEntries, signIn, signOut } from './helpers';

/**
 * The web app's frame, beyond the main journeys: how the server hands out the app, the screens of
 * the account and of user administration, the audit log's filters, the conflict dialog's "reload"
 * path, a tablet-sized window, and what keyboard and screen-reader users need.
 */

const unique = () => Date.now().toString(36) + Math.random().toString(36).slice(2, 6);

/** Signs in through the API (as a script would) and calls it with that token. */
async function apiAs(request: APIRequestContext, user: { email: string; password: string }) {
  const login = await request.post('/api/v1/auth/login', {
    data: { email: user.email, password: user.password },
  });
  expect(login.ok()).toBe(true);
  const { access_token: token } = await login.json();
  const headers = { authorization: `Bearer ${token}` };
  return {
    async call(method: 'GET' | 'POST' | 'PATCH', path: string, data?: unknown, extra = {}) {
      const response = await request.fetch(path, { method, data, headers: { ...headers, ...extra } });
      expect(response.ok(), `${method} ${path} → ${response.status()}: ${await response.text()}`).toBe(true);
      return { body: await response.json(), etag: response.headers().etag };
    },
    logout: () => request.post('/api/v1/auth/logout', { headers }),
  };
}

/** A user of the given role, created by the administrator through the API. */
async function newUser(request: APIRequestContext, role: string, name: string) {
  const user = { email: `${role}-${unique()}@e2e.test`, password: `${role}-Pass-123`, name };
  const admin = await apiAs(request, ADMIN);
  const { body } = await admin.call('POST', '/api/v1/users', {
    email: user.email,
    full_name: name,
    role,
    password: user.password,
  });
  await admin.logout();
  return { ...user, id: body.id as string };
}

async function newContextPage(browser: Browser) {
  const context = await browser.newContext();
  return { context, page: await context.newPage() };
}

test('the server answers client routes with the app and leaves /api, /docs and /health alone', async ({
  request,
  page,
}) => {
  for (const path of ['/', '/customers/0b6f9b8e-6a3c-4a57-9d0e-1b2c3d4e5f60/edit', '/no/such/page?x=1']) {
    const response = await request.get(path);
    expect(response.status(), path).toBe(200);
    expect(response.headers()['content-type']).toContain('text/html');
    expect(response.headers()['cache-control']).toBe('no-cache');
    expect(await response.text()).toContain('<div id="root"></div>');
  }
  for (const path of ['/api', '/api/v1/no-such-thing', '/assets/no-such-file.js']) {
    const response = await request.get(path);
    expect(response.status(), path).toBe(404);
    expect(response.headers()['content-type']).toContain('application/problem+json');
  }
  const health = await request.get('/health');
  expect(await health.json()).toEqual({ status: 'ok' });
  const docs = await request.get('/docs');
  expect(docs.status()).toBe(200);
  expect(await docs.text()).not.toContain('<div id="root"></div>');
  expect((await (await request.get('/openapi.json')).json()).openapi).toMatch(/^3\./);

  // a deep link opened by a signed-out browser: the app loads, asks for a sign-in, then goes there
  await page.goto('/customers/new');
  await expect(page).toHaveURL(/\/login\?next=%2Fcustomers%2Fnew$/);
  await page.getByLabel('E-mail').fill(ADMIN.email);
  await page.getByRole('textbox', { name: 'Password' }).fill(ADMIN.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('heading', { name: 'New customer' })).toBeVisible();
});

test('an auditor sees the audit log and filters it by action, actor, entity and date', async ({
  page,
  request,
}) => {
  const auditor = await newUser(request, 'auditor', 'Aude Auditor');
  await signIn(page, auditor);
  const entries = await navEntries(page);
  expect(entries).toContain('Audit log');
  for (const hidden of ['Users', 'My company']) expect(entries).not.toContain(hidden);

  await nav(page, 'Audit log');
  await expect(page.getByTestId('chain-status')).toContainText('Audit chain intact');
  const table = page.getByTestId('table-audit-log');

  // action: suggested values, but any action name the server writes can be typed
  await page.getByRole('combobox', { name: 'Action' }).fill('log');
  await page.getByRole('option', { name: 'login', exact: true }).click();
  await expect(page).toHaveURL(/action=login/);
  await expect(table.getByRole('row').nth(1)).toContainText('login');
  // The table keeps the unfiltered page on screen until the filtered one arrives, so read all the
  // rows in one go and retry until no row other than the header is something else than a login.
  await expect
    .poll(async () => {
      const rows = await table.getByRole('row').allInnerTexts();
      return rows.filter((text) => !text.startsWith('#') && !text.includes('login'));
    })
    .toEqual([]);

  // actor: from an event's actor, without typing a UUID
  await table
    .getByRole('button', { name: `Show only events by ${auditor.id.slice(-8)}` })
    .first()
    .click();
  await expect(page).toHaveURL(new RegExp(`actor_id=${auditor.id}`));
  await expect(page.getByLabel('Actor id', { exact: true })).toHaveValue(auditor.id);
  await expect(table.getByRole('row')).toHaveCount(2); // the header and this auditor's one sign-in

  // entity: a type the first version of this page did not list
  await page.getByRole('combobox', { name: 'Action' }).fill('');
  await page.getByRole('combobox', { name: 'Action' }).press('Enter');
  await expect(page).not.toHaveURL(/action=/);
  await page.getByRole('combobox', { name: 'Entity', exact: true }).fill('session');
  await page.getByRole('combobox', { name: 'Entity', exact: true }).press('Enter');
  await expect(page).toHaveURL(/entity_type=session/);
  await expect(table.getByRole('row').nth(1)).toContainText('session');

  // date: today's events are in, tomorrow's filter has none
  const today = new Date().toISOString().slice(0, 10);
  const tomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
  await page.goto(`/audit-log?actor_id=${auditor.id}&at_from=${today}`);
  await expect(table.getByRole('row').nth(1)).not.toHaveAttribute('data-testid', 'skeleton-row');
  await expect(table).toContainText('login');
  await page.goto(`/audit-log?actor_id=${auditor.id}&at_from=${tomorrow}`);
  await expect(page.getByText('No events match this search and filter')).toBeVisible();
  await page.getByRole('button', { name: 'Clear search and filters' }).click();
  await expect(page).toHaveURL(/\/audit-log$/);
});

test('my account: a wrong current password is shown on its field; the new password is the one that works', async ({
  page,
  request,
}) => {
  const user = { email: `me-${unique()}@e2e.test`, password: 'First-pass-123', name: 'Pat Password' };
  const admin = await apiAs(request, ADMIN);
  await admin.call('POST', '/api/v1/users', {
    email: user.email,
    full_name: user.name,
    role: 'engineer',
    password: user.password,
  });
  await admin.logout();

  await signIn(page, user);
  await page.getByTestId('user-menu').click();
  await page.getByRole('menuitem', { name: 'My account' }).click();
  await page.getByRole('tab', { name: 'Password' }).click();
  await expect(page).toHaveURL(/\/account\/password$/);
  await page.getByLabel('Current password').fill('not-my-password');
  await page.getByRole('textbox', { name: 'New password', exact: true }).fill('Second-pass-456');
  await page.getByLabel('Repeat the new password').fill('Second-pass-456');
  await page.getByRole('button', { name: 'Change password' }).click();
  // the API's errors[] names current_password: the message sits on that input
  await expect(page.getByLabel('Current password')).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByText('is incorrect')).toBeVisible();

  await page.getByLabel('Current password').fill(user.password);
  await page.getByRole('button', { name: 'Change password' }).click();
  await expect(page.getByText('Your other sessions were signed out.')).toBeVisible();
  await signOut(page);

  await page.getByLabel('E-mail').fill(user.email);
  await page.getByRole('textbox', { name: 'Password' }).fill(user.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('alert')).toContainText('Incorrect email or password');
  await signIn(page, { email: user.email, password: 'Second-pass-456' });
});

test('verify e-mail: a bad link says so and offers a new one', async ({ page }) => {
  await page.goto('/verify-email?token=not-a-real-token');
  await expect(page.getByRole('alert')).toContainText('This link does not work');
  await page.getByLabel('E-mail').fill('someone@e2e.test');
  await page.getByRole('button', { name: 'Send a new confirmation link' }).click();
  await expect(page.getByText('If an unconfirmed account uses that address')).toBeVisible();
});

test('an administrator ends a user’s sessions, then deactivates the account', async ({
  page,
  browser,
  request,
}) => {
  const target = await newUser(request, 'viewer', 'Sid Session');
  const other = await newContextPage(browser);
  await signIn(other.page, target, '/login?next=%2Fcustomers');
  await expect(other.page.getByRole('heading', { name: 'Customers' })).toBeVisible();

  await signIn(page, ADMIN);
  await page.goto(`/users/${target.id}`);
  await expect(page.getByRole('heading', { name: target.name })).toBeVisible();
  await expect(page.getByText('1 active session(s)')).toBeVisible();
  await page.getByRole('button', { name: 'End all sessions' }).click();
  await page
    .getByRole('dialog', { name: 'End all sessions of this user?' })
    .getByRole('button', { name: 'Confirm' })
    .click();
  await expect(page.getByText('Sessions ended: done.')).toBeVisible();
  await expect(page.getByText('0 active session(s)')).toBeVisible();

  // the other browser's next request is refused at once, its refresh too: back to sign-in
  await nav(other.page, 'Projects');
  await expect(other.page).toHaveURL(/\/login\?next=%2Fprojects$/);

  await page.getByRole('switch', { name: 'Account is active' }).click();
  await page
    .getByRole('dialog', { name: 'Deactivate this account?' })
    .getByRole('button', {
      name: 'Confirm',
    })
    .click();
  await expect(page.getByText('Account deactivated: done.')).toBeVisible();
  await expect(page.getByRole('switch', { name: 'Account is deactivated' })).not.toBeChecked();

  await other.page.getByLabel('E-mail').fill(target.email);
  await other.page.getByRole('textbox', { name: 'Password' }).fill(target.password);
  await other.page.getByRole('button', { name: 'Sign in' }).click();
  await expect(other.page.getByRole('alert', { name: 'Could not sign in' })).toBeVisible();
  await expect(other.page.getByTestId('user-menu')).toHaveCount(0);
  await other.context.close();
});

test('edit conflict: "Load the saved version" drops my edits and the next save goes through', async ({
  page,
  request,
}) => {
  const name = `Conflict Mills ${unique()}`;
  const creator = await apiAs(request, ADMIN);
  const created = await creator.call('POST', '/api/v1/customers', {
    company_name: name,
    email: 'office@conflict-mills.test',
    contact_person: 'Carl Original',
  });
  await creator.logout();
  await signIn(page, ADMIN);
  await page.goto(`/customers/${created.body.id}/edit`);
  await page.getByLabel('Contact person').fill('Mine, not saved');

  // someone else saves first (version 1 → 2); access tokens live 3 s here, so a fresh sign-in
  const other = await apiAs(request, ADMIN);
  await other.call(
    'PATCH',
    `/api/v1/customers/${created.body.id}`,
    { contact_person: 'Theirs, saved' },
    {
      'if-match': created.etag,
    },
  );
  await other.logout();

  await page.getByRole('button', { name: 'Save changes' }).click();
  const dialog = page.getByRole('dialog', { name: 'Someone else changed this record' });
  await expect(dialog.getByTestId('conflict-diff')).toContainText('Mine, not saved');
  await expect(dialog.getByTestId('conflict-diff')).toContainText('Theirs, saved');
  await dialog.getByRole('button', { name: 'Load the saved version' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByLabel('Contact person')).toHaveValue('Theirs, saved');

  await page.getByLabel('Phone').first().fill('+44 161 496 0000');
  await page.getByRole('button', { name: 'Save changes' }).click();
  await expect(page.getByRole('heading', { name })).toBeVisible();
  await expect(page.getByText('version 3')).toBeVisible();
  await expect(page.locator('dd', { hasText: 'Theirs, saved' })).toBeVisible();

  // the breadcrumb trail names the record and leads back up
  const trail = page.getByRole('navigation', { name: 'Breadcrumb' });
  await expect(trail.getByRole('link')).toHaveText(['Home', 'Customers']);
  await expect(trail.locator('[aria-current="page"]')).toHaveText(name);
  await trail.getByRole('link', { name: 'Customers' }).click();
  await expect(page.getByRole('heading', { name: 'Customers', level: 1 })).toBeVisible();
});

test('on a tablet the navigation folds into a menu and no page scrolls sideways', async ({ browser }) => {
  const context = await browser.newContext({ viewport: { width: 768, height: 1024 } });
  const page = await context.newPage();
  await signIn(page, ADMIN);
  const menu = page.getByRole('navigation', { name: 'Main navigation' });
  await expect(menu).not.toBeInViewport();
  await page.getByRole('button', { name: 'Toggle navigation' }).click();
  await expect(menu).toBeInViewport();
  await nav(page, 'Customers');
  await expect(page.getByRole('heading', { name: 'Customers' })).toBeVisible();
  await expect(menu).not.toBeInViewport(); // it closes again after a choice
  const sideways = () =>
    page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  await expect(page.getByTestId('table-customers').getByRole('row').nth(1)).toBeVisible();
  expect(await sideways()).toBeLessThanOrEqual(0);
  for (const path of ['/', '/users', '/audit-log', '/account/sessions', '/customers/new']) {
    await page.goto(path);
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    await page.waitForLoadState('networkidle');
    expect(await sideways(), path).toBeLessThanOrEqual(0);
  }
  await context.close();
});

/** Controls without an accessible name, and buttons without one, on the current page. */
function unnamedControls(page: Page) {
  return page.evaluate(() => {
    const visible = (el: Element) => {
      const box = (el as HTMLElement).getBoundingClientRect();
      const style = getComputedStyle(el);
      return box.width > 0 && box.height > 0 && style.visibility !== 'hidden';
    };
    const text = (ids: string | null) =>
      (ids ?? '')
        .split(/\s+/)
        .map((id) => document.getElementById(id)?.textContent?.trim() ?? '')
        .join('');
    const named = (el: HTMLElement) =>
      Boolean(
        el.getAttribute('aria-label')?.trim() ||
          text(el.getAttribute('aria-labelledby')) ||
          el.title?.trim() ||
          Array.from((el as HTMLInputElement).labels ?? []).some((l) => l.textContent?.trim()),
      );
    const bad: string[] = [];
    const controls = document.querySelectorAll<HTMLElement>(
      'input:not([type=hidden]), select, textarea, [role=combobox], [role=switch], [role=checkbox]',
    );
    for (const el of Array.from(controls)) {
      if (!visible(el) || (el as HTMLInputElement).type === 'file') continue;
      if (!named(el)) bad.push(el.outerHTML.slice(0, 120));
    }
    for (const el of Array.from(document.querySelectorAll<HTMLElement>('button, a[href], [role=button]'))) {
      if (!visible(el)) continue;
      if (!el.textContent?.trim() && !named(el)) bad.push(el.outerHTML.slice(0, 120));
    }
    return bad;
  });
}

test('keyboard and screen readers: sign in and open a record by keyboard, focus visible, every control named', async ({
  page,
}) => {
  await page.goto('/login');
  await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();
  expect(await unnamedControls(page)).toEqual([]);
  // from the top of the page, Tab reaches the e-mail field, then the password field
  for (let i = 0; i < 10; i++) {
    await page.keyboard.press('Tab');
    if (await page.getByLabel('E-mail').evaluate((el) => el === document.activeElement)) break;
  }
  await expect(page.getByLabel('E-mail')).toBeFocused();
  const outline = () =>
    page.evaluate(() => {
      const style = getComputedStyle(document.activeElement as Element);
      return { style: style.outlineStyle, width: Number.parseFloat(style.outlineWidth) };
    });
  await page.keyboard.type(ADMIN.email);
  await page.keyboard.press('Tab');
  await expect(page.getByRole('textbox', { name: 'Password' })).toBeFocused();
  await page.keyboard.type(ADMIN.password);
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('user-menu')).toBeVisible();

  // the first Tab on a page offers "Skip to content", and it is visible when focused
  await page.goto('/customers');
  await expect(page.getByTestId('table-customers').getByRole('row').nth(1)).toBeVisible();
  await page.keyboard.press('Tab');
  const skip = page.getByRole('link', { name: 'Skip to content' });
  await expect(skip).toBeFocused();
  await expect(skip).toBeInViewport();
  await page.keyboard.press('Enter');
  await expect(page.locator('#main')).toBeFocused();

  // Tab on into the table: the first customer link, with a visible focus ring; Enter opens it
  const firstLink = page.getByTestId('table-customers').getByRole('row').nth(1).getByRole('link');
  const name = (await firstLink.innerText()).trim();
  for (let i = 0; i < 40; i++) {
    await page.keyboard.press('Tab');
    if (await firstLink.evaluate((el) => el === document.activeElement)) break;
  }
  await expect(firstLink).toBeFocused();
  const ring = await outline();
  expect(ring.style).not.toBe('none');
  expect(ring.width).toBeGreaterThanOrEqual(2);
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name })).toBeVisible();

  // the main screens: every input, select and button has a name a screen reader can read
  for (const path of [
    '/',
    '/customers',
    '/customers/new',
    page.url().replace(/^https?:\/\/[^/]+/, ''),
    '/users',
    '/users/new',
    '/audit-log',
    '/account',
    '/account/password',
    '/account/sessions',
  ]) {
    await page.goto(path);
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    await page.waitForLoadState('networkidle');
    expect(await unnamedControls(page), path).toEqual([]);
  }
});

test('pages load without layout jumps', async ({ page }) => {
  await signIn(page, ADMIN);
  for (const [path, ready] of [
    ['/customers', (p: Page) => p.getByTestId('table-customers').getByRole('row').nth(1)],
    ['/audit-log', (p: Page) => p.getByTestId('chain-status')],
    ['/users', (p: Page) => p.getByText(/of \d+ users/)],
  ] as const) {
    await page.goto(path);
    await expect(ready(page)).toBeVisible();
    await page.waitForLoadState('networkidle');
    // Chromium's layout-shift entries since the page loaded (the cumulative layout shift score)
    const shift = await page.evaluate(
      () =>
        new Promise<number>((resolve) => {
          let total = 0;
          new PerformanceObserver((list) => {
            for (const entry of list.getEntries() as (PerformanceEntry & {
              value: number;
              hadRecentInput: boolean;
            })[])
              if (!entry.hadRecentInput) total += entry.value;
          }).observe({ type: 'layout-shift', buffered: true });
          setTimeout(() => resolve(total), 200);
        }),
    );
    expect(shift, path).toBeLessThan(0.1);
  }
});
