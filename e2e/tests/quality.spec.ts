import { expect, test } from '@playwright/test';
import { ADMIN } from '../env';
import { nav, screenshot, signIn } from './helpers';

const iso = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

test('a failed calibration drafts an NCR, which is worked through CAPA to a signed close', async ({
  page,
}) => {
  const asset = `TT-${Date.now().toString(36).toUpperCase()}`;
  await signIn(page, ADMIN);

  // 1. register an instrument, calibration due in 20 days: due soon (amber)
  await nav(page, 'Equipment');
  await page.getByRole('link', { name: 'Register equipment' }).first().click();
  await page.getByLabel('Asset number').fill(asset);
  await page.getByRole('textbox', { name: 'Name', exact: true }).fill('Tensile tester');
  await page.getByLabel('Manufacturer').fill('Instron');
  await page.getByLabel('Calibration due').fill(iso(20));
  await page.getByRole('button', { name: 'Register' }).click();
  await expect(page.getByRole('heading', { name: `${asset} · Tensile tester` })).toBeVisible();
  await expect(page.getByTestId('calibration-due')).toHaveAttribute('data-status', 'due_soon');

  // 2. its calibration fails as found: the impact is listed and an NCR drafted, linked from the dialog
  await page.getByRole('button', { name: 'Record calibration' }).click();
  const dialog = page.getByRole('dialog', { name: `Record a calibration of ${asset}` });
  await dialog.getByLabel('Calibrated on').fill(iso(-1));
  await dialog.getByRole('textbox', { name: 'Provider name' }).fill('Metrology Services Ltd');
  await dialog.getByLabel('Certificate number').fill('CAL-2026-0042');
  await dialog.getByRole('radiogroup', { name: 'As found' }).getByText('Fail').click();
  await dialog.getByRole('radiogroup', { name: 'As left' }).getByText('Adjusted').click();
  await expect(dialog.getByText('puts every result measured with this instrument')).toBeVisible();
  await dialog.getByRole('button', { name: 'Record calibration' }).click();
  const impact = dialog.getByTestId('calibration-impact');
  await expect(impact.getByText('Calibration failed as found')).toBeVisible();
  const ncrLink = impact.getByRole('link', { name: /^NCR-\d{6}$/ });
  const ncrNumber = (await ncrLink.innerText()).trim();
  await ncrLink.click();

  // 3. the drafted NCR: open, from equipment; investigate and find the root cause
  await expect(
    page.getByRole('heading', { name: new RegExp(`^${ncrNumber} · Failed calibration of ${asset}`) }),
  ).toBeVisible();
  await expect(page.getByTestId('state-badge')).toHaveText('Open');
  await page.getByRole('button', { name: 'Start investigation' }).click();
  await expect(page.getByTestId('state-badge')).toHaveText('Investigating');
  await page
    .getByRole('textbox', { name: 'Why 1', exact: true })
    .fill('Why was the load cell out of tolerance?');
  await page
    .getByRole('textbox', { name: 'Answer 1', exact: true })
    .fill('It was overloaded during a jaw-break test');
  await page.getByRole('button', { name: 'Ask why again' }).click();
  await page.getByRole('textbox', { name: 'Why 2', exact: true }).fill('Why was it overloaded?');
  await page
    .getByRole('textbox', { name: 'Answer 2', exact: true })
    .fill('No overload stop was set in the method');
  await page
    .getByRole('textbox', { name: 'Root cause', exact: true })
    .fill('Method templates lack an overload limit');
  await page.getByRole('button', { name: 'Save analysis' }).click();
  await expect(page.getByText('The root cause analysis was saved.')).toBeVisible();

  // 4. a CAPA action already past due shows in red, here and in the overdue list of the board
  await page.getByLabel('New action').fill('Add an overload stop to every tensile method template');
  const owner = page.getByRole('combobox', { name: 'Owner' });
  await owner.click();
  await owner.fill('Ada');
  await page
    .getByRole('option', { name: /Ada Admin/ })
    .first()
    .click();
  await page.getByRole('textbox', { name: 'Due', exact: true }).fill(iso(-2));
  await page.getByRole('button', { name: 'Add action' }).click();
  const actionRow = page.getByTestId('ncr-actions').getByRole('row', { name: /overload stop/ });
  await expect(actionRow).toHaveAttribute('data-overdue', 'true');
  await expect(actionRow.getByText('overdue', { exact: false })).toBeVisible();
  await page.getByRole('button', { name: 'Actions planned' }).click();
  await expect(page.getByTestId('state-badge')).toHaveText('Actions pending');

  await nav(page, 'NCRs');
  await expect(page.getByTestId('overdue-actions').getByRole('link', { name: ncrNumber })).toBeVisible();
  await expect(page.getByTestId('ncr-board')).toContainText(ncrNumber);
  await screenshot(page, 'ncr-board');
  await page.getByTestId('overdue-actions').getByRole('link', { name: ncrNumber }).click();

  // 5. the action is done (with evidence), verification, an effective check
  await page.getByRole('button', { name: 'Mark done' }).click();
  const done = page.getByRole('dialog', { name: 'Mark the action done' });
  await done.getByLabel('Reason').fill('Templates TM-01 to TM-07 updated, see change record CR-118');
  await done.getByRole('button', { name: 'Mark done' }).click();
  await expect(page.getByTestId('ncr-actions').getByText(/^Done/)).toBeVisible();
  await page.getByRole('button', { name: 'Send to verification' }).click();
  await expect(page.getByTestId('state-badge')).toHaveText('Verification');
  await page.getByLabel('How effectiveness was checked').fill('No overload events in 40 tensile runs since');
  await page.getByRole('radiogroup', { name: 'Result' }).getByText('Effective', { exact: true }).click();
  await page.getByRole('button', { name: 'Record check' }).click();
  await expect(page.getByText('The effectiveness check was recorded.')).toBeVisible();

  // 6. closing is signed: a wrong password is refused and nothing changes; the right one closes it
  await page.getByRole('button', { name: 'Close NCR' }).click();
  const sign = page.getByRole('dialog', { name: `Close ${ncrNumber}` });
  await sign.getByLabel('Your password').fill('not my password');
  await sign.getByRole('button', { name: 'Sign and close' }).click();
  await expect(sign.getByText('the password is not correct')).toBeVisible();
  await sign.getByLabel('Your password').fill(ADMIN.password);
  await sign.getByRole('button', { name: 'Sign and close' }).click();
  await expect(page.getByTestId('state-badge')).toHaveText('Closed');
  await expect(page.getByTestId('ncr-steps')).toContainText('Verification → Closed');
  await expect(page.getByTestId('signatures')).toContainText('closed by Ada Admin');
  await screenshot(page, 'ncr-closed');

  // 7. back on the instrument: the calibration log links the NCR, the due date moved on
  await nav(page, 'Equipment');
  await page.getByRole('link', { name: asset }).click();
  await expect(page.getByTestId('calibration-log').getByRole('link', { name: ncrNumber })).toBeVisible();
  await expect(page.getByTestId('calibration-due')).toHaveAttribute('data-status', 'ok');
});
