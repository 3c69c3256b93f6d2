import { expect, test } from '@playwright/test';
import { ADMIN, CUSTOMER, PORTAL_COMPANY, VIEWER } from '../env';
import { nav, navEntries, screenshot, signIn, signOut } from './helpers';

test('an administrator sees every staff page', async ({ page }) => {
  await signIn(page, ADMIN);
  // what an administrator must see, and never the customer portal (the list grows with each resource)
  const entries = await navEntries(page);
  expect(entries).toEqual(
    expect.arrayContaining([
      'Dashboard',
      'Customers',
      'RFQs',
      'Projects',
      'Samples',
      'Methods',
      'Users',
      'Audit log',
    ]),
  );
  expect(entries).not.toContain('My company');
  // (no screenshot here: docs/screenshots/dashboard.png shows a year of data, not this empty server)
  await nav(page, 'Users');
  await expect(page.getByRole('link', { name: VIEWER.email })).toBeVisible();
  await screenshot(page, 'users');
  await page.getByRole('link', { name: VIEWER.email }).click();
  await expect(page.getByRole('heading', { name: VIEWER.name })).toBeVisible();
  await expect(page.getByRole('button', { name: 'End all sessions' })).toBeVisible();
  await signOut(page);
});

test('a viewer reads customers but cannot change them, and sees no users or audit log', async ({ page }) => {
  await signIn(page, VIEWER);
  const entries = await navEntries(page);
  expect(entries).toEqual(expect.arrayContaining(['Dashboard', 'Customers', 'Projects', 'Methods']));
  for (const hidden of ['Users', 'Audit log', 'My bench', 'My company'])
    expect(entries).not.toContain(hidden);
  await nav(page, 'Customers');
  await expect(page.getByRole('link', { name: PORTAL_COMPANY })).toBeVisible();
  await expect(page.getByRole('link', { name: 'New customer' })).toHaveCount(0);
  await page.goto('/audit-log');
  await expect(page.getByRole('heading', { name: 'Not allowed' })).toBeVisible();
  await signOut(page);
});

test('a customer sees only the portal with their own company', async ({ page }) => {
  await signIn(page, CUSTOMER);
  await expect(page).toHaveURL(/\/portal$/);
  // the portal only: every entry is one of the customer's own pages
  const entries = await navEntries(page);
  expect(entries).toEqual(expect.arrayContaining(['My company', 'My requests', 'My projects']));
  for (const staffOnly of ['Dashboard', 'Customers', 'Projects', 'Samples', 'Users']) {
    expect(entries).not.toContain(staffOnly);
  }
  await expect(page.getByRole('heading', { name: PORTAL_COMPANY })).toBeVisible();
  await screenshot(page, 'portal');
  await page.goto('/customers');
  await expect(page.getByRole('heading', { name: 'Not allowed' })).toBeVisible();
  await signOut(page);
});

test('dark theme is remembered across a reload; unknown pages get the 404 page', async ({ page }) => {
  await signIn(page, ADMIN);
  await nav(page, 'Customers');
  await page.getByRole('button', { name: 'Switch to dark theme' }).click();
  await page.reload();
  await expect(page.locator('html')).toHaveAttribute('data-mantine-color-scheme', 'dark');
  await expect(page.getByRole('button', { name: 'Switch to light theme' })).toBeVisible();
  await screenshot(page, 'customers-dark');
  await page.getByRole('button', { name: 'Switch to light theme' }).click();
  await page.goto('/no/such/page');
  await expect(page.getByRole('heading', { name: 'This page does not exist' })).toBeVisible();
});
