import { expect, type Page, test } from '@playwright/test';
import { ADMIN, BASE_URL, CUSTOMER } from '../env';
import { nav, signIn } from './helpers';

/**
 * The morning dashboard: headline cards and charts with the figures of records created here
 * through the API (two customers of this spec only, with samples received today and RFQs), the
 * customer filter in the URL changing them, exports, and the customer's own scoped version.
 */
const ALPHA = `Dash Alpha ${Date.now()}`;
const BETA = `Dash Beta ${Date.now()}`;

async function api(method: string, path: string, token: string | null, body?: unknown) {
  const response = await fetch(`${BASE_URL}${path}`, {
    method,
    headers: {
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${method} ${path} → ${response.status}: ${text}`);
  return text ? JSON.parse(text) : null;
}

test.beforeAll(async () => {
  const { access_token: token } = await api('POST', '/api/v1/auth/login', null, {
    email: ADMIN.email,
    password: ADMIN.password,
  });
  const stamp = Date.now();
  for (const [name, samples, rfqs] of [
    [ALPHA, 3, 2],
    [BETA, 2, 1],
  ] as const) {
    const customer = await api('POST', '/api/v1/customers', token, {
      company_name: name,
      email: `${name.replace(/\W/g, '').toLowerCase()}-${stamp}@e2e.test`,
    });
    const project = await api('POST', '/api/v1/projects', token, {
      name: `${name} project`,
      customer_id: customer.id,
    });
    for (let i = 0; i < samples; i++)
      await api('POST', '/api/v1/samples', token, {
        project_id: project.id,
        description: `${name} swatch ${i + 1}`,
      });
    for (let i = 0; i < rfqs; i++)
      await api('POST', '/api/v1/rfqs', token, {
        customer_id: customer.id,
        title: `${name} request ${i + 1}`,
      });
  }
});

const card = (page: Page, label: string) => page.getByTestId('stat-card').filter({ hasText: label });

async function chooseCustomer(page: Page, name: string) {
  const select = page.getByRole('combobox', { name: 'Customer' });
  await select.click();
  await select.fill(name.slice(0, 10));
  await page.getByRole('option', { name }).click();
}

test('the dashboard shows the figures and charts, and the customer filter changes them', async ({ page }) => {
  await signIn(page, ADMIN);
  await expect(page.getByRole('heading', { name: `Welcome, ${ADMIN.name}` })).toBeVisible();
  const samplesChart = page.getByTestId('chart-samples_by_week');
  await expect(samplesChart.locator('svg.recharts-surface')).toBeVisible();
  await expect(page.getByTestId('chart-workload_per_engineer')).toBeVisible();
  await expect(page.getByTestId('chart-tat_histogram')).toBeVisible();

  await chooseCustomer(page, ALPHA);
  await expect(page).toHaveURL(/customer_id=/);
  await expect(card(page, 'Samples this week')).toContainText(/^Samples this week\s*3/);
  await expect(card(page, 'Open RFQs')).toContainText(/^Open RFQs\s*2/);
  // a picture for whoever reads this run (e2e/test-results, not committed); the README shows dashboard.png
  await page.screenshot({ path: test.info().outputPath('dashboard-filtered.png') });

  // the filter survives a reload (it lives in the URL); another customer shows its own figures
  await page.reload();
  await expect(card(page, 'Samples this week')).toContainText(/^Samples this week\s*3/);
  await chooseCustomer(page, BETA);
  await expect(card(page, 'Samples this week')).toContainText(/^Samples this week\s*2/);
  await expect(card(page, 'Open RFQs')).toContainText(/^Open RFQs\s*1/);

  // exports: the chart as PNG and its data as CSV
  await samplesChart.getByRole('button', { name: /Export/ }).click();
  const png = page.waitForEvent('download');
  await page.getByRole('menuitem', { name: 'Download chart (PNG)' }).click();
  const image = await png;
  expect(image.suggestedFilename()).toBe('samples-received-per-week.png');
  const { readFileSync } = await import('node:fs');
  const bytes = readFileSync(await image.path());
  expect(bytes.subarray(1, 4).toString('latin1')).toBe('PNG');
  expect(bytes.length).toBeGreaterThan(2000);
  await samplesChart.getByRole('button', { name: /Export/ }).click();
  const csv = page.waitForEvent('download');
  await page.getByRole('menuitem', { name: 'Download data (CSV)' }).click();
  const download = await csv;
  expect(download.suggestedFilename()).toBe('samples_by_week.csv');
  const text = readFileSync(await download.path(), 'utf8');
  expect(text.trim().split('\n')[0]).toBe('week,samples');
  expect(text).toMatch(/,2\s*$/);
});

test('a customer sees its own figures, without the lab’s internal panels', async ({ page }) => {
  await signIn(page, CUSTOMER);
  await nav(page, 'My figures');
  await expect(page.getByRole('heading', { name: 'My figures' })).toBeVisible();
  await expect(card(page, 'Open RFQs')).toBeVisible();
  await expect(page.getByRole('combobox', { name: 'Customer' })).toHaveCount(0);
  await expect(page.getByTestId('chart-workload_per_engineer')).toHaveCount(0);
  await expect(page.getByTestId('chart-samples_by_week')).toBeVisible();
});
