import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { ADMIN } from '../env';
import { nav, screenshot, signIn } from './helpers';

/** A valid PDF padded to about `size` bytes, so the upload takes long enough to show progress. */
function pdf(marker: string, size = 2 * 1024 * 1024): Buffer {
  const head = `%PDF-1.4\n% ${marker}\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n2 0 obj\n<< /Type /Pages /Kids [] /Count 0 >>\nendobj\n`;
  const tail = 'trailer\n<< /Root 1 0 R >>\n%%EOF\n';
  const padding = `% ${'x'.repeat(70)}\n`.repeat(
    Math.max(0, Math.floor((size - head.length - tail.length) / 73)),
  );
  return Buffer.from(head + padding + tail, 'latin1');
}

const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

test('upload a PDF to the library with a progress bar, add a version, download', async ({ page }) => {
  const title = `Sampling SOP ${Date.now().toString(36)}`;
  const first = pdf('first');
  const second = pdf('second', 300 * 1024);
  await signIn(page, ADMIN);
  await nav(page, 'Documents');
  await expect(page.getByRole('heading', { name: 'Documents' })).toBeVisible();

  // Every value the upload's progress bar shows is recorded as it changes: the dialog closes as soon
  // as the upload is answered, too fast to look at the finished bar (and holding the answer back
  // with page.route is no use: in Chromium 156 an intercepted upload mostly reports no progress).
  await page.evaluate(() => {
    const seen: string[] = [];
    (window as unknown as { uploadProgress: string[] }).uploadProgress = seen;
    const record = () => {
      document.querySelectorAll('[role=progressbar][aria-label^="Upload of"]').forEach((bar) => {
        const value = bar.getAttribute('aria-valuenow');
        if (value !== null && seen.at(-1) !== value) seen.push(value);
      });
    };
    new MutationObserver(record).observe(document.body, {
      subtree: true,
      childList: true,
      attributes: true,
      attributeFilter: ['aria-valuenow'],
    });
  });
  await page.getByRole('button', { name: 'Upload document' }).first().click();
  const dialog = page.getByRole('dialog', { name: 'Upload a document' });
  await dialog.getByLabel('Title').fill(title);
  await dialog.locator('input[type=file]').first().setInputFiles({
    name: 'sampling-sop.pdf',
    mimeType: 'application/pdf',
    buffer: first,
  });

  // the new document's page, with its first version
  await expect(page.getByRole('heading', { name: new RegExp(`DOC-\\d{6} · ${title}`) })).toBeVisible();
  // the bar filled as the bytes went out, up to 100 %
  const progress = await page.evaluate(
    () => (window as unknown as { uploadProgress: string[] }).uploadProgress,
  );
  expect(progress.at(-1)).toBe('100');
  expect(progress.map(Number)).toEqual([...progress.map(Number)].sort((a, b) => a - b));
  const v1 = page.getByTestId('version-1');
  await expect(v1).toContainText('sampling-sop.pdf');
  await expect(v1).toContainText(sha256(first).slice(0, 16));

  // a new version, with a note
  await page.getByLabel('What changed').fill('Added the courier step');
  await page.locator('input[type=file]').first().setInputFiles({
    name: 'sampling-sop-v2.pdf',
    mimeType: 'application/pdf',
    buffer: second,
  });
  const v2 = page.getByTestId('version-2');
  await expect(v2).toContainText('sampling-sop-v2.pdf');
  await expect(v2).toContainText('Added the courier step');
  await expect(v2).toContainText('current');
  await screenshot(page, 'document-detail');

  // download the first version: the same bytes come back
  const downloading = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Download version 1' }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toBe('sampling-sop.pdf');
  const path = await download.path();
  expect(sha256(readFileSync(path))).toBe(sha256(first));

  // and it is in the library list
  await nav(page, 'Documents');
  await expect(page.getByRole('link', { name: title }).or(page.getByText(title)).first()).toBeVisible();
  await screenshot(page, 'documents-library');
});

test('a controlled document goes to review, is sent back with a reason, and is approved', async ({
  page,
}) => {
  const title = `Receipt SOP ${Date.now().toString(36)}`;
  await signIn(page, ADMIN);
  await nav(page, 'Documents');
  await page.getByRole('button', { name: 'Upload document' }).first().click();
  const dialog = page.getByRole('dialog', { name: 'Upload a document' });
  await dialog.getByLabel('Title').fill(title);
  await dialog.getByRole('combobox', { name: 'Kind' }).click();
  await page.getByRole('option', { name: 'Controlled document' }).click();
  await dialog.getByRole('combobox', { name: 'Category' }).click();
  await page.getByRole('option', { name: 'SOP', exact: true }).click();
  await dialog
    .locator('input[type=file]')
    .first()
    .setInputFiles({
      name: 'receipt-sop.pdf',
      mimeType: 'application/pdf',
      buffer: pdf('receipt', 4096),
    });
  await expect(page.getByRole('heading', { name: new RegExp(`DOC-\\d{6} · ${title}`) })).toBeVisible();
  // the actions are pressed from the keyboard: the toasts of the previous step sit over the header

  await page.getByRole('button', { name: 'Send for review' }).press('Enter');
  await expect(page.getByText('The document is in review.')).toBeVisible();
  // the reviewer sends it back, saying why; the authors read it at the top of the page
  await page.getByRole('button', { name: 'Send back' }).press('Enter');
  const back = page.getByRole('dialog', { name: 'Send back to the authors' });
  await back.getByLabel('Reason').fill('Section 4 lacks the courier step');
  await back.getByRole('button', { name: 'Send back' }).click();
  const note = page.getByRole('alert').filter({ hasText: 'Sent back by the reviewer' });
  await expect(note).toContainText('Section 4 lacks the courier step');

  // fixed and sent again; approved (the admin's override of the four-eyes rule), the note is gone
  await page.getByRole('button', { name: 'Send for review' }).press('Enter');
  await expect(page.getByRole('button', { name: 'Approve' })).toBeVisible();
  await page.getByRole('button', { name: 'Approve' }).press('Enter');
  await page
    .getByRole('dialog', { name: 'Approve this version?' })
    .getByRole('button', { name: 'Approve' })
    .click();
  await expect(page.getByText('Approved: the latest version is now current.')).toBeVisible();
  await expect(note).toBeHidden();
});
