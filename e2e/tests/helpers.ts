import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { expect, type Page } from '@playwright/test';

const SHOTS = fileURLToPath(new URL('../../docs/screenshots/', import.meta.url));

export async function signIn(page: Page, user: { email: string; password: string }, path = '/login') {
  await page.goto(path);
  await page.getByLabel('E-mail').fill(user.email);
  await page.getByRole('textbox', { name: 'Password' }).fill(user.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByTestId('user-menu')).toBeVisible();
}

export async function signOut(page: Page) {
  await page.getByTestId('user-menu').click();
  await page.getByRole('menuitem', { name: 'Sign out' }).click();
  await expect(page).toHaveURL(/\/login$/);
}

/** Saves a screenshot of a main screen for the README (docs/screenshots/<name>.png). */
export async function screenshot(page: Page, name: string) {
  mkdirSync(SHOTS, { recursive: true });
  // let toasts and transitions settle so the picture shows the page, not an animation frame
  await page.waitForLoadState('networkidle');
  // toasts cover the header; they are not part of the screen being shown
  await page.screenshot({
    path: `${SHOTS}${name}.png`,
    style: '.mantine-Notifications-root { display: none; }',
  });
}

/** Names of the main navigation entries. */
export async function navEntries(page: Page) {
  return (
    await page.getByRole('navigation', { name: 'Main navigation' }).getByRole('link').allInnerTexts()
  ).map((t) => t.trim());
}

/** Counts the refresh calls a page makes from now on. */
export function countRefreshes(page: Page) {
  const seen = { count: 0, ok: 0 };
  page.on('response', (response) => {
    if (response.url().endsWith('/api/v1/auth/refresh') && response.request().method() === 'POST') {
      seen.count++;
      if (response.ok()) seen.ok++;
    }
  });
  return seen;
}

/** Clicks an entry of the main navigation. */
export async function nav(page: Page, name: string) {
  await page
    .getByRole('navigation', { name: 'Main navigation' })
    .getByRole('link', { name, exact: true })
    .click();
}
