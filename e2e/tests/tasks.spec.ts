import { expect, type Page, test } from '@playwright/test';
import { ADMIN, BASE_URL } from '../env';
import { nav, screenshot, signIn } from './helpers';

async function apiLogin(email: string, password: string) {
  const res = await fetch(`${BASE_URL}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  expect(res.status).toBe(200);
  return ((await res.json()) as { access_token: string }).access_token;
}

async function apiPost(token: string, path: string, body: unknown) {
  const res = await fetch(`${BASE_URL}/api/v1${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify(body),
  });
  const json = await res.json();
  expect(res.status, JSON.stringify(json)).toBe(201);
  return json as { id: string; number: string };
}

/** Creates a task through the form and returns its number (from the detail page heading). */
async function createTask(page: Page, title: string) {
  await page.getByRole('link', { name: 'New task' }).first().click();
  await page.getByLabel('Title').fill(title);
  await page.getByRole('button', { name: 'Create task' }).click();
  const heading = page.getByRole('heading', { name: new RegExp(`^TSK-\\d{6} · ${title}$`) });
  await expect(heading).toBeVisible();
  return (await heading.innerText()).split(' · ')[0];
}

test('tasks: create, drag across the board, bulk-update from the list, the bell counts an assignment', async ({
  page,
}) => {
  const run = Date.now().toString(36);
  await signIn(page, ADMIN);

  await nav(page, 'Tasks');
  await expect(page.getByTestId('task-board')).toBeVisible();
  const first = await createTask(page, `Calibrate balance ${run}`);
  await nav(page, 'Tasks');
  const second = await createTask(page, `Order grey scales ${run}`);

  // drag the first card from "To do" to "In progress": the start action
  await nav(page, 'Tasks');
  const card = page.getByTestId('task-card').filter({ hasText: `Calibrate balance ${run}` });
  await expect(
    page.getByTestId('column-todo').getByTestId('task-card').filter({ hasText: first }),
  ).toBeVisible();
  await card.dragTo(page.getByTestId('column-in_progress'));
  await expect(
    page
      .getByTestId('column-in_progress')
      .getByTestId('task-card')
      .filter({ hasText: `Calibrate balance ${run}` }),
  ).toBeVisible();
  await expect(page.getByTestId('column-todo').getByText(`Calibrate balance ${run}`)).toHaveCount(0);
  await screenshot(page, 'task-board');

  // the list: tick both, raise their priority and tag them in one go
  await page
    .locator('label')
    .filter({ hasText: /^List$/ })
    .click();
  await expect(page).toHaveURL(/\/tasks\/list/);
  await page.getByPlaceholder(/Search/).fill(run);
  await expect(page.getByRole('link', { name: first })).toBeVisible();
  await expect(page.getByRole('link', { name: second })).toBeVisible();
  await page.getByLabel(`Select ${first}`).check();
  await page.getByLabel(`Select ${second}`).check();
  const bar = page.getByTestId('bulk-bar');
  await expect(bar).toContainText('2 selected');
  await bar.getByRole('combobox', { name: 'Priority' }).click();
  await page.getByRole('option', { name: 'High' }).click();
  await bar.getByRole('combobox', { name: 'Add tags' }).fill('calibration');
  await bar.getByRole('combobox', { name: 'Add tags' }).press('Enter');
  await bar.getByRole('button', { name: 'Apply to 2' }).click();
  await expect(page.getByText('2 of 2 tasks changed')).toBeVisible();
  const rows = page.getByRole('row').filter({ hasText: run });
  await expect(rows).toHaveCount(2);
  for (const number of [first, second]) {
    const row = page.getByRole('row').filter({ hasText: number });
    await expect(row).toContainText('High');
    await expect(row).toContainText('calibration');
  }
  await screenshot(page, 'task-list');

  // a manager assigns a task to the admin: the bell shows it
  const admin = await apiLogin(ADMIN.email, ADMIN.password);
  const email = `manager-${run}@e2e.test`;
  await apiPost(admin, '/users', {
    email,
    full_name: 'Mona Manager',
    role: 'manager',
    password: 'Manager-pass-123',
  });
  const me = (await (
    await fetch(`${BASE_URL}/api/v1/users/me`, { headers: { authorization: `Bearer ${admin}` } })
  ).json()) as {
    id: string;
  };
  const manager = await apiLogin(email, 'Manager-pass-123');
  const assigned = await apiPost(manager, '/tasks', {
    title: `Review the NCR ${run}`,
    assignee_id: me.id,
    priority: 'critical',
  });
  await page.reload();
  const bell = page.getByRole('button', { name: /Notifications: \d+ unread/ });
  await expect(bell).toBeVisible();
  await bell.click();
  await page.getByText(`${assigned.number} assigned to you`).click();
  await expect(page.getByRole('heading', { name: new RegExp(`^${assigned.number} · `) })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Notifications', exact: true })).toBeVisible();
});
