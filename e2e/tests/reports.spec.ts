import { fileURLToPath } from 'node:url';
import { expect, type Page, test } from '@playwright/test';
import { ADMIN, BASE_URL, CUSTOMER, PORTAL_COMPANY } from '../env';
import { nav, screenshot, signIn, signOut } from './helpers';

/**
 * Reports and certificates through the screens: a manager generates a report for a project with
 * approved results and watches its progress bar, previews the draft inline, issues it with a
 * signature (a wrong password is refused on the field), anyone checks it on the public
 * verification page; the customer downloads it from the portal; a certificate is drafted, issued
 * and shown in the register with its expiry colour.
 * The lab data (users, catalogue, a project whose results are approved) is set up through the API.
 */
const RENGINEER = { email: 'rena@e2e.test', password: 'Engineer-pass-456', name: 'Rena Engineer' };
const RMANAGER = { email: 'rob@e2e.test', password: 'Manager-pass-456', name: 'Rob Manager' };
const PROJECT = 'Report journey knits';
let projectNumber = '';

// one journey: the later tests use what the first one made, and the setup runs once
test.describe.configure({ mode: 'serial' });

/** A screenshot for the docs without waiting for network idle (the inline PDF viewer keeps loading). */
const shot = (page: Page, name: string) =>
  page.screenshot({
    path: fileURLToPath(new URL(`../../docs/screenshots/${name}.png`, import.meta.url)),
    style: '.mantine-Notifications-root { display: none; }',
  });

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
const login = async (u: { email: string; password: string }) =>
  (await api('POST', '/api/v1/auth/login', null, { email: u.email, password: u.password }))
    .access_token as string;

test.beforeAll(async () => {
  const admin = await login(ADMIN);
  const engineerUser = await api('POST', '/api/v1/users', admin, {
    email: RENGINEER.email,
    full_name: RENGINEER.name,
    role: 'engineer',
    password: RENGINEER.password,
  });
  await api('POST', '/api/v1/users', admin, {
    email: RMANAGER.email,
    full_name: RMANAGER.name,
    role: 'manager',
    password: RMANAGER.password,
  });
  const method = await api('POST', '/api/v1/methods', admin, {
    code: 'E2E-RPT-1',
    title: 'Tensile strength (reports journey)',
    standard_reference: 'ISO 13934-1:2013',
    parameters: [
      { name: 'Maximum force', unit: 'N', decimals: 0 },
      { name: 'Elongation', unit: '%', decimals: 1 },
    ],
    authorised_engineer_ids: [engineerUser.id],
  });
  const spec = await api('POST', '/api/v1/specifications', admin, {
    code: 'E2E-RPT-SPEC',
    name: 'Report journey protocol',
    limits: [
      { parameter: 'Maximum force', method_id: method.id, unit: 'N', min: '250' },
      { parameter: 'Elongation', method_id: method.id, unit: '%', min: '10', max: '40' },
    ],
  });
  const customers = await api('GET', `/api/v1/customers?q=${encodeURIComponent(PORTAL_COMPANY)}`, admin);
  const project = await api('POST', '/api/v1/projects', admin, {
    name: PROJECT,
    customer_id: customers.items[0].id,
  });
  projectNumber = project.number;
  for (const description of ['Navy jersey, roll 1', 'Navy jersey, roll 2']) {
    await api('POST', '/api/v1/samples', admin, { project_id: project.id, description });
  }
  const samples = await api('GET', `/api/v1/samples?project_id=${project.id}`, admin);
  const plan = await api('POST', '/api/v1/test-plans', admin, {
    project_id: project.id,
    method_id: method.id,
    sample_ids: samples.items.map((s: { id: string }) => s.id),
    specification_ids: [spec.id],
    engineer_id: engineerUser.id,
  });
  const engineer = await login(RENGINEER);
  const manager = await login(RMANAGER);
  const executions = await api('GET', `/api/v1/test-executions?plan_id=${plan.id}`, admin);
  for (const execution of executions.items) {
    await api('POST', `/api/v1/test-executions/${execution.id}/start`, engineer);
    const entered = await api('POST', '/api/v1/test-results/bulk', engineer, {
      execution_id: execution.id,
      items: [
        { parameter: 'Maximum force', value: 312, uncertainty: '5' },
        { parameter: 'Elongation', value: 24.5, uncertainty: '0.5' },
      ],
    });
    for (const r of entered.items) {
      await api('POST', `/api/v1/test-results/${r.id}/review`, engineer);
      await api('POST', `/api/v1/test-results/${r.id}/approve`, manager, {
        password: RMANAGER.password,
        meaning: 'approved',
      });
    }
  }
});

async function choose(page: Page, label: string, search: string, option: RegExp | string) {
  const box = page.getByRole('combobox', { name: label });
  await box.click();
  await box.fill(search);
  await page.getByRole('option', { name: option }).first().click();
}

test('generate, preview, sign and issue a report; verify it publicly; the customer downloads it', async ({
  page,
}) => {
  await signIn(page, RMANAGER);
  await nav(page, 'Reports');
  await page.getByRole('button', { name: 'Generate report' }).first().click();
  const dialog = page.getByRole('dialog', { name: 'Generate a test report' });
  await choose(page, 'Project', projectNumber, new RegExp(projectNumber));
  await dialog.getByLabel('Title').fill('Tensile strength, navy jersey');
  await dialog.getByRole('button', { name: 'Generate' }).click();

  // the detail page follows the job over server-sent events, then shows the draft inline
  await expect(page.getByTestId('state-badge')).toHaveText('Draft', { timeout: 30_000 });
  await expect(page.getByTestId('pdf-preview')).toHaveAttribute('src', /\/preview\?token=/);
  const previewUrl = await page.getByTestId('pdf-preview').getAttribute('src');
  const preview = await page.request.get(`${BASE_URL}${previewUrl}`);
  expect(preview.headers()['content-type']).toBe('application/pdf');
  await shot(page, 'report-draft');

  // issuing asks for the password again; a wrong one is refused on the field
  await page.getByRole('button', { name: 'Issue' }).click();
  const sign = page.getByRole('dialog', { name: /^Issue RPT-/ });
  await sign.getByLabel('Your password').fill('not my password');
  await sign.getByLabel('Your password').press('Enter');
  await expect(sign.getByText('the password is not correct')).toBeVisible();
  await expect(page.getByTestId('state-badge')).toHaveText('Draft');
  await sign.getByLabel('Your password').fill(RMANAGER.password);
  await sign.getByRole('button', { name: 'Sign and issue' }).click();
  await expect(page.getByTestId('state-badge')).toHaveText('Issued');
  await expect(page.getByTestId('signatures')).toContainText(`issued by ${RMANAGER.name}`);
  const verifyLink = page.getByRole('link', { name: /^\/verify\// });
  const verifyPath = (await verifyLink.textContent())!.trim();
  const number = (await page.getByRole('heading', { level: 1 }).first().textContent())!.trim();
  await signOut(page);

  // anyone, without signing in, sees that the report is valid
  await page.goto(verifyPath);
  await expect(page.getByTestId('verify-state')).toHaveAttribute('data-status', 'valid');
  await expect(page.getByText(number)).toBeVisible();
  await expect(page.getByText(`Customer: ${PORTAL_COMPANY}`)).toBeVisible();
  await screenshot(page, 'verify-valid');

  // the customer finds it under My reports and downloads it
  await signIn(page, CUSTOMER);
  await nav(page, 'My reports');
  await page.getByRole('link', { name: number }).click();
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Download PDF' }).click();
  expect((await download).suggestedFilename()).toBe(`${number}-rev1.pdf`);
});

test('an unknown verification code is shown as not genuine', async ({ page }) => {
  await page.goto('/verify/AAAAAAAAAAAAAAAAAAAAAA');
  await expect(page.getByTestId('verify-state')).toContainText('Unknown code');
});

test('a certificate is drafted on passing results, issued with a signature and listed with its expiry', async ({
  page,
}) => {
  await signIn(page, RMANAGER);
  await nav(page, 'Certificates');
  await page.getByRole('link', { name: 'New certificate' }).first().click();
  await choose(page, 'Project', projectNumber, new RegExp(projectNumber));
  await choose(page, 'Specification', 'E2E-RPT-SPEC', /E2E-RPT-SPEC/);
  const results = page.getByRole('group', { name: /Results it rests on/ }).getByRole('checkbox');
  await expect(results).toHaveCount(4);
  for (const box of await results.all()) await box.check();
  await page.getByLabel('Product').fill('Navy jersey 180 g/m²');
  await page.getByLabel('Standard').fill('ISO 13934-1:2013');
  await page.getByLabel('Scope').fill('Tensile properties of the knitted fabric, rolls 1 and 2');
  await page.getByRole('button', { name: 'Create draft' }).click();
  await expect(page.getByTestId('state-badge')).toHaveText('Draft');
  await page.getByRole('button', { name: 'Issue' }).click();
  const sign = page.getByRole('dialog', { name: /^Issue CERT-/ });
  await sign.getByLabel('Your password').fill(RMANAGER.password);
  await sign.getByLabel('Your password').press('Enter');
  await expect(page.getByTestId('state-badge')).toHaveText('Issued');
  await nav(page, 'Certificates');
  await expect(page.getByRole('row').filter({ hasText: 'Navy jersey 180' })).toContainText('Issued');
  await screenshot(page, 'certificate-register');
});
