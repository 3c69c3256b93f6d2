import { expect, test } from '@playwright/test';
import { ACCESS_TOKEN_SECONDS, ADMIN } from '../env';
import { countRefreshes, nav, screenshot, signIn, signOut } from './helpers';

test.describe('signing in and staying signed in', () => {
  test('login page, sign in, land on the dashboard with real counts', async ({ page }) => {
    await page.goto('/login');
    await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();
    // this server has REGISTRATION_ENABLED (the default): GET /auth/options says so and the link shows
    await expect(page.getByRole('link', { name: 'Create an account' })).toBeVisible();
    await screenshot(page, 'login');
    await page.getByLabel('E-mail').fill(ADMIN.email);
    await page.getByRole('textbox', { name: 'Password' }).fill('wrong-password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.getByRole('alert')).toContainText('Incorrect email or password');
    await signIn(page, ADMIN);
    await expect(page).toHaveURL(/\/$/);
    await expect(page.getByRole('heading', { name: `Welcome, ${ADMIN.name}` })).toBeVisible();
    await expect(page.getByTestId('stat-card').first()).toContainText(/\d+/);
  });

  test('the access token expires and is renewed silently, once for many parallel requests', async ({
    page,
  }) => {
    await signIn(page, ADMIN, '/login?next=%2Fcustomers');
    await expect(page.getByRole('heading', { name: 'Customers' })).toBeVisible();
    // let the 3-second access token run out (no timing is asserted, only that nothing breaks)
    await page.waitForTimeout((ACCESS_TOKEN_SECONDS + 1) * 1000);
    const refreshes = countRefreshes(page);
    // the dashboard fires its summary and analytics requests at once: they share one refresh
    await nav(page, 'Dashboard');
    await expect(page.getByTestId('stat-card')).toHaveCount(8);
    // every headline shows its figure, or — for a rate with nothing to divide by yet
    for (const card of await page.getByTestId('stat-card').all()) await expect(card).toContainText(/\d+|—/);
    expect(refreshes.count).toBe(1);
    await page.waitForTimeout((ACCESS_TOKEN_SECONDS + 1) * 1000);
    await nav(page, 'Users');
    await expect(page.getByText(/of \d+ users/)).toBeVisible();
    await expect(page).not.toHaveURL(/login/);
    // at least one more refresh (a proactive one may also fire during the wait on a slow machine),
    // and every one of them succeeded
    expect(refreshes.count).toBeGreaterThanOrEqual(2);
    expect(refreshes.ok).toBe(refreshes.count);
  });

  test('a reload keeps the user signed in (refresh cookie), logout ends it', async ({ page }) => {
    await signIn(page, ADMIN);
    await page.goto('/customers?sort=company_name');
    await page.reload();
    await expect(page.getByRole('heading', { name: 'Customers' })).toBeVisible();
    await expect(page).toHaveURL(/\/customers\?sort=company_name$/);
    await signOut(page);
    await page.goto('/customers');
    await expect(page).toHaveURL(/\/login\?next=%2Fcustomers$/);
    await page.reload();
    await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();
  });

  test('a session ended elsewhere sends the user to login and back to where they were', async ({
    page,
    browser,
  }) => {
    await signIn(page, ADMIN);
    await page.goto('/audit-log');
    await expect(page.getByTestId('chain-status')).toContainText('Audit chain intact');
    await screenshot(page, 'audit-log');
    // a second device signs this session out through "My sessions"
    const other = await browser.newContext();
    const otherPage = await other.newPage();
    await signIn(otherPage, ADMIN);
    await otherPage.goto('/account/sessions');
    await expect(otherPage.getByTestId('session-row').first()).toBeVisible();
    await screenshot(otherPage, 'my-sessions');
    await otherPage.getByRole('button', { name: 'Sign out all other sessions' }).click();
    await otherPage.getByRole('dialog').getByRole('button', { name: 'Sign out' }).click();
    await expect(otherPage.getByText('Every other session was signed out.')).toBeVisible();
    await other.close();
    // the first tab's next request fails, its refresh is refused → login, then back
    await page.waitForTimeout((ACCESS_TOKEN_SECONDS + 1) * 1000);
    await nav(page, 'Customers');
    await expect(page).toHaveURL(/\/login\?next=%2Fcustomers$/);
    await expect(page.getByText('Your session ended')).toBeVisible();
    await page.getByLabel('E-mail').fill(ADMIN.email);
    await page.getByRole('textbox', { name: 'Password' }).fill(ADMIN.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page).toHaveURL(/\/customers$/);
    await expect(page.getByRole('heading', { name: 'Customers' })).toBeVisible();
  });
});
