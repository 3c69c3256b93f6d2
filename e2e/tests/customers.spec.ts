import { expect, test } from '@playwright/test';
import { ADMIN } from '../env';
import { nav, screenshot, signIn } from './helpers';

test('customers: create → listed → edit with a conflict from a second tab → archive → restore', async ({
  page,
  browser,
}) => {
  const name = `Northwind Fabrics ${Date.now().toString(36)}`;
  await signIn(page, ADMIN);

  // create, with a contact
  await nav(page, 'Customers');
  await page.getByRole('link', { name: 'New customer' }).first().click();
  await page.getByLabel('Company name').fill(name);
  await page.getByRole('button', { name: 'Create customer' }).click();
  await expect(page.getByText('Enter a valid e-mail address')).toBeVisible();
  await page.getByLabel('E-mail').fill('quality@northwind.test');
  await page.getByLabel('Phone').first().fill('+44 20 7946 0000');
  await page.getByRole('button', { name: 'Add contact' }).click();
  const contact = page.getByTestId('contact-row').first();
  await contact.getByLabel('Name').fill('Nora North');
  await contact.getByLabel('Role').fill('QA lead');
  await page.getByRole('button', { name: 'Create customer' }).click();
  await expect(page.getByRole('heading', { name })).toBeVisible();
  await expect(page.getByTestId('contacts')).toContainText('Nora North');
  await expect(page.getByTestId('history')).toContainText('Created');

  // it appears in the list, found by search (kept in the URL)
  await nav(page, 'Customers');
  await page.getByLabel('Search').fill('Northwind');
  await expect(page).toHaveURL(/q=Northwind/);
  await expect(page.getByRole('link', { name })).toBeVisible();
  await screenshot(page, 'customers-list');
  await page.getByRole('link', { name }).click();
  const detailUrl = page.url();

  // tab A opens the edit form
  await page.getByRole('link', { name: 'Edit' }).click();
  await page.getByLabel('Phone').first().fill('+44 20 7946 1111');

  // tab B (another browser context) saves a change first
  const contextB = await browser.newContext();
  const pageB = await contextB.newPage();
  await signIn(pageB, ADMIN);
  await pageB.goto(`${detailUrl}/edit`);
  await pageB.getByLabel('Contact person').fill('Bob from tab B');
  await pageB.getByRole('button', { name: 'Save changes' }).click();
  await expect(pageB.getByText('Version 2', { exact: false })).toBeVisible();
  await contextB.close();

  // tab A saves: 412 → the conflict dialog shows the newer version
  await page.getByRole('button', { name: 'Save changes' }).click();
  const dialog = page.getByRole('dialog', { name: 'Someone else changed this record' });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByTestId('conflict-diff')).toContainText('Bob from tab B');
  await screenshot(page, 'conflict-dialog');
  await dialog.getByRole('button', { name: 'Overwrite with mine' }).click();
  await expect(page.getByRole('heading', { name })).toBeVisible();
  await expect(page.locator('dd', { hasText: '+44 20 7946 1111' })).toBeVisible();
  await expect(page.getByText('version 3')).toBeVisible();
  await screenshot(page, 'customer-detail');

  // archive, then restore
  // the page's own buttons (a confirm dialog repeats the same label)
  await page.locator('#main').getByRole('button', { name: 'Archive' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Archive' }).click();
  await expect(page.getByTestId('status-badge')).toHaveText('Archived');
  await expect(page.getByRole('link', { name: 'Edit' })).toHaveCount(0);
  await page.locator('#main').getByRole('button', { name: 'Restore' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Restore' }).click();
  await expect(page.getByTestId('status-badge')).toHaveText('Active');
  await expect(page.getByTestId('history')).toContainText('Restored');
  await expect(page.getByTestId('history')).toContainText('Archived');
});
