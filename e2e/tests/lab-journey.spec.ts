import { expect, type Page, test } from '@playwright/test';
import { ADMIN, BASE_URL, CUSTOMER } from '../env';
import { nav, screenshot, signIn, signOut } from './helpers';

/**
 * The lab's whole journey, through the screens of each role: the customer asks for a quotation in
 * the portal → a manager quotes it → the customer accepts (project and sales order appear) → the
 * lab registers the samples and plans the test → the engineer starts it and enters results on the
 * bench grid, each verdict arriving with the server's answer → completes → another person (the
 * manager) approves → the customer reads the approved results in the portal.
 * The catalogue (a method the engineer may perform, a buyer's specification) and the two lab
 * accounts are set up through the API first, as an administrator would have them.
 */
const ENGINEER = { email: 'eli@e2e.test', password: 'Engineer-pass-123', name: 'Eli Engineer' };
const MANAGER = { email: 'mona@e2e.test', password: 'Manager-pass-123', name: 'Mona Manager' };
const METHOD = { code: 'E2E-13934', title: 'Tensile strength of knits' };
const SPEC = { code: 'E2E-BUYER', name: 'Buyer protocol for knits' };

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
  const user = (u: typeof ENGINEER, role: string) =>
    api('POST', '/api/v1/users', token, { email: u.email, full_name: u.name, role, password: u.password });
  const engineer = await user(ENGINEER, 'engineer');
  await user(MANAGER, 'manager');
  const method = await api('POST', '/api/v1/methods', token, {
    ...METHOD,
    standard_reference: 'ISO 13934-1:2013',
    default_price: '85.00',
    parameters: [
      { name: 'Maximum force', unit: 'N', decimals: 0 },
      { name: 'Elongation', unit: '%', decimals: 1 },
      { name: 'Appearance', kind: 'text' },
    ],
    authorised_engineer_ids: [engineer.id],
  });
  await api('POST', '/api/v1/specifications', token, {
    ...SPEC,
    limits: [
      { parameter: 'Maximum force', method_id: method.id, unit: 'N', min: '250', warn_min: '300' },
      { parameter: 'Elongation', method_id: method.id, unit: '%', min: '10', max: '40' },
      { parameter: 'Appearance', method_id: method.id, expected_text: 'no change' },
    ],
  });
  await api('POST', '/api/v1/auth/logout', token);
});

/** Picks an option of a searchable select (Mantine combobox) by typing part of its label. */
async function choose(page: Page, label: string, search: string, option: RegExp | string) {
  const box = page.getByRole('combobox', { name: label });
  await box.click();
  await box.fill(search);
  await page.getByRole('option', { name: option }).first().click();
}

/** Types into a bench cell and leaves it with a key (Tab or Enter), as an engineer would. */
async function typeCell(page: Page, sample: string, parameter: string, value: string, key = 'Tab') {
  const cell = page.getByLabel(`${sample} ${parameter}`, { exact: true });
  await cell.click();
  await page.keyboard.type(value);
  await page.keyboard.press(key);
}

const verdictOf = (page: Page, sample: string, parameter: string) =>
  page.getByTestId(`cell-verdict-${sample}-${parameter}`).getByTestId('verdict');

test('from a portal request to approved results the customer can read', async ({ page }) => {
  test.setTimeout(240_000);

  // 1. the customer asks for a quotation in the portal
  await signIn(page, CUSTOMER);
  await nav(page, 'My requests');
  await page.getByRole('link', { name: 'Request a quotation' }).first().click();
  // wait for the form: the list behind the link has a "Title" column whose sort button has that label too
  await expect(page.getByRole('heading', { level: 1, name: 'Request a quotation' })).toBeVisible();
  await page.getByRole('textbox', { name: 'Title' }).fill('Knit tensile, SS27 lot 12');
  await page.getByLabel('Product').fill('Cotton jersey, navy and ecru');
  await choose(page, 'Tests from the catalogue', METHOD.code, new RegExp(METHOD.code));
  await page.keyboard.press('Escape');
  await page.getByLabel('Items').fill('2');
  await page.getByRole('button', { name: 'Send request' }).click();
  const rfqHeading = page.getByRole('heading', { name: /RFQ-\d{6} · Knit tensile/ });
  await expect(rfqHeading).toBeVisible();
  const rfqNumber = ((await rfqHeading.textContent()) ?? '').split(' · ')[0];
  await signOut(page);

  // 2. a manager quotes it (one line per requested method, at its catalogue price) and sends it
  await signIn(page, MANAGER);
  await nav(page, 'RFQs');
  await page.getByRole('link', { name: rfqNumber }).click();
  await page.getByRole('link', { name: 'Make quote' }).click();
  await page.getByRole('button', { name: 'Create quote' }).click();
  await expect(page.getByRole('heading', { name: /EST-\d{6}/ })).toBeVisible();
  await page.getByRole('button', { name: 'Send to customer' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Send to customer' }).click();
  await expect(page.getByText('The quote was sent.')).toBeVisible();
  await screenshot(page, 'quote');
  await signOut(page);

  // 3. the customer accepts it in the portal: the project opens
  await signIn(page, CUSTOMER);
  await nav(page, 'My requests');
  await page
    .getByRole('link', { name: new RegExp(rfqNumber) })
    .first()
    .click();
  await page.getByRole('button', { name: 'Accept' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Accept' }).click();
  await page.getByRole('link', { name: 'open here' }).click();
  const projectHeading = page.getByRole('heading', { name: /PRJ-\d{6}/ });
  await expect(projectHeading).toBeVisible();
  const projectNumber = ((await projectHeading.textContent()) ?? '').match(/PRJ-\d{6}/)![0];
  const projectId = new URL(page.url()).pathname.split('/').pop()!;
  await signOut(page);

  // 4. the lab registers the two samples under the project
  await signIn(page, MANAGER);
  await nav(page, 'Projects');
  await page
    .getByRole('link', { name: new RegExp(projectNumber) })
    .first()
    .click();
  await expect(page).toHaveURL(new RegExp(`/projects/${projectId}$`));
  const samples: string[] = [];
  for (const description of ['Navy jersey, lot 12', 'Ecru jersey, lot 12']) {
    await page.goto(`/samples/new?project_id=${projectId}`);
    await page.getByLabel('Description').fill(description);
    await page.getByRole('button', { name: 'Register sample' }).click();
    const heading = page.getByRole('heading', { name: /SMP-\d{6}/ });
    await expect(heading).toBeVisible();
    samples.push(((await heading.textContent()) ?? '').match(/SMP-\d{6}/)![0]);
  }

  // 5. … and plans the test: the method on both samples, judged by the buyer's protocol
  await page.goto(`/test-plans/new?project_id=${projectId}`);
  await expect(page.getByRole('combobox', { name: 'Project' })).toHaveValue(new RegExp(projectNumber));
  await page.getByRole('button', { name: 'choose all' }).click();
  await choose(page, 'Method', METHOD.code, new RegExp(METHOD.code));
  await choose(page, 'Specifications to judge against', SPEC.code, new RegExp(SPEC.code));
  await page.keyboard.press('Escape');
  await page.getByRole('combobox', { name: 'Engineer' }).click();
  await page.getByRole('option', { name: ENGINEER.name }).click();
  await page.getByLabel('Name').fill('Tensile, lot 12');
  await page.getByRole('button', { name: 'Create plan' }).click();
  await expect(page.getByRole('heading', { name: 'Tensile, lot 12' })).toBeVisible();
  await expect(page.getByTestId('executions')).toContainText(samples[0]);
  await page.goto(`/projects/${projectId}`);
  await expect(page.getByRole('heading', { name: new RegExp(projectNumber) })).toBeVisible();
  await screenshot(page, 'project-overview');
  await signOut(page);

  // 6. the engineer finds it on the bench, starts, and enters the values by keyboard
  await signIn(page, ENGINEER);
  await nav(page, 'My bench');
  await page.getByRole('link', { name: 'Tensile, lot 12' }).click();
  await page.getByRole('button', { name: /Start all 2 pending/ }).click();
  await expect(page.getByRole('button', { name: `Complete ${samples[1]}` })).toBeVisible();
  await typeCell(page, samples[0], 'Maximum force', '320');
  await page.keyboard.type('25.5');
  await page.keyboard.press('Tab');
  await page.keyboard.type('No change');
  await page.keyboard.press('Enter');
  await expect(verdictOf(page, samples[0], 'Maximum force')).toHaveAttribute('data-verdict', 'pass');
  await expect(verdictOf(page, samples[0], 'Elongation')).toHaveAttribute('data-verdict', 'pass');
  await expect(verdictOf(page, samples[0], 'Appearance')).toHaveAttribute('data-verdict', 'pass');
  // a value with too many decimals is refused with the server's reason, then corrected
  await typeCell(page, samples[1], 'Elongation', '41.25');
  await expect(page.getByText('takes at most 1')).toBeVisible();
  await typeCell(page, samples[1], 'Elongation', '41.2');
  await expect(verdictOf(page, samples[1], 'Elongation')).toHaveAttribute('data-verdict', 'fail');
  await typeCell(page, samples[1], 'Maximum force', '280');
  await expect(verdictOf(page, samples[1], 'Maximum force')).toHaveAttribute('data-verdict', 'warn');
  await typeCell(page, samples[1], 'Appearance', 'slight change', 'Enter');
  await expect(verdictOf(page, samples[1], 'Appearance')).toHaveAttribute('data-verdict', 'fail');
  await screenshot(page, 'bench-grid');
  for (const sample of samples) {
    await page.getByRole('button', { name: `Complete ${sample}` }).click();
    await expect(page.getByText(`${sample}: completed.`)).toBeVisible();
  }
  await page.getByRole('button', { name: 'Complete plan' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Complete plan' }).click();
  await expect(page.getByTestId('plan-status')).toHaveText('Completed');
  await signOut(page);

  // 7. the manager reviews and approves them all (four eyes: the engineer entered them)
  await signIn(page, MANAGER);
  await nav(page, 'Results');
  await page.getByRole('link', { name: 'Review and approve' }).click();
  await expect(page.getByTestId('review-queue')).toContainText(samples[1]);
  await page.getByRole('checkbox', { name: 'Select all' }).check();
  await page.getByRole('button', { name: /Review and approve 6 selected/ }).click();
  // approving is an e-signature: a wrong password is refused on the field, nothing approved
  const signature = page.getByRole('dialog', { name: 'Approve 6 results' });
  await signature.getByLabel('Your password').fill('not-my-password');
  await signature.getByLabel('Your password').press('Enter');
  await expect(signature.getByText('the password is not correct')).toBeVisible();
  await signature.getByLabel('Your password').fill(MANAGER.password);
  await signature.getByRole('button', { name: 'Sign and approve' }).click();
  await expect(page.getByTestId('bulk-progress')).toContainText('6 of 6 done');
  await screenshot(page, 'review-queue');
  await signOut(page);

  // 8. the customer reads the approved results, verdicts and all, in the portal
  await signIn(page, CUSTOMER);
  await nav(page, 'My results');
  await expect(page.getByRole('heading', { name: 'Approved results' })).toBeVisible();
  const rows = page.getByRole('row');
  await expect(rows.filter({ hasText: samples[0] })).toHaveCount(3);
  await expect(rows.filter({ hasText: samples[1] }).filter({ hasText: 'Elongation' })).toContainText('Fail');
  await screenshot(page, 'portal-results');
  await rows
    .filter({ hasText: samples[1] })
    .filter({ hasText: 'Elongation' })
    .getByRole('link')
    .first()
    .click();
  await expect(page.getByTestId('verdicts')).toContainText('41.2 % > max 40 %');
  // the approval's e-signature is shown with the result
  await expect(page.getByTestId('signatures')).toContainText(`approved by ${MANAGER.name}`);
});
