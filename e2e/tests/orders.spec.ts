import { expect, test } from '@playwright/test';
import { ADMIN } from '../env';
import { nav, screenshot, signIn } from './helpers';

test('orders: supplier → approved → purchase order with lines → submit → approve → order → receive in two goes → received', async ({
  page,
}) => {
  const supplier = `Grey Scale Supplies ${Date.now().toString(36)}`;
  await signIn(page, ADMIN);

  // a new supplier starts pending; approving it records the evaluation
  await nav(page, 'Suppliers');
  await page.getByRole('link', { name: 'New supplier' }).first().click();
  await expect(page).toHaveURL(/\/suppliers\/new$/);
  await page.getByRole('textbox', { name: 'Name' }).fill(supplier);
  await page.getByLabel('What they supply').fill('ISO 105 grey scales and multifibre strips');
  await page.getByRole('button', { name: 'Create supplier' }).click();
  await expect(page.getByRole('heading', { name: supplier })).toBeVisible();
  await expect(page.getByTestId('state-badge')).toHaveText('Pending evaluation');
  await page.locator('#main').getByRole('button', { name: 'Approve', exact: true }).click();
  const evaluation = page.getByRole('dialog', { name: 'Approve supplier' });
  await evaluation.getByLabel('Evaluation notes').fill('ISO 9001 certificate and a trial order checked');
  await evaluation.getByRole('button', { name: 'Approve' }).click();
  await expect(page.getByTestId('state-badge')).toHaveText('Approved');

  // a purchase order with two lines: live totals are exact (3 × 19.99 + 2 × 5.00 = 69.97, tax 7.5 % = 5.25)
  await nav(page, 'Purchase orders');
  await page.getByRole('link', { name: 'New purchase order' }).first().click();
  await expect(page).toHaveURL(/\/purchase-orders\/new$/);
  const supplierBox = page.getByRole('combobox', { name: 'Supplier' });
  await supplierBox.click();
  await supplierBox.fill(supplier.slice(0, 16));
  await page
    .getByRole('option', { name: new RegExp(supplier) })
    .first()
    .click();
  await page.getByLabel('Line 1 item code').fill('GS-105');
  await page.getByLabel('Line 1 description').fill('Grey scale for staining');
  await page.getByLabel('Line 1 quantity').fill('3');
  await page.getByLabel('Line 1 unit price').fill('19.99');
  await page.getByLabel('Line 1 unit price').press('Enter');
  await page.getByLabel('Line 2 description').fill('Multifibre strip');
  await page.getByLabel('Line 2 quantity').fill('2');
  await page.getByLabel('Line 2 unit price').fill('5');
  await page.getByLabel('Tax rate %').fill('7.5');
  await expect(page.getByTestId('po-draft-total')).toContainText('75.22');
  await screenshot(page, 'purchase-order-edit');
  await page.getByRole('button', { name: 'Create purchase order' }).click();
  await expect(page.getByRole('heading', { name: /^PO-\d{6}$/ })).toBeVisible();
  await expect(page.getByTestId('po-total')).toContainText('75.22');
  await expect(page.getByTestId('state-badge')).toHaveText('Draft');

  // submit → approve (an admin may approve an order they submitted) → ordered
  await page.getByRole('button', { name: 'Submit for approval' }).click();
  await expect(page.getByTestId('state-badge')).toHaveText('Submitted');
  await page.locator('#main').getByRole('button', { name: 'Approve' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Approve' }).click();
  await expect(page.getByTestId('state-badge')).toHaveText('Approved');
  await page.getByRole('button', { name: 'Mark as ordered' }).click();
  await expect(page.getByTestId('state-badge')).toHaveText('Ordered');

  // receive part of line 1: partially received
  await page.getByRole('button', { name: 'Receive goods' }).click();
  let dialog = page.getByRole('dialog', { name: /Receive goods/ });
  await dialog.getByLabel('Receive now, line 1').fill('2');
  await dialog.getByLabel('Note, line 1').fill('one box dented');
  await dialog.getByLabel('Receive now, line 2').fill('');
  await screenshot(page, 'purchase-order-receive');
  await dialog.getByRole('button', { name: 'Record receipt' }).click();
  await expect(page.getByTestId('state-badge')).toHaveText('Partially received');
  await expect(page.getByTestId('received-quantity').first()).toHaveText('2 of 3');

  // over-receiving is refused, naming the line
  await page.getByRole('button', { name: 'Receive goods' }).click();
  dialog = page.getByRole('dialog', { name: /Receive goods/ });
  await dialog.getByLabel('Receive now, line 1').fill('5');
  await dialog.getByRole('button', { name: 'Record receipt' }).click();
  await expect(dialog.getByRole('alert')).toContainText('line 1 (GS-105 Grey scale for staining)');

  // the rest (prefilled with what is outstanding): received
  await dialog.getByLabel('Receive now, line 1').fill('1');
  await dialog.getByRole('button', { name: 'Record receipt' }).click();
  await expect(page.getByTestId('state-badge')).toHaveText('Received');
  await expect(page.getByText('one box dented')).toBeVisible();
  await screenshot(page, 'purchase-order-detail');
});
