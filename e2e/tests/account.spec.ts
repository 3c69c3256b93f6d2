import { expect, test } from '@playwright/test';
import { ADMIN } from '../env';
import { nav, signIn, signOut } from './helpers';

test('register, sign in with the new account, and ask for a password reset', async ({ page }) => {
  const email = `newcomer-${Date.now().toString(36)}@e2e.test`;
  await page.goto('/login');
  await page.getByRole('link', { name: 'Create an account' }).click();
  await page.getByLabel('Full name').fill('Nina Newcomer');
  await page.getByLabel('E-mail').fill(email);
  await page.getByRole('textbox', { name: 'Password' }).fill('short');
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(page.getByText('At least 8 characters', { exact: true })).toBeVisible();
  await page.getByRole('textbox', { name: 'Password' }).fill('Newcomer-pass-123');
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(page.getByRole('heading', { name: 'Check your e-mail' })).toBeVisible();

  // this server does not require verification (REQUIRE_EMAIL_VERIFICATION=false): a viewer may sign in
  await signIn(page, { email, password: 'Newcomer-pass-123' });
  await signOut(page);

  await page.getByRole('link', { name: 'Forgot your password?' }).click();
  await page.getByLabel('E-mail').fill(email);
  await page.getByRole('button', { name: 'Send the link' }).click();
  await expect(page.getByText('If an account uses that address')).toBeVisible();

  await page.goto('/reset-password?token=not-a-real-token');
  await page.getByLabel('New password').fill('Another-pass-123');
  await page.getByLabel('Repeat it').fill('Another-pass-123');
  await page.getByRole('button', { name: 'Set the new password' }).click();
  await expect(page.getByRole('alert')).toBeVisible();
});

test('an administrator invites a user, then changes their role', async ({ page }) => {
  const email = `engineer-${Date.now().toString(36)}@e2e.test`;
  await signIn(page, ADMIN);
  await nav(page, 'Users');
  await page.getByRole('link', { name: 'Invite user' }).click();
  await expect(page.getByRole('heading', { name: 'Invite user' })).toBeVisible();
  await page.getByRole('textbox', { name: 'E-mail' }).fill(email);
  await page.getByLabel('Full name').fill('Eli Engineer');
  await page.getByRole('combobox', { name: 'Role' }).click();
  await page.getByRole('option', { name: /^Engineer/ }).click();
  await page.getByRole('button', { name: 'Create and invite' }).click();
  await expect(page.getByRole('heading', { name: 'Eli Engineer' })).toBeVisible();
  await expect(page.getByText(`An invitation was sent to ${email}.`)).toBeVisible();

  await page.getByRole('combobox', { name: 'Role' }).click();
  await page.getByRole('option', { name: 'Auditor' }).click();
  await page.getByRole('button', { name: 'Save role' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Confirm' }).click();
  await expect(page.getByText('Role changed: done.')).toBeVisible();
  await expect(page.getByText('Auditor', { exact: true }).first()).toBeVisible();
});
